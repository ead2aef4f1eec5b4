"""The Moodle course backup of the seed course, checked file by file against what
Moodle's restore reads (backup/moodle2/restore_stepslib.php, mod/scorm/backup/moodle2/).

No Moodle runs here: these tests hold the backup to the rules restore applies — every
XML parses, ids agree across files, every listed file is stored under its SHA-1, each
activity carries the exact scorm12 zip and the settings course.yaml declares.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from scormbuild.pipeline import build
from scormbuild.verify import validate_path
from tests.conftest import REPO, edit

MBZ = "where-we-are-at-moodle.mbz"


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {i.name: tar.extractfile(i).read() for i in tar if i.isfile()}  # type: ignore[union-attr]


def xml(files: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(files[name])


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """(the .mbz, its members, the scorm12 zips built alongside it by name)."""
    out = tmp_path_factory.mktemp("seed")
    result = build(REPO / "course", out, formats=("scorm12", "moodle"))
    assert result.ok and result.diagnostics == [], result.diagnostics
    zips = {b.path.name: b.path.read_bytes() for b in result.built if b.standard == "scorm12"}
    return out / MBZ, members(out / MBZ), zips


def activities(files: dict[str, bytes]) -> list[etree._Element]:
    return xml(files, "moodle_backup.xml").findall("information/contents/activities/activity")


def test_every_xml_file_parses_and_the_header_is_what_restore_detects(seed) -> None:  # type: ignore[no-untyped-def]
    _, files, _ = seed
    names = [n for n in files if n.endswith(".xml")]
    assert len(names) > 40
    for name in names:
        etree.fromstring(files[name])  # raises on a malformed file
    head = files["moodle_backup.xml"][:200]  # convert_helper::detect_moodle2_format
    assert b'<?xml version="1.0" encoding="UTF-8"?>' in head and b"<moodle_backup>" in head and b"<information>" in head


def test_a_section_and_a_scorm_activity_per_module_in_course_order(seed) -> None:  # type: ignore[no-untyped-def]
    _, files, _ = seed
    listed = activities(files)
    assert [(a.findtext("moduleid"), a.findtext("sectionid"), a.findtext("modulename"), a.findtext("title"))
            for a in listed] == [("1", "2", "scorm", "Connection & communication"),
                                 ("2", "3", "scorm", "Goal planning")]
    sections = {s.get("id"): s for s in (xml(files, f"sections/section_{i}/section.xml") for i in (1, 2, 3))}
    assert [(s.findtext("number"), s.findtext("name"), s.findtext("sequence")) for s in sections.values()] == [
        ("0", "$@NULL@$", ""), ("1", "Connection & communication", "1"), ("2", "Goal planning", "2")]
    assert "peer support relationships" in sections["3"].findtext("summary")  # the module's description


def test_ids_agree_across_files(seed) -> None:  # type: ignore[no-untyped-def]
    _, files, _ = seed
    file_ids = {f.get("id"): f for f in xml(files, "files.xml").iter("file")}
    for listed in activities(files):
        folder, moduleid = listed.findtext("directory"), listed.findtext("moduleid")
        sectionid = listed.findtext("sectionid")
        module, activity = xml(files, f"{folder}/module.xml"), xml(files, f"{folder}/scorm.xml")
        assert (module.get("id"), module.findtext("sectionid")) == (moduleid, sectionid)
        assert xml(files, f"sections/section_{sectionid}/section.xml").findtext("sequence") == moduleid
        assert (activity.get("moduleid"), activity.find("scorm").get("id")) == (moduleid, activity.get("id"))
        refs = [r.text for r in xml(files, f"{folder}/inforef.xml").iterfind("fileref/file/id")]
        assert refs and set(refs) <= set(file_ids)
        assert {file_ids[r].findtext("contextid") for r in refs} == {activity.get("contextid")}
        grade = xml(files, f"{folder}/grades.xml").find("grade_items/grade_item")
        assert grade.findtext("iteminstance") == activity.find("scorm").get("id")
        scoes = [s.get("id") for s in activity.iter("sco")]
        assert activity.findtext("scorm/launch") in scoes  # restore remaps launch through the sco ids


def test_files_xml_hashes_and_sizes_match_the_stored_files(seed) -> None:  # type: ignore[no-untyped-def]
    _, files, _ = seed
    rows = list(xml(files, "files.xml").iter("file"))
    for row in rows:
        digest = row.findtext("contenthash")
        data = files[f"files/{digest[:2]}/{digest}"]
        assert hashlib.sha1(data).hexdigest() == digest
        assert len(data) == int(row.findtext("filesize"))
    stored = {n for n in files if n.startswith("files/")}
    assert stored == {f"files/{r.findtext('contenthash')[:2]}/{r.findtext('contenthash')}" for r in rows}


def test_each_activity_holds_the_scorm12_zip_byte_for_byte_and_its_files_unzipped(seed) -> None:  # type: ignore[no-untyped-def]
    _, files, zips = seed
    rows = list(xml(files, "files.xml").iter("file"))
    for listed in activities(files):
        activity = xml(files, f"{listed.findtext('directory')}/scorm.xml")
        reference = activity.findtext("scorm/reference")
        mine = [r for r in rows if r.findtext("contextid") == activity.get("contextid")]
        [package] = [r for r in mine if r.findtext("filearea") == "package"]
        digest = package.findtext("contenthash")
        assert package.findtext("filename") == reference
        assert files[f"files/{digest[:2]}/{digest}"] == zips[reference]
        assert activity.findtext("scorm/sha1hash") == digest  # scorm_parse sees it as parsed
        with zipfile.ZipFile(io.BytesIO(zips[reference])) as zf:
            unzipped = {name: zf.read(name) for name in zf.namelist()}
        content = {(r.findtext("filepath") + r.findtext("filename")).lstrip("/"): r.findtext("contenthash")
                   for r in mine if r.findtext("filearea") == "content"}
        assert content == {name: hashlib.sha1(data).hexdigest() for name, data in unzipped.items()}


def test_scoes_are_the_rows_moodle_makes_of_the_manifest(seed) -> None:  # type: ignore[no-untyped-def]
    _, files, _ = seed
    activity = xml(files, "activities/scorm_2/scorm.xml")
    rows = [(s.findtext("organization"), s.findtext("parent"), s.findtext("identifier"), s.findtext("launch"),
             s.findtext("scormtype")) for s in activity.iter("sco")]
    assert rows == [("", "/", "ORG-where-we-are-at", "", ""),
                    ("ORG-where-we-are-at", "ORG-where-we-are-at", "ITEM-goal-planning", "index.html", "sco")]
    data = {d.findtext("name"): d.findtext("value") for d in activity.iter("sco_data")}
    assert data == {"isvisible": "true", "parameters": "", "masteryscore": "75"}
    assert activity.findtext("scorm/launch") == activity.findall("scorm/scoes/sco")[1].get("id")


def test_the_seed_courses_defaults(seed) -> None:  # type: ignore[no-untyped-def]
    """Defaults chosen for this course (model/moodle.py says why): mastery never overrides
    the status the player reports, the highest attempt counts, passing completes."""
    _, files, _ = seed
    scorm = xml(files, "activities/scorm_2/scorm.xml").find("scorm")
    assert {k: scorm.findtext(k) for k in ("version", "masteryoverride", "grademethod", "whatgrade", "maxattempt",
                                           "maxgrade", "hidetoc", "nav", "popup", "completionstatusrequired",
                                           "completionscorerequired", "timeopen", "timeclose")} == {
        "version": "SCORM_1.2", "masteryoverride": "0", "grademethod": "1", "whatgrade": "0", "maxattempt": "0",
        "maxgrade": "100", "hidetoc": "1", "nav": "0", "popup": "0", "completionstatusrequired": "2",
        "completionscorerequired": "$@NULL@$", "timeopen": "0", "timeclose": "0"}
    assert xml(files, "activities/scorm_2/module.xml").findtext("completion") == "2"
    assert xml(files, "course/course.xml").findtext("enablecompletion") == "1"
    assert xml(files, "activities/scorm_2/grades.xml").findtext("grade_items/grade_item/gradepass") == "75.00000"


def test_the_backup_validates_clean(seed) -> None:  # type: ignore[no-untyped-def]
    path, _, _ = seed
    assert validate_path(path) == []


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build(REPO / "course", tmp_path / "a", formats=("moodle",)).built[0].path
    second = build(REPO / "course", tmp_path / "b", formats=("moodle",)).built[0].path
    assert first.read_bytes() == second.read_bytes()


def test_archive_is_a_sorted_tar_gz_without_times_or_owners(seed) -> None:  # type: ignore[no-untyped-def]
    path, _, _ = seed
    raw = path.read_bytes()
    assert raw[:2] == b"\x1f\x8b" and raw[4:8] == b"\0\0\0\0"  # gzip, header mtime 0 (RFC 1952 2.3.1)
    with tarfile.open(path, "r:gz") as tar:
        infos = tar.getmembers()
    names = [i.name + ("/" if i.isdir() else "") for i in infos]
    assert names == sorted(names) and names[0] == "activities/"  # each folder before its files
    assert {(i.mtime, i.uid, i.gid, i.uname, i.gname) for i in infos} == {(0, 0, 0, "", "")}
    assert {i.type for i in infos} == {tarfile.REGTYPE, tarfile.DIRTYPE}
    assert gzip.decompress(raw)  # one well-formed gzip member


SETTINGS = """moodle:
  display:
    window: new
    width: 1024
    height: 700
    table_of_contents: side
    navigation: floating
    skip_entry_page: never
    hide_preview: true
  grading:
    method: average
    maximum: 80
  attempts:
    maximum: 3
    grade: last
    force_completed: true
    force_new: when-complete
    lock_after_final: true
  completion:
    status: [passed, completed]
    minimum_score: 60
    all_scos: true
  available:
    from: 2026-02-01
    until: 2026-06-30T17:00:00Z
  mastery_overrides_status: true
  auto_continue: true
  auto_commit: true
