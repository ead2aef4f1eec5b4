"""What the LMS decides (SCORM 1.2 RTE 3.4.4), with tests/roots/minimal in scorm-again.

The minimal module has two checks and a mastery score of 50 (course default): a learner who
gets one of two right scores 50 %.
- cmi.student_data.mastery_score, when the LMS sets it (from the manifest's
  adlcp:masteryscore or its own setting), is the pass mark instead of the package's own.
- cmi.core.lesson_mode = "review": the learner looks back; status, score and interactions
  must not change.
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
    written = {e["args"][0] for e in api_log(page) if e["fn"] == "LMSSetValue"}
    assert not written & {"cmi.core.lesson_status", "cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max"}
    assert not any(name.startswith("cmi.interactions.") for name in written)
    assert [e for e in api_log(page) if e["error"] != "0"] == []
    page.close()
