"""What the LMS decides (SCORM 1.2 RTE 3.4.4), with tests/roots/minimal in scorm-again.

The minimal module has two checks and a mastery score of 50 (course default): a learner who
gets one of two right scores 50 %.
- cmi.student_data.mastery_score, when the LMS sets it (from the manifest's
  adlcp:masteryscore or its own setting), is the pass mark instead of the package's own.
- cmi.core.lesson_mode = "review" or "browse": nothing is written to the LMS. SCORM 1.2
  requires of a SCO only LMSInitialize and LMSFinish (RTE 3.3.2.1); no element is
  mandatory for it to set (RTE 3.4.4: cmi.core.session_time, exit, lesson_status, … are
  set "if" the SCO has them), so the only calls are those two and reads.
"""
from __future__ import annotations

import pytest

from scormbuild import model as m
from scormbuild.load import load_course
from tests.conftest import ROOTS

from .conftest import build_module
from .learner import Learner, Plan
from .test_scorm12 import api_log, cmi, launch

pytestmark = pytest.mark.browser

MINIMAL = ROOTS / "minimal"


@pytest.fixture(scope="module")
def minimal() -> tuple[m.Course, m.Module]:
    course, _ = load_course(MINIMAL)
    assert course is not None
    return course, course.modules[0]


@pytest.fixture(scope="module")
def package(site, tmp_path_factory: pytest.TempPathFactory) -> str:
    site.add_package("minimal", build_module(MINIMAL, "basics", tmp_path_factory.mktemp("minimal")))
    return "minimal"


def play_half_right(page, frame, minimal) -> dict:  # type: ignore[no-untyped-def]
    course, module = minimal
    learner = Learner(frame, course, module, Plan(wrong={module.checks[0].id}))
    learner.play()
    learner.next()
    status = frame.inner_text(".sb-status")
    learner.exit()
    data = cmi(page)
    data["shown"] = status
    return data


@pytest.mark.parametrize(("lms_mastery", "status", "shown"), [
    (None, "passed", "Status: Passed"),   # the package's own 50 %
    ("80", "failed", "Status: Not passed"),  # the LMS asks for 80 %
    ("40", "passed", "Status: Passed"),
])
def test_the_lms_mastery_score_decides_passed_or_failed(context, site, package, minimal, lms_mastery, status, shown):  # type: ignore[no-untyped-def]
    assert m.mastery_for(*minimal) == 50
    initial = {"student_data": {"mastery_score": lms_mastery}} if lms_mastery else None
    page, frame = launch(context, site, package, initial=initial)
    data = play_half_right(page, frame, minimal)
    assert (data["core"]["lesson_status"], data["core"]["score"]["raw"], data["shown"]) == (status, "50", shown)
    assert [e for e in api_log(page) if e["error"] != "0"] == []
    page.close()


def test_review_mode_changes_no_status_score_or_interaction(context, site, package, minimal):  # type: ignore[no-untyped-def]
    before = {"core": {"lesson_mode": "review", "lesson_status": "failed", "entry": "",
                       "score": {"raw": "0", "min": "0", "max": "100"}}}
    page, frame = launch(context, site, package, initial=before)
    _, module = minimal
    Learner(frame, *minimal).wait_ready()
    assert frame.evaluate("SB.player.mode") == "review"
    assert frame.get_attribute("#sb-notice", "data-kind") == "review"
    for index in range(len(module.lessons)):  # every lesson opened: nothing can be changed
        frame.evaluate("i => SB.player.show(i)", index)
    assert frame.evaluate("Array.from(document.querySelectorAll('.sb-lesson textarea')).every(t => t.readOnly)")
    assert frame.evaluate("Array.from(document.querySelectorAll('.sb-lesson input')).every(i => i.disabled)")
    assert frame.evaluate("Array.from(document.querySelectorAll('.sb-check [type=submit]')).every(b => b.hidden)")
    frame.click('.sb-tools [data-action="exit"]')
    core = cmi(page)["core"]
    assert (core["lesson_mode"], core["lesson_status"], core["score"]["raw"]) == ("review", "failed", "0")
    assert cmi(page)["interactions"] == {}
    assert_reads_only(page)
    page.close()


def assert_reads_only(page) -> None:  # type: ignore[no-untyped-def]
    """LMSInitialize, reads, LMSFinish: not one LMSSetValue nor LMSCommit."""
    fns = [e["fn"] for e in api_log(page)]
    assert fns[0] == "LMSInitialize" and fns[-1] == "LMSFinish"
    assert set(fns[1:-1]) == {"LMSGetValue"}
    assert [e for e in api_log(page) if e["error"] != "0"] == []


def test_browse_mode_writes_nothing_even_when_the_learner_works(context, site, package, minimal):  # type: ignore[no-untyped-def]
    before = {"core": {"lesson_mode": "browse", "entry": "ab-initio"}}
    page, frame = launch(context, site, package, initial=before)
    assert frame.evaluate("SB.player.mode") == "browse"
    assert frame.get_attribute("#sb-notice", "data-kind") == "browse"
    course, module = minimal
    learner = Learner(frame, course, module)
    learner.play()  # answers, reflections, core values: all allowed, none recorded
    learner.next()
    assert frame.locator(".sb-check.is-answered").count() == len(module.checks)
    # The page goes to the background, then away: no save either.
    frame.evaluate("""() => { Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
                             document.dispatchEvent(new Event('visibilitychange')); }""")
    page.evaluate("document.querySelector('iframe').remove()")
    core = cmi(page)["core"]
    # "browsed" is the LMS's own doing at LMSFinish (scorm-again, RTE 3.4.4 lesson_status);
    # the SCO set nothing (assert_reads_only).
    assert (core["lesson_status"], core["lesson_location"], core["exit"], core["session_time"]) == (
        "browsed", "", "", "00:00:00")
    assert cmi(page)["suspend_data"] == "" and cmi(page)["interactions"] == {}
    assert_reads_only(page)
    page.close()
