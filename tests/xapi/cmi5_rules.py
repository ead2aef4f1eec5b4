"""The cmi5 rules over the statements an AU sent for one registration (one or more sessions).

    problems = check(lms.statements_for(launch.registration), launch.session,
                     expect_satisfied=True)
    assert problems == [], "\\n".join(map(str, problems))

Each problem is a `Violation` with a stable rule id, the clause of the cmi5 specification
(Quartz, AICC/CMI-5_Spec_Current cmi5_spec.md) and a readable message. Statements issued
by the LMS itself (launched, satisfied, abandoned, waived) are skipped by the AU rules.
Order within a session is the timestamp order (9.3: "the order is determined by the value
of the timestamp property"), ties kept in arrival order; `after-terminated` also checks
arrival order, since the LMS must reject what comes after Terminated (9.3.8).

Rule ids: id-uuid, id-unique, timestamp, session-id, registration, context-template,
cmi5-category, allowed-category, moveon-category, object-id, actor, score, success,
completion, duration-required, duration-format, progress, mastery, launch-mode,
initialized-first, terminated-last, after-terminated, verb-duplicate, passed-and-failed,
completed-once, passed-once, failed-after-passed, move-on.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

ADL = "http://adlnet.gov/expapi/verbs/"
W3ID = "https://w3id.org/xapi/adl/verbs/"
VERBS = {  # cmi5 9.3.1-9.3.9
    "launched": ADL + "launched", "initialized": ADL + "initialized",
    "completed": ADL + "completed", "passed": ADL + "passed", "failed": ADL + "failed",
    "abandoned": W3ID + "abandoned", "waived": W3ID + "waived",
    "terminated": ADL + "terminated", "satisfied": W3ID + "satisfied",
}
AU_VERBS = frozenset({"initialized", "completed", "passed", "failed", "terminated"})
LMS_VERBS = frozenset({"launched", "abandoned", "waived", "satisfied"})
NEEDS_DURATION = frozenset({"completed", "passed", "failed", "terminated"})  # 9.5.4.1
CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"  # 9.6.2.1
CATEGORY_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"  # 9.6.2.2
_EXT = "https://w3id.org/xapi/cmi5/context/extensions/"
EXT_SESSION, EXT_MASTERY = _EXT + "sessionid", _EXT + "masteryscore"  # 9.6.3.1, 9.6.3.2
EXT_LAUNCH_MODE, EXT_LAUNCH_URL = _EXT + "launchmode", _EXT + "launchurl"  # 9.6.3.3, 9.6.3.4
EXT_MOVE_ON, EXT_LAUNCH_PARAMETERS = _EXT + "moveon", _EXT + "launchparameters"  # 9.6.3.6-7
EXT_PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"  # 9.5.5.1
MOVE_ON: dict[str, Callable[[set[str]], bool]] = {  # 13.1.4 moveOn: which AU verbs satisfy it
    "Passed": lambda done: "passed" in done,
    "Completed": lambda done: "completed" in done,
    "CompletedAndPassed": lambda done: {"completed", "passed"} <= done,
    "CompletedOrPassed": lambda done: bool({"completed", "passed"} & done),
    "NotApplicable": lambda done: True,
}
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", re.I)
TIMESTAMP_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
_N = r"(\d+(\.\d+)?"
DURATION_RE = re.compile(rf"^P(?!$){_N}Y)?{_N}M)?{_N}W)?{_N}D)?(T(?=\d){_N}H)?{_N}M)?{_N}S)?)?$")


@dataclass(frozen=True)
class Violation:
    """One broken rule: stable id, cmi5 clause, message, the statement concerned."""

    rule: str
    clause: str
    message: str
    statement_id: str | None = None

    def __str__(self) -> str:
        where = f" (statement {self.statement_id})" if self.statement_id else ""
        return f"[{self.rule}] cmi5 {self.clause}: {self.message}{where}"

    __repr__ = __str__


@dataclass(frozen=True)
class Session:
    """What the LMS told the AU for one launch (cmi5 8.1 URL + 10 LMS.LaunchData)."""

    session_id: str
    activity_id: str
    registration: str
    launch_mode: str = "Normal"
    move_on: str = "NotApplicable"
    mastery_score: float | None = None
    context_template: Mapping[str, Any] = field(default_factory=dict)
    actor: Mapping[str, Any] | None = None

    @classmethod
    def from_launch_data(cls, data: Mapping[str, Any], activity_id: str, registration: str,
                         actor: Mapping[str, Any] | None = None) -> Session:
        template = data["contextTemplate"]
        return cls(template["extensions"][EXT_SESSION], activity_id, registration,
                   data["launchMode"], data["moveOn"], data.get("masteryScore"), template, actor)


def verb_name(st: Mapping[str, Any]) -> str:
    """The short name of a statement's verb: the last segment of its IRI."""
    return str(st.get("verb", {}).get("id", "")).rstrip("/").rsplit("/", 1)[-1]


