"""state-budget — a module's reflections fit in SCORM 1.2's cmi.suspend_data.

SCORM 1.2 RTE 3.4.4 gives cmi.suspend_data 4096 characters. The player stores the
learner's state there: short codes for visited lessons, revealed parts, answers, tries and
retakes, and chosen values (never course content), plus the learner's own words. Past 4096 characters it
compresses; what still does not fit stays in the learner's browser, and the learner is
told and can download the journal — nothing is lost, but the LMS no longer has all of it.

Issue 4 sets the bar: reflections written at a typical length, 300 characters in every
prompt (and the core-values text), must fit. This check estimates that state in the
player's compact form (scormbuild.state, the player's `codec.compact` in Python),
compressed at the ratio the runtime's compressor (statecodec.js) reaches on human English
it was not primed with: a test runs that compressor on the course's source material and
keeps the estimate an upper bound. Worksheet fields are not counted: a learner who also
fills all seven of module 13's at length goes past 4096, and the overflow path above
applies (tests/browser/test_scorm12.py shows it).

Fails: a module with 40 more prompts than module 13 (state-budget, warning).
Passes: module 13 of the seed course (27 prompts and a core-values text: about 3,900
characters), module 7 (6 prompts).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .. import model as m
from ..diagnostics import Diagnostic, warning
from ..player_config import state_keys

ID = "state-budget"
SUSPEND_DATA_MAX = 4096   # SCORM 1.2 RTE 3.4.4 cmi.suspend_data: CMIString4096
TYPICAL_CHARS = 300       # issue 4: "reflections written at a typical length"
# Packed characters per raw character, calibrated by tests/checks/test_state_budget.py
# against the player's compressor: the learner's words (human English), and the rest of
# the state (codes, counts and JSON punctuation: nearly random, so barely compressible).
TEXT_RATIO = 0.43
STRUCTURE_RATIO = 0.6
UNLIMITED_TRIES = 99      # a learner with unlimited tries: two digits of them per check
RETAKES = 99              # and of retakes


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        size = estimate(course, module, TYPICAL_CHARS)
        if size > SUSPEND_DATA_MAX:
            prompts, values = _counts(module)
            yield warning(ID, module.loc,
                          f"module '{module.id}': a learner who writes {TYPICAL_CHARS} characters in each of its "
                          f"{prompts} reflection prompts and {values} core-values text(s) needs about {size} "
                          f"characters of cmi.suspend_data; SCORM 1.2 allows {SUSPEND_DATA_MAX}",
                          "what does not fit stays in the learner's browser: split the module, or set "
                          "'reflections: local' in course.yaml to keep answers out of the LMS")


def _counts(module: m.Module) -> tuple[int, int]:
    blocks = [b for lesson in module.lessons for b in lesson.blocks]
    return (sum(len(b.prompts) for b in blocks if isinstance(b, m.Reflection)),
            sum(isinstance(b, m.CoreValuesAssessment) for b in blocks))


def estimate(course: m.Course, module: m.Module, chars: int, worksheet_chars: int = 0) -> int:
    """Characters of suspend_data for a learner who did everything, writing `chars` per
    reflection prompt and core-values text and `worksheet_chars` per worksheet field."""
    state = worst_state(course, module, chars, worksheet_chars)
    raw = len(_json(state))
    if raw <= SUSPEND_DATA_MAX:
        return raw
    texts = sum(len(t) for t in _texts(state))
    return round((raw - texts) * STRUCTURE_RATIO + texts * TEXT_RATIO)


def _json(state: dict[str, Any]) -> str:
    return json.dumps(state, separators=(",", ":"), ensure_ascii=False)


def _texts(state: Any) -> Iterator[str]:
    """The learner's words in a worst_state: every run of "x"."""
    if isinstance(state, dict):
        for value in state.values():
            yield from _texts(value)
    elif isinstance(state, str) and state and set(state) == {"x"}:
        yield state


ANSWER_MAX = 255  # a fill-in or numeric field takes at most this (maxlength; SCORM 1.2 CMIString255)


def _longest_answer(check: m.KnowledgeCheck) -> str:
    """The longest answer the player can store for a check (not the learner's prose: a
    fill-in answer is a word or two, but its field allows ANSWER_MAX characters)."""
    if check.type in ("fill-in", "numeric"):
        return "y" * ANSWER_MAX
    if check.type == "matching":
        last = check.targets[-1][0] if check.targets else ""
        return ",".join(f"{p.id}.{last}" for p in check.pairs)
    return ",".join(c.id for c in check.choices)


def worst_state(course: m.Course, module: m.Module, chars: int, worksheet_chars: int = 0) -> dict[str, Any]:
    """The compact state (version 3, keys coded by player_config.state_keys) of a learner who
    visited everything and chose every answer and value; their words are runs of "x"."""
    text, keys = "x" * chars, state_keys(course, module)
    blocks = [b for lesson in module.lessons for b in lesson.blocks]
    continues = {lesson.id: sum(isinstance(b, m.Continue) for b in lesson.blocks) for lesson in module.lessons}
    state: dict[str, Any] = {"v": 3, "l": [keys["l"][k] + (f".{n}" if n else "") for k, n in continues.items()]}
    checks = [b for b in blocks if isinstance(b, m.KnowledgeCheck)]
    state["a"] = {keys["a"][b.id]: _longest_answer(b) for b in checks}
    # Issue 12 (state version 3): every check tried as often as it allows (unlimited:
    # counted as UNLIMITED_TRIES), retaken RETAKES times, with a best score kept.
    state["t"] = {keys["a"][b.id]: m.attempts_for(course, module, b) or UNLIMITED_TRIES for b in checks
                  if m.attempts_for(course, module, b) != 1}
    if checks and course.retake:
        state["n"], state["b"] = RETAKES, 100
    if any(b.shuffle for b in checks):
        state["s"] = 999999  # the seed of shuffled choice orders
    state["k"] = {keys["k"][b.id]: {"s": list(keys["v"].values()), "t": text}
                  for b in blocks if isinstance(b, m.CoreValuesAssessment)}
    state["r"] = {code: text for code in keys["r"].values()} if chars else {}
    state["w"] = {code: "x" * worksheet_chars for code in keys["w"].values()} if worksheet_chars else {}
    return {k: v for k, v in state.items() if v or k == "v"}
