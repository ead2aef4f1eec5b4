"""checks/pass_mark.py: a module's pass mark can be reached with its scored checks."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import QUESTIONS_MODULE, edit, found


def only_checks(questions: Path, *ids: str) -> None:
    """Keep only the named checks (in file order) in the questions lesson."""
    md = questions / "modules/01-kinds/01-questions.md"
    head, *fences = md.read_text(encoding="utf-8").split("```check\n")
    kept = [f for f in fences if f.split("\n", 1)[0].removeprefix("id: ") in ids]
    assert len(kept) == len(ids), ids
    md.write_text("```check\n".join([head, *kept]), encoding="utf-8")


def test_a_pass_mark_no_scored_check_can_reach(questions: Path) -> None:
    only_checks(questions, "feel-ready")  # the likert scale only
    edit(questions / "modules/01-kinds/module.yaml", "number: 1\n", "number: 1\nmastery_score: 80\n")
    assert found(questions) == [
        ("pass-mark.unreachable", f"{QUESTIONS_MODULE}:3:16",
         "module 'kinds' has a pass mark of 80% but no scored check: its 1 check(s) are likert scales, "
         "which are never right or wrong",
         "add a scored knowledge check (e.g. 'type: single'), or remove 'mastery_score'"),
    ]


def test_one_scored_check_beside_the_likert_scale_is_enough(questions: Path) -> None:
    only_checks(questions, "feel-ready", "listen-first")
    edit(questions / "modules/01-kinds/module.yaml", "number: 1\n", "number: 1\nmastery_score: 80\n")
    assert found(questions) == []
