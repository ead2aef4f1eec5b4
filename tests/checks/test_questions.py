"""checks/questions.py: every knowledge check can be answered right."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import CHECK, brief, edit
from tests.conftest import diagnostics as problems


def test_check_with_no_correct_answer(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "    correct: true\n    feedback: Yes.\n", "")
    [d] = problems(course)
    assert (d.code, str(d.location), d.message, d.hint) == (
        "question.no-correct", f"{CHECK}:4:1", "knowledge check 'listening' has no correct answer",
        'mark one choice with "correct: true"')


def test_single_choice_with_two_correct(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "  - text: Waiting for your turn to talk\n",
         "  - text: Waiting for your turn to talk\n    correct: true\n")
    [d] = problems(course)
    assert (d.code, str(d.location)) == ("question.many-correct", f"{CHECK}:11:5")
    assert d.message == "single check 'listening' has 2 correct choices"


def test_a_check_with_one_choice(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "  - text: Waiting for your turn to talk\n", "")
    assert brief(course) == [("question.few-choices", CHECK, 4, 1)]
