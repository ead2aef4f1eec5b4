"""state-budget — a module's saved state fits in SCORM 1.2's cmi.suspend_data.

SCORM 1.2 RTE 3.4.4 gives cmi.suspend_data 4096 characters. The player stores the
learner's state there: ids of visited lessons, revealed parts, answers and chosen
values (never course content), plus the learner's own words. Past 4096 characters it
compresses; what still does not fit stays in the learner's browser, and the learner is
told and can download the journal — nothing is lost, but the LMS no longer has it.

This check estimates the state of a learner who did everything and wrote a typical
300 characters per prompt, in the player's compact form (mirrored from
templates/player/static/player.js `codec.compact`), compressed at the ratio the
runtime's compressor (statecodec.js) reaches on English prose: a test runs that
compressor on the course's own prose and keeps TEXT_RATIO an upper bound.

Fails: module 13 of the seed course: 27 prompts, 7 worksheet fields and a core-values
text at 300 characters each need about 4,700 characters (state-budget, warning).
Passes: module 7 (6 prompts).
"""
from __future__ import annotations

import json
from typing import Any, Iterator

from .. import model as m
from ..diagnostics import Diagnostic, warning

ID = "state-budget"
SUSPEND_DATA_MAX = 4096   # SCORM 1.2 RTE 3.4.4 cmi.suspend_data: CMIString4096
TYPICAL_CHARS = 300       # issue 4: "reflections written at a typical length"
TEXT_RATIO = 0.43         # packed characters per raw character on English prose (calibrated by a test)


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        size = estimate(course, module, TYPICAL_CHARS)
        if size > SUSPEND_DATA_MAX:
            yield warning("state-budget", module.loc,
                          f"module '{module.id}': a learner who writes {TYPICAL_CHARS} characters per prompt needs "
                          f"about {size} characters of cmi.suspend_data; SCORM 1.2 allows {SUSPEND_DATA_MAX}",
                          "what does not fit stays in the learner's browser: split the module, or set "
                          "'reflections: local' in course.yaml to keep answers out of the LMS")


def estimate(course: m.Course, module: m.Module, chars: int) -> int:
    """Characters of suspend_data for a learner who did everything, writing `chars` per prompt."""
    raw = json.dumps(worst_state(course, module, chars), separators=(",", ":"), ensure_ascii=False)
    return len(raw) if len(raw) <= SUSPEND_DATA_MAX else round(len(raw) * TEXT_RATIO)


def worst_state(course: m.Course, module: m.Module, chars: int) -> dict[str, Any]:
    text = "x" * chars
    blocks = [(lesson, b) for lesson in module.lessons for b in lesson.blocks]
    state: dict[str, Any] = {"v": 1, "l": [lesson.id for lesson in module.lessons]}
    continues = {lesson.id: sum(isinstance(b, m.Continue) for b in lesson.blocks) for lesson in module.lessons}
    state["c"] = {k: n for k, n in continues.items() if n}
    state["a"] = {b.id: ",".join(c.id for c in b.choices) for _, b in blocks if isinstance(b, m.KnowledgeCheck)}
    state["k"] = {b.id: {"s": [v.id for v in course.core_values], "t": text}
                  for _, b in blocks if isinstance(b, m.CoreValuesAssessment)}
    state["r"] = {f"{b.id}.{p.id}": text for _, b in blocks if isinstance(b, m.Reflection) for p in b.prompts}
    if module.worksheet:
        state["w"] = {f.id: text for f in module.worksheet.fields}
    return state