def has_verb(st: Mapping[str, Any], verb: str) -> bool:
    """`verb` is a short name ("passed") or a full IRI."""
    return st.get("verb", {}).get("id") == verb or ("/" not in verb and verb_name(st) == verb)


def check(statements: Iterable[Mapping[str, Any]], sessions: Session | Sequence[Session], *,
          expect_satisfied: bool | None = None) -> list[Violation]:
    """All violations of the cmi5 rules (empty = conformant), for statements in arrival order.

    `sessions`: every launch of this registration (a relaunch adds one). With
    `expect_satisfied`, also check that moveOn is (True) or is not (False) met.
    """
    known = [sessions] if isinstance(sessions, Session) else list(sessions)
    by_id = {s.session_id: s for s in known}
    every = list(statements)
    au = [st for st in every if verb_name(st) not in LMS_VERBS]  # the LMS's own are skipped
    found = _ids(every)
    for st in au:
        found += _statement(st, by_id, known[0])
    # 9.3.6: a session the LMS recorded "abandoned" has ended without "terminated".
    abandoned = {_session_id(st) for st in every if verb_name(st) == "abandoned"}
    for session_id, group in _by_session(au).items():
        if session_id in by_id:
            found += _session(group, by_id[session_id], session_id in abandoned)
    defined = [st for st in au if _defined(st, by_id.get(_session_id(st), known[0]))]
    found += _registration(defined)
    if expect_satisfied is not None:
        found += _move_on(defined, known[-1], expect_satisfied)
    return found


# -- every statement -------------------------------------------------------------------

def _ids(every: list[Mapping[str, Any]]) -> list[Violation]:
    found, seen = [], set()
    for st in every:
        sid = st.get("id")
        if not isinstance(sid, str) or not UUID_RE.match(sid):
            found.append(Violation("id-uuid", "9.1", f"id {sid!r} is not a UUID", None))
        elif sid in seen:
            found.append(Violation("id-unique", "9.1", "statement id used twice", sid))
        seen.add(sid)
    return found


def _statement(st: Mapping[str, Any], by_id: Mapping[str, Session], first: Session
               ) -> list[Violation]:
    session = by_id.get(_session_id(st))
    found = [] if session else [_v(st, "session-id", "9.6.3.1",
                                   f"session id {_session_id(st)!r} is not one the LMS gave")]
    session = session or first
    found += _timestamp(st) + _context(st, session) + _durations(st)
    return found + (_defined_rules(st, session) if _defined(st, session) else _allowed_rules(st))


def _timestamp(st: Mapping[str, Any]) -> list[Violation]:
    stamp = st.get("timestamp")
    if not isinstance(stamp, str) or not TIMESTAMP_RE.match(stamp):
        return [_v(st, "timestamp", "9.7", f"timestamp {stamp!r} is not ISO 8601 with a time zone")]
    if not (stamp.endswith("Z") or stamp.endswith("+00:00")):
        return [_v(st, "timestamp", "9.7", f"timestamp {stamp} is not in UTC")]
    return []


def _context(st: Mapping[str, Any], session: Session) -> list[Violation]:
    ctx, found = st.get("context", {}), []
    if ctx.get("registration") != session.registration:
        found.append(_v(st, "registration", "9.6.1", f"registration {ctx.get('registration')!r},"
                                                     f" expected {session.registration}"))
    if not _contains(ctx, session.context_template):
        found.append(_v(st, "context-template", "10 contextTemplate",
                        "context does not include every value of the contextTemplate"))
    return found


def _durations(st: Mapping[str, Any]) -> list[Violation]:
    duration = st.get("result", {}).get("duration")
    if duration is None or (isinstance(duration, str) and DURATION_RE.match(duration)):
        return []
    return [_v(st, "duration-format", "9.5.4", f"duration {duration!r} is not ISO 8601")]


