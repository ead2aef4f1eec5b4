"""The learner-state codec (player.js SB.codec) run in the browser on the minimal package.

The state names lessons, checks, prompts and fields by short codes derived from their ids
(player_config.state_keys). Worksheet fields are the learner's words exactly like
reflection answers: they get their own compact key ("w"), they stay out of the LMS with
`reflections: local`, and when the state is over budget the longest texts of either kind are left to the browser.
"""
from __future__ import annotations

import pytest

from scormbuild.pipeline import load_and_check
from scormbuild.player_config import state_codes, state_keys
from tests.conftest import ROOTS
from tests.writing import Pen

from .conftest import build_module

pytestmark = pytest.mark.browser

BUDGET = 4096  # SCORM 1.2 RTE 3.4.4 cmi.suspend_data


@pytest.fixture(scope="module")
def page(site, browser, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    site.add_package("codec", build_module(ROOTS / "minimal", "basics", tmp_path_factory.mktemp("codec")))
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.package_url("codec"))
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    yield page
    context.close()


def state(reflections: dict[str, str], worksheet: dict[str, str]) -> dict:
    return {"visited": ["intro"], "continues": {"intro": 1}, "answers": {"listening": "b"},
            "values": {"values": {"s": ["curiosity"], "t": "Curious."}},
            "reflections": reflections, "worksheet": worksheet}


@pytest.fixture(scope="module")
def keys() -> dict[str, dict[str, str]]:
    course, _ = load_and_check(ROOTS / "minimal")
    assert course is not None
    return state_keys(course, course.modules[0])


def test_state_names_everything_by_its_short_code(page, keys) -> None:  # type: ignore[no-untyped-def]
    s = state({"practice.1": "I noticed."}, {"vision": "To listen.", "support": ""})
    intro, check, values = keys["l"]["intro"], keys["a"]["listening"], keys["k"]["values"]
    assert page.evaluate("s => SB.codec.compact(s, true)", s) == {
        "v": 3, "l": [intro + ".1"], "a": {check: "b"},
        "k": {values: {"s": [keys["v"]["curiosity"]], "t": "Curious."}},
        "r": {keys["r"]["practice.1"]: "I noticed."}, "w": {keys["w"]["vision"]: "To listen."}}
    back = page.evaluate("s => SB.codec.decode(SB.codec.encode(s, true))", s)
    assert back == dict(s, worksheet={"vision": "To listen."}, tries={}, retakes=0, best=None, seed=0, media=[])
    # reflections: local — no words at all, only codes and choices
    assert page.evaluate("s => SB.codec.compact(s, false)", s) == {
        "v": 3, "l": [intro + ".1"], "a": {check: "b"},
        "k": {values: {"s": [keys["v"]["curiosity"]], "t": ""}}}


def test_tries_retakes_and_best_score_survive_the_codec(page, keys) -> None:  # type: ignore[no-untyped-def]
    """Issue 12 (state version 3): tries used (only past the first), the retake count and the
    best earlier score are stored by code and read back; a version 2 state reads as one try
    per answer, no retake."""
    s = dict(state({}, {}), tries={"listening": 2}, retakes=1, best=50)
    compact = page.evaluate("s => SB.codec.compact(s, true)", s)
    assert (compact["t"], compact["n"], compact["b"]) == ({keys["a"]["listening"]: 2}, 1, 50)
    back = page.evaluate("s => SB.codec.decode(SB.codec.encode(s, true))", s)
    assert (back["tries"], back["retakes"], back["best"]) == ({"listening": 2}, 1, 50)
    one_try = page.evaluate("s => SB.codec.compact(s, true)", dict(s, tries={"listening": 1}, retakes=0, best=None))
    assert not {"t", "n", "b"} & set(one_try)
    v2 = {"v": 2, "a": {keys["a"]["listening"]: "b"}}
    old = page.evaluate("o => SB.codec.expand(o)", v2)
    assert (old["answers"], old["tries"], old["retakes"], old["best"]) == ({"listening": "b"}, {}, 0, None)
    assert page.evaluate("o => SB.checkState(SB.player.cfg.checks[0], SB.codec.expand(o)).used", v2) == 1


def test_codes_depend_on_the_id_alone(keys) -> None:  # type: ignore[no-untyped-def]
    """A later build that adds lessons and prompts keeps every existing code."""
    grown = state_codes(["new-first", *keys["l"], "new-last"])
    assert {k: grown[k] for k in keys["l"]} == keys["l"]
    assert all(len(c) == 3 for table in keys.values() for c in table.values())


