"""ordering — an ordering check has at least two items to put in order.

The items are written in their right order; the learner chooses the item for each
position. With one item there is no order to find.

Fails::

    type: ordering
    choices:
      - Explore your vision          # ordering.one-item

Passes::

    type: ordering
    choices:
      - Explore your vision
      - Name a goal
"""
from __future__ import annotations

from typing import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "ordering"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        for q in module.checks:
            if q.type == "ordering" and len(q.choices) < 2:
                yield error("ordering.one-item", q.loc,
                            f"ordering check '{q.id}' has {len(q.choices)} item(s): nothing to put in order",
                            "list at least two items under 'choices', in their right order")
