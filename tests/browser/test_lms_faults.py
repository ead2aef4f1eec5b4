"""Issue 13: a runtime that survives real LMSs (SCORM 1.2, tests/roots/minimal in scorm-again).

Each misbehaviour of a real LMS (../shared/design/LMS-NOTES.md) is injected by the test LMS
page around the real scorm-again API (window.__SB_FAULTS, see tests/browser/lms/lms.html).
Every test asserts what the learner sees (the content renders, a non-blocking notice says
what happened) and what the LMS finally holds: nothing lost, nothing duplicated. Where the
LMS could not take the work, the same browser's next launch sends it.
"""
from __future__ import annotations

import json
import zipfile

import pytest

from scormbuild import model as m
from scormbuild.load import load_course
from scormbuild.pipeline import build
from tests.conftest import ROOTS

from .conftest import Site, build_module
from .learner import Learner, Plan
from .test_scorm12 import resume_data

pytestmark = pytest.mark.browser

MINIMAL = ROOTS / "minimal"
TWO = ROOTS / "two-modules"
WRITES = {"LMSSetValue", "LMSCommit"}


@pytest.fixture(scope="module")
def minimal() -> tuple[m.Course, m.Module]:
    course, _ = load_course(MINIMAL)
    assert course is not None
    return course, course.modules[0]


@pytest.fixture(scope="module")
def package(site: Site, tmp_path_factory: pytest.TempPathFactory) -> str:
    site.add_package("faults", build_module(MINIMAL, "basics", tmp_path_factory.mktemp("faults")))
    return "faults"


def open_lms(context, site: Site, sco: str, faults: dict | None = None, initial: dict | None = None):  # type: ignore[no-untyped-def]
    """The test LMS page with `sco` (a path under pkg/) in its frame; returns the page."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.add_init_script(f"window.__SB_FAULTS = {json.dumps(faults or {})};"
                         f"window.__SB_INITIAL_CMI = {json.dumps(initial)};")
    url = f"{site.url}/lms/lms.html?sco=../pkg/{sco}"
    if not (faults or {}).get("popup"):
        page.goto(url)
        return page
    with page.expect_popup() as popup:
        page.goto(url)
    page.popup = popup.value
    return page


def player(page):  # type: ignore[no-untyped-def]
    """The SCO's frame once the player has started."""
    frame = page.wait_for_selector("iframe").content_frame()
    frame.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    return frame


def stored(page, sco: str) -> dict:  # type: ignore[no-untyped-def]
    """What the LMS keeps for the SCO (and hands back at its next launch)."""
    return page.evaluate("sco => lms.data(sco)", f"../pkg/{sco}")


def calls(page, fn: str | None = None) -> list[dict]:  # type: ignore[no-untyped-def]
    log = page.evaluate("window.__lmsLog")
    return [e for e in log if fn is None or e["fn"] == fn]


def notice(frame) -> str:  # type: ignore[no-untyped-def]
    return frame.evaluate("document.querySelector('#sb-notice').dataset.kind || ''")


def wait_notice(frame, kind: str) -> None:  # type: ignore[no-untyped-def]
    frame.wait_for_function("k => document.querySelector('#sb-notice.is-shown') && "
                            "document.querySelector('#sb-notice').dataset.kind === k", arg=kind)


def decode(frame, data: str) -> dict:  # type: ignore[no-untyped-def]
    return frame.evaluate("d => SB.codec.decode(d)", data)


def interactions(data: dict) -> list[tuple[str, str]]:
    got = data.get("interactions") or {}
    return [(got[str(n)]["id"], got[str(n)]["result"]) for n in range(len(got))]


def expected_interactions(module: m.Module, wrong: set[str] = frozenset()) -> list[tuple[str, str]]:  # type: ignore[assignment]
    return [(c.id, "wrong" if c.id in wrong else "correct") for c in module.checks]


def play_all(frame, minimal, plan: Plan | None = None) -> Learner:  # type: ignore[no-untyped-def]
    learner = Learner(frame, *minimal, plan or Plan())
    learner.play()
    learner.next()
    return learner


# --- (1) the API only through window.opener --------------------------------------------

