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

#: A SCORM 2004 4th Edition manifest using every part of the binding the schemas cover:
#: a full LOM record (all nine categories), sequencing with every IMS SS element and the
#: ADL sequencing extensions, a sequencing collection, navigation, shared data, xml:base,
#: a sub-manifest and a foreign extension attribute. Valid for scormbuild and the oracle.
SCORM2004_FULL = """\
<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="MANIFEST-full" version="1.0" xml:base="./"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:lom="http://ltsc.ieee.org/xsd/LOM"
    xmlns:ext="urn:example:extension">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
    <lom:lom>
      <lom:general>
        <lom:identifier><lom:catalog>URI</lom:catalog><lom:entry>https://example.com/full</lom:entry></lom:identifier>
        <lom:title><lom:string language="en">Full course</lom:string><lom:string language="fr">Cours</lom:string></lom:title>
        <lom:language>en</lom:language>
        <lom:description><lom:string language="en">Everything.</lom:string></lom:description>
        <lom:keyword><lom:string>goals</lom:string></lom:keyword>
        <lom:coverage><lom:string language="en">world</lom:string></lom:coverage>
        <lom:structure><lom:source>LOMv1.0</lom:source><lom:value>hierarchical</lom:value></lom:structure>
        <lom:aggregationLevel><lom:source>LOMv1.0</lom:source><lom:value>3</lom:value></lom:aggregationLevel>
      </lom:general>
      <lom:lifeCycle>
        <lom:version><lom:string>1.0</lom:string></lom:version>
        <lom:status><lom:source>LOMv1.0</lom:source><lom:value>final</lom:value></lom:status>
        <lom:contribute>
          <lom:role><lom:source>LOMv1.0</lom:source><lom:value>author</lom:value></lom:role>
          <lom:entity>BEGIN:VCARD\\nFN:Ann\\nEND:VCARD</lom:entity>
          <lom:date><lom:dateTime>2009-08-14T10:20:30.5Z</lom:dateTime><lom:description><lom:string>release</lom:string></lom:description></lom:date>
        </lom:contribute>
      </lom:lifeCycle>
      <lom:metaMetadata>
        <lom:identifier><lom:catalog>URI</lom:catalog><lom:entry>md-1</lom:entry></lom:identifier>
        <lom:contribute>
          <lom:role><lom:source>LOMv1.0</lom:source><lom:value>creator</lom:value></lom:role>
          <lom:entity>BEGIN:VCARD\\nFN:Bob\\nEND:VCARD</lom:entity>
          <lom:date><lom:dateTime>2009-08</lom:dateTime></lom:date>
        </lom:contribute>
        <lom:metadataSchema>LOMv1.0</lom:metadataSchema>
        <lom:metadataSchema>SCORM_CAM_v1.3</lom:metadataSchema>
        <lom:language>en-GB</lom:language>
      </lom:metaMetadata>
      <lom:technical>
        <lom:format>text/html</lom:format>
        <lom:size>4096</lom:size>
        <lom:location>index.html</lom:location>
        <lom:requirement>
          <lom:orComposite>
            <lom:type><lom:source>LOMv1.0</lom:source><lom:value>browser</lom:value></lom:type>
            <lom:name><lom:source>LOMv1.0</lom:source><lom:value>any</lom:value></lom:name>
            <lom:minimumVersion>1</lom:minimumVersion>
            <lom:maximumVersion>99</lom:maximumVersion>
          </lom:orComposite>
        </lom:requirement>
        <lom:installationRemarks><lom:string>none</lom:string></lom:installationRemarks>
        <lom:otherPlatformRequirements><lom:string>none</lom:string></lom:otherPlatformRequirements>
        <lom:duration><lom:duration>PT1H30M</lom:duration></lom:duration>
      </lom:technical>
      <lom:educational>
        <lom:interactivityType><lom:source>LOMv1.0</lom:source><lom:value>mixed</lom:value></lom:interactivityType>
        <lom:learningResourceType><lom:source>LOMv1.0</lom:source><lom:value>narrative text</lom:value></lom:learningResourceType>
        <lom:interactivityLevel><lom:source>LOMv1.0</lom:source><lom:value>medium</lom:value></lom:interactivityLevel>
        <lom:semanticDensity><lom:source>LOMv1.0</lom:source><lom:value>low</lom:value></lom:semanticDensity>
        <lom:intendedEndUserRole><lom:source>LOMv1.0</lom:source><lom:value>learner</lom:value></lom:intendedEndUserRole>
        <lom:context><lom:source>LOMv1.0</lom:source><lom:value>training</lom:value></lom:context>
        <lom:typicalAgeRange><lom:string>18-</lom:string></lom:typicalAgeRange>
        <lom:difficulty><lom:source>LOMv1.0</lom:source><lom:value>easy</lom:value></lom:difficulty>
        <lom:typicalLearningTime><lom:duration>P1DT2H3M4.5S</lom:duration><lom:description><lom:string>a day</lom:string></lom:description></lom:typicalLearningTime>
        <lom:description><lom:string>Use it.</lom:string></lom:description>
        <lom:language>en</lom:language>
      </lom:educational>
      <lom:rights>
        <lom:cost><lom:source>LOMv1.0</lom:source><lom:value>no</lom:value></lom:cost>
        <lom:copyrightAndOtherRestrictions><lom:source>LOMv1.0</lom:source><lom:value>yes</lom:value></lom:copyrightAndOtherRestrictions>
        <lom:description><lom:string>CC BY</lom:string></lom:description>
      </lom:rights>
      <lom:relation>
        <lom:kind><lom:source>LOMv1.0</lom:source><lom:value>ispartof</lom:value></lom:kind>
        <lom:resource>
          <lom:identifier><lom:catalog>URI</lom:catalog><lom:entry>https://example.com/parent</lom:entry></lom:identifier>
          <lom:description><lom:string>the parent</lom:string></lom:description>
        </lom:resource>
      </lom:relation>
      <lom:annotation>
        <lom:entity>BEGIN:VCARD\\nFN:Cy\\nEND:VCARD</lom:entity>
        <lom:date><lom:dateTime>2010-01-02T03:04</lom:dateTime></lom:date>
        <lom:description><lom:string>fine</lom:string></lom:description>
      </lom:annotation>
      <lom:classification>
        <lom:purpose><lom:source>LOMv1.0</lom:source><lom:value>discipline</lom:value></lom:purpose>
        <lom:taxonPath>
          <lom:source><lom:string>ACM</lom:string></lom:source>
          <lom:taxon><lom:id>K.3</lom:id><lom:entry><lom:string>Computers and education</lom:string></lom:entry></lom:taxon>
        </lom:taxonPath>
        <lom:description><lom:string>CS</lom:string></lom:description>
        <lom:keyword><lom:string>learning</lom:string></lom:keyword>
      </lom:classification>
    </lom:lom>
  </metadata>
  <organizations default="ORG-full" ext:note="x">
    <organization identifier="ORG-full" structure="hierarchical" adlseq:objectivesGlobalToSystem="false" adlcp:sharedDataGlobalToSystem="true">
      <title>Full course</title>
      <item identifier="ITEM-module" isvisible="true">
        <title>Module</title>
        <item identifier="ITEM-lesson" identifierref="RES-lesson" parameters="?page=1">
          <title>Lesson</title>
          <adlcp:timeLimitAction>continue,no message</adlcp:timeLimitAction>
          <adlcp:dataFromLMS>mode=review</adlcp:dataFromLMS>
          <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8" progressWeight="0.5"/>
          <imsss:sequencing IDRef="SEQ-common">
            <imsss:controlMode choice="true" choiceExit="false" flow="true" forwardOnly="false" useCurrentAttemptObjectiveInfo="true" useCurrentAttemptProgressInfo="false"/>
            <imsss:sequencingRules>
              <imsss:preConditionRule>
                <imsss:ruleConditions conditionCombination="any">
                  <imsss:ruleCondition referencedObjective="OBJ-1" measureThreshold="0.5" operator="not" condition="objectiveMeasureGreaterThan"/>
                  <imsss:ruleCondition condition="completed"/>
                </imsss:ruleConditions>
                <imsss:ruleAction action="skip"/>
              </imsss:preConditionRule>
              <imsss:exitConditionRule>
                <imsss:ruleConditions><imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions>
                <imsss:ruleAction action="exit"/>
              </imsss:exitConditionRule>
              <imsss:postConditionRule>
                <imsss:ruleConditions><imsss:ruleCondition condition="always"/></imsss:ruleConditions>
                <imsss:ruleAction action="continue"/>
              </imsss:postConditionRule>
            </imsss:sequencingRules>
            <imsss:limitConditions attemptLimit="3" attemptAbsoluteDurationLimit="PT1H" beginTimeLimit="2009-01-01T00:00:00"/>
            <imsss:auxiliaryResources>
              <imsss:auxiliaryResource auxiliaryResourceID="urn:aux:glossary" purpose="glossary"/>
            </imsss:auxiliaryResources>
            <imsss:rollupRules rollupObjectiveSatisfied="true" rollupProgressCompletion="false" objectiveMeasureWeight="0.5">
              <imsss:rollupRule childActivitySet="atLeastPercent" minimumCount="1" minimumPercent="0.5">
                <imsss:rollupConditions conditionCombination="all">
                  <imsss:rollupCondition operator="noOp" condition="satisfied"/>
                </imsss:rollupConditions>
                <imsss:rollupAction action="satisfied"/>
              </imsss:rollupRule>
            </imsss:rollupRules>
            <imsss:objectives>
              <imsss:primaryObjective objectiveID="OBJ-1" satisfiedByMeasure="true">
                <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>
                <imsss:mapInfo targetObjectiveID="urn:global:1" readSatisfiedStatus="true" writeSatisfiedStatus="true" readNormalizedMeasure="false" writeNormalizedMeasure="true"/>
              </imsss:primaryObjective>
              <imsss:objective objectiveID="OBJ-2">
                <imsss:mapInfo targetObjectiveID="urn:global:2"/>
              </imsss:objective>
            </imsss:objectives>
            <imsss:randomizationControls randomizationTiming="onEachNewAttempt" selectCount="1" reorderChildren="true" selectionTiming="once"/>
            <imsss:deliveryControls tracked="true" completionSetByContent="true" objectiveSetByContent="false"/>
            <adlseq:constrainedChoiceConsiderations preventActivation="true" constrainChoice="false"/>
            <adlseq:rollupConsiderations requiredForSatisfied="ifAttempted" requiredForNotSatisfied="ifNotSkipped" requiredForCompleted="ifNotSuspended" requiredForIncomplete="always" measureSatisfactionIfActive="false"/>
            <adlseq:objectives>
              <adlseq:objective objectiveID="OBJ-1">
                <adlseq:mapInfo targetObjectiveID="urn:global:1" readRawScore="true" writeRawScore="true" readMinScore="false" writeMinScore="true" readMaxScore="true" writeMaxScore="false" readCompletionStatus="true" writeCompletionStatus="true" readProgressMeasure="true" writeProgressMeasure="true"/>
              </adlseq:objective>
            </adlseq:objectives>
          </imsss:sequencing>
          <adlnav:presentation>
            <adlnav:navigationInterface>
              <adlnav:hideLMSUI>continue</adlnav:hideLMSUI>
              <adlnav:hideLMSUI>previous</adlnav:hideLMSUI>
              <adlnav:hideLMSUI>suspendAll</adlnav:hideLMSUI>
            </adlnav:navigationInterface>
          </adlnav:presentation>
          <adlcp:data>
            <adlcp:map targetID="urn:data:notes" readSharedData="true" writeSharedData="true"/>
          </adlcp:data>
        </item>
        <metadata><adlcp:location>metadata/module.xml</adlcp:location></metadata>
        <imsss:sequencing>
          <imsss:controlMode flow="true"/>
        </imsss:sequencing>
      </item>
      <metadata><adlcp:location>metadata/org.xml</adlcp:location></metadata>
      <imsss:sequencing>
        <imsss:controlMode choice="false" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources xml:base="content/">
    <resource identifier="RES-lesson" type="webcontent" adlcp:scormType="sco" href="lesson.html" xml:base="lesson/">
      <metadata><adlcp:location>metadata/lesson.xml</adlcp:location></metadata>
      <file href="lesson.html"><metadata><adlcp:location>metadata/file.xml</adlcp:location></metadata></file>
      <dependency identifierref="RES-shared"/>
    </resource>
    <resource identifier="RES-shared" type="webcontent" adlcp:scormType="asset">
      <file href="shared/app.js"/>
    </resource>
  </resources>
  <manifest identifier="MANIFEST-sub">
    <organizations/>
    <resources/>
  </manifest>
  <imsss:sequencingCollection>
    <imsss:sequencing ID="SEQ-common">
      <imsss:deliveryControls tracked="false"/>
    </imsss:sequencing>
  </imsss:sequencingCollection>
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
    "scorm2004-full": Sample("imsmanifest.xml", SCORM2004_FULL,
                             {"content/lesson/lesson.html": PAGE, "content/shared/app.js": "//"}),
    "cmi5": Sample("cmi5.xml", CMI5, {"index.html": PAGE}),
    "tincan": Sample("tincan.xml", TINCAN, {"index.html": PAGE}),
}
