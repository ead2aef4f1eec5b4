"""core-values — a core-values block has values to offer.

A `core-values` block asks the learner to choose among the course's core values
(course.yaml `core_values`); issue 14: in a course without any it showed an empty box.

Fails::

    ```core-values
    id: values
    prompt: Which values matter most?
    ```
    # and no 'core_values:' in course.yaml → core-values.none

Passes::

    core_values: [{id: curiosity, name: Curiosity, definition: Asking to understand.}]
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "core-values"


def check(course: m.Course) -> Iterator[Diagnostic]:
    if course.core_values or course.partial:
        return  # partial: course.yaml could not be read, its core values are unknown, not absent
    for module in course.modules:
        for block in module.blocks_of(m.CoreValuesAssessment):
            yield error("core-values.none", block.loc,
                        f"core-values block '{block.id}' but the course defines no core values",
                        "list them in course.yaml under 'core_values:' (id, name, definition), "
                        "or remove the block")