def _allowed_rules(st: Mapping[str, Any]) -> list[Violation]:
    found = []
    if _has_category(st, CATEGORY_CMI5):  # 7.1.3: "allowed" = context template, NOT the category
        found.append(_v(st, "allowed-category", "7.1.3",
                        f"'{verb_name(st)}' is not a cmi5 verb but has the cmi5 category"))
    if _has_category(st, CATEGORY_MOVEON):
        found.append(_v(st, "moveon-category", "9.6.2.2", "moveon category outside cmi5 defined"))
    return found


# -- cmi5 defined statements -----------------------------------------------------------

def _defined(st: Mapping[str, Any], session: Session) -> bool:
    """A cmi5 verb about the AU, or a cmi5 verb with the cmi5 category (7.1.3)."""
    about_au = st.get("object", {}).get("id") == session.activity_id
    return verb_name(st) in AU_VERBS and (about_au or _has_category(st, CATEGORY_CMI5))


def _defined_rules(st: Mapping[str, Any], session: Session) -> list[Violation]:
    verb, found = verb_name(st), []
    if not _has_category(st, CATEGORY_CMI5):
        found.append(_v(st, "cmi5-category", "9.6.2.1", f"'{verb}' lacks the cmi5 category"))
    if st.get("object", {}).get("id") != session.activity_id:
        found.append(_v(st, "object-id", "9.4",
                        f"object id is not the activityId {session.activity_id}"))
    if session.launch_mode != "Normal" and verb not in ("initialized", "terminated"):
        found.append(_v(st, "launch-mode", "10 launchMode",
                        f"'{verb}' sent in {session.launch_mode} mode"))
    return found + _actor(st, session) + _result(st, verb) + _mastery(st, verb, session)


def _actor(st: Mapping[str, Any], session: Session) -> list[Violation]:
    actor = st.get("actor", {})
    if actor.get("objectType") != "Agent" or "account" not in actor:
        return [_v(st, "actor", "9.2", "actor must be an Agent with an account")]
    if session.actor and actor.get("account") != session.actor.get("account"):
        return [_v(st, "actor", "8.1 actor", "actor is not the one in the launch URL")]
    return []


def _result(st: Mapping[str, Any], verb: str) -> list[Violation]:
    result, found = st.get("result", {}), []
    found += _score(st, verb, result.get("score"))
    want_success = {"passed": True, "failed": False}.get(verb)  # 9.5.2
    if result.get("success") != want_success:
        found.append(_v(st, "success", "9.5.2", f"'{verb}' has success={result.get('success')!r}, "
                                                f"must be {want_success!r}"))
    want_completion = True if verb == "completed" else None  # 9.5.3
    if result.get("completion") != want_completion:
        found.append(_v(st, "completion", "9.5.3", f"'{verb}' has completion="
                        f"{result.get('completion')!r}, must be {want_completion!r}"))
    if verb in NEEDS_DURATION and "duration" not in result:
        found.append(_v(st, "duration-required", "9.5.4.1", f"'{verb}' has no result.duration"))
    progress = result.get("extensions", {}).get(EXT_PROGRESS)
    if progress is not None and not (isinstance(progress, int) and 0 <= progress <= 100):
        found.append(_v(st, "progress", "9.5.5.1", f"progress {progress!r} is not 0..100"))
    judged = "success" in result or "completion" in result  # 9.6.2.2
    if judged != _has_category(st, CATEGORY_MOVEON):
        found.append(_v(st, "moveon-category", "9.6.2.2",
                        "moveon category must be there exactly when success/completion is"))
    return found


def _score(st: Mapping[str, Any], verb: str, score: Any) -> list[Violation]:
    if score is None:
        return []
    if verb not in ("passed", "failed"):
        return [_v(st, "score", "9.5.1", f"'{verb}' must not have a score")]
    scaled, raw = score.get("scaled"), score.get("raw")
    if scaled is not None and not 0 <= scaled <= 1:
        return [_v(st, "score", "9.5.1", f"score.scaled {scaled} is not in 0..1")]
    if raw is not None and not (score.get("min", raw + 1) <= raw <= score.get("max", raw - 1)):
        return [_v(st, "score", "9.5.1", "score.raw needs min and max with min <= raw <= max")]
    return []


