"""lessons — every lesson has something to show.

Fails::

    ---
    title: Summary
    ---
    (nothing else)                # lesson.empty

Passes: a lesson with prose or at least one block.
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "lessons"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        for lesson in module.lessons:
            if not any(not isinstance(b, m.Continue) for b in lesson.blocks):
                yield error("lesson.empty", lesson.loc, f"lesson '{lesson.title or lesson.id}' is empty",
                            "write its content below the front matter, or remove it from module.yaml")
