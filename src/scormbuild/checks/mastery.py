"""mastery — a mastery score needs knowledge checks to be scored from.

A module with a mastery score but no knowledge check can never be passed
(SCORM 1.2 CAM 2.3.4: adlcp:masteryscore is compared with cmi.core.score.raw).

Fails::

    mastery_score: 75             # and no 'check' block in the module → mastery.no-checks

Passes: remove mastery_score, or add knowledge checks.
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "mastery"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        if module.mastery_score is not None and not module.checks:
            yield error("mastery.no-checks", module.loc,
                        f"module '{module.id}' has a mastery score but no knowledge check",
                        "add knowledge checks, or remove 'mastery_score' from module.yaml")
