"""The learner state the player saves, on the Python side of the contract.

The player (templates/player/runtime/20-codec.js) keeps a state in memory (`SB.emptyState`:
visited lessons, revealed "continue" parts, answers, reflections, core values, worksheet
fields) and stores it in `cmi.suspend_data`, the xAPI State API or localStorage as a
compact JSON object with one-letter keys, `codec.compact`, read back by `codec.expand`.
This module does the same in Python, from the same code tables
(`player_config.state_keys`), so that the build can reason about what a learner's state
will cost (checks/state_budget.py) and the tests can pin the format from both sides
(schemas/learner-state.schema.json, tests/fixtures/state/).

Versions: 1 (the first release: full ids, no worksheet) is read; 2 (short codes) is read
and written. A future version is one more branch in `expand`, one in the schema, and one
more recorded fixture. The compressed form ("!" + codec format digit, statecodec.js) is
the runtime's alone: `decode` refuses it rather than guess.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# The version codec.compact writes, and the ones codec.expand reads.
STATE_VERSION = 2
READ_VERSIONS = (1, 2)
# statecodec.js: a stored string starting with this is compressed (SB.cm.pack).
COMPRESSED_PREFIX = "!"
# The kinds of state key, each with its code table in player_config.state_keys:
# lessons, answers (checks), core-values assessments, values, reflection prompts, worksheet fields.
KINDS = ("l", "a", "k", "v", "r", "w")

Keys = dict[str, dict[str, str]]


@dataclass
class Values:
    """One core-values assessment: the chosen value ids and the learner's text."""

    s: list[str] = field(default_factory=list)
    t: str = ""


@dataclass
class LearnerState:
    """The player's state in memory (runtime/30-rules.js `SB.emptyState`), ids unabridged."""

    visited: list[str] = field(default_factory=list)
    continues: dict[str, int] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)          # check id → "a,c"
    reflections: dict[str, str] = field(default_factory=dict)      # "reflection.prompt" → text
    values: dict[str, Values] = field(default_factory=dict)        # assessment id → choices
    worksheet: dict[str, str] = field(default_factory=dict)        # field id → text

    def as_json(self) -> dict[str, Any]:
        """The shape the runtime holds, for comparing with it field by field."""
        return {"visited": list(self.visited), "continues": dict(self.continues), "answers": dict(self.answers),
                "reflections": dict(self.reflections),
                "values": {k: {"s": list(v.s), "t": v.t} for k, v in self.values.items()},
                "worksheet": dict(self.worksheet)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LearnerState:
        return cls(list(data.get("visited", [])), dict(data.get("continues", {})), dict(data.get("answers", {})),
                   dict(data.get("reflections", {})),
                   {k: Values(list(v.get("s", [])), v.get("t", "")) for k, v in data.get("values", {}).items()},
                   dict(data.get("worksheet", {})))


class Codes:
    """id ↔ short code for each kind; an id without a code (and a code without an id) is
    kept as it is, so words saved for a prompt the author removed are not lost."""

    def __init__(self, keys: Keys) -> None:
        self.to = {kind: dict(keys.get(kind, {})) for kind in KINDS}
        self.back = {kind: {code: i for i, code in table.items()} for kind, table in self.to.items()}

    def code(self, kind: str, ident: str) -> str:
        return self.to[kind].get(ident, ident)

    def ident(self, kind: str, code: str) -> str:
        return self.back[kind].get(code, code)

    def is_lesson(self, ident: str) -> bool:
        """A lesson gone from the module no longer counts as visited (an empty table: all do)."""
        return ident in self.to["l"] or not self.to["l"]


def compact(state: LearnerState, keys: Keys, with_text: bool = True) -> dict[str, Any]:
    """codec.compact: the version-2 object; `with_text=False` (reflections: local) keeps
    the learner's words out, choices and codes only."""
    codes = Codes(keys)
    out: dict[str, Any] = {"v": STATE_VERSION}
    # A visited lesson and the "continue" parts revealed in it share one entry: "code.n".
    if state.visited:
        out["l"] = [codes.code("l", i) + (f".{state.continues[i]}" if state.continues.get(i) else "")
                    for i in state.visited]
    hidden = {codes.code("l", i): n for i, n in state.continues.items() if i not in state.visited}
    if hidden:
        out["c"] = hidden
    if state.answers:
        out["a"] = {codes.code("a", i): v for i, v in state.answers.items()}
    if state.values:
        out["k"] = {codes.code("k", i): {"s": [codes.code("v", s) for s in v.s], "t": v.t if with_text else ""}
                    for i, v in state.values.items()}
    if with_text:
        out.update(_texts(codes, "r", state.reflections))
        out.update(_texts(codes, "w", state.worksheet))
    return out


def _texts(codes: Codes, kind: str, texts: dict[str, str]) -> dict[str, dict[str, str]]:
    kept = {codes.code(kind, i): t for i, t in texts.items() if t}
    return {kind: kept} if kept else {}


def expand(obj: Any, keys: Keys) -> LearnerState:
    """codec.expand: a compact object of any readable version → the state (empty for an
    object of no version this player reads, as the runtime does)."""
    if not isinstance(obj, dict) or obj.get("v") not in READ_VERSIONS:
        return LearnerState()
    codes = Codes(keys)
    ident = codes.ident if obj["v"] >= 2 else _as_stored  # version 1 stored full ids
    state = LearnerState(continues={ident("l", k): n for k, n in _map(obj.get("c")).items()})
    for entry in _list(obj.get("l")):
        parts = [str(entry)] if obj["v"] == 1 else str(entry).split(".")
        lesson = ident("l", parts[0])
        if len(parts) > 1:
            state.continues[lesson] = _int(parts[1])
        if codes.is_lesson(lesson):
            state.visited.append(lesson)
    state.answers = {ident("a", k): v for k, v in _map(obj.get("a")).items()}
    state.values = {ident("k", k): Values([ident("v", s) for s in _list(_map(v).get("s"))], _map(v).get("t") or "")
                    for k, v in _map(obj.get("k")).items()}
    state.reflections = {ident("r", k): v for k, v in _map(obj.get("r")).items()}
    state.worksheet = {ident("w", k): v for k, v in _map(obj.get("w")).items()}
    return state


def _as_stored(kind: str, ident: str) -> str:
    return ident


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _int(text: str) -> int:
    """JavaScript's `Number(s) || 0` for the digits the runtime writes."""
    try:
        return int(text)
    except ValueError:
        return 0


def encode(state: LearnerState, keys: Keys, with_text: bool = True) -> str:
    """The plain stored form, character for character what the runtime stores when it fits
    (codec.encode, then `ascii`): JSON without spaces, in ASCII only because SCORM 1.2's
    CMIString4096 is ASCII (RTE 3.4.4) — every character past U+007E as a \\u escape, as
    json's ensure_ascii writes them (lower-case hex, astral characters as surrogate pairs)."""
    return json.dumps(compact(state, keys, with_text), separators=(",", ":"), ensure_ascii=True)


def decode(data: str, keys: Keys) -> LearnerState:
    """A plain stored string → the state. The compressed form is read by the runtime only."""
    if data.startswith(COMPRESSED_PREFIX):
        raise ValueError("compressed state (statecodec.js SB.cm): only the player's runtime reads it")
    return expand(json.loads(data), keys)
