"""`scormbuild play` in real Chromium: our seed course in every standard and Rustici's golf
examples (../shared/conformance/packages), against scorm-again and the in-memory LRS.

Each run hands the test the live LMS page and LRS once the session ended (play_package's
observer), and the test reads the LMS side itself — scorm-again's CMI objects directly
(`api.cmi.…`, not the renderCMIToJSONObject play summarises), the LRS over HTTP — and
holds the report against it.

play runs in a thread of its own: Playwright's sync API allows one instance per thread,
and the session's `browser` fixture may hold this one.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.request
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from scormbuild import model as m
from scormbuild.play.command import play_package
from scormbuild.play.report import Report
from scormbuild.play.session import Options, Session

from ..conftest import SHARED, require
from .conftest import COURSE, MODULE, ROOT, build_module

pytestmark = pytest.mark.browser

PACKAGES = SHARED / "conformance" / "packages"
RUN_SECONDS = 200  # a run that takes longer fails its test instead of hanging it

# Write-only elements (RTE 3.4.4: cmi.core.exit, cmi.interactions.n.*) are read through
# scorm-again's own getters with its JSON-export flag set, as its LMS-side export does.
READ = "const r = (o, k) => { const was = o.jsonString; o.jsonString = true; try { return o[k]; } " \
       "finally { o.jsonString = was; } };"
SCORM12_SIDE = "() => { " + READ + """ const c = window.preview.api.cmi; return {
    lesson_status: c.core.lesson_status, raw: c.core.score.raw, location: c.core.lesson_location,
    exit: r(c.core, 'exit'), suspend: c.suspend_data.length,
    interactions: c.interactions.childArray.map(i => ({id: r(i, 'id'), response: r(i, 'student_response'),
                                                       result: r(i, 'result')})),
    calls: window.preview.calls.map(x => x.fn)}; }"""
SCORM2004_SIDE = "() => { " + READ + """ const c = window.preview.api.cmi; return {
    completion_status: c.completion_status, success_status: c.success_status, scaled: c.score.scaled,
    raw: c.score.raw, location: c.location, exit: r(c, 'exit'), suspend: c.suspend_data.length,
    interactions: c.interactions.childArray.map(i => ({id: r(i, 'id'), response: r(i, 'learner_response'),
                                                       result: r(i, 'result')})),
    calls: window.preview.calls.map(x => x.fn)}; }"""


def played(path: Path, launch: str | None = None, **options: Any) -> tuple[Report, dict[int, dict[str, Any]]]:
    """The report, and what the test read from the LMS side after each launch."""
    sides: dict[int, dict[str, Any]] = {}
    out: dict[str, Any] = {}

    def observe(s: Session) -> None:
        sides[s.launch] = _lms_side(s)

    def target() -> None:
        try:
            out["report"] = play_package(path, None, launch, Options(**options), observe)
        except BaseException as exc:  # re-raised in the test's thread
            out["error"] = exc

    thread = threading.Thread(target=target, name="play-under-test")
    thread.start()
    thread.join(RUN_SECONDS)
    assert not thread.is_alive(), f"play did not finish in {RUN_SECONDS} s"
    if "error" in out:
        raise out["error"]
    return out["report"], sides


def _lms_side(s: Session) -> dict[str, Any]:
    if s.lrs is None:
        v12 = s.page.evaluate("() => !!window.API")
        return dict(s.page.evaluate(SCORM12_SIDE if v12 else SCORM2004_SIDE))
    with urllib.request.urlopen(s.url + "lrs/statements") as reply:  # the LRS's own Statement API
        statements = json.load(reply)["statements"]
    return {"statements": statements, "documents": {k[-1]: len(v) for k, v in s.lrs.documents.items()}}


def verbs(statements: list[dict[str, Any]]) -> dict[str, int]:
    return dict(Counter(st["verb"]["id"].rsplit("/", 1)[-1] for st in statements))


def assert_scorm_matches(lms: dict[str, Any], side: dict[str, Any]) -> None:
    """What both SCORM reports hold alike: bookmark, exit, suspend_data, interactions, calls."""
    assert (lms["location"], lms["exit"]) == (side["location"], side["exit"])
    assert lms["suspend_data_length"] == side["suspend"]
    assert lms["interactions"] == len(side["interactions"])
    assert [(i["id"], i["response"], i["result"]) for i in lms["first_interactions"]] == \
        [(i["id"], i["response"], i["result"]) for i in side["interactions"][:5]]
    assert lms["calls"] == dict(Counter(side["calls"]))


def assert_scorm12_matches(report: Report, side: dict[str, Any]) -> None:
    lms = report.lms
    assert lms["lesson_status"] == side["lesson_status"]
    assert lms["score"].get("raw", "") == side["raw"]
    assert_scorm_matches(lms, side)


def assert_scorm2004_matches(report: Report, side: dict[str, Any]) -> None:
    lms = report.lms
    assert (lms["completion_status"], lms["success_status"]) == (side["completion_status"], side["success_status"])
    assert (lms["score"].get("scaled", ""), lms["score"].get("raw", "")) == (side["scaled"], side["raw"])
    assert_scorm_matches(lms, side)


def assert_xapi_matches(report: Report, side: dict[str, Any]) -> None:
    assert report.lms["statements"] == len(side["statements"])
    assert report.lms["verbs"] == verbs(side["statements"])
    assert {d["id"]: d["bytes"] for d in report.lms["documents"]} == side["documents"]


# ---------- our seed course, every standard ----------

def test_scorm12_all_answers_right_passes_and_resumes(tmp_path: Path, module13: m.Module) -> None:
    package = build_module(COURSE, MODULE, tmp_path)
    report, sides = played(package, answers="correct", resume=True)
    assert report.problems == [] and report.exit_code() == 0, (report.error, report.problems)
    assert_scorm12_matches(report, sides[1])
    assert report.lms["lesson_status"] == "passed" and report.lms["score"]["raw"] == "100"
    assert [i["id"] for i in sides[1]["interactions"]] == [c.id for c in module13.checks]
    assert {i["result"] for i in sides[1]["interactions"]} == {"correct"}
    assert report.steps > len(module13.lessons), "the learner went through every lesson"
    assert report.stopped.startswith("nothing left")
    assert report.resume is not None and report.resume.checked and report.resume.ok, report.resume
    assert sides[2]["calls"][0] == "LMSInitialize" and "LMSFinish" in sides[2]["calls"]


def test_scorm2004_all_answers_wrong_fails_with_every_interaction_incorrect(tmp_path: Path, course: m.Course,
                                                                           module13: m.Module) -> None:
    package = build_module(COURSE, MODULE, tmp_path, "scorm2004")
    report, sides = played(package, answers="wrong")
    assert report.exit_code() == 0, (report.error, report.problems)
    assert_scorm2004_matches(report, sides[1])
    assert (report.lms["completion_status"], report.lms["success_status"]) == ("completed", "failed")
    # Wrong at every try: the learner takes each check's every try ("Try again"), one interaction each.
    tries = [c.id for c in module13.checks for _ in range(m.attempts_for(course, module13, c))]
    assert [i["id"] for i in sides[1]["interactions"]] == tries and len(tries) > len(module13.checks)
    assert {i["result"] for i in sides[1]["interactions"]} == {"incorrect"}


def test_cmi5_course_records_the_au_passed_and_resumes_from_the_state_api(tmp_path: Path) -> None:
    from scormbuild.pipeline import build

    built = build(COURSE, tmp_path, formats=("cmi5",)).built
    report, sides = played(built[0].path, answers="correct", resume=True)
    assert report.exit_code() == 0, (report.error, report.problems)
    assert_xapi_matches(report, sides[1])
    got = verbs(sides[1]["statements"])
    assert got["launched"] == got["initialized"] == got["terminated"] == 1
    assert (report.lms["completion"], report.lms["success"]) == (True, True)
    assert report.resume is not None and report.resume.ok, report.resume
    assert verbs(sides[2]["statements"])["launched"] == 2, "the relaunch is a new cmi5 session"


def test_tincan_module_records_its_statements_and_state(tmp_path: Path, course: m.Course,
                                                       module13: m.Module) -> None:
    package = build_module(COURSE, MODULE, tmp_path, "tincan")
    report, sides = played(package)
    assert report.exit_code() == 0, (report.error, report.problems)
    assert_xapi_matches(report, sides[1])
    got = verbs(sides[1]["statements"])
    # The first choice may be wrong: a check is then tried again, up to its tries.
    tries = Counter(st["object"]["id"].rsplit("/", 1)[-1] for st in sides[1]["statements"]
                    if st["verb"]["id"].endswith("/answered"))
    assert all(1 <= tries[c.id] <= m.attempts_for(course, module13, c) for c in module13.checks), tries
    assert got["answered"] == sum(tries.values()) and got["terminated"] == 1
    assert report.lms["completion"] is True
    assert any(d["bytes"] > 0 for d in report.lms["documents"]), "the player saved its state"


# ---------- real third-party packages (Rustici's golf examples) ----------

def test_golf_scorm12_minimum_calls_is_recorded_as_the_lms_holds_it() -> None:
    report, sides = played(require(PACKAGES / "RuntimeMinimumCalls_SCORM12.zip", "the conformance packages"))
    assert report.exit_code() == 0, (report.error, report.problems)
    assert report.launch["identifier"] == "playing_playing_item"  # the default organization's first item
    assert_scorm12_matches(report, sides[1])
    assert report.lms["calls"] == {"LMSInitialize": 1, "LMSFinish": 1}


def test_golf_scorm12_single_sco_walked_to_its_quiz_and_resumed() -> None:
    report, sides = played(require(PACKAGES / "singlescobasic.zip", "the conformance packages"), resume=True)
    assert report.exit_code() == 0, (report.error, report.problems)
    assert_scorm12_matches(report, sides[1])
    assert report.lms["lesson_status"] in ("passed", "failed"), "the quiz was submitted"
    assert any(a.startswith("pressed 'Submit") for a in report.actions)
    assert report.resume is not None and report.resume.ok, report.resume


def test_golf_scorm2004_launch_page_is_walked_to_the_end_and_scored() -> None:
    report, sides = played(require(PACKAGES / "RuntimeBasicCalls_SCORM20043rdEdition.zip",
                                   "the conformance packages"))
    assert report.exit_code() == 0, (report.error, report.problems)
    assert_scorm2004_matches(report, sides[1])
    assert report.lms["completion_status"] == "completed"
    assert report.lms["score"].get("scaled"), ("the quiz was submitted and scored", report.stopped, report.actions)


# ---------- problems found: exit 1, through the command line ----------

MANIFEST = """<?xml version="1.0"?>
<manifest identifier="m" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>T</title>
    <item identifier="i" identifierref="r"><title>Faulty</title></item></organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>"""
# A SCO that calls home, throws, sets a value the API refuses (RTE 3.4.4: lesson_status is a
# vocabulary) and shows an image without alternative text; its bookmark is its own width.
FAULTY = """<!doctype html><html lang="en"><title>Faulty</title>
<img src="https://tracker.example.com/pixel.png">
<script>
  var api = window.parent.API;
  api.LMSInitialize("");
  api.LMSSetValue("cmi.core.lesson_status", "finished-ish");
  api.LMSSetValue("cmi.core.lesson_location", "w" + window.innerWidth);
  api.LMSCommit("");
  throw new Error("boom from the SCO");
