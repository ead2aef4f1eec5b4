"""checks/fill_in.py: a fill-in check accepts at least one answer."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import QUESTIONS, edit, found

HINT = "list the accepted answers: 'accept: [reciprocal, two-way]'"


def test_a_fill_in_check_without_answers(questions: Path) -> None:
    edit(questions / "modules/01-kinds/01-questions.md", "accept: [reciprocal, two-way]\n", "")
    assert found(questions) == [("fill-in.no-answer", f"{QUESTIONS}:31:1",
                                 "fill-in check 'core-word' accepts no answer", HINT)]


def test_blank_answers_are_no_answers(questions: Path) -> None:
    edit(questions / "modules/01-kinds/01-questions.md", "accept: [reciprocal, two-way]", "accept: ['  ']")
    assert found(questions) == [("fill-in.no-answer", f"{QUESTIONS}:31:1",
                                 "fill-in check 'core-word' accepts no answer", HINT)]


def test_one_answer_is_enough(questions: Path) -> None:
    edit(questions / "modules/01-kinds/01-questions.md", "accept: [reciprocal, two-way]", "accept: [reciprocal]")
    assert found(questions) == []
