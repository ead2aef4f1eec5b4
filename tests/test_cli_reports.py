"""Issue 14 part 7: `check`, `build` and `validate` agree with themselves in every format.

A report never says valid while the command exits 1; `--strict` fails in every format;
source files are named as files; one spelling for the standard and the output format,
old spellings still working with a note.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scormbuild.cli import main
from tests.conftest import edit

CHECK = "course/modules/01-basics/02-check.md"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def warned(course: Path) -> Path:
    """The minimal course with one warning (a misspelt block type) and no error."""
    edit(course / "modules/01-basics/02-check.md", "```reflection", "```reflecton")
    return course


def test_strict_text(warned: Path) -> None:
    result = run("check", "course", "--strict")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{CHECK}:25:1: warning: 'reflecton' is not a block type; it will show as code [block.unknown] — "
        "did you mean 'reflection'?",
        "0 errors, 1 warning (--strict: warnings fail)"]


def test_strict_json_is_not_valid(warned: Path) -> None:
    lenient, strict = run("check", "course", "--output-format", "json"), run(
        "check", "course", "--strict", "--output-format", "json")
    assert (lenient.exit_code, json.loads(lenient.stdout)["valid"]) == (0, True)
    doc = json.loads(strict.stdout)
    assert (strict.exit_code, doc["valid"], doc["strict"], doc["warnings"]) == (1, False, True, 1)
    assert [(f["file"], f["valid"]) for f in doc["files"]] == [(CHECK, False)]
    assert "packages" not in doc


def test_strict_junit_names_the_source_file(warned: Path) -> None:
    result = run("check", "course", "--strict", "--output-format", "junit")
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert result.exit_code == 1 and suite is not None
    assert (suite.get("name"), suite.get("failures")) == ("scormbuild check", "1")
    [case] = suite.findall("testcase")
    assert (case.get("classname"), case.get("name")) == ("scormbuild.check", CHECK)
    assert case.find("failure") is not None


def test_strict_github_is_an_error_annotation(warned: Path) -> None:
    result = run("check", "course", "--strict", "--output-format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={CHECK},line=25,title=block.unknown::")


def test_strict_sarif(warned: Path) -> None:
    result = run("check", "course", "--strict", "--output-format", "sarif")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["version"] == "2.1.0"
    [sarif_run] = doc["runs"]
    assert sarif_run["tool"]["driver"]["name"] == "scormbuild"
    [rule] = sarif_run["tool"]["driver"]["rules"]
    assert (rule["id"], rule["shortDescription"]["text"]) == (
        "block.unknown", "A fence's info string is close to a block type: it will show as code.")
    assert "Fails: ```reflecton" in rule["fullDescription"]["text"]
    [r] = sarif_run["results"]
    assert (r["ruleId"], r["ruleIndex"], r["level"]) == ("block.unknown", 0, "error")
    assert r["locations"] == [{"physicalLocation": {"artifactLocation": {"uri": CHECK},
                                                    "region": {"startLine": 25, "startColumn": 1}}}]
    lenient = json.loads(run("check", "course", "--output-format", "sarif").stdout)
    assert lenient["runs"][0]["results"][0]["level"] == "warning"


def test_build_strict_writes_nothing(warned: Path) -> None:
    result = run("build", "course", "-o", "dist", "--strict")
    assert result.exit_code == 1
    assert "0 packages built, 0 errors, 1 warning" in result.output
    assert not Path("dist").exists()
    assert run("build", "course", "-o", "dist").exit_code == 0


def test_build_json_names_source_files(warned: Path) -> None:
    result = run("build", "course", "-o", "dist", "--strict", "--output-format", "json")
    doc = json.loads(result.stdout)
    assert (result.exit_code, doc["valid"], [f["file"] for f in doc["files"]]) == (1, False, [CHECK])


def test_standard_is_spelt_standard(course: Path) -> None:
    result = run("build", "course", "-o", "dist", "--standard", "tincan", "-s", "cmi5")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("dist").iterdir()) == ["minimal-01-basics-tincan.zip", "minimal-cmi5.zip"]
    assert "deprecated" not in result.output


def test_old_spellings_still_work_with_a_note(course: Path) -> None:
    old = run("build", "course", "-o", "dist", "-f", "tincan")
    assert old.exit_code == 0
    assert "note: -f/--format is deprecated and will be removed; use --standard/-s" in old.stderr
    assert Path("dist/minimal-01-basics-tincan.zip").exists()
    checked = run("check", "course", "--diagnostics", "json")
    assert (checked.exit_code, json.loads(checked.stdout)["valid"]) == (0, True)
    assert "note: --diagnostics is deprecated and will be removed; use --output-format" in checked.stderr
    validated = run("validate", "--format", "json", "dist/minimal-01-basics-tincan.zip")
    assert (validated.exit_code, json.loads(validated.stdout)["valid"]) == (0, True)
    assert "note: --format is deprecated and will be removed; use --output-format" in validated.stderr


def test_validate_sarif_points_at_the_package(course: Path) -> None:
    run("build", "course", "-o", "dist")
    Path("dist/extra.txt").write_text("x")
    result = run("validate", "--output-format", "sarif", "--standard", "tincan", "dist/minimal-01-basics-scorm12.zip")
    doc = json.loads(result.stdout)
    assert result.exit_code == 1
    [r, *_] = doc["runs"][0]["results"]
    assert r["level"] == "error"
    assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dist/minimal-01-basics-scorm12.zip"
    described = [rule for rule in doc["runs"][0]["tool"]["driver"]["rules"] if "fullDescription" in rule]
    assert described and all("Fails" in rule["fullDescription"]["text"] for rule in described)


def test_build_strict_keeps_a_package_with_a_verification_warning_out(course: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import scormbuild.verify
    from scormbuild.diagnostics import Location, warning

    def warned(path: Path, standard: str) -> list:  # type: ignore[type-arg]
        return [warning("PKG-TEST", Location(f"{path}!index.html", 3, 1), "a warning", "")]

    monkeypatch.setattr(scormbuild.verify, "verify_package", warned)
    result = run("build", "course", "-o", "dist", "--strict")
    assert result.exit_code == 1
    assert "built " not in result.output and list(Path("dist").glob("*.zip")) == []
    assert "dist/minimal-01-basics-scorm12.zip!index.html:3:1: warning: a warning [PKG-TEST]" in result.output
    assert run("build", "course", "-o", "dist").exit_code == 0
    assert [p.name for p in Path("dist").glob("*.zip")] == ["minimal-01-basics-scorm12.zip"]


FAILED_MARK = {"text": "(--strict: warnings fail)", "json": '"valid": false', "junit": 'failures="1"',
               "github": "::error ", "sarif": '"level": "error"'}
PASSED_MARK = {"text": "0 errors, 1 warning", "json": '"valid": true', "junit": 'failures="0"',
               "github": "::warning ", "sarif": '"level": "warning"'}


@pytest.mark.parametrize("fmt", sorted(FAILED_MARK))
@pytest.mark.parametrize("command", [("check", "course"), ("build", "course", "-o", "dist")])
def test_strict_in_every_format(warned: Path, command: tuple[str, ...], fmt: str) -> None:
    lenient = run(*command, "--output-format", fmt)
    strict = run(*command, "--output-format", fmt, "--strict")
    assert (lenient.exit_code, strict.exit_code) == (0, 1)
    assert PASSED_MARK[fmt] in lenient.output and FAILED_MARK[fmt] not in lenient.output
    assert FAILED_MARK[fmt] in strict.output


@pytest.mark.parametrize("fmt", sorted(FAILED_MARK))
def test_validate_strict_in_every_format(course: Path, fmt: str) -> None:
    assert run("build", "course", "-o", "dist").exit_code == 0
    with zipfile.ZipFile("dist/minimal-01-basics-scorm12.zip") as src, zipfile.ZipFile("warned.zip", "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("notes.txt", "not in the manifest")  # SCORM12-FILE-UNLISTED, a warning
    lenient = run("validate", "--output-format", fmt, "warned.zip")
    strict = run("validate", "--output-format", fmt, "--strict", "warned.zip")
    assert (lenient.exit_code, strict.exit_code) == (0, 1)
    marks = {**FAILED_MARK, "text": "warned.zip: INVALID (0 errors, 1 warning)"}
    assert marks[fmt] in strict.output and marks[fmt] not in lenient.output
