"""fill-in — a fill-in check accepts at least one answer.

The learner's text is compared with each accepted answer (spacing and case as the check
declares), so a fill-in check with none can never be answered right.

Fails::

    type: fill-in
    prompt: The peer relationship is mutual and ____.      # fill-in.no-answer

Passes::

    type: fill-in
    prompt: The peer relationship is mutual and ____.
    accept: [reciprocal, two-way]
"""
from __future__ import annotations

from typing import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "fill-in"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        for q in module.checks:
            if q.type == "fill-in" and not any(a.strip() for a in q.accept):
                yield error("fill-in.no-answer", q.loc, f"fill-in check '{q.id}' accepts no answer",
                            "list the accepted answers: 'accept: [reciprocal, two-way]'")
