"""The SCORM 2004 4th Edition builder: valid (official XSDs and `scormbuild validate`),
complete, reproducible packages; sequencing from course.yaml."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from scormbuild.load import load_course
from scormbuild.pipeline import build
from scormbuild.verify import verify_package
from tests.conftest import edit, oracle

NS = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
      "imsss": "http://www.imsglobal.org/xsd/imsss", "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
      "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
FORCED = "scorm2004:\n  sequencing:\n    forced_order: true\n    choice: false\n"


def manifest(package: Path) -> etree._Element:
    with zipfile.ZipFile(package) as zf:
        return etree.fromstring(zf.read("imsmanifest.xml"))


def names(package: Path) -> set[str]:
    with zipfile.ZipFile(package) as zf:
        return set(zf.namelist())


def assert_valid(package: Path) -> None:
    """Both verdicts: the official XSDs (the oracle) and the project's own validator."""
    code, output = oracle(package, "scorm2004")
    assert code == 0, output
    problems = verify_package(package, "scorm2004")
    assert [str(p) for p in problems] == []


def test_one_valid_package_per_module(course: Path) -> None:
    result = build(course, Path("out"), formats=("scorm2004",))
    assert result.ok, result.diagnostics
    [built] = result.built
    assert built.path == Path("out/minimal-01-basics-scorm2004.zip")
    assert_valid(built.path)


def test_manifest_is_4th_edition_with_every_file_and_its_control_documents(course: Path) -> None:
    [built] = build(course, Path("out"), formats=("scorm2004",)).built
    root = manifest(built.path)
    assert root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "2004 4th Edition"
    sco = root.find(".//cp:resource[@adlcp:scormType='sco']", NS)
    assert sco is not None and sco.get("href") == "index.html"
    listed = {f.get("href") for f in root.iterfind(".//cp:file", NS)}
    shipped = names(built.path)
    assert listed == {n for n in shipped if n != "imsmanifest.xml" and not n.endswith(".xsd")}
    # CAM 3.3: every schema the manifest names in xsi:schemaLocation is at the package root.
    locations = root.get(f"{{{NS['xsi']}}}schemaLocation", "").split()[1::2]
    assert len(locations) == 6 and set(locations) <= shipped
    with zipfile.ZipFile(built.path) as zf:  # the project's imscp imports xml.xsd beside it
        assert b'schemaLocation="xml.xsd"' in zf.read("imscp_v1p1.xsd") and "xml.xsd" in shipped


def test_scored_module_is_satisfied_by_measure_and_set_by_content(course: Path) -> None:
    [built] = build(course, Path("out"), formats=("scorm2004",)).built
    seq = manifest(built.path).find(".//cp:item/imsss:sequencing", NS)
    primary = seq.find("imsss:objectives/imsss:primaryObjective", NS)
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext("imsss:minNormalizedMeasure", namespaces=NS) == "0.5"  # mastery 50 %
    delivery = seq.find("imsss:deliveryControls", NS)
    assert (delivery.get("completionSetByContent"), delivery.get("objectiveSetByContent")) == ("true", "true")


def test_unscored_module_leaves_success_and_score_out_of_the_rollup(course: Path) -> None:
    edit(course / "course.yaml", "mastery_score: 50\n", "")
    [built] = build(course, Path("out"), formats=("scorm2004",)).built
    seq = manifest(built.path).find(".//cp:item/imsss:sequencing", NS)
    assert seq.find("imsss:objectives/imsss:primaryObjective", NS).get("satisfiedByMeasure") == "false"
    rollup = seq.find("imsss:rollupRules", NS)
    assert (rollup.get("rollupObjectiveSatisfied"), rollup.get("objectiveMeasureWeight")) == ("false", "0")
    assert_valid(built.path)


def test_bundle_has_a_sco_per_module_and_free_sequencing_by_default(root_factory) -> None:  # type: ignore[no-untyped-def]
    course = root_factory("two-modules")
    [built] = build(course, Path("out"), formats=("scorm2004",), bundle=True).built
    assert built.path == Path("out/two-modules-scorm2004.zip")
    root = manifest(built.path)
    scos = root.findall(".//cp:resource[@adlcp:scormType='sco']", NS)
    assert [s.get("href") for s in scos] == ["first/index.html", "second/index.html"]
    mode = root.find("cp:organizations/cp:organization/imsss:sequencing/imsss:controlMode", NS)
    assert (mode.get("choice"), mode.get("flow")) == ("true", "true")
    assert root.find(".//imsss:preConditionRule", NS) is None
    assert root.find(".//imsss:mapInfo", NS) is None
    assert_valid(built.path)