def test_api_found_through_the_opener_of_a_popup(context, site, package, minimal):  # type: ignore[no-untyped-def]
    page = open_lms(context, site, f"{package}/index.html", {"popup": True})
    sco = page.popup
    sco.wait_for_function("() => window.SB && SB.player && SB.player.started === true")
    assert sco.evaluate("SB.player.trackerName") == "scorm12"
    assert sco.evaluate("window.parent === window && !!window.opener")
    learner = play_all(sco.main_frame, minimal)
    assert notice(sco.main_frame) == ""  # an LMS like any other: nothing to tell the learner
    learner.exit()
    data = stored(page, f"{package}/index.html")
    assert data["core"]["lesson_status"] == "passed"
    assert interactions(data) == expected_interactions(minimal[1])
    assert [e for e in calls(page) if e["error"] != "0"] == []
    page.close()


# --- (2) LMSInitialize throws ---------------------------------------------------------

def test_initialize_that_throws_still_shows_the_lesson_and_keeps_the_work(context, site, package, minimal):  # type: ignore[no-untyped-def]
    _, module = minimal
    page = open_lms(context, site, f"{package}/index.html", {"initThrowsFrom": 1})
    frame = player(page)
    wait_notice(frame, "lmsStart")
    assert frame.evaluate("SB.player.trackerName") == "standalone"
    learner = play_all(frame, minimal)
    assert learner.view() == "end"
    assert frame.is_visible(".sb-view.is-current h1")
    learner.exit()
    # The LMS was never opened: it was asked nothing else and holds nothing.
    assert [e["fn"] for e in calls(page)] == ["LMSInitialize"] and calls(page)[0]["ret"] == "throw"
    assert stored(page, f"{package}/index.html")["core"]["lesson_status"] == "not attempted"
    assert page.errors == []
    page.close()

    # Next launch in the same browser, the LMS working: the work reaches it, once.
    page = open_lms(context, site, f"{package}/index.html")
    frame = player(page)
    assert notice(frame) == ""
    assert frame.evaluate("SB.player.view") == len(module.lessons) - 1
    for key, text in learner.written.items():
        if "." in key:
            assert frame.input_value(f'textarea[data-prompt="{key}"]') == text
    Learner(frame, *minimal).exit()
    data = stored(page, f"{package}/index.html")
    assert (data["core"]["lesson_status"], data["core"]["score"]["raw"]) == ("passed", "100")
    assert decode(frame, data["suspend_data"])["answers"].keys() == {c.id for c in module.checks}
    assert [e for e in calls(page) if e["error"] != "0"] == []
    page.close()


def test_work_kept_in_the_browser_is_merged_with_what_the_lms_holds_from_elsewhere(
        browser, context, site, package, minimal):  # type: ignore[no-untyped-def]
    """The LMS has answers from another computer; this browser, whose LMS session could not
    open, has a reflection: the next launch here keeps both."""
    course, module = minimal
    elsewhere = browser.new_context()
    page = open_lms(elsewhere, site, f"{package}/index.html")
    learner = Learner(player(page), course, module)
    learner.play(upto=2)
    learner.exit()
    held = resume_data(stored(page, f"{package}/index.html"))
    elsewhere.close()

    page = open_lms(context, site, f"{package}/index.html", {"initThrowsFrom": 1}, initial=held)
    frame = player(page)
    wait_notice(frame, "lmsStart")
    key = next(k for k in learner.written if "." in k)
    frame.evaluate("SB.player.show(1)")
    frame.fill(f'textarea[data-prompt="{key}"]', "Written here while the LMS was away.")
    page.close()  # pagehide: the standalone tracker keeps it in this browser

    page = open_lms(context, site, f"{package}/index.html", initial=held)
    frame = player(page)
    assert frame.evaluate("Object.keys(SB.player.state.answers).sort()") == sorted(c.id for c in module.checks)
    assert frame.input_value(f'textarea[data-prompt="{key}"]') == "Written here while the LMS was away."
    Learner(frame, course, module).exit()
    state = decode(frame, stored(page, f"{package}/index.html")["suspend_data"])
    assert state["answers"].keys() == {c.id for c in module.checks}
    assert state["reflections"][key] == "Written here while the LMS was away."
    page.close()


# --- (3) LMSCommit answers "false" or throws --------------------------------------------

