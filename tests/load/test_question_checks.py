"""Issue 12 item 5: the new question keys load, and every problem of a course is reported
at once. Each check's own messages are tested in its module under tests/checks/
(test_matching.py, test_ordering.py, test_fill_in.py, test_numeric.py, test_pass_mark.py)."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import edit, found


def test_questions_course_has_no_problems(questions: Path) -> None:
    assert found(questions) == []


def test_every_new_question_problem_at_once(questions: Path) -> None:
    md = questions / "modules/01-kinds/01-questions.md"
    edit(md, "  - source: I want to feel rested when I wake up.\n    target: Moving towards\n",
         "  - source: I want to feel rested when I wake up.\n")
    edit(md, "accept: [reciprocal, two-way]\n", "")
    edit(md, "  - Name a goal\n  - Plan small steps\n  - Celebrate a win\n", "")
    edit(md, "min: 2\nmax: 4\n", "min: 4\nmax: 2\n")
    edit(md, "answer: 7\n", "")
    # One run reports them all, in file order (the messages: tests/checks/test_<check>.py).
    assert [(code, where.rsplit("/", 1)[1]) for code, where, _, _ in found(questions)] == [
        ("matching.no-partner", "01-questions.md:11:5"),
        ("ordering.one-item", "01-questions.md:18:1"),
        ("fill-in.no-answer", "01-questions.md:27:1"),
        ("numeric.no-answer", "01-questions.md:33:1"),
        ("numeric.empty-range", "01-questions.md:39:1"),
    ]


def test_attempts_must_be_a_number_or_unlimited(questions: Path) -> None:
    edit(questions / "course.yaml", "attempts: 2", "attempts: often")
    assert found(questions) == [
        ("key.value", "course/course.yaml:8:11", "'attempts' is 'often', not a number of tries",
         "write 'attempts: 2' (any whole number from 1) or 'attempts: unlimited'"),
    ]
