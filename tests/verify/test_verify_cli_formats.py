"""`scormbuild validate` through click's CliRunner, and the four renderings."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from scormbuild import formats
from scormbuild.cli_validate import validate
from scormbuild.verify import validate_path


def run(*args: str):
    return CliRunner().invoke(validate, list(args))


@pytest.fixture
def good(sample_zip):
    return sample_zip("scorm12", name="good.zip")


@pytest.fixture
def bad(sample_zip):
    return sample_zip("scorm12", lambda s: s.replace(">75<", ">175<"), name="bad.zip")


@pytest.fixture
def warned(sample_zip):
    return sample_zip("scorm12", lambda s: s.with_file("notes.txt"), name="warned.zip")


def test_exit_0_when_valid(good):
    result = run(str(good))
    assert result.exit_code == 0, result.output
    assert f"{good}: valid (0 errors, 0 warnings)" in result.output
    assert "\x1b[" not in result.output  # no colours when not on a terminal


def test_exit_1_when_invalid_and_text_groups_per_package(good, bad):
    result = run(str(good), str(bad))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{good}: valid (0 errors, 0 warnings)"
    assert lines[1] == f"{bad}: INVALID (1 error, 0 warnings)"
    assert lines[2].startswith(f"  {bad}!imsmanifest.xml:")
    assert "[SCORM12-MASTERYSCORE] — " in lines[2]  # the fix on the same line, as check prints it
    assert lines[-1] == "2 packages checked, 1 invalid: 1 error, 0 warnings" and len(lines) == 4


def test_strict_makes_warnings_fail(warned):
    assert run(str(warned)).exit_code == 0
    assert run("--strict", str(warned)).exit_code == 1


def test_exit_2_for_unreadable_input_and_bad_usage(tmp_path):
    assert run(str(tmp_path / "missing.zip")).exit_code == 2
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    assert run(str(tmp_path / "broken.zip")).exit_code == 2
    assert run().exit_code == 2
    assert run("--format", "yaml", str(tmp_path)).exit_code == 2
    assert run("--standard", "aicc", str(tmp_path)).exit_code == 2


def test_forced_standard(good):
    result = run("--standard", "tincan", str(good))
    assert result.exit_code == 1 and "PKG-NO-MANIFEST" in result.output


def test_json(good, bad):
    result = run("--output-format", "json", str(good), str(bad))
    doc = json.loads(result.output)
    assert result.exit_code == 1 and doc["valid"] is False and doc["errors"] == 1
    assert [p["valid"] for p in doc["packages"]] == [True, False]
    [d] = doc["packages"][1]["diagnostics"]
    assert (d["code"], d["severity"], d["path"]) == ("SCORM12-MASTERYSCORE", "error", f"{bad}!imsmanifest.xml")
    assert d["line"] > 0


def test_junit(good, bad):
    result = run("--output-format", "junit", str(good), str(bad))
    suite = ET.fromstring(result.output).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [str(good), str(bad)]
    assert cases[0].find("failure") is None
    assert cases[1].find("failure").get("type") == "SCORM12-MASTERYSCORE"


def test_github_annotations(bad, warned):
    result = run("--output-format", "github", str(bad), str(warned))
    lines = result.output.splitlines()
    assert lines[0].startswith(f"::error file={bad},title=SCORM12-MASTERYSCORE::{bad}!imsmanifest.xml:")
    assert lines[1].startswith(f"::warning file={warned},title=SCORM12-FILE-UNLISTED::")


def test_github_escapes_workflow_command_characters():
    from scormbuild.diagnostics import Diagnostic, Location, Severity

    d = Diagnostic("X-Y", Severity.ERROR, Location("a,b:c.zip", 3), "100% bad\nreally")
    assert formats.github([d]) == "::error file=a%2Cb%3Ac.zip,line=3,title=X-Y::100%25 bad%0Areally\n"


def test_text_colours_only_when_asked(bad):
    diags = validate_path(bad)
    assert "\x1b[31merror" in formats.text(diags, colour=True)
    assert "\x1b[" not in formats.text(diags)


def test_folder_argument(tmp_path):
    from verify_samples import SAMPLES

    for name, data in SAMPLES["cmi5"].files().items():
        (tmp_path / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    result = run(str(tmp_path))
    assert result.exit_code == 0, result.output
