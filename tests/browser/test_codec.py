"""The learner-state codec (player.js SB.codec) run in the browser on the minimal package.

Worksheet fields are the learner's words exactly like reflection answers: they get their
own compact key ("w"), they stay out of the LMS with `reflections: local`, and when the
state is over budget the longest texts of either kind are left to the browser.
"""
from __future__ import annotations

import pytest

from tests.conftest import ROOTS

from .conftest import build_module
from .learner import prose

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


def test_worksheet_answers_have_their_own_compact_key(page) -> None:  # type: ignore[no-untyped-def]
    s = state({"practice.1": "I noticed."}, {"vision": "To listen.", "support": ""})
    assert page.evaluate("s => SB.codec.compact(s, true)", s) == {
        "v": 1, "l": ["intro"], "c": {"intro": 1}, "a": {"listening": "b"},
        "k": {"values": {"s": ["curiosity"], "t": "Curious."}}, "r": {"practice.1": "I noticed."},
        "w": {"vision": "To listen."}}
    back = page.evaluate("s => SB.codec.decode(SB.codec.encode(s, true))", s)
    assert (back["worksheet"], back["reflections"]) == ({"vision": "To listen."}, {"practice.1": "I noticed."})
    # reflections: local — no words at all, only ids and choices
    assert page.evaluate("s => SB.codec.compact(s, false)", s) == {
        "v": 1, "l": ["intro"], "c": {"intro": 1}, "a": {"listening": "b"},
        "k": {"values": {"s": ["curiosity"], "t": ""}}}


def test_over_budget_the_longest_texts_of_either_kind_stay_in_the_browser(page) -> None:  # type: ignore[no-untyped-def]
    reflections = {f"r{i}.p": prose(f"r{i}", 2000) for i in range(10)}
    worksheet = {"vision": prose("vision", 5000), "support": prose("support", 200)}
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
