"""checks/numeric.py: a numeric check says which number, or which range, is right."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import QUESTIONS, edit, found


def test_a_numeric_check_without_an_answer(questions: Path) -> None:
    edit(questions / "modules/01-kinds/01-questions.md", "answer: 7\n", "")
    assert found(questions) == [
        ("numeric.no-answer", f"{QUESTIONS}:38:1", "numeric check 'week-days' gives no right answer",
         "write 'answer: 7', or a range with 'min:' and 'max:'"),
    ]


def test_a_range_with_min_above_max(questions: Path) -> None:
    edit(questions / "modules/01-kinds/01-questions.md", "min: 2\nmax: 4\n", "min: 4\nmax: 2\n")
    assert found(questions) == [
        ("numeric.empty-range", f"{QUESTIONS}:45:1",
         "numeric check 'step-range' accepts nothing: min 4 is above max 2", "swap 'min' and 'max'"),
    ]


def test_either_bound_may_be_left_open(questions: Path) -> None:
    edit(questions / "modules/01-kinds/01-questions.md", "max: 4\n", "")
    assert found(questions) == []
