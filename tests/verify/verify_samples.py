"""Minimal valid packages for each standard, as text, plus a way to edit them.

The SCORM 1.2 manifest has the shape scormbuild's own builder emits (metadata with an
IMS-MD 1.2.1 record, one SCO with a mastery score, a shared player asset).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

#: ../shared/conformance beside the repository (the oracle and the real-world corpus).
CONFORMANCE = Path(__file__).resolve().parents[3] / "shared" / "conformance"

SCORM12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="MANIFEST-goals" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title><imsmd:langstring xml:lang="en">Goal planning</imsmd:langstring></imsmd:title>
        <imsmd:language>en</imsmd:language>
        <imsmd:description><imsmd:langstring xml:lang="en">Set and track goals.</imsmd:langstring></imsmd:description>
      </imsmd:general>
    </imsmd:lom>
  </metadata>
  <organizations default="ORG-goals">
    <organization identifier="ORG-goals">
      <title>Goal planning course</title>
      <item identifier="ITEM-goals" identifierref="RES-goals">
        <title>Goal planning</title>
        <adlcp:masteryscore>75</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-goals" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
      <file href="lessons/lesson1.html"/>
      <dependency identifierref="RES-player"/>
    </resource>
    <resource identifier="RES-player" type="webcontent" adlcp:scormtype="asset">
      <file href="player/player.js"/>
      <file href="player/player.css"/>
    </resource>
  </resources>
</manifest>
"""

SCORM2004 = """\
<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="MANIFEST-goals" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG-goals">
    <organization identifier="ORG-goals">
      <title>Goal planning course</title>
      <item identifier="ITEM-goals" identifierref="RES-goals">
        <title>Goal planning</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-goals" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""

CMI5 = """\
<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.com/goals">
    <title><langstring lang="en-US">Goal planning</langstring></title>
    <description><langstring lang="en-US">Set and track goals.</langstring></description>
  </course>
  <objectives>
    <objective id="https://example.com/goals/objectives/smart">
      <title><langstring lang="en-US">SMART goals</langstring></title>
      <description><langstring lang="en-US">Write SMART goals.</langstring></description>
    </objective>
  </objectives>
  <au id="https://example.com/goals/au/1" moveOn="CompletedOrPassed" masteryScore="0.75">
    <title><langstring lang="en-US">Lesson 1</langstring></title>
    <description><langstring lang="en-US">The first lesson.</langstring></description>
    <objectives><objective idref="https://example.com/goals/objectives/smart"/></objectives>
    <url>index.html?lesson=1</url>
  </au>
</courseStructure>
"""

TINCAN = """\
<?xml version="1.0" encoding="utf-8" ?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="https://example.com/goals" type="http://adlnet.gov/expapi/activities/course">
      <name lang="en-US">Goal planning</name>
      <description lang="en-US">Set and track goals.</description>
      <launch lang="und">index.html</launch>
    </activity>
    <activity id="https://example.com/goals/q1" type="http://adlnet.gov/expapi/activities/cmi.interaction">
      <name lang="en-US">Question 1</name>
      <interactionType>choice</interactionType>
    </activity>
  </activities>
</tincan>
"""

PAGE = "<!doctype html><html><head><title>x</title></head><body>x</body></html>"


@dataclass(frozen=True)
class Sample:
    root_name: str
    root: str
    others: dict[str, str] = field(default_factory=dict)

    def files(self) -> dict[str, bytes | str]:
        return {self.root_name: self.root.encode("utf-8"), **self.others}

    def replace(self, old: str, new: str) -> Sample:
        assert old in self.root, f"{old!r} not in the sample"
        return dataclasses.replace(self, root=self.root.replace(old, new, 1))

    def without(self, name: str) -> Sample:
        return dataclasses.replace(self, others={k: v for k, v in self.others.items() if k != name})

    def with_file(self, name: str, data: str = "x") -> Sample:
        return dataclasses.replace(self, others={**self.others, name: data})

    def line_of(self, needle: str) -> int:
        """1-based line of the first occurrence of needle in the root file."""
        assert needle in self.root, f"{needle!r} not in the edited sample"
        return self.root[: self.root.index(needle)].count("\n") + 1


SAMPLES = {
    "scorm12": Sample("imsmanifest.xml", SCORM12, {"index.html": PAGE, "lessons/lesson1.html": PAGE,
                                                   "player/player.js": "//", "player/player.css": "/**/"}),
    "scorm2004": Sample("imsmanifest.xml", SCORM2004, {"index.html": PAGE}),
    "cmi5": Sample("cmi5.xml", CMI5, {"index.html": PAGE}),
    "tincan": Sample("tincan.xml", TINCAN, {"index.html": PAGE}),
}