def test_codes_that_collide_get_longer_ones_only_for_the_colliders() -> None:
    ids = [f"lesson-{n}" for n in range(3000)]  # ~3000²/2/2¹⁸ ≈ 17 pairs share a 3-character code
    codes = state_codes(ids)
    assert len(set(codes.values())) == len(ids)
    longer = [i for i in ids if len(codes[i]) > 3]
    assert 0 < len(longer) < 100
    alone = state_codes([i for i in ids if i not in longer])
    assert all(alone[i] == codes[i] for i in alone)


def test_a_code_the_page_no_longer_knows_keeps_its_words(page, keys) -> None:  # type: ignore[no-untyped-def]
    stored = {"v": 2, "l": [keys["l"]["intro"], "zzz"], "r": {"zzz": "Words for a removed prompt."}}
    back = page.evaluate("o => SB.codec.expand(o)", stored)
    assert back["visited"] == ["intro"]  # a removed lesson is no longer visited
    assert back["reflections"] == {"zzz": "Words for a removed prompt."}
    again = page.evaluate("s => SB.codec.compact(s, true)", back)
    assert again["r"] == {"zzz": "Words for a removed prompt."}


# Written by the first release of the player (state version 1 with full ids, compressed in
# statecodec format 1, base64): learners who saved with it resume with everything.
FORMAT_1 = "!1gQExEb0USA3gLcdSnbO0LCfqNSo9D/97Nv6r/jq2GpEKCUbgpHaLi1YExgkmGl5P6ArM4PU="


def test_state_saved_by_the_first_release_still_reads(page) -> None:  # type: ignore[no-untyped-def]
    back = page.evaluate("d => SB.codec.decode(d)", FORMAT_1)
    assert back["visited"] == ["intro"] and back["continues"] == {"intro": 1}
    assert back["answers"] == {"listening": "b"}
    assert back["reflections"] == {"practice.1": "I noticed that I listen better when I slow down."}


def test_plain_state_is_ascii(page) -> None:  # type: ignore[no-untyped-def]
    """CMIString4096 is ASCII (RTE 3.4.4): the learner's own accents and dashes are escaped."""
    s = state({"practice.1": "Café — “hope”."}, {})
    packed = page.evaluate("([s, max]) => SB.codec.pack(s, max, true)", [s, BUDGET])
    assert packed["data"].startswith("{") and packed["data"].isascii()
    assert page.evaluate("d => SB.codec.decode(d).reflections", packed["data"]) == {"practice.1": "Café — “hope”."}


def test_packed_state_is_ascii_without_characters_lms_escape(page) -> None:  # type: ignore[no-untyped-def]
    text = "Ünïcode — “quotes” & <tags> 100% + 'single' \\ `tick` " * 20
    data = page.evaluate("t => SB.cm.pack(t)", text)
    assert data.startswith("!2") and data.isascii()
    assert not set(data[2:]) & set(" \"'\\`<>&%+")
    assert page.evaluate("d => SB.cm.unpack(d)", data) == text


def test_over_budget_the_longest_texts_of_either_kind_stay_in_the_browser(page) -> None:  # type: ignore[no-untyped-def]
    pen = Pen()
    reflections = {f"r{i}.p": pen.take(2000) for i in range(10)}
    worksheet = {"vision": pen.take(5000), "support": pen.take(200)}
    s = state(reflections, worksheet)
    first = page.evaluate("([s, max]) => SB.codec.pack(s, max, true)", [s, BUDGET])
    assert first["dropped"][0] == "worksheet:vision"  # the longest text goes first
    assert 0 < len(first["data"]) <= BUDGET
    kept = page.evaluate("d => SB.codec.decode(d)", first["data"])
    in_lms = set(kept["reflections"]) | {f"worksheet:{k}" for k in kept["worksheet"]}
    assert in_lms | set(first["dropped"]) == set(reflections) | {"worksheet:vision", "worksheet:support"}
    assert not in_lms & set(first["dropped"])
    assert all(kept["reflections"][k] == reflections[k] for k in kept["reflections"])

    # The next save with the same words leaves out the same texts; an edited one is weighed again.
    again = page.evaluate("([s, max]) => SB.codec.pack(s, max, true)", [s, BUDGET])
    assert again == first
    s["worksheet"]["vision"] = "Short now."
    edited = page.evaluate("([s, max]) => SB.codec.pack(s, max, true)", [s, BUDGET])
    assert "worksheet:vision" not in edited["dropped"]
    assert page.evaluate("d => SB.codec.decode(d).worksheet.vision", edited["data"]) == "Short now."