def _mastery(st: Mapping[str, Any], verb: str, session: Session) -> list[Violation]:
    mastery = session.mastery_score
    if mastery is None or verb not in ("passed", "failed"):
        return []
    scaled = st.get("result", {}).get("score", {}).get("scaled")
    ext = st.get("context", {}).get("extensions", {}).get(EXT_MASTERY)
    if scaled is None:  # 10 masteryScore: pass/fail MUST be based on it
        return [_v(st, "mastery", "10 masteryScore", f"'{verb}' without score.scaled")]
    if (verb == "passed") != (scaled >= mastery):
        return [_v(st, "mastery", "9.3.4/9.3.5",
                   f"'{verb}' with scaled {scaled}, mastery {mastery}")]
    if ext != mastery:
        return [_v(st, "mastery", "9.6.3.2", f"masteryscore extension {ext!r}, expected {mastery}")]
    return []


# -- sessions and the registration -----------------------------------------------------

def _session(group: list[Mapping[str, Any]], session: Session, abandoned: bool = False
             ) -> list[Violation]:
    ordered, found = _by_time(group), []
    if verb_name(ordered[0]) != "initialized":
        found.append(_v(ordered[0], "initialized-first", "7.1.1/9.3.2",
                        f"session starts with '{verb_name(ordered[0])}'"))
    ends = [i for i, st in enumerate(group) if verb_name(st) == "terminated"]
    if verb_name(ordered[-1]) != "terminated" and not abandoned:
        found.append(_v(ordered[-1], "terminated-last", "7.1.2/9.3.8",
                        f"session ends with '{verb_name(ordered[-1])}'"))
    if ends and ends[0] < len(group) - 1:
        found.append(_v(group[ends[0] + 1], "after-terminated", "9.3.8",
                        "statement received after Terminated"))
    defined = [verb_name(st) for st in group if _defined(st, session)]
    for verb in sorted({v for v in defined if defined.count(v) > 1}):
        found.append(Violation("verb-duplicate", "9.3", f"'{verb}' {defined.count(verb)} times "
                                                        f"in session {session.session_id}"))
    if {"passed", "failed"} <= set(defined):
        found.append(Violation("passed-and-failed", "9.3", "both passed and failed in a session"))
    return found


def _registration(defined: list[Mapping[str, Any]]) -> list[Violation]:
    verbs, found = [verb_name(st) for st in _by_time(defined)], []
    for verb, clause in (("completed", "9.3.3"), ("passed", "9.3.4")):
        if verbs.count(verb) > 1:
            found.append(Violation(f"{verb}-once", clause, f"'{verb}' {verbs.count(verb)} times "
                                                           "in the registration"))
    if "passed" in verbs and "failed" in verbs[verbs.index("passed"):]:
        found.append(Violation("failed-after-passed", "9.3", "failed after passed"))
    return found


def _move_on(defined: list[Mapping[str, Any]], session: Session, expect: bool) -> list[Violation]:
    done = {verb_name(st) for st in defined}
    rule = MOVE_ON.get(session.move_on)
    if rule is None:
        return [Violation("move-on", "13.1.4", f"unknown moveOn {session.move_on!r}")]
    if rule(done) != expect:
        state = "met" if rule(done) else "not met"
        return [Violation("move-on", "10 moveOn",
                          f"moveOn {session.move_on} {state} by {sorted(done)}")]
    return []


# -- helpers ---------------------------------------------------------------------------

def _v(st: Mapping[str, Any], rule: str, clause: str, message: str) -> Violation:
    return Violation(rule, clause, message, st.get("id"))


def _session_id(st: Mapping[str, Any]) -> Any:
    return st.get("context", {}).get("extensions", {}).get(EXT_SESSION)


def _by_session(au: list[Mapping[str, Any]]) -> dict[Any, list[Mapping[str, Any]]]:
    groups: dict[Any, list[Mapping[str, Any]]] = {}
    for st in au:
        groups.setdefault(_session_id(st), []).append(st)
    return groups


def _by_time(group: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Timestamp order (9.3), stable; arrival order if any timestamp is unreadable."""
    try:
        return sorted(group, key=lambda st: datetime.fromisoformat(st["timestamp"]))
    except (KeyError, TypeError, ValueError):
        return list(group)


def _has_category(st: Mapping[str, Any], iri: str) -> bool:
    category = st.get("context", {}).get("contextActivities", {}).get("category", [])
    return any(a.get("id") == iri for a in category if isinstance(a, Mapping))


def _contains(actual: Any, template: Any) -> bool:
    """Whether `actual` holds every value of `template` unchanged (extra values allowed)."""
    if isinstance(template, Mapping):
        return isinstance(actual, Mapping) and all(
            k in actual and _contains(actual[k], v) for k, v in template.items())
    if isinstance(template, list):
        return isinstance(actual, list) and all(
            any(_contains(a, t) for a in actual) for t in template)
    return bool(actual == template)