@pytest.mark.parametrize("fault", ["commitFalse", "commitThrows"])
def test_failing_commits_are_retried_and_nothing_is_lost_or_doubled(context, site, package, minimal, fault):  # type: ignore[no-untyped-def]
    page = open_lms(context, site, f"{package}/index.html", {fault: 3})
    frame = player(page)
    wait_notice(frame, "lmsError")
    learner = play_all(frame, minimal)  # the learner goes on while the LMS fails
    wait_notice(frame, "lmsRecovered")
    learner.exit()
    commits = calls(page, "LMSCommit")
    assert [c["ret"] for c in commits[:3]] == ["false" if fault == "commitFalse" else "throw"] * 3
    assert all(c["ret"] == "true" for c in commits[3:])
    data = stored(page, f"{package}/index.html")
    assert data["core"]["lesson_status"] == "passed"
    assert interactions(data) == expected_interactions(minimal[1])
    assert decode(frame, data["suspend_data"])["reflections"] == {k: v for k, v in learner.written.items() if "." in k}
    assert page.errors == []
    page.close()


# --- (4) optional elements not implemented (401) -----------------------------------------

def test_optional_elements_the_lms_does_not_implement_are_done_without(context, site, package, minimal):  # type: ignore[no-untyped-def]
    optional = ["cmi.interactions._count", "cmi.student_data.mastery_score", "cmi.student_preference.language"]
    page = open_lms(context, site, f"{package}/index.html", {"notImplemented": optional})
    frame = player(page)
    play_all(frame, minimal, Plan(wrong={minimal[1].checks[0].id})).exit()
    assert {e["args"][0] for e in calls(page, "LMSGetValue") if e["error"] == "401"} >= {optional[0]}
    data = stored(page, f"{package}/index.html")
    # Numbered by the player itself: each answer in its own cmi.interactions.n, none overwritten.
    assert interactions(data) == expected_interactions(minimal[1], {minimal[1].checks[0].id})
    assert (data["core"]["lesson_status"], data["core"]["score"]["raw"]) == ("passed", "50")
    assert notice(frame) == ""  # nothing to tell the learner: 401 is no failure
    assert frame.evaluate("SB.trackers.scorm12.errors") == []
    page.close()


# --- (5) an LMS that truncates suspend_data silently ----------------------------------------

def test_truncated_suspend_data_is_detected_and_the_rest_stays_in_the_browser(context, site, package, minimal):  # type: ignore[no-untyped-def]
    limit = 400
    page = open_lms(context, site, f"{package}/index.html", {"truncate": limit})
    frame = player(page)
    learner = play_all(frame, minimal, Plan(reflection_chars=300))
    wait_notice(frame, "overflow")
    learner.exit()
    data = stored(page, f"{package}/index.html")
    assert len(data["suspend_data"]) <= limit
    state = decode(frame, data["suspend_data"])  # whole and readable, not cut in the middle
    assert state is not None and state["answers"].keys() == {c.id for c in minimal[1].checks}
    written = {k: v for k, v in learner.written.items() if "." in k}
    assert len(state["reflections"]) < len(written)  # some text really did not fit
    page.close()

    page = open_lms(context, site, f"{package}/index.html", initial=resume_data(data))
    frame = player(page)
    for key, text in written.items():  # the LMS's part and the browser's part together
        assert frame.input_value(f'textarea[data-prompt="{key}"]') == text
    page.close()


# --- (6) the LMS calls LMSFinish itself when it tears the frame down ----------------------

def test_lms_that_finishes_the_session_itself_loses_nothing(context, site, package, minimal):  # type: ignore[no-untyped-def]
    _, module = minimal
    page = open_lms(context, site, f"{package}/index.html", {"finishOnTeardown": True})
    frame = player(page)
    learner = play_all(frame, minimal)
    textarea = f'textarea[data-prompt="{next(k for k in learner.written if "." in k)}"]'
    learner.f.evaluate("SB.player.show(1)")
    frame.fill(textarea, "Written just before the LMS closed the activity.")  # not saved yet (debounce)
    page.evaluate("lms.close()")  # the learner sees nothing more: the frame is gone
    finishes = calls(page, "LMSFinish")
    assert [f["ret"] for f in finishes] == ["true", "false"]  # the LMS's, then the SCO's, refused
    data = stored(page, f"{package}/index.html")
    assert interactions(data) == expected_interactions(module)
    assert "Written just before" not in json.dumps(data)
    assert page.errors == []
    page.close()

    page = open_lms(context, site, f"{package}/index.html", initial=resume_data(data))
    frame = player(page)
    assert frame.input_value(textarea) == "Written just before the LMS closed the activity."
    Learner(frame, *minimal).exit()
    data = stored(page, f"{package}/index.html")
    assert "Written just before" in json.dumps(decode(frame, data["suspend_data"]))
    assert interactions(data) == []  # the answers were recorded in the first session, not again
    page.close()


