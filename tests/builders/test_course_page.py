"""The course page of a SCORM bundle (issue 15 item 7): the first item of the organization,
an asset at the package root that lists the modules; in SCORM 2004 kept out of the rollup.
Only in bundles of several modules, only in SCORM 1.2 and 2004."""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from scormbuild.pipeline import build
from scormbuild.verify import verify_package
from tests.conftest import ROOTS, oracle

CP12 = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
CP04 = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss"}
THEMED = """description: Two short modules, *one* after the other.
theme:
  logo: assets/brand/logo.svg
  logo_alt: Two modules training team
  cover: assets/brand/cover.svg
  cover_alt: A path through two hills
  colors:
    primary: "#5b2a86"
  custom_css: assets/brand/custom.css
"""


def read(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as zf:
        return zf.read(name)


def names(package: Path) -> set[str]:
    with zipfile.ZipFile(package) as zf:
        return set(zf.namelist())


def bundle(root: Path, out: Path, standard: str) -> Path:
    result = build(root, out, formats=(standard,), bundle=True)
    assert result.ok, [str(d) for d in result.diagnostics]
    [built] = result.built
    return built.path


@pytest.fixture
def themed(tmp_path: Path) -> Path:
    """two-modules with a description and the theme root's logo, cover and custom CSS."""
    root = tmp_path / "course"
    shutil.copytree(ROOTS / "two-modules", root)
    shutil.copytree(ROOTS / "theme" / "assets" / "brand", root / "assets" / "brand")
    (root / "course.yaml").write_text((root / "course.yaml").read_text() + THEMED)
    return root


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_scorm12_bundle_opens_on_the_course_page_an_asset_first(tmp_path: Path) -> None:
    package = bundle(ROOTS / "two-modules", tmp_path, "scorm12")
    root = etree.fromstring(read(package, "imsmanifest.xml"))
    items = root.findall("cp:organizations/cp:organization/cp:item", CP12)
    assert [(i.get("identifier"), i.get("identifierref"), i.findtext("cp:title", namespaces=CP12)) for i in items] == [
        ("ITEM-COURSE", "RES-COURSE", "Course overview"), ("ITEM-first", "RES-first", "First"),
        ("ITEM-second", "RES-second", "Second")]
    assert items[0].find("adlcp:masteryscore", CP12) is None
    page = root.find("cp:resources/cp:resource[@identifier='RES-COURSE']", CP12)
    assert page is not None
    assert (page.get("href"), page.get(f"{{{CP12['adlcp']}}}scormtype"), page.get("type")) == (
        "index.html", "asset", "webcontent")
    assert [f.get("href") for f in page.iterfind("cp:file", CP12)] == ["index.html"]
    assert [d.get("identifierref") for d in page.iterfind("cp:dependency", CP12)] == ["RES-player"]
    code, output = oracle(package, "scorm12")
    assert code == 0, output
    assert [str(p) for p in verify_package(package, "scorm12")] == []


def test_scorm2004_bundle_opens_on_the_course_page_kept_out_of_the_rollup(tmp_path: Path) -> None:
    package = bundle(ROOTS / "two-modules", tmp_path, "scorm2004")
    root = etree.fromstring(read(package, "imsmanifest.xml"))
    org = root.find("cp:organizations/cp:organization", CP04)
    assert org is not None
    items = org.findall("cp:item", CP04)
    assert [i.get("identifier") for i in items] == ["ITEM-COURSE", "ITEM-first", "ITEM-second"]
    page = root.find("cp:resources/cp:resource[@identifier='RES-COURSE']", CP04)
    assert page is not None
    assert (page.get("href"), page.get(f"{{{CP04['adlcp']}}}scormType")) == ("index.html", "asset")
    seq = items[0].find("imsss:sequencing", CP04)
    assert seq is not None and [etree.QName(c).localname for c in seq] == ["rollupRules"]
    rollup = seq[0]
    assert (rollup.get("rollupObjectiveSatisfied"), rollup.get("rollupProgressCompletion"),
            rollup.get("objectiveMeasureWeight")) == ("false", "false", "0")
    # The modules' sequencing is as before: module 1 is not locked behind the page, and the
    # course's control modes are still on the organization.
    assert items[1].find(".//imsss:preConditionRule", CP04) is None
    mode = org.find("imsss:sequencing/imsss:controlMode", CP04)
    assert mode is not None and (mode.get("choice"), mode.get("flow")) == ("true", "true")
    code, output = oracle(package, "scorm2004")
    assert code == 0, output
    assert [str(p) for p in verify_package(package, "scorm2004")] == []


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_page_lists_the_modules_numbered_with_the_course_and_its_theme(themed: Path, tmp_path: Path,
                                                                          standard: str) -> None:
    package = bundle(themed, tmp_path / "out", standard)
    html = read(package, "index.html").decode()
    words = text_of(html)
    assert "<h1 id=\"sb-course-h\">Two modules</h1>" in html
    assert "Two short modules, one after the other." in words
    assert "<em>one</em>" in html
    assert "The 2 modules of this course Module 1 First Lessons: 1 Module 2 Second Lessons: 1" in words
    assert "Progress as recorded in this browser. Your learning system keeps the official record." in words
    assert re.findall(r'data-course-status="([^"]+)"', html) == ["first", "second"]
    assert '<img class="sb-logo" src="assets/brand/logo.svg" alt="Two modules training team">' in html
    assert '<img class="sb-cover" src="assets/brand/cover.svg" alt="A path through two hills">' in html
    for sheet in ("player/player.css", "player/theme.css", "player/custom.css"):
        assert f'<link rel="stylesheet" href="{sheet}">' in html
    # The page's code: the player's helpers and the course map's, no tracker (no LMS API).
    assert re.findall(r'<script src="([^"]+)"', html) == ["player/player.js", "player/course-map.js"]
    assert "tracker-" not in html and "sb-config" not in html
    assert {"index.html", "assets/brand/logo.svg", "assets/brand/cover.svg", "player/course-map.js"} <= names(package)


def test_the_page_starts_with_the_first_modules_own_number(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(ROOTS / "two-modules", root)
    for folder, number in (("1-first", 7), ("2-second", 13)):
        yaml = root / "modules" / folder / "module.yaml"
        yaml.write_text(re.sub(r"^number: \d+$", f"number: {number}", yaml.read_text(), flags=re.M))
    words = text_of(read(bundle(root, tmp_path / "out", "scorm12"), "index.html").decode())
    assert "Start with module 7: open the modules from your learning system’s menu or with its Next button." in words
    assert "The 2 modules of this course Module 7 First Lessons: 1 Module 13 Second Lessons: 1" in words


def test_the_page_speaks_the_course_language(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(ROOTS / "two-modules", root)
    (root / "course.yaml").write_text((root / "course.yaml").read_text() + "language: fr\n")
    html = read(bundle(root, tmp_path / "out", "scorm12"), "index.html").decode()
    assert '<html lang="fr">' in html
    words = text_of(html)
    assert "Les 2 modules de ce cours Module 1 First Leçons : 1 Module 2 Second Leçons : 1" in words
    assert "Commencez par le module 1 :" in words
    assert "Votre plateforme de formation garde le relevé officiel." in words


def test_no_course_page_with_one_module_without_bundle_or_in_cmi5_and_tin_can(tmp_path: Path) -> None:
    # One module, bundled: its SCO is the only item (the single root has one module).
    single = bundle(ROOTS / "minimal", tmp_path / "single", "scorm2004")
    assert "index.html" not in names(single)
    assert b"ITEM-COURSE" not in read(single, "imsmanifest.xml")
    # Without --bundle: one package per module, each opening on its module.
    for standard in ("scorm12", "scorm2004"):
        for built in build(ROOTS / "two-modules", tmp_path / standard, formats=(standard,)).built:
            assert b"RES-COURSE" not in read(built.path, "imsmanifest.xml")
            assert b"sb-course-data" not in read(built.path, "index.html")
    # cmi5 and Tin Can: the LMS shows the course's structure.
    for standard in ("cmi5", "tincan"):
        result = build(ROOTS / "two-modules", tmp_path / f"{standard}-bundle", formats=(standard,), bundle=True)
        assert result.ok and result.built, [str(d) for d in result.diagnostics]
        for built in result.built:  # Tin Can has no bundle: its index.html is the module's
            pages = [name for name in names(built.path) if name.endswith(".html")]
            assert pages and not any(b"sb-course-data" in read(built.path, name) for name in pages)


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_bundle_is_byte_identical_from_the_same_input(themed: Path, tmp_path: Path, standard: str) -> None:
    first = bundle(themed, tmp_path / "a", standard).read_bytes()
    second = bundle(themed, tmp_path / "b", standard).read_bytes()
    assert first == second


def test_inspect_marks_the_course_page_an_asset_and_play_starts_on_the_first_sco(tmp_path: Path) -> None:
    from scormbuild.inspect import inspect, render_text
    from scormbuild.play.unpack import _target

    package = bundle(ROOTS / "two-modules", tmp_path, "scorm12")
    report = inspect(package)
    [org] = report.launch
    assert [(leaf.identifier, leaf.href, leaf.asset) for leaf in org.children] == [
        ("ITEM-COURSE", "index.html", True), ("ITEM-first", "first/index.html", False),
        ("ITEM-second", "second/index.html", False)]
    assert "- Course overview → index.html (asset)" in render_text(report)
    # `scormbuild play` plays a SCO by default (an asset never calls the API); --launch still opens the page.
    assert _target(report.launch, "scorm12", org.identifier, None).identifier == "ITEM-first"
    assert _target(report.launch, "scorm12", org.identifier, "ITEM-COURSE").href == "index.html"