</script>"""


def test_a_faulty_sco_exits_1_with_each_problem_listed(tmp_path: Path) -> None:
    package = tmp_path / "faulty.zip"
    with zipfile.ZipFile(package, "w") as zf:
        zf.writestr("imsmanifest.xml", MANIFEST)
        zf.writestr("index.html", FAULTY)
    done = subprocess.run([sys.executable, "-m", "scormbuild", "play", str(package), "--axe", "--width", "390",
                           "--format", "json"],
                          capture_output=True, text=True, timeout=RUN_SECONDS, cwd=ROOT)
    assert done.returncode == 1, done.stdout + done.stderr
    doc = json.loads(done.stdout)
    assert doc["external_requests"] == ["GET https://tracker.example.com/pixel.png"]
    assert any("boom from the SCO" in e for e in doc["console_errors"])
    assert [e for e in doc["api_errors"] if "finished-ish" in e], doc["api_errors"]
    assert "image-alt" in {v["id"] for v in doc["axe"]}
    assert doc["lms"]["location"] == "w390", "the content has the whole --width"
    assert doc["width"] == 390 and doc["ok"] is False
    assert len(doc["problems"]) == (len(doc["external_requests"]) + len(doc["console_errors"])
                                    + len(doc["api_errors"]) + len(doc["axe"]))


def test_a_clean_vendor_package_exits_0_with_a_junit_report_of_passing_cases() -> None:
    golf = require(PACKAGES / "RuntimeMinimumCalls_SCORM12.zip", "the conformance packages")
    done = subprocess.run([sys.executable, "-m", "scormbuild", "play", str(golf), "--format", "junit"],
                          capture_output=True, text=True, timeout=RUN_SECONDS, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    from lxml import etree

    root = etree.fromstring(done.stdout.encode())
    assert root.get("failures") == "0"
    assert [c.get("name") for c in root.iter("testcase")] == ["run", "api-errors", "console-errors",
                                                               "external-requests", "suspend-data"]