def test_forced_order_locks_each_module_behind_the_one_before(root_factory) -> None:  # type: ignore[no-untyped-def]
    course = root_factory("two-modules")
    (course / "course.yaml").write_text((course / "course.yaml").read_text() + FORCED)
    [built] = build(course, Path("out"), formats=("scorm2004",), bundle=True).built
    root = manifest(built.path)
    org = root.find("cp:organizations/cp:organization", NS)
    assert org.get(f"{{{NS['adlseq']}}}objectivesGlobalToSystem") == "false"
    mode = org.find("imsss:sequencing/imsss:controlMode", NS)
    assert (mode.get("choice"), mode.get("flow")) == ("false", "true")
    _course_page, first, second = org.findall("cp:item", NS)
    assert first.find(".//imsss:preConditionRule", NS) is None
    loaded, _ = load_course(course)
    done = "https://example.org/courses/two-modules/first/completed"
    conditions = second.findall(".//imsss:preConditionRule/imsss:ruleConditions/imsss:ruleCondition", NS)
    assert {(c.get("referencedObjective"), c.get("operator"), c.get("condition")) for c in conditions} == {
        (done, "not", "satisfied"), (done, "not", "objectiveStatusKnown")}
    assert second.find(".//imsss:ruleAction", NS).get("action") == "disabled"
    writes = first.find(f".//imsss:objective[@objectiveID='{done}']/imsss:mapInfo", NS)
    reads = second.find(f".//imsss:objective[@objectiveID='{done}']/imsss:mapInfo", NS)
    assert (writes.get("targetObjectiveID"), writes.get("writeSatisfiedStatus")) == (done, "true")
    assert (reads.get("targetObjectiveID"), reads.get("readSatisfiedStatus")) == (done, "true")
    assert loaded is not None and loaded.sequencing.forced_order
    assert_valid(built.path)


def test_same_input_builds_byte_identical_zips(course: Path) -> None:
    first = build(course, Path("a"), formats=("scorm2004",)).built[0].path.read_bytes()
    (course / "modules/01-basics/02-check.md").touch()
    second = build(course, Path("b"), formats=("scorm2004",)).built[0].path.read_bytes()
    assert first == second


def test_the_2004_tracker_ships_only_in_2004_packages(course: Path) -> None:
    [p2004] = build(course, Path("a"), formats=("scorm2004",)).built
    [p12] = build(course, Path("b"), formats=("scorm12",)).built
    assert {n for n in names(p2004.path) if n.startswith("player/tracker-")} == {
        "player/tracker-scorm2004.js", "player/tracker-standalone.js"}
    assert "player/tracker-scorm2004.js" not in names(p12.path)


@pytest.mark.parametrize(("tail", "code", "line"), [
    ("scorm2004:\n  sequencing:\n    forced_ordr: true\n", "key.unknown", 3),
    ("scorm2004:\n  sequencing:\n    flow: maybe\n", "key.type", 3),
    ("scorm2004:\n  sequence: {}\n", "key.unknown", 2),
    ("scorm2004:\n  sequencing:\n    choice: false\n    flow: false\n", "key.value", 3),
])
def test_sequencing_mistakes_point_at_their_line(course: Path, tail: str, code: str, line: int) -> None:
    text = (course / "course.yaml").read_text()
    (course / "course.yaml").write_text(text + tail)
    start = len(text.splitlines())
    found = build(course, Path("out"), formats=("scorm2004",)).diagnostics
    problems = [(d.code, d.location.line - start) for d in found]
    assert (code, line) in problems


def test_the_2004_runtime_stays_under_64_kb() -> None:
    """The SCORM 1.2 budget (60 KB, tests/test_render.py) plus the 2004 tracker's extra
    data model (objectives, navigation, progress): bench/build.py prints the figure."""
    from scormbuild.render import player_static

    size = sum(len(v) for k, v in player_static("scorm2004").items() if k.endswith((".js", ".css")))
    assert size < 64 * 1024, size
