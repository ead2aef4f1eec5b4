"""pass-mark — a module's pass mark can be reached with its scored checks.

Only scored checks count towards the score (issue 12): a likert scale asks an opinion and
is never right or wrong. A module whose pass mark is set but whose checks are all unscored
can never be passed: no score is ever sent, so an LMS comparing it with the mastery score
(SCORM 1.2 CAM 2.3.4 adlcp:masteryscore, cmi5 masteryScore) waits forever. (A module with no
check at all is `mastery.no-checks`.)

Fails::

    mastery_score: 75        # module.yaml, and the module's only check is
    type: likert             # → pass-mark.unreachable

Passes: add a scored check (single, multiple, true-false, matching, ordering, fill-in,
numeric), or remove mastery_score.
"""
from __future__ import annotations

from typing import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "pass-mark"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        if module.mastery_score is not None and module.checks and not module.scored_checks:
            yield error("pass-mark.unreachable", module.mastery_loc,
                        f"module '{module.id}' has a pass mark of {module.mastery_score}% but no scored check: "
                        f"its {len(module.checks)} check(s) are likert scales, which are never right or wrong",
                        "add a scored knowledge check (e.g. 'type: single'), or remove 'mastery_score'")
