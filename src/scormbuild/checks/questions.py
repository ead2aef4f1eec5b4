"""questions — every knowledge check can be answered right.

A single-choice or true/false check needs exactly one correct choice, a
multiple-response check at least one, and every check at least two choices.

Fails::

    type: single
    choices: [{text: Yes}, {text: No}]            # question.no-correct

Passes::

    type: single
    choices: [{text: Yes, correct: true}, {text: No}]
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "questions"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        for block in module.checks:
            yield from _one(block)


def _one(q: m.KnowledgeCheck) -> Iterator[Diagnostic]:
    if q.type not in ("single", "multiple", "true-false"):
        return  # the other types have their own checks (matching, fill_in, ordering, ...)
    if len(q.choices) < 2:
        yield error("question.few-choices", q.loc, f"knowledge check '{q.id}' has fewer than two choices",
                    "give the learner at least two choices")
        return
    correct = [c for c in q.choices if c.correct]
    if not correct:
        yield error("question.no-correct", q.loc, f"knowledge check '{q.id}' has no correct answer",
                    'mark one choice with "correct: true"')
    elif len(correct) > 1 and q.type != "multiple":
        yield error("question.many-correct", correct[1].loc,
                    f"{q.type} check '{q.id}' has {len(correct)} correct choices",
                    "keep one \"correct: true\", or make it 'type: multiple'")
