"""Precision and recall of the plan extractor against hand-written expected JSON.

    python -m doanso.planimport.evaluate tests/planimport/expected [-v]

Each expected file names its document in "source" (relative to the expected folder's
parent, e.g. "seeds/haiphong-….txt"). Scoring follows issue 6: targets match on
(value, percent) as multisets, deadlines on date, recurring rules on (frequency,
weekday) where frequency is FREQ plus INTERVAL, metadata number and date exactly.
A first line "# Nguồn: …" / "# Source: …" in a .txt source (where a collected text
names its origin) is blanked before extraction, keeping the line numbers.
Dates listed in "neutral_dates" (ceremonies, anniversaries) and rules in
"neutral_recurring" count neither for nor against the extractor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from .extractor import extract, extract_file
from .text import read_document

__all__ = ["evaluate", "score_document", "main"]

FIELDS = ("targets", "deadlines", "recurring", "number", "date", "results")

# How `make eval-planimport` names each set: the 2025-11 blind half and blind2 to blind8 have been
# scored and read, so they are printed in full as development (blind8 was seen in the tenth round).
LABELS = {
    "expected": "seeds",
    "extra": "old 17 (tuning set of issue 6)",
    "dev_expected": "dev 2025-11",
    "blind_expected": "blind 2025-11 (đã xem)",
    "dev2_expected": "dev2 2026-12",
    "blind2_expected": "blind2 2026-12 (đã xem)",
    "dev3_expected": "dev3 2026-12b",
    "blind3_expected": "blind3 2026-12 (đã xem)",
    "dev4_expected": "dev4 2026-12c",
    "blind4_expected": "blind4 2026-12 (đã xem)",
    "dev5_expected": "dev5 2026-12d",
    "blind5_expected": "blind5 2026-12 (đã xem)",
    "dev6_expected": "dev6 2026-12e",
    "blind6_expected": "blind6 2026-12 (đã xem)",
    "dev7_expected": "dev7 2026-12f",
    "blind7_expected": "blind7 2026-12f (đã xem)",
    "dev8_expected": "dev8 2026-12g",
    "blind8_expected": "blind8 2026-12g (đã xem)",
}


def label(directory: str | Path) -> str:
    """The set's name in reports, from its folder name."""
    name = Path(directory).name
    return LABELS.get(name, name)


def _value_key(value) -> float:
    return round(float(value), 6)


def _rule_key(rule: str) -> tuple[str, int, str]:
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    return parts.get("FREQ", ""), int(parts.get("INTERVAL", "1")), parts.get("BYDAY", "")


def _match(expected: Counter, predicted: Counter, neutral: Counter) -> tuple[int, int, int, Counter, Counter]:
    tp_counter = expected & predicted
    tp = sum(tp_counter.values())
    extra = predicted - tp_counter
    false_pos = Counter({k: v for k, v in extra.items() if k not in neutral})
    missed = expected - tp_counter
    return tp, tp + sum(false_pos.values()), sum(expected.values()), false_pos, missed


def _target_key(target: dict, schema: int) -> tuple:
    key = (_value_key(target["value"]), bool(target["percent"]))
    if schema >= 2:  # a range is one target with both bounds
        vmax = target.get("value_max")
        key += (None if vmax is None else _value_key(vmax),)
    return key


def _deadline_key(item: dict, schema: int) -> tuple:
    if schema >= 2:  # a window keeps both ends
        return (item.get("start") or item["date"], item.get("end"))
    return (item["date"],)


def score_document(expected: dict, result: dict) -> dict:
    """Counts (tp, predicted, expected) per field plus the mismatches, for one document.

    Schema 2 expectations (the generalisation corpus) also match a target's `value_max` and a
    window's `end`, and score `results`; schema 1 files keep the issue-6 rules."""
    out: dict = {}
    schema = int(expected.get("schema", 1))
    exp_t = Counter(_target_key(t, schema) for t in expected.get("targets", []))
    got_t = Counter(_target_key(t, schema) for t in result.get("targets", []))
    out["targets"] = _match(exp_t, got_t, Counter())

    exp_d = Counter(_deadline_key(d, schema) for d in expected.get("deadlines", []))
    got_d = Counter(_deadline_key(d, schema) for d in result.get("deadlines", []))
    neutral_d = Counter(_deadline_key(d, schema) for d in expected.get("neutral_dates", []))
    out["deadlines"] = _match(exp_d, got_d, neutral_d)

    if schema >= 2:
        exp_r = Counter((_value_key(r["value"]), bool(r["percent"])) for r in expected.get("results", []))
        got_r = Counter((_value_key(r["value"]), bool(r["percent"])) for r in result.get("results", []))
        out["results"] = _match(exp_r, got_r, Counter())
    else:
        out["results"] = (0, 0, 0, Counter(), Counter())

    exp_r = Counter(_rule_key(r["rule"]) for r in expected.get("recurring", []))
    got_r = Counter(_rule_key(r["rule"]) for r in result.get("recurring", []))
    neutral_r = Counter(_rule_key(r["rule"]) for r in expected.get("neutral_recurring", []))
    out["recurring"] = _match(exp_r, got_r, neutral_r)

    for key in ("number", "date"):
        exp_v, got_v = expected.get(key), result.get(key)
        tp = int(exp_v is not None and exp_v == got_v)
        fp = Counter({got_v: 1}) if got_v is not None and got_v != exp_v else Counter()
        missed = Counter({exp_v: 1}) if exp_v is not None and exp_v != got_v else Counter()
        out[key] = (tp, int(got_v is not None), int(exp_v is not None), fp, missed)
    return out


