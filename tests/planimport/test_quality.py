"""The evaluation over the five seed plans meets the quality bar of issue 6."""

from pathlib import Path

from doanso.planimport.evaluate import evaluate, main

EXPECTED = Path(__file__).parent / "expected"


def test_quality_bar_on_seeds():
    summary = evaluate(EXPECTED)["summary"]
    for field in ("targets", "deadlines"):
        assert summary[field]["precision"] >= 0.9, (field, summary[field])
        assert summary[field]["recall"] >= 0.9, (field, summary[field])
    assert summary["recurring"]["recall"] >= 0.9
    assert summary["number"]["precision"] == 1.0
    assert summary["date"]["precision"] == 1.0


def test_expected_files_are_complete():
    import json

    for path in EXPECTED.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert (EXPECTED.parent / data["source"]).exists()
        for key in ("targets", "deadlines", "recurring", "number", "date"):
            assert key in data, (path.name, key)


def test_evaluate_command_prints_precision_and_recall(capsys):
    assert main([str(EXPECTED)]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "targets" in out and "deadlines" in out
