"""Issue 12 item 4: every question type, answered wrong then right by keyboard only, in real
Chromium — the SCORM 1.2 interactions scorm-again receives (RTE 3.4.4), the cmi5
"answered" statements the project's LRS receives (xAPI 1.0.3 §2.4.4.1 interaction types
and correct-response patterns, checked by xapi-validation and the cmi5 rules), and axe-core
at 1280 and 375 px.

The course is tests/roots/questions: one check of each type (matching, ordering, fill-in,
numeric as a value and as a range, likert, and a shuffled single choice), two tries each.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from scormbuild import model as m
from scormbuild.pipeline import build, load_and_check
from tests.conftest import ROOTS
from tests.xapi import cmi5_rules
from tests.xapi.cmi5_rules import has_verb
from tests.xapi.fixtures import lms, ralph, ralph_or_reason, xapi_validator  # noqa: F401
from tests.xapi.lms import TestLMS

from .conftest import Site, build_module
from .test_scorm12 import api_log, cmi, launch

pytestmark = pytest.mark.browser

COURSE = ROOTS / "questions"
MODULE = "kinds"
CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"

# What the learner types or picks, per check: (wrong answer, right answer). Matching: the
# target text for each source in order; ordering: the item text for each position.
ANSWERS: dict[str, tuple[Any, Any]] = {
    "goal-kinds": (["Moving towards"] * 3,
                   ["Moving towards", "Moving away from a problem", "Moving towards"]),
    "plan-steps": (["Name a goal", "Explore your vision", "Plan small steps", "Celebrate a win"],
                   ["Explore your vision", "Name a goal", "Plan small steps", "Celebrate a win"]),
    "core-word": ("equal", "  Reciprocal "),  # spacing collapsed, case ignored
    "week-days": ("5", "7"),
    "step-range": ("9", "3"),
    "feel-ready": (None, "Ready"),           # an opinion: answered once, never wrong
    "listen-first": ("Advice", "Listening"),
}
# SCORM 1.2 (RTE 3.4.4): type, correct_responses patterns, the wrong and the right student_response.
SCORM: dict[str, tuple[str, list[str], str | None, str]] = {
    "goal-kinds": ("matching", ["a.a,b.b,c.a"], "a.a,b.a,c.a", "a.a,b.b,c.a"),
    "plan-steps": ("sequencing", ["a,b,c,d"], "b,a,c,d", "a,b,c,d"),
    "core-word": ("fill-in", ["reciprocal", "two-way"], "equal", "Reciprocal"),
    "week-days": ("numeric", ["7"], "5", "7"),
    "step-range": ("numeric", [], "9", "3"),  # SCORM 1.2 has no numeric range pattern
    "feel-ready": ("likert", [], None, "c"),
    "listen-first": ("choice", ["a"], "b", "a"),
}
# xAPI: interactionType, correctResponsesPattern (None: none), the wrong and right responses.
XAPI: dict[str, tuple[str, list[str] | None, str | None, str]] = {
    "goal-kinds": ("matching", ["1[.]a[,]2[.]b[,]3[.]a"], "1[.]a[,]2[.]a[,]3[.]a", "1[.]a[,]2[.]b[,]3[.]a"),
    "plan-steps": ("sequencing", ["a[,]b[,]c[,]d"], "b[,]a[,]c[,]d", "a[,]b[,]c[,]d"),
    "core-word": ("fill-in", ["reciprocal", "two-way"], "equal", "Reciprocal"),
    "week-days": ("numeric", ["7"], "5", "7"),
    "step-range": ("numeric", ["2[:]4"], "9", "3"),
    "feel-ready": ("likert", None, None, "c"),
    "listen-first": ("choice", ["a"], "b", "a"),
}


@pytest.fixture(scope="module")
def kinds() -> m.Module:
    course, diags = load_and_check(COURSE)
    assert course is not None and not any(d.is_error for d in diags), diags
    return course.modules[0]


@pytest.fixture(scope="module")
def package(site: Site, tmp_path_factory: pytest.TempPathFactory) -> str:
    site.add_package("questions", build_module(COURSE, MODULE, tmp_path_factory.mktemp("q")))
    return "questions"


# --- the keyboard-only learner -----------------------------------------------------------

def press_to_option(frame: Any, select: str, text: str) -> None:
    """On a focused closed <select>, ArrowDown/ArrowUp move the selection (no mouse)."""
    options = frame.eval_on_selector(select, "s => [...s.options].map(o => o.textContent.trim())")
    at = frame.eval_on_selector(select, "s => s.selectedIndex")
    want = options.index(text)
    for _ in range(abs(want - at)):
        frame.page.keyboard.press("ArrowDown" if want > at else "ArrowUp")
    assert frame.eval_on_selector(select, "s => s.options[s.selectedIndex].textContent.trim()") == text


def keyboard_answer(frame: Any, check: m.KnowledgeCheck, answer: Any) -> None:
    """Answer with keys only: focus moves by Tab; the form is submitted with Enter."""
    form = f"#sb-q-{check.id}"
    kb = frame.page.keyboard
    first = frame.locator(f"{form} select, {form} input").first
    first.focus()
    if check.type in ("matching", "ordering"):
        selects = [f"{form} select[data-source='{key}']" for key in
                   frame.eval_on_selector_all(f"{form} select", "ss => ss.map(s => s.dataset.source)")]
        for index, (select, text) in enumerate(zip(selects, answer)):
            assert frame.evaluate("() => document.activeElement.dataset.source") == select.split("'")[1]
            press_to_option(frame, select, text)
            kb.press("Tab")
    elif check.type in ("fill-in", "numeric"):
        kb.type(answer)
        kb.press("Enter")  # implicit submission (HTML §4.10.21.2)
        return
    else:  # radios: arrows move and select within the group; Space selects the first
        labels = frame.eval_on_selector_all(f"{form} .sb-choice label", "ls => ls.map(l => l.firstChild.textContent.trim())")
        kb.press("Space")
        for _ in range(labels.index(answer)):
            kb.press("ArrowDown")
        kb.press("Tab")
    assert frame.evaluate("() => document.activeElement.type") == "submit"
    kb.press("Enter")


def wrong_then_right(frame: Any, check: m.KnowledgeCheck) -> None:
    wrong, right = ANSWERS[check.id]
    form = f"#sb-q-{check.id}"
    if wrong is not None:
        keyboard_answer(frame, check, wrong)
        frame.wait_for_selector(f"{form}.is-answered")
        assert "1 try left" in frame.inner_text(f"{form} .sb-feedback")
        assert frame.evaluate("() => document.activeElement.dataset.action") == "retry"  # focus went there
        frame.page.keyboard.press("Enter")
        assert not frame.locator(f"{form}.is-answered").count()
    keyboard_answer(frame, check, right)
    frame.wait_for_selector(f"{form}.is-answered")
    assert frame.locator(f'{form} [data-action="retry"]').is_hidden()


def play(frame: Any, module: m.Module) -> None:
    frame.click('.sb-pager [data-action="next"]')
    for check in module.checks:
        wrong_then_right(frame, check)
    frame.click('.sb-pager [data-action="next"]')


# --- SCORM 1.2 ---------------------------------------------------------------------------

def test_every_type_by_keyboard_records_scorm12_interactions(context, site, package, kinds) -> None:  # type: ignore[no-untyped-def]
    page, frame = launch(context, site, package)
    play(frame, kinds)
    assert frame.inner_text(".sb-status").endswith("Passed")
    frame.click('.sb-tools [data-action="exit"]')
    data = cmi(page)
    assert (data["core"]["lesson_status"], data["core"]["score"]["raw"]) == ("passed", "100")
    recs = [data["interactions"][str(n)] for n in range(len(data["interactions"]))]
    expected = []
    for check in kinds.checks:
        kind, patterns, wrong, right = SCORM[check.id]
        if wrong is not None:
            expected.append((check.id, kind, patterns, wrong, "wrong"))
        expected.append((check.id, kind, patterns, right, "neutral" if kind == "likert" else "correct"))
    got = [(r["id"], r["type"], [p["pattern"] for p in r.get("correct_responses", {}).values()],
            r["student_response"], r["result"]) for r in recs]
    assert got == expected
    assert [r["weighting"] for r in recs if r["type"] == "likert"] == ["0"]
    assert [e for e in api_log(page) if e["error"] != "0"] == []
    assert page.errors == []
    page.close()


def test_right_answer_shows_only_once_final(context, site, package, kinds) -> None:  # type: ignore[no-untyped-def]
    """Tries used up on the matching check: each wrong row names its right answer, in text."""
    page, frame = launch(context, site, package)
    frame.click('.sb-pager [data-action="next"]')
    check = next(c for c in kinds.checks if c.type == "matching")
    form = f"#sb-q-{check.id}"
    keyboard_answer(frame, check, ANSWERS[check.id][0])
    assert "right answer" not in frame.inner_text(form)  # a try left: nothing given away
    frame.page.keyboard.press("Enter")  # "Try again"
    keyboard_answer(frame, check, ANSWERS[check.id][0])
    assert frame.inner_text(f"{form} [data-choice='2'] label").endswith("(right answer: Moving away from a problem)")
    assert frame.inner_text(f"{form} [data-choice='1'] label").endswith("(right)")
    page.close()


def test_shuffled_order_is_seeded_and_survives_a_reload(context, site, package, kinds) -> None:  # type: ignore[no-untyped-def]
    page, frame = launch(context, site, package)
    order = "() => [...document.querySelectorAll('#sb-q-listen-first .sb-choice')].map(c => c.dataset.choice)"
    first = frame.evaluate(order)
    assert sorted(first) == ["a", "b", "c"]
    seed = frame.evaluate("SB.player.state.seed")
    assert seed > 0
    # Deterministic: the same seed, check and try give the same order.
    frame.evaluate("SB.player.resetCheck(document.getElementById('sb-q-listen-first'))")
    assert frame.evaluate(order) == first
    orders = set()
    for s in range(1, 40):
        frame.evaluate(f"SB.player.state.seed = {s}; SB.player.resetCheck(document.getElementById('sb-q-listen-first'))")
        orders.add(tuple(frame.evaluate(order)))
    assert len(orders) > 1  # the seed does change the order
    page.close()


# --- cmi5 --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cmi5_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("qcmi5")
    result = build(COURSE, out / "zips", formats=("cmi5",))
    assert result.ok, result.diagnostics
    with zipfile.ZipFile(result.built[0].path) as zf:
        zf.extractall(out / "cmi5")
    return out / "cmi5"


def test_every_type_by_keyboard_sends_cmi5_answered(lms: TestLMS, xapi_validator, cmi5_folder, context,  # noqa: F811
                                                   kinds) -> None:
    base = lms.mount("cmi5", cmi5_folder)
    au = f"https://example.org/courses/questions/{MODULE}"
    launch_ = lms.cmi5_launch(f"{base}{MODULE}/index.html", publisher_id=au, mastery_score=0.6,
                              move_on="CompletedAndPassed")
    page = context.new_page()
    page.goto(launch_.url)
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    play(page.main_frame, kinds)
    page.click('.sb-tools [data-action="exit"]')
    lms.wait_for_verb("terminated", registration=launch_.registration, timeout=40)
    page.wait_for_url("**/lms/returned/**", timeout=20_000)
    stmts = lms.statements_for(launch_.registration)
    assert xapi_validator(stmts) == []
    assert cmi5_rules.check(stmts, launch_.session, expect_satisfied=True) == []
    answered = [st for st in stmts if has_verb(st, "answered")]
    expected = []
    for check in kinds.checks:
        kind, patterns, wrong, right = XAPI[check.id]
        if wrong is not None:
            expected.append((check.id, kind, patterns, wrong, False))
        expected.append((check.id, kind, patterns, right, None if kind == "likert" else True))
    got = [(st["object"]["id"].rsplit("/", 1)[1], st["object"]["definition"]["interactionType"],
            st["object"]["definition"].get("correctResponsesPattern"), st["result"]["response"],
            st["result"].get("success")) for st in answered]
    assert got == expected
    matching = next(st for st in answered if st["object"]["definition"]["interactionType"] == "matching")
    definition = matching["object"]["definition"]
    assert [c["id"] for c in definition["source"]] == ["1", "2", "3"]
    assert [c["description"]["en"] for c in definition["target"]] == ["Moving towards", "Moving away from a problem"]
    likert = next(st for st in answered if st["object"]["definition"]["interactionType"] == "likert")
    assert [c["description"]["en"] for c in likert["object"]["definition"]["scale"]][2] == "Ready"
    passed = next(st for st in stmts if has_verb(st, "passed"))
    assert passed["result"]["score"]["raw"] == 100  # the likert is not scored: 6 of 6
    page.close()


# --- accessibility -----------------------------------------------------------------------

@pytest.mark.parametrize("width", [1280, 375])
def test_every_type_passes_axe_open_retrying_and_final(context, site, package, kinds, width, artifacts) -> None:  # type: ignore[no-untyped-def]
    from .test_accessibility import axe, describe

    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.package_url(package))
    page.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    page.click('.sb-pager [data-action="next"]')
    found = {"open": axe(page)}
    frame = page.main_frame
    for check in kinds.checks:
        wrong = ANSWERS[check.id][0]
        if wrong is not None:
            keyboard_answer(frame, check, wrong)
    found["retrying"] = axe(page)
    for check in kinds.checks:
        wrong = ANSWERS[check.id][0]
        if wrong is not None:
            frame.click(f"#sb-q-{check.id} [data-action='retry']")
            keyboard_answer(frame, check, wrong)  # tries used up: final, right answers shown
        else:
            keyboard_answer(frame, check, ANSWERS[check.id][1])
    found["final"] = axe(page)
    assert not any(found.values()), describe(found)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll at 375
    page.screenshot(path=str(artifacts / f"questions-{width}.png"), full_page=True)
    page.close()


def test_a_rebuild_that_adds_a_check_keeps_saved_answers_readable(context, site, package, kinds,  # type: ignore[no-untyped-def]
                                                                  tmp_path) -> None:
    """State codes come from ids alone: answers, tries and the retake count saved by one build
    read back in a later build with a check added before them; the new check is unanswered."""
    import shutil

    page, frame = launch(context, site, package)
    frame.click('.sb-pager [data-action="next"]')
    for check in kinds.checks[:3]:
        wrong_then_right(frame, check)
    frame.evaluate("SB.player.state.retakes = 1")
    saved = frame.evaluate("SB.codec.encode(SB.player.state, true)")
    before = frame.evaluate("({answers: SB.player.state.answers, tries: SB.player.state.tries})")
    page.close()

    grown = tmp_path / "grown"
    shutil.copytree(COURSE, grown)
    lesson = grown / "modules/01-kinds/01-questions.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("```check\nid: goal-kinds", "```check\nid: added-first\ntype: true-false\n"
                                   "prompt: Listening comes first.\nanswer: true\n```\n\n```check\nid: goal-kinds", 1),
                      encoding="utf-8")
    site.add_package("grown", build_module(grown, MODULE, tmp_path / "dist"))
    page2, frame2 = launch(context, site, "grown")
    back = frame2.evaluate("d => SB.codec.decode(d)", saved)
    assert (back["answers"], back["tries"], back["retakes"]) == (before["answers"], before["tries"], 1)
    assert "added-first" not in back["answers"]
    page2.close()
