"""Plan extraction speed: a ~150,000-character plan (about 50 pages) must extract in < 0.2 s.

    python bench/planimport_bench.py

Builds the document by concatenating the seed plans (real text with real flaws),
renumbering nothing, then times `extract` after a warm-up run so start-up (imports,
regex compilation) is not counted. Prints characters per second and the ratio to a
baseline measured in the same run: a plain regex pass over the same text.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from doanso.planimport.extractor import extract  # noqa: E402

TARGET_CHARS = 150_000
LIMIT_SECONDS = 0.2


def build_document() -> str:
    seeds = sorted((ROOT / "tests" / "planimport" / "seeds").glob("*.txt"))
    parts = [p.read_text(encoding="utf-8") for p in seeds]
    body = "\n\n".join(parts)
    text = body
    while len(text) < TARGET_CHARS:
        text += "\n\n" + body
    return text[:TARGET_CHARS]


def best_of(fn, repeat: int = 9) -> tuple[float, float]:
    """Best wall time and best CPU time of `repeat` runs (CPU time is immune to a busy machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> int:
    text = build_document()
    extract(text)  # warm-up: imports, regex caches
    elapsed, cpu = best_of(lambda: extract(text))
    baseline_re = re.compile(r"\d+")
    baseline, _ = best_of(lambda: sum(1 for _ in baseline_re.finditer(text)))
    result = extract(text)
    print(f"characters:        {len(text):,}")
    print(f"extract wall time: {elapsed * 1000:.1f} ms (best of 9; limit {LIMIT_SECONDS * 1000:.0f} ms)")
    print(f"extract CPU time:  {cpu * 1000:.1f} ms")
    print(f"throughput:        {len(text) / elapsed:,.0f} characters/s (wall), {len(text) / cpu:,.0f} (CPU)")
    print(f"baseline (\\d+ scan): {baseline * 1000:.2f} ms; extract/baseline = {elapsed / baseline:.0f}x")
    print(
        f"found:             {len(result['targets'])} targets, {len(result['deadlines'])} deadlines, "
        f"{len(result['recurring'])} recurring rules, {len(result['sections'])} top-level sections"
    )
    if min(elapsed, cpu) >= LIMIT_SECONDS:
        print("FAIL: slower than the 0.2 s budget")
        return 1
    if elapsed >= LIMIT_SECONDS:
        print("WARNING: wall time over budget while CPU time is within it: the machine is busy")
    print("OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
