"""course.yaml `moodle:` → MoodleSettings, every mistake a located diagnostic.

The keys are grouped the way Moodle's SCORM settings form groups them (Appearance,
Grade, Attempts management, Activity completion, Availability), so a coordinator finds
each one where they set it by hand today. Values are words, not Moodle's numbers.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from ..diagnostics import Diagnostic, Location, error
from ..model.moodle import MoodleSettings, Status
from .fields import Fields
from .yamlpos import Node

# mod/scorm/locallib.php scorm_get_attempts_array(): "unlimited", then 1 to 6 attempts.
MAX_ATTEMPTS = 6
# mod/scorm/mod_form.php offers a maximum grade of 0 to 100.
MAX_GRADE = 100
# Moodle stores frame sizes as int(10); beyond a screen they only break the page.
MAX_PIXELS = 10000
STATUSES: tuple[Status, ...] = ("passed", "completed")


def load_moodle(node: Node | None, diags: list[Diagnostic], loc: Location) -> MoodleSettings:
    """The settings under `moodle:`, or the defaults when the key is absent."""
    if node is None:
        return MoodleSettings(loc=loc)
    f = Fields(node, "moodle", diags, node.loc)
    values: dict[str, Any] = {}
    values.update(_group(f, "display", diags, _display))
    values.update(_group(f, "grading", diags, _grading))
    values.update(_group(f, "attempts", diags, _attempts))
    values.update(_group(f, "completion", diags, _completion))
    values.update(_group(f, "available", diags, _available))
    values["mastery_overrides_status"] = f.bool("mastery_overrides_status", False)
    values["auto_continue"] = f.bool("auto_continue", False)
    values["auto_commit"] = f.bool("auto_commit", False)
    f.finish()
    settings = MoodleSettings(loc=node.loc, **values)
    return _consistent(settings, node, diags)


def _group(f: Fields, key: str, diags: list[Diagnostic],
           read: Callable[[Fields], dict[str, Any]]) -> dict[str, Any]:
    node = f.map(key)
    if node is None:
        return {}
    sub = Fields(node, f"moodle.{key}", diags, node.loc)
    values = read(sub) if sub.node.is_map and node.is_map else {}
    sub.finish()
    return values


def _choice(f: Fields, key: str, options: tuple[str, ...], default: str) -> str:
    """f.choice, except that YAML 1.1 reads an unquoted no/yes/off/on as a boolean: say so."""
    node = f.map(key)
    if node is not None and isinstance(node.value, bool):
        f.diags.append(error("key.type", node.loc, f"'{key}' was read as {str(node.value).lower()} "
                             "(YAML reads no, yes, off and on as booleans)", f"use one of: {', '.join(options)}"))
        return default
    return f.choice(key, options, default)


def _display(f: Fields) -> dict[str, Any]:
    return {"window": _choice(f, "window", ("current", "new"), "current"),
            "width": f.int("width", default=100, lo=1, hi=MAX_PIXELS),
            "height": f.int("height", default=500, lo=1, hi=MAX_PIXELS),
            "table_of_contents": _choice(f, "table_of_contents", ("side", "hidden", "popup", "disabled"), "hidden"),
            "navigation": _choice(f, "navigation", ("disabled", "under-content", "floating"), "disabled"),
            "skip_entry_page": _choice(f, "skip_entry_page", ("never", "first", "always"), "first"),
            "hide_preview": f.bool("hide_preview", False)}


def _grading(f: Fields) -> dict[str, Any]:
    return {"grading_method": _choice(f, "method", ("learning-objects", "highest", "average", "sum"), "highest"),
            "maximum_grade": f.int("maximum", default=100, lo=0, hi=MAX_GRADE)}


def _attempts(f: Fields) -> dict[str, Any]:
    return {"attempts": f.int("maximum", default=0, lo=0, hi=MAX_ATTEMPTS),
            "attempt_grade": _choice(f, "grade", ("highest", "average", "first", "last"), "highest"),
            "force_completed": f.bool("force_completed", False),
            "force_new_attempt": _choice(f, "force_new", ("never", "when-complete", "always"), "never"),
            "lock_after_final_attempt": f.bool("lock_after_final", False)}


def _completion(f: Fields) -> dict[str, Any]:
    values: dict[str, Any] = {"completion_minimum_score": f.int("minimum_score", lo=0, hi=MAX_GRADE),
                              "completion_all_scos": f.bool("all_scos", False)}
    status = f.map("status")
    if status is not None:
        values["completion_status"] = _statuses(status, f)
    return values


def _statuses(node: Node, f: Fields) -> tuple[Status, ...] | None:
    """`status: passed`, `status: [passed, completed]` (either one completes) or `status: none`."""
    items = node.value if node.is_list else [node]
    words = [item.value for item in items]
    if words == ["none"]:
        return ()
    for item in items:
        if item.value not in STATUSES:
            f.diags.append(error("key.value", item.loc, f"completion status '{item.value}' is not passed or completed",
                   "write 'status: passed', 'status: completed', 'status: [passed, completed]' or 'status: none'"))
            return None
    return tuple(w for w in STATUSES if w in words)


def _available(f: Fields) -> dict[str, Any]:
    return {"open_at": _timestamp(f, "from"), "close_at": _timestamp(f, "until")}


def _timestamp(f: Fields, key: str) -> int | None:
    node = f.map(key)
    if node is None:
        return None
    value = node.value
    if isinstance(value, dt.datetime):
        stamp = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return int(stamp.timestamp())
    if isinstance(value, dt.date):
        # A bare date means the start of that day in UTC: the same number on every machine.
        return int(dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC).timestamp())
    f.diags.append(error("key.type", node.loc, f"'{key}' must be a date",
                         f"write '{key}: 2026-02-01' or '{key}: 2026-02-01T09:00:00Z'"))
    return None


def _consistent(s: MoodleSettings, node: Node, diags: list[Diagnostic]) -> MoodleSettings:
    """Cross-key rules Moodle's form enforces (mod/scorm/mod_form.php validation())."""
    if s.open_at is not None and s.close_at is not None and s.close_at <= s.open_at:
        diags.append(error("key.value", _at(node, "available", "until"), "'until' is not after 'from'",
                           "make the activity close after it opens, or remove one of the dates"))
        s = dataclasses.replace(s, close_at=None)
    if s.completion_minimum_score is not None and s.completion_minimum_score > s.maximum_grade:
        diags.append(error("key.range", _at(node, "completion", "minimum_score"),
                           f"completion minimum_score {s.completion_minimum_score} is above the maximum grade "
                           f"{s.maximum_grade}", "lower the minimum score or raise grading.maximum"))
        s = dataclasses.replace(s, completion_minimum_score=None)
    return s


def _at(node: Node, group: str, key: str) -> Location:
    sub = node.get(group)
    leaf = sub.get(key) if sub is not None else None
    return leaf.loc if leaf is not None else node.loc