# --- (7) the API disappears mid-session -----------------------------------------------------

def test_api_that_disappears_mid_session(context, site, package, minimal):  # type: ignore[no-untyped-def]
    course, module = minimal
    page = open_lms(context, site, f"{package}/index.html")
    frame = player(page)
    learner = Learner(frame, course, module)
    learner.play(upto=1)
    page.evaluate("lms.dropApi()")
    learner.next()
    learner.do_lesson(module.lessons[1])
    wait_notice(frame, "lmsError")
    learner.next()
    assert learner.view() == "end" and frame.inner_text(".sb-status").endswith("Passed")
    learner.exit()
    assert notice(frame) == "lmsKept"  # not "saved": the LMS did not take it
    data = stored(page, f"{package}/index.html")
    assert data["core"]["lesson_status"] == "incomplete"  # what the LMS had before it went
    assert page.errors == []
    page.close()

    page = open_lms(context, site, f"{package}/index.html", initial=resume_data(data))
    frame = player(page)
    assert frame.evaluate("Object.keys(SB.player.state.answers).length") == len(module.checks)
    Learner(frame, course, module).exit()
    data = stored(page, f"{package}/index.html")
    assert (data["core"]["lesson_status"], data["core"]["score"]["raw"]) == ("passed", "100")
    page.close()


# --- the whole-course bundle: SCOs switched in one Moodle-like page ----------------------------

@pytest.fixture(scope="module")
def bundle(site: Site, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    result = build(TWO, tmp_path_factory.mktemp("bundle"), formats=("scorm12",), bundle=True)
    assert result.built, [str(d) for d in result.diagnostics]
    site.add_package("bundle", result.built[0].path)
    with zipfile.ZipFile(result.built[0].path) as zf:
        scos = sorted(n for n in zf.namelist() if n.endswith("/index.html"))
    assert len(scos) == 2
    return "bundle", scos


def test_bundle_back_and_forth_when_a_second_initialize_throws(context, site, bundle):  # type: ignore[no-untyped-def]
    name, (first, second) = bundle
    a, b = f"{name}/{first}", f"{name}/{second}"
    page = open_lms(context, site, a, {"initThrowsFrom": 2})
    frame = player(page)
    assert frame.evaluate("SB.player.trackerName") == "scorm12"
    frame.click('.sb-pager [data-action="next"]')  # into its only lesson

    page.evaluate("sco => lms.open(sco)", f"../pkg/{b}")  # Moodle's table of contents
    held_a = stored(page, a)  # A's session, finished when its frame went
    assert held_a["core"]["lesson_status"] == "completed"
    frame = player(page)
    wait_notice(frame, "lmsStart")
    assert frame.is_visible(".sb-view.is-current h1")
    frame.click('.sb-pager [data-action="next"]')
    frame.click('.sb-pager [data-action="next"]')  # to the end of B: completed, in the browser
    assert frame.evaluate("SB.player.view") == "end"

    page.evaluate("sco => lms.open(sco)", f"../pkg/{a}")  # back to A: LMSInitialize throws again
    frame = player(page)
    wait_notice(frame, "lmsStart")
    assert frame.evaluate("SB.player.view") == 0  # A's bookmark, from this browser
    page.evaluate("lms.close()")

    # The LMS holds A's first session as it was finished, once; B was never opened there.
    log = calls(page)
    assert [(e["sco"].split("/")[-2], e["ret"]) for e in log if e["fn"] == "LMSInitialize"] == [
        (first.split("/")[0], "true"), (second.split("/")[0], "throw"), (first.split("/")[0], "throw")]
    assert [e["sco"] for e in log if e["fn"] == "LMSFinish"] == [f"../pkg/{a}"]
    assert stored(page, a) == held_a
    assert not [e for e in log if e["fn"] in WRITES and e["sco"] == f"../pkg/{b}"]
    assert page.errors == []
    page.close()

    # A fresh Moodle page, B opens normally: B's work from the browser reaches the LMS.
    page = open_lms(context, site, b)
    frame = player(page)
    assert frame.evaluate("SB.player.view") == 0  # B's only lesson, visited
    page.evaluate("lms.close()")
    assert stored(page, b)["core"]["lesson_status"] == "completed"
    assert [e for e in calls(page) if e["error"] != "0"] == []
    page.close()
