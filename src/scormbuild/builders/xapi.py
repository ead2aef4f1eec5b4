"""What the two xAPI builders share: activity IRIs and the moveOn rule.

Activity ids are IRIs under the course's `base_iri` built from stable ids only, so an
author's edit to a title never changes them (xAPI 1.0.3 §2.4.4.1: an activity id must
keep its meaning; cmi5 §5.1/§13.1.4: AU and course ids are IRIs).
"""
from __future__ import annotations

from .. import model as m


def course_iri(course: m.Course) -> str:
    return course.base_iri


module_iri = m.module_iri


def move_on(course: m.Course, module: m.Module) -> str:
    """cmi5 §13.1.4 moveOn: a scored module needs both completion and a pass."""
    return "CompletedAndPassed" if m.mastery_for(course, module) is not None else "Completed"


def mastery_scaled(course: m.Course, module: m.Module) -> str | None:
    """cmi5 masteryScore is a decimal from 0 to 1 (§13.1.4); the course format uses percent."""
    score = m.mastery_for(course, module)
    if score is None:
        return None
    return f"{score / 100:.2f}".rstrip("0").rstrip(".")  # 75 → "0.75", 80 → "0.8", 100 → "1"
