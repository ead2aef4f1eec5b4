"""The saved learner state: one format, written and read the same way on both sides.

schemas/learner-state.schema.json pins its shape per version; tests/fixtures/state/ holds
what released players really saved (tests/fixtures/state/record.py); today's shipped
runtime and scormbuild.state must load every one of them, and each side must read what
the other writes.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from scormbuild import state as st
from scormbuild.state import Keys, LearnerState, Values
from tests.conftest import REPO

from .conftest import Codec

SCHEMA = json.loads((REPO / "schemas" / "learner-state.schema.json").read_text(encoding="utf-8"))
FIXTURES = sorted((REPO / "tests" / "fixtures" / "state").glob("v*.json"))
BUDGET = 4096  # SCORM 1.2 RTE 3.4.4 cmi.suspend_data


def fixture(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def loaded(saved: dict[str, Any]) -> dict[str, Any]:
    """What loading a saved state gives: the state, with today's empty defaults."""
    return LearnerState.from_json(saved).as_json()


def valid(instance: Any, schema: dict[str, Any] = SCHEMA) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(instance)


def stored_schema() -> dict[str, Any]:
    return {**SCHEMA, "oneOf": [{"$ref": "#/$defs/stored"}]}


def state(**texts: str) -> LearnerState:
    return LearnerState(visited=["intro"], continues={"intro": 1, "check": 0}, answers={"listening": "b"},
                        values={"values": Values(["curiosity", "gone-value"], "Curious.")},
                        reflections={"practice.1": texts.get("r", "I noticed."), "practice.next": ""},
                        worksheet={"vision": texts.get("w", "To listen."), "unknown-field": "Kept."})


# --- every released version is pinned ------------------------------------------------


def test_every_version_read_has_a_schema_branch_and_recorded_fixtures() -> None:
    """A new state version is one schema branch, one READ_VERSIONS entry, recorded fixtures."""
    branches = [ref["$ref"] for ref in SCHEMA["oneOf"]]
    assert branches == [f"#/$defs/v{v}" for v in st.READ_VERSIONS]
    assert {fixture(p)["version"] for p in FIXTURES} == set(st.READ_VERSIONS)
    assert max(st.READ_VERSIONS) == st.STATE_VERSION
    for version in st.READ_VERSIONS:
        forms = {fixture(p)["form"] for p in FIXTURES if fixture(p)["version"] == version}
        assert forms == {"plain", "compressed", "local"}, version


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_the_runtime_loads_every_saved_state(path: Path, codec: Codec) -> None:
    saved = fixture(path)
    assert valid(saved["stored"], stored_schema())
    [back] = codec(["decode", saved["stored"]])
    assert back == loaded(saved["state"])


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_scormbuild_loads_every_saved_state(path: Path, codec: Codec, keys: Keys) -> None:
    saved = fixture(path)
    stored = saved["stored"]
    if stored.startswith(st.COMPRESSED_PREFIX):
        with pytest.raises(ValueError, match="compressed"):
            st.decode(stored, keys)
        [stored] = codec(["unpack", stored])  # the compressor is the runtime's; the object is shared
    obj = json.loads(stored)
    assert obj["v"] == saved["version"] and valid(obj)
    assert st.decode(stored, keys).as_json() == loaded(saved["state"])


# --- each side reads what the other writes ----------------------------------------------


@pytest.mark.parametrize("with_text", [True, False])
def test_python_compacts_as_the_runtime_does(with_text: bool, codec: Codec, keys: Keys) -> None:
    s = state()
    [js] = codec(["compact", s.as_json(), with_text])
    assert st.compact(s, keys, with_text) == js
    assert valid(js)


@pytest.mark.parametrize("text", [
    "Plain words.",
    "Café — “hope” ½",              # Latin-1 and general punctuation: \u escapes
    "emoji 🙂 and \x7f and \x01 tab\t", # astral (surrogate pair), DEL, control characters
    'quote " backslash \\ slash /',
])
def test_python_stores_the_string_the_runtime_stores(text: str, codec: Codec, keys: Keys) -> None:
    """The plain form character for character, ASCII only (CMIString4096, RTE 3.4.4)."""
    s = state(r=text, w=text)
    [packed] = codec(["pack", s.as_json(), BUDGET, True])
    assert st.encode(s, keys) == packed["data"]
    assert packed["data"].isascii()


def test_the_runtime_reads_what_python_writes(codec: Codec, keys: Keys) -> None:
    s = state(r="Café — 🙂", w="To listen.")
    [back] = codec(["decode", st.encode(s, keys)])
    expected = s.as_json()
    expected["reflections"] = {"practice.1": "Café — 🙂"}  # an empty answer is not stored
    expected["continues"] = {"intro": 1, "check": 0}
    for name in expected:  # field by field, so a failure names the field
        assert back[name] == expected[name], name


def test_python_reads_what_the_runtime_writes(codec: Codec, keys: Keys) -> None:
    s = state(r="Café — 🙂")
    [packed] = codec(["pack", s.as_json(), BUDGET, True])
    [js_back] = codec(["decode", packed["data"]])
    assert st.decode(packed["data"], keys).as_json() == js_back


def test_both_sides_expand_foreign_objects_alike(codec: Codec, keys: Keys) -> None:
    """Unknown codes stay as they are; lessons gone from the module are no longer visited."""
    objects: list[Any] = [
        {"v": 2, "l": ["zzz", keys["l"]["intro"] + ".2", "x.y"], "r": {"zzz": "Words for a removed prompt."},
         "k": {"qqq": {"s": ["ARD"], "t": ""}}, "c": {"nope": 3}},
        {"v": 1, "l": ["intro", "removed-lesson"], "c": {"intro": 1}},
        {"v": 3, "l": ["intro"]},   # a version this player does not know: start clean
        {"l": ["intro"]},
        None,
    ]
    js = codec(*[["expand", o] for o in objects])
    assert [st.expand(o, keys).as_json() for o in objects] == js


def test_without_code_tables_ids_are_stored_as_they_are(codec: Codec) -> None:
    s = state()
    [js] = codec(["compact", s.as_json(), True], tables=None)
    assert st.compact(s, {}) == js
    assert js["a"] == {"listening": "b"}


# --- the schema is a real constraint ----------------------------------------------------


@pytest.mark.parametrize("obj", [
    {"v": 3},                                         # no such version (yet)
    {"v": 2, "x": 1},                                 # unknown key
    {"v": 2, "w": {"abc": ""}},                       # empty texts are never stored
    {"v": 2, "l": ["abc.one"]},                       # continue counts are numbers
    {"v": 1, "w": {"abc": "words"}},                  # version 1 had no worksheet
    {"v": 2, "k": {"abc": {"s": ["x"]}}},             # a values entry has its text, maybe ""
    {"v": 2, "c": {"abc": -1}},
])
def test_the_schema_rejects_what_no_player_writes(obj: Any) -> None:
    assert not valid(obj)


@pytest.mark.parametrize("stored", ["", "!3abc", "!2 spaces", "!1not*base64", "v=2"])
def test_the_stored_forms_are_plain_json_or_a_known_compressed_format(stored: str) -> None:
    assert not valid(stored, stored_schema())
