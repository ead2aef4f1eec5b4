"""Issue 12 item 5: the author checks of the new question keys — every problem of a course
reported at once, each with file:line:col, what is wrong and the fix."""
from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.pipeline import load_and_check
from tests.conftest import edit

QUESTIONS = "course/modules/01-kinds/01-questions.md"
MODULE = "course/modules/01-kinds/module.yaml"


@pytest.fixture
def questions(root_factory) -> Path:  # type: ignore[no-untyped-def]
    return root_factory("questions")  # type: ignore[no-any-return]


def found(course: Path) -> list[tuple[str, str, str, str]]:
    return [(d.code, str(d.location), d.message, d.hint) for d in load_and_check(course, display=course)[1]]


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
    got = found(questions)
    assert got == [
        ("matching.no-partner", f"{QUESTIONS}:11:5", "pair 1 of matching check 'goal-kinds' has no target",
         "add 'target: ...' to the pair: every target needs its partner"),
        ("ordering.one-item", f"{QUESTIONS}:18:1",
         "ordering check 'plan-steps' has 1 item(s): nothing to put in order",
         "list at least two items under 'choices', in their right order"),
        ("fill-in.no-answer", f"{QUESTIONS}:27:1", "fill-in check 'core-word' accepts no answer",
         "list the accepted answers: 'accept: [reciprocal, two-way]'"),
        ("numeric.no-answer", f"{QUESTIONS}:33:1", "numeric check 'week-days' gives no right answer",
         "write 'answer: 7', or a range with 'min:' and 'max:'"),
        ("numeric.empty-range", f"{QUESTIONS}:39:1",
         "numeric check 'step-range' accepts nothing: min 4 is above max 2", "swap 'min' and 'max'"),
    ]


def test_a_pass_mark_no_scored_check_can_reach(questions: Path) -> None:
    md = questions / "modules/01-kinds/01-questions.md"
    text = md.read_text(encoding="utf-8")
    likert = text[text.index("```check\nid: feel-ready"):text.index("```check\nid: listen-first")]
    md.write_text(text.split("```check")[0] + likert, encoding="utf-8")  # the likert scale only
    edit(questions / "modules/01-kinds/module.yaml", "number: 1\n", "number: 1\nmastery_score: 80\n")
    assert found(questions) == [
        ("pass-mark.unreachable", f"{MODULE}:3:16",
         "module 'kinds' has a pass mark of 80% but no scored check: its 1 check(s) are likert scales, "
         "which are never right or wrong",
         "add a scored knowledge check (e.g. 'type: single'), or remove 'mastery_score'"),
    ]


def test_attempts_must_be_a_number_or_unlimited(questions: Path) -> None:
    edit(questions / "course.yaml", "attempts: 2", "attempts: often")
    assert found(questions) == [
        ("key.value", "course/course.yaml:8:11", "'attempts' is 'often', not a number of tries",
         "write 'attempts: 2' (any whole number from 1) or 'attempts: unlimited'"),
    ]
