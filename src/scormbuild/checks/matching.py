"""matching — every matching pair has both partners, and there is something to match.

A matching check pairs each source (left) with a target (right); the learner picks the
target of every source from one list. A pair with no source or no target cannot be
shown or graded, and a check whose pairs all share one target asks nothing.

Fails::

    type: matching
    pairs:
      - source: I want to feel rested
        target: Moving towards
      - source: I want to stop being tired      # matching.no-partner (no target)

Passes::

    pairs:
      - source: I want to feel rested
        target: Moving towards
      - source: I want to stop being tired
        target: Moving away from a problem
"""
from __future__ import annotations

from typing import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "matching"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        for q in module.checks:
            if q.type == "matching":
                yield from _one(q)


def _one(q: m.KnowledgeCheck) -> Iterator[Diagnostic]:
    for pair in q.pairs:
        missing = [key for key, text in (("source", pair.source), ("target", pair.target)) if not text]
        if missing:
            yield error("matching.no-partner", pair.loc,
                        f"pair {pair.id} of matching check '{q.id}' has no {' and no '.join(missing)}",
                        f"add '{missing[0]}: ...' to the pair: every {missing[0]} needs its partner")
    if len({p.target for p in q.pairs if p.target}) < 2:
        yield error("matching.one-target", q.loc, f"matching check '{q.id}' has fewer than two different targets",
                    "give the pairs at least two different targets, or make it a single-choice check")
