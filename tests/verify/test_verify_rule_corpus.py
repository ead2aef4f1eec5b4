"""The broken-package corpus: one package per manifest rule, each built from a valid
sample by one edit, each yielding exactly the expected rule id at the expected line.

A specific rule supersedes libxml2's generic SCHEMA-INVALID on the same line, so
"exactly" holds for rules the schema also catches (duplicate ids, over-long titles).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from verify_samples import SAMPLES, Sample

from scormbuild.verify import validate_path

LONG = "x" * 250


@dataclass(frozen=True)
class Case:
    rule: str
    kind: str
    edit: Callable[[Sample], Sample]
    at: str | None  # the text on the expected line of the edited root file; None: line 0

    def expected(self) -> list[tuple[str, int]]:
        edited = self.edit(SAMPLES[self.kind])
        return [(self.rule, edited.line_of(self.at) if self.at else 0)]


def r(old: str, new: str) -> Callable[[Sample], Sample]:
    return lambda s: s.replace(old, new)


ITEM = """<item identifier="ITEM-goals" identifierref="RES-goals">
        <title>Goal planning</title>
        <adlcp:masteryscore>75</adlcp:masteryscore>
      </item>"""

CASES = [
    # ----- schema (SCORM 1.2 CAM 3.3, IMS CP 1.1.2) -----
    Case("SCHEMA-INVALID", "scorm12", r('<organization identifier="ORG-goals">', '<organization identifier="ORG-goals" bogus="1">'),
         "bogus"),
    Case("SCHEMA-INVALID", "cmi5", r("<url>", "<launchMethod/><url>"), "<launchMethod/>"),
    Case("SCHEMA-INVALID", "tincan", r("<activities>", "<activities><bogus/>"), "<bogus/>"),
    # ----- SCORM 1.2 -----
    Case("SCORM12-ID-DUPLICATE", "scorm12", r('item identifier="ITEM-goals"', 'item identifier="ORG-goals"'),
         'item identifier="ORG-goals"'),
    Case("SCORM12-IDREF-MISSING", "scorm12", r('identifierref="RES-goals"', 'identifierref="RES-gaols"'),
         'identifierref="RES-gaols"'),
    Case("SCORM12-IDREF-MISSING", "scorm12", r('<dependency identifierref="RES-player"/>',
                                               '<dependency identifierref="RES-players"/>'), "<dependency"),
    Case("SCORM12-ORG-EMPTY", "scorm12", r(ITEM, ""), "<organizations "),
    Case("SCORM12-ORG-DEFAULT", "scorm12", r('default="ORG-goals"', 'default="ITEM-goals"'), "<organizations "),
    Case("SCORM12-ITEM-EMPTY", "scorm12", r(' identifierref="RES-goals"', ""), '<item identifier="ITEM-goals"'),
    Case("SCORM12-HREF-SYNTAX", "scorm12",
         lambda s: s.replace("lessons/lesson1.html", "lessons\\lesson1.html").without("lessons/lesson1.html"),
         "lessons\\lesson1.html"),
    Case("SCORM12-HREF-SYNTAX", "scorm12",
         lambda s: s.replace('href="lessons/lesson1.html"', 'href="../lesson1.html"').without("lessons/lesson1.html"),
         "../lesson1.html"),
    Case("SCORM12-HREF-MISSING", "scorm12", r('adlcp:scormtype="sco" href="index.html"',
                                              'adlcp:scormtype="sco" href="start.html"'), 'href="start.html"'),
    Case("SCORM12-FILE-MISSING", "scorm12", lambda s: s.without("player/player.css"), "player/player.css"),
    Case("SCORM12-HREF-CASE", "scorm12", r('href="player/player.js"', 'href="player/Player.js"'), "Player.js"),
    Case("SCORM12-FILE-UNLISTED", "scorm12", lambda s: s.with_file("notes/todo.txt"), None),
    Case("SCORM12-TITLE-EMPTY", "scorm12", r("<title>Goal planning</title>", "<title> </title>"),
         '<item identifier="ITEM-goals"'),
    Case("SCORM12-TITLE-LENGTH", "scorm12", r("<title>Goal planning</title>", f"<title>{LONG}</title>"), LONG),
    Case("SCORM12-TITLE-CHARS", "scorm12", r("<title>Goal planning</title>", "<title>Goal &lt;b&gt;planning</title>"),
         "&lt;b&gt;"),
    Case("SCORM12-SCORMTYPE", "scorm12", r(' adlcp:scormtype="asset"', ""), '<resource identifier="RES-player"'),
    Case("SCORM12-SCO-HREF", "scorm12", r('adlcp:scormtype="sco" href="index.html"',
                                          'adlcp:scormtype="sco" href="player/player.js"'), 'href="player/player.js">'),
    Case("SCORM12-MASTERYSCORE", "scorm12", r(">75<", ">175<"), ">175<"),
    Case("SCORM12-SCHEMAVERSION", "scorm12", r("<schemaversion>1.2<", "<schemaversion>1.1<"), "<metadata>"),
    # ----- SCORM 2004 (CAM 3.4, 5; IMS CP 1.1.4, IMS SS, IEEE LOM) -----
    Case("SCHEMA-INVALID", "scorm2004", r("<title>Goal planning</title>", "<title>Goal planning</title>\n"
                                          '        <imsss:sequencing><imsss:controlMode flow="yes"/></imsss:sequencing>'),
         'flow="yes"'),
    Case("SCHEMA-INVALID", "scorm2004", r("<schemaversion>2004 4th Edition</schemaversion>",
                                          "<schemaversion>2004 4th Edition</schemaversion>\n"
                                          '    <lom:lom xmlns:lom="http://ltsc.ieee.org/xsd/LOM"><lom:general>'
                                          "<lom:title><lom:langstring>Goals</lom:langstring></lom:title>"
                                          "</lom:general></lom:lom>"), "<lom:langstring>"),
    Case("SCHEMA-INVALID", "scorm2004-full", r("<imsss:ruleAction action=\"exit\"/>", "<imsss:ruleAction/>"),
         "<imsss:ruleAction/>"),
    Case("SCORM2004-IDREF-MISSING", "scorm2004", r('identifierref="RES-goals"', 'identifierref="RES-x"'), 'identifierref="RES-x"'),
    Case("SCORM2004-ORG-DEFAULT", "scorm2004", r('default="ORG-goals"', 'default="ITEM-goals"'), "<organizations "),
    Case("SCORM2004-SCORMTYPE", "scorm2004", r(' adlcp:scormType="sco"', ""), '<resource identifier'),
    Case("SCORM2004-SCO-HREF", "scorm2004", r(' href="index.html">', ">"), '<resource identifier'),
    Case("SCORM2004-SCHEMAVERSION", "scorm2004", r("<schemaversion>2004 4th Edition<", "<schemaversion>1.2<"),
         "<metadata>"),
    Case("SCORM2004-SEQUENCING-IDREF", "scorm2004", r("<title>Goal planning</title>", "<title>Goal planning</title>\n"
                                                      '        <imsss:sequencing IDRef="SEQ-shared"/>'), 'IDRef="SEQ-shared"'),
    Case("SCORM2004-SEQUENCING-IDREF", "scorm2004-full", r('IDRef="SEQ-common"', 'IDRef="SEQ-commons"'),
         'IDRef="SEQ-commons"'),
    # ----- cmi5 (section 13.1) -----
    Case("CMI5-ID-IRI", "cmi5", r('au id="https://example.com/goals/au/1"', 'au id="lesson-1"'), 'au id="lesson-1"'),
    Case("CMI5-ID-DUPLICATE", "cmi5", r('au id="https://example.com/goals/au/1"', 'au id="https://example.com/goals"'),
         'au id="https://example.com/goals"'),
    Case("CMI5-MOVEON", "cmi5", r('moveOn="CompletedOrPassed"', 'moveOn="passed"'), "<au "),
    Case("CMI5-MASTERYSCORE", "cmi5", r('masteryScore="0.75"', 'masteryScore="75"'), "<au "),
    Case("CMI5-URL-SYNTAX", "cmi5", r("<url>index.html?lesson=1</url>", "<url>index.html?actor=me</url>"), "<url>"),
    Case("CMI5-URL-SYNTAX", "cmi5", r("<url>index.html?lesson=1</url>", "<url>ftp://example.com/x.html</url>"), "<url>"),
    Case("CMI5-URL-MISSING", "cmi5", r("<url>index.html?lesson=1</url>", "<url>start.html</url>"), "<url>"),
    Case("CMI5-OBJECTIVE-REF", "cmi5", r('idref="https://example.com/goals/objectives/smart"',
                                         'idref="https://example.com/goals/objectives/other"'), "objectives/other"),
    # ----- Tin Can -----
    Case("TINCAN-ID-IRI", "tincan", r('id="https://example.com/goals"', 'id="goals"'), 'id="goals"'),
    Case("TINCAN-ID-DUPLICATE", "tincan", r('id="https://example.com/goals/q1"', 'id="https://example.com/goals"'),
         'type="http://adlnet.gov/expapi/activities/cmi.interaction"'),
    Case("TINCAN-NO-LAUNCH", "tincan", r('\n      <launch lang="und">index.html</launch>', ""), "<tincan "),
    Case("TINCAN-LAUNCH-MISSING", "tincan", r(">index.html</launch>", ">story.html</launch>"), "<launch"),
    Case("TINCAN-LAUNCH-MISSING", "tincan", r(">index.html</launch>", ">../story.html</launch>"), "<launch"),
    # ----- XML -----
    Case("XML-MALFORMED", "scorm12", r("</organizations>", "</organisations>"), "</organisations>"),
    Case("XML-ENCODING-DECLARED", "tincan", r('encoding="utf-8"', 'encoding="ISO-8859-1"'), "<?xml"),
]
CORPUS_RULES = {c.rule for c in CASES}


def problems(path) -> list[tuple[str, int]]:
    return [(d.code, d.location.line) for d in validate_path(path)]


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_samples_are_clean(sample_zip, kind):
    assert problems(sample_zip(kind)) == []


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{i}" for i, c in enumerate(CASES)])
def test_each_broken_package_yields_exactly_its_rule(sample_zip, case):
    assert problems(sample_zip(case.kind, case.edit)) == case.expected()


def test_location_names_the_file_inside_the_zip(sample_zip):
    path = sample_zip("scorm12", r(">75<", ">175<"))
    [d] = validate_path(path)
    assert d.location.path == f"{path}!imsmanifest.xml"
    assert d.hint


def test_folder_packages_are_checked_like_zips(tmp_path):
    sample = SAMPLES["scorm12"].without("player/player.css")
    for name, data in sample.files().items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data.encode() if isinstance(data, str) else data)
    [d] = validate_path(tmp_path)
    assert (d.code, d.location.path) == ("SCORM12-FILE-MISSING", f"{tmp_path}/imsmanifest.xml")


def test_forced_standard_looks_for_its_root_file(sample_zip):
    assert problems(sample_zip("scorm12")) == []
    assert problems(sample_zip("scorm12"), ) == []
    from scormbuild.verify import verify_package

    assert [d.code for d in verify_package(sample_zip("scorm12"), "cmi5")] == ["PKG-NO-MANIFEST"]


def test_did_you_mean_for_references(sample_zip):
    [d] = validate_path(sample_zip("scorm12", r('identifierref="RES-goals"', 'identifierref="RES-gaols"')))
    assert "did you mean 'RES-goals'?" in d.hint


def test_at_most_max_per_rule_diagnostics_of_one_rule_then_a_count(sample_zip):
    """30 missing files: 20 listed, then one FILE-MISSING counting the other 10, at the
    first one left out; other rules are not affected and the verdict is unchanged."""
    from scormbuild.verify import MAX_PER_RULE

    missing = "".join(f'\n      <file href="gone/{n:02d}.html"/>' for n in range(30))
    edit = r('<file href="lessons/lesson1.html"/>', '<file href="lessons/lesson1.html"/>' + missing)
    path = sample_zip("scorm12", lambda s: edit(s).replace("<title>Goal planning</title>", "<title> </title>"))
    diags = validate_path(path)
    listed = [d for d in diags if d.code == "SCORM12-FILE-MISSING"]
    assert MAX_PER_RULE == 20 and len(listed) == 21
    *shown, summary = listed
    assert [d.message for d in shown] == [f"file href 'gone/{n:02d}.html': gone/{n:02d}.html is not in the package"
                                          for n in range(20)]
    assert summary.message.startswith("10 more SCORM12-FILE-MISSING problems not listed")
    assert summary.is_error and summary.location.line == edit(SAMPLES["scorm12"]).line_of("gone/20.html")
    assert [d.code for d in diags if d.code != "SCORM12-FILE-MISSING"] == ["SCORM12-TITLE-EMPTY"]
    assert [dict(d.extra) for d in diags] == [{"package": str(path)}] * len(diags)


def test_schema_errors_are_capped_like_the_others(sample_zip):
    bad = "".join(f'\n      <file href="index.html" bogus="{n}"/>' for n in range(50))
    path = sample_zip("scorm2004", r('<file href="index.html"/>', '<file href="index.html"/>' + bad))
    diags = validate_path(path)
    assert [d.code for d in diags] == ["SCHEMA-INVALID"] * 21
    assert diags[-1].message.startswith("30 more SCHEMA-INVALID problems not listed")
