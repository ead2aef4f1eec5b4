"""The SCORM 1.2 builder: valid, complete, reproducible packages."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from scormbuild.pipeline import build
from tests.conftest import edit, oracle

NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}


def manifest(package: Path) -> etree._Element:
    with zipfile.ZipFile(package) as zf:
        return etree.fromstring(zf.read("imsmanifest.xml"))


def test_one_valid_package_per_module(course: Path) -> None:
    result = build(course, Path("out"))
    assert result.ok, result.diagnostics
    [built] = result.built
    assert built.path == Path("out/minimal-01-basics-scorm12.zip")
    code, output = oracle(built.path)
    assert code == 0, output


def test_manifest_lists_every_file_and_the_mastery_score(course: Path) -> None:
    [built] = build(course, Path("out")).built
    root = manifest(built.path)
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    assert root.findtext(".//cp:item/adlcp:masteryscore", namespaces=NS) == "50"
    listed = {f.get("href") for f in root.iterfind(".//cp:file", NS)}
    with zipfile.ZipFile(built.path) as zf:
        shipped = set(zf.namelist()) - {"imsmanifest.xml"} - {n for n in zf.namelist() if n.endswith(".xsd")}
    assert listed == shipped
    assert {"index.html", "assets/journal.html", "assets/modules/01-basics/files/dot.svg"} <= listed
    sco = root.find(".//cp:resource[@adlcp:scormtype='sco']", NS)
    assert sco.get("href") == "index.html"


def test_no_mastery_score_without_one(course: Path) -> None:
    edit(course / "course.yaml", "mastery_score: 50\n", "")
    [built] = build(course, Path("out")).built
    assert manifest(built.path).find(".//adlcp:masteryscore", NS) is None


def test_same_input_builds_byte_identical_zips(course: Path) -> None:
    first = build(course, Path("a")).built[0].path.read_bytes()
    (course / "modules/01-basics/02-check.md").touch()  # a newer mtime must not matter
    second = build(course, Path("b")).built[0].path.read_bytes()
    assert first == second


def test_zip_entries_are_sorted_with_fixed_times(course: Path) -> None:
    [built] = build(course, Path("out")).built
    with zipfile.ZipFile(built.path) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_bundle_has_a_sco_per_module(root_factory) -> None:  # type: ignore[no-untyped-def]
    course = root_factory("two-modules")
    result = build(course, Path("out"), bundle=True)
    assert result.ok, result.diagnostics
    [built] = result.built
    root = manifest(built.path)
    scos = root.findall(".//cp:resource[@adlcp:scormtype='sco']", NS)
    assert [s.get("href") for s in scos] == ["first/index.html", "second/index.html"]
    # The course page (an asset, builders/course_page.py) comes first, then a SCO per module.
    assert [i.findtext("cp:title", namespaces=NS) for i in root.iterfind(".//cp:item", NS)] == [
        "Course overview", "First", "Second"]
    code, output = oracle(built.path)
    assert code == 0, output


def test_failed_verification_keeps_the_previous_package(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [built] = build(course, Path("out")).built
    before = built.path.read_bytes()
    import scormbuild.verify as verify
    from scormbuild.diagnostics import Location, error

    def reject(path: Path, standard: str) -> list:  # type: ignore[type-arg]
        assert path.name.endswith(".tmp")  # verified before it takes the package's name
        return [error("TEST-REJECT", Location(f"{path.name}!imsmanifest.xml", 1), "rejected")]

    monkeypatch.setattr(verify, "verify_package", reject)
    edit(course / "modules/01-basics/module.yaml", "title: Basics", "title: Basics, revised")
    result = build(course, Path("out"))
    assert built.path.read_bytes() == before
    assert [p.name for p in Path("out").iterdir()] == [built.path.name]  # no temp file left behind
    assert result.built == []
    assert [str(d.location) for d in result.diagnostics] == [f"{built.path.name}!imsmanifest.xml:1"]
