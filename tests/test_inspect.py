"""`scormbuild inspect` (issue 14 part 4): any package, ours or a vendor's, text and JSON."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scormbuild.cli import main
from tests.conftest import SHARED

VENDOR = SHARED / "conformance" / "packages"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def built(course: Path) -> Path:
    assert run("build", "course", "-s", "all", "-o", "dist").exit_code == 0
    return Path("dist")


def test_our_scorm12_package(built: Path) -> None:
    result = run("inspect", "dist/minimal-01-basics-scorm12.zip")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:7] == [
        "dist/minimal-01-basics-scorm12.zip",
        "  standard:  SCORM 1.2 (imsmanifest.xml, 1.2)",
        "  title:     Basics",
        "  manifest:  organizations 1, items 1, resources 2, scos 1",
        "  launch:",
        "    - Basics",
        "      - Basics → index.html [masteryscore 50]"]
    assert "  problem:" not in result.stdout


def test_our_cmi5_package_as_json(built: Path) -> None:
    result = run("inspect", "--output-format", "json", "dist/minimal-cmi5.zip")
    [doc] = json.loads(result.stdout)
    assert (result.exit_code, doc["standard"], doc["standard_name"], doc["title"]) == (
        0, "cmi5", "cmi5", "Minimal course")
    [au] = doc["launch"]
    assert (au["href"], au["identifier"], au["mastery"]) == (
        "basics/index.html", "https://example.org/courses/minimal/basics",
        "moveOn CompletedAndPassed, masteryScore 0.5")
    assert doc["files"]["cmi5.xml"] > 0 and doc["total_bytes"] == sum(doc["files"].values())


def test_our_tincan_package(built: Path) -> None:
    result = run("inspect", "dist/minimal-01-basics-tincan.zip")
    assert "    - Basics → index.html" in result.stdout.splitlines()


@pytest.mark.skipif(not VENDOR.is_dir(), reason="needs ../shared/conformance/packages")
def test_a_vendor_scorm2004_package() -> None:
    result = run("inspect", str(VENDOR / "RuntimeBasicCalls_SCORM20043rdEdition.zip"))
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[1:4] == ["  standard:  SCORM 2004 (imsmanifest.xml, 2004 3rd Edition)",
                          "  title:     Golf Explained - Run-time Basic Calls",
                          "  manifest:  organizations 1, items 1, resources 1, scos 1"]
    assert "      - Golf Explained → shared/launchpage.html" in lines


@pytest.mark.skipif(not VENDOR.is_dir(), reason="needs ../shared/conformance/packages")
def test_a_package_with_its_manifest_in_a_folder_exits_2_and_says_why() -> None:
    result = run("inspect", str(VENDOR / "badscorm.zip"))
    assert result.exit_code == 2
    assert "found badscorm/imsmanifest.xml: zip the contents of its folder" in result.stdout


def test_hostile_names_are_listed_never_extracted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with zipfile.ZipFile("evil.zip", "w") as z:
        z.writestr("imsmanifest.xml", '<!DOCTYPE m [<!ENTITY x "boom">]><manifest>&x;</manifest>')
        z.writestr("../escape.txt", "x")
    result = run("inspect", "evil.zip")
    assert result.exit_code == 2  # the manifest declares an entity: refused, not expanded
    assert "boom" not in result.stdout and "XML-ENTITY" in result.stdout
    assert not (tmp_path.parent / "escape.txt").exists()


def test_not_a_package(tmp_path: Path) -> None:
    result = run("inspect", str(tmp_path / "missing.zip"))
    assert result.exit_code == 2 and "PKG-UNREADABLE" in result.stdout


def test_a_package_folder(built: Path) -> None:
    with zipfile.ZipFile("dist/minimal-01-basics-tincan.zip") as z:
        z.extractall("unpacked")
    result = run("inspect", "unpacked")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "  standard:  Tin Can (tincan.xml, http://projecttincan.com/tincan.xsd)"