def _source_path(expected_file: Path, source: str) -> Path:
    candidates = [
        expected_file.parent.parent / source,
        expected_file.parent / source,
        Path.cwd() / source,
        Path(__file__).resolve().parents[3].parent / "shared" / "seeds" / Path(source).name,
    ]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"Không tìm thấy văn bản nguồn {source} cho {expected_file.name}")


_SOURCE_HEADER = re.compile(r"#\s*(?:nguồn|source)\s*:", re.IGNORECASE)


def _extract_source(path: Path) -> dict:
    """Extract one source; a leading "# Nguồn: …" line of a text file is blanked first."""
    if path.suffix.lower() in {".txt", ".md"}:
        text = read_document(path)
        first, sep, rest = text.partition("\n")
        if _SOURCE_HEADER.match(first.lstrip("\ufeff")):
            result = extract(sep + rest)
            result["source"] = path.name
            return result
    return extract_file(path)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def evaluate(directory: str | Path) -> dict:
    """Score every expected JSON in `directory`; return per-document and total counts and ratios."""
    directory = Path(directory)
    files = sorted(directory.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"Không có tệp JSON kỳ vọng nào trong {directory}")
    documents = {}
    totals = {f: [0, 0, 0] for f in FIELDS}
    for path in files:
        expected = json.loads(path.read_text(encoding="utf-8"))
        result = _extract_source(_source_path(path, expected["source"]))
        scores = score_document(expected, result)
        documents[path.stem] = scores
        for field in FIELDS:
            tp, pred, exp = scores[field][:3]
            totals[field][0] += tp
            totals[field][1] += pred
            totals[field][2] += exp
    summary = {
        field: {
            "tp": tp,
            "predicted": pred,
            "expected": exp,
            "precision": _ratio(tp, pred),
            "recall": _ratio(tp, exp),
        }
        for field, (tp, pred, exp) in totals.items()
    }
    return {"documents": documents, "summary": summary}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đánh giá bộ đọc kế hoạch so với kết quả mong đợi viết tay.")
    parser.add_argument("directories", nargs="*", default=["tests/planimport/expected"])
    parser.add_argument("-v", "--verbose", action="store_true", help="liệt kê các mục thừa/thiếu")
    parser.add_argument(
        "--summary-only",
        action="append",
        default=[],
        metavar="DIR",
        help="chỉ in tổng (dùng cho nửa kín: không xem từng văn bản)",
    )
    args = parser.parse_args(argv)
    for directory in args.directories + args.summary_only:
        try:
            report = evaluate(directory)
        except (FileNotFoundError, json.JSONDecodeError) as exc:
            print(f"Lỗi: {exc}", file=sys.stderr)
            return 2
        print(f"== {label(directory)}: {directory} ({len(report['documents'])} documents)")
        _print(report, verbose=args.verbose, documents=directory not in args.summary_only)
        print()
    return 0


def _print(report: dict, *, verbose: bool, documents: bool) -> None:
    header = f"{'document':44} " + " ".join(f"{f:>15}" for f in FIELDS)
    if documents:
        print(header)
        print("-" * len(header))
    for name, scores in report["documents"].items() if documents else ():
        cells = []
        for field in FIELDS:
            tp, pred, exp = scores[field][:3]
            cells.append(f"{tp:>3}/{pred:<3}/{exp:<3}".rjust(15))
        print(f"{name[:44]:44} " + " ".join(cells))
        if verbose:
            for field in FIELDS:
                fp, missed = scores[field][3], scores[field][4]
                if fp:
                    print(f"    {field} extra:   {dict(fp)}")
                if missed:
                    print(f"    {field} missing: {dict(missed)}")
    if documents:
        print("-" * len(header))
        print("(cells: matched/extracted/expected)")
        print()
    print(f"{'field':12} {'precision':>10} {'recall':>8} {'matched':>8} {'extracted':>10} {'expected':>9}")
    for field, s in report["summary"].items():
        print(
            f"{field:12} {s['precision']:>10.3f} {s['recall']:>8.3f} {s['tp']:>8} "
            f"{s['predicted']:>10} {s['expected']:>9}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
