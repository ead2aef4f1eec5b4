"""`scormbuild play` without a browser: what it refuses (exit 2) before anything runs, and
how it reads what an LMS holds (the browser runs are in tests/browser/test_play.py).
"""
from __future__ import annotations

import json
import stat
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from scormbuild.cli import main
from scormbuild.play import report as rp
from scormbuild.play.unpack import Refused, unpack

from .conftest import SHARED, require

PACKAGES = SHARED / "conformance" / "packages"
MANIFEST12 = """<?xml version="1.0"?>
<manifest identifier="m" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>T</title>
    <item identifier="i1" identifierref="r"><title>One</title></item>
    <item identifier="i2" identifierref="r" parameters="?two"><title>Two</title></item>
  </organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>"""


def package(path: Path, extra: dict[str, bytes] | None = None, symlink: str = "") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("imsmanifest.xml", MANIFEST12)
        zf.writestr("index.html", "<!doctype html><title>x</title>")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo("media")
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, symlink)
    return path


def play(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["play", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(("extra", "symlink", "rule"), [
    ({"../../escaped.txt": b"outside"}, "", "ZIP-SLIP"),
    ({"/tmp/absolute.txt": b"outside"}, "", "ZIP-ABSOLUTE"),
    ({}, "/etc", "ZIP-SYMLINK"),
])
def test_a_hostile_zip_is_refused_with_its_rule_and_nothing_is_written(
        tmp_path: Path, extra: dict[str, bytes], symlink: str, rule: str) -> None:
    hostile = package(tmp_path / "hostile.zip", extra, symlink)
    code, out = play(str(hostile))
    assert code == 2
    assert f"[{rule}]" in out and "refused" in out
    assert "Traceback" not in out
    dest = tmp_path / "deep" / "site"
    with pytest.raises(Refused, match=rule):
        unpack(hostile, dest, None, None)
    assert not dest.exists(), "nothing is unpacked from a refused zip"
    assert not (tmp_path / "escaped.txt").exists()


def test_what_is_not_a_package_is_exit_2(tmp_path: Path) -> None:
    code, out = play(str(require(PACKAGES / "invalid.zip", "the conformance packages")))
    assert code == 2 and "[PKG-NO-MANIFEST]" in out
    code, out = play(str(tmp_path / "missing.zip"))
    assert code == 2 and "no such file" in out
    # Moodle's fixture: the golf SCO with its organization removed, nothing an LMS can launch.
    code, out = play(str(PACKAGES / "singlescobasic_missingorg.zip"))
    assert code == 2 and "nothing to launch" in out
    assert out.count(str(PACKAGES)) == 1, "the path is said once"


def test_the_launch_is_the_default_organization_s_first_item_or_the_one_named(tmp_path: Path) -> None:
    zip_path = package(tmp_path / "p.zip")
    first = unpack(zip_path, tmp_path / "a", None, None)
    assert (first.standard, first.target.identifier, first.target.href) == ("scorm12", "i1", "index.html")
    assert (tmp_path / "a" / "index.html").is_file()
    named = unpack(zip_path, tmp_path / "b", None, "i2")
    assert (named.target.identifier, named.target.href) == ("i2", "index.html?two")
    assert unpack(zip_path, tmp_path / "c", "scorm2004", None).standard == "scorm2004"
    code, out = play(str(zip_path), "--launch", "nope")
    assert code == 2 and "'nope'" in out and "i1, i2" in out
    code, out = play(str(zip_path), "--standard", "cmi5")
    assert code == 2 and "not cmi5" in out


def test_without_playwright_one_line_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "playwright", None)  # import playwright → ImportError
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    monkeypatch.setenv("SCORMBUILD_SCORM_AGAIN", str(Path(__file__).resolve().parents[1]
                                                     / "node_modules" / "scorm-again" / "dist"))
    code, out = play(str(package(tmp_path / "p.zip")))
    assert code == 2
    assert out.strip().splitlines()[-1].endswith("apt install chromium)")
    assert "pip install 'scormbuild[play]'" in out and "Traceback" not in out


def test_without_chromium_one_line_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORMBUILD_CHROMIUM", str(tmp_path / "no-chromium"))
    code, out = play(str(package(tmp_path / "p.zip")), "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert doc["ok"] is False and "no-chromium does not exist" in doc["error"]


def test_without_scorm_again_it_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORMBUILD_SCORM_AGAIN", str(tmp_path))
    code, out = play(str(package(tmp_path / "p.zip")))
    assert code == 2 and "play needs the npm package scorm-again" in out


# ---------- reading what the LMS holds ----------

def test_the_scorm_summary_reads_status_score_interactions_and_the_budget() -> None:
    cmi = {"core": {"lesson_status": "passed", "lesson_location": "l3", "exit": "suspend", "entry": "resume",
                    "score": {"raw": "80", "min": "0", "max": "100"}},
           "suspend_data": "x" * 4097,
           "interactions": {str(n): {"id": f"q{n}", "type": "choice", "student_response": "a", "result": "correct"}
                            for n in range(7)}}
    lms = rp.scorm_summary("scorm12", cmi, [{"fn": "LMSInitialize"}, {"fn": "LMSCommit"}, {"fn": "LMSCommit"}])
    assert (lms["lesson_status"], lms["location"], lms["score"]) == ("passed", "l3", {"raw": "80", "min": "0",
                                                                                     "max": "100"})
    assert lms["interactions"] == 7 and [i["id"] for i in lms["first_interactions"]] == [f"q{n}" for n in range(5)]
    assert lms["calls"] == {"LMSInitialize": 1, "LMSCommit": 2}
    report = rp.Report("p.zip", "scorm12", lms=lms)
    assert report.problems == ["suspend_data is 4,097 characters, over the 4,096 the standard allows"]
    assert report.exit_code() == 1
    ok = rp.Report("p.zip", "scorm2004", lms=rp.scorm_summary("scorm2004", {"suspend_data": "x" * 4097}))
    assert ok.lms["suspend_data_limit"] == 64000 and ok.exit_code() == 0


def test_api_errors_are_failed_calls_but_not_a_2004_read_of_an_element_never_set() -> None:
    calls = [{"fn": "Initialize", "args": [""], "ret": "true", "error": "0"},
             {"fn": "GetValue", "args": ["cmi.location"], "ret": "", "error": "403"},
             {"fn": "SetValue", "args": ["cmi.completion_status", "done"], "ret": "false", "error": "406",
              "text": "Data Model Element Type Mismatch"},
             {"fn": "Commit", "args": [""], "ret": "throw", "error": "0", "text": "TypeError: x"},
             {"fn": "Commit", "args": [""], "ret": "true", "error": "0"},
             {"fn": "Terminate", "args": [""], "ret": "true", "error": "0"}]
    assert rp.api_errors(calls, "scorm2004") == [
        'SetValue("cmi.completion_status", "done") → "false", error 406: Data Model Element Type Mismatch',
        'Commit("") → "throw", error 0: TypeError: x']
    # In SCORM 1.2, 403 is no such answer; 401 (an optional element not implemented) is.
    v12 = [{"fn": "LMSInitialize", "args": [""], "ret": "true", "error": "0"},
           {"fn": "LMSGetValue", "args": ["cmi.interactions._count"], "ret": "", "error": "401"},
           {"fn": "LMSGetValue", "args": ["cmi.core.lesson_location"], "ret": "", "error": "403"}]
    assert rp.api_errors(v12, "scorm12") == [
        'LMSGetValue("cmi.core.lesson_location") → "", error 403',
        "the session was never ended: LMSFinish / Terminate was not called, even when the content's frame "
        "was navigated away and closed"]


def test_the_xapi_summary_counts_verbs_and_takes_the_verdict() -> None:
    adl = "http://adlnet.gov/expapi/verbs/"
    statements = [{"verb": {"id": adl + v}, **({"result": r} if r else {})} for v, r in [
        ("launched", None), ("initialized", None), ("answered", {"success": True}),
        ("completed", {"completion": True}), ("failed", {"success": False, "score": {"scaled": 0.25}}),
        ("terminated", None)]]
    lms = rp.xapi_summary(statements, {("activities/state", "a", "ag", "r", "s1"): b"{}"})
    assert lms["verbs"] == {"answered": 1, "completed": 1, "failed": 1, "initialized": 1, "launched": 1,
                            "terminated": 1}
    assert (lms["completion"], lms["success"], lms["score"]) == (True, False, {"scaled": 0.25})
    assert lms["documents"] == [{"resource": "activities/state", "id": "s1", "bytes": 2}]


def test_junit_has_a_case_per_check_and_fails_the_ones_with_findings() -> None:
    report = rp.Report("p.zip", "scorm12", lms=rp.scorm_summary("scorm12", {}), console_errors=["boom <&>"],
                       axe=[], resume=rp.Resume(True, False, "entry ''"))
    root = etree.fromstring(rp.junit(report).encode())
    cases = {c.get("name"): c.find("failure") for c in root.iter("testcase")}
    assert set(cases) == {"run", "api-errors", "console-errors", "external-requests", "suspend-data",
                          "accessibility", "resume"}
    assert {name for name, failure in cases.items() if failure is not None} == {"console-errors", "resume"}
    assert cases["console-errors"].text == "boom <&>"
    assert root.get("failures") == "2"