"""


def test_settings_in_course_yaml_appear_in_scorm_xml(course: Path) -> None:
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text + SETTINGS, encoding="utf-8")
    result = build(course, Path("out"), formats=("moodle",))
    assert result.ok, result.diagnostics
    scorm = xml(members(result.built[0].path), "activities/scorm_1/scorm.xml").find("scorm")
    assert {k: scorm.findtext(k) for k in (
        "popup", "options", "width", "height", "hidetoc", "nav", "skipview", "hidebrowse", "grademethod", "maxgrade",
        "maxattempt", "whatgrade", "forcecompleted", "forcenewattempt", "lastattemptlock", "completionstatusrequired",
        "completionscorerequired", "completionstatusallscos", "timeopen", "timeclose", "masteryoverride", "auto",
        "autocommit")} == {
        "popup": "1", "options": "scrollbars=0,directories=0,location=0,menubar=0,toolbar=0,status=0",
        "width": "1024", "height": "700", "hidetoc": "0", "nav": "2", "skipview": "0", "hidebrowse": "1",
        "grademethod": "2", "maxgrade": "80", "maxattempt": "3", "whatgrade": "3", "forcecompleted": "1",
        "forcenewattempt": "1", "lastattemptlock": "1", "completionstatusrequired": "6",
        "completionscorerequired": "60", "completionstatusallscos": "1", "timeopen": "1769904000",
        "timeclose": "1782838800", "masteryoverride": "1", "auto": "1", "autocommit": "1"}


def test_no_completion_rule_means_no_automatic_completion(course: Path) -> None:
    edit(course / "course.yaml", "modules:\n", "moodle:\n  completion:\n    status: none\nmodules:\n")
    files = members(build(course, Path("out"), formats=("moodle",)).built[0].path)
    assert xml(files, "activities/scorm_1/scorm.xml").findtext("scorm/completionstatusrequired") == "$@NULL@$"
    assert xml(files, "activities/scorm_1/module.xml").findtext("completion") == "0"
    assert xml(files, "course/course.xml").findtext("enablecompletion") == "0"


def test_an_unscored_module_completes_on_completed(course: Path) -> None:
    edit(course / "course.yaml", "mastery_score: 50\n", "")
    files = members(build(course, Path("out"), formats=("moodle",)).built[0].path)
    assert xml(files, "activities/scorm_1/scorm.xml").findtext("scorm/completionstatusrequired") == "4"


def test_the_command_line_builds_it(course: Path) -> None:
    from click.testing import CliRunner

    from scormbuild.cli import main

    result = CliRunner().invoke(main, ["build", str(course), "-f", "moodle", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert "built out/minimal-moodle.mbz" in result.output and "moodle)" in result.output
