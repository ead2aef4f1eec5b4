"""Author checks: one module per check, each with an ID, a docstring that is its user
documentation (a failing and a passing example), and `check(course)` yielding
diagnostics. `run_checks` runs them all and returns every problem at once.
"""
from __future__ import annotations

from types import ModuleType

from ..diagnostics import Diagnostic
from ..model import Course
from . import (assets, core_values, fill_in, ids, images, lessons, mastery, matching, numeric, ordering, pass_mark,
               prose, questions, state_budget, worksheet)

REGISTRY: dict[str, ModuleType] = {
    mod.ID: mod for mod in (ids, questions, matching, ordering, fill_in, numeric, images, prose, lessons, assets,
                            core_values, mastery, pass_mark, worksheet, state_budget)}


def run_checks(course: Course) -> list[Diagnostic]:
    return [d for mod in REGISTRY.values() for d in mod.check(course)]

