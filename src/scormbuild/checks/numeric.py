"""numeric — a numeric check says which number, or which range, is right.

Fails::

    type: numeric
    prompt: How many days a week?        # numeric.no-answer
    min: 5
    max: 2                               # numeric.empty-range

Passes: 'answer: 7', or 'min: 2' with 'max: 4' (either bound may be left open).
"""
from __future__ import annotations

from typing import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "numeric"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        for q in module.checks:
            if q.type != "numeric":
                continue
            if q.low is None and q.high is None:
                yield error("numeric.no-answer", q.loc, f"numeric check '{q.id}' gives no right answer",
                            "write 'answer: 7', or a range with 'min:' and 'max:'")
            elif q.low is not None and q.high is not None and q.low > q.high:
                yield error("numeric.empty-range", q.loc,
                            f"numeric check '{q.id}' accepts nothing: min {q.low:g} is above max {q.high:g}",
                            "swap 'min' and 'max'")
