"""SCORM 1.2 rules (group ``scorm12``) beyond the content-packaging ones shared with
SCORM 2004 (:mod:`scormbuild.verify.contentpackage`). Clauses: SCORM 1.2 Content
Aggregation Model (CAM 1.2) and Run-Time Environment (RTE 1.2).
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from scormbuild.verify.contentpackage import child, find_all, sco_href_findings, scormtype_of
from scormbuild.verify.document import Document, text
from scormbuild.verify.registry import Finding, Severity, rule

ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
#: CAM 1.2 3.4.1.1: the two kinds of resource.
SCORMTYPES = ("sco", "asset")
#: RTE 1.2 3.4.4 cmi.student_data.mastery_score: CMIDecimal from 0 to 100.
MASTERY_MIN, MASTERY_MAX = Decimal(0), Decimal(100)
#: CAM 1.2 3.3.2.1: the metadata that identifies a SCORM 1.2 package.
SCHEMA, SCHEMAVERSION = "ADL SCORM", "1.2"


@rule("SCORM12-SCORMTYPE", Severity.ERROR, "scorm12")
def scormtype(doc: Document) -> Iterator[Finding]:
    """A resource lacks ``adlcp:scormtype`` or has a value other than ``sco`` or ``asset``.

    CAM 1.2 3.4.1.1: the attribute is required on every <resource>; without it an LMS
    cannot tell whether to start a run-time session.

    Fails: ``<resource identifier="R1" type="webcontent" href="index.html">``
    Passes: ``<resource identifier="R1" type="webcontent" adlcp:scormtype="sco" href="index.html">``
    """
    for node in find_all(doc, "resource"):
        value = scormtype_of(node, ADLCP, "scormtype")
        if value not in SCORMTYPES:
            what = "has no adlcp:scormtype" if value is None else f"has adlcp:scormtype {value!r}"
            yield Finding(doc.at(node), f"resource {node.get('identifier', '')!r} {what}",
                          'set adlcp:scormtype="sco" (talks to the LMS) or "asset"')


@rule("SCORM12-SCO-HREF", Severity.ERROR, "scorm12")
def sco_href(doc: Document) -> Iterator[Finding]:
    """A SCO resource has no ``href`` or its href is not an HTML page.

    CAM 1.2 3.4.1.1: a SCO is launched by the LMS in a browser window and finds the
    API adapter from there (RTE 1.2 3.3).

    Fails: ``<resource adlcp:scormtype="sco" type="webcontent" identifier="R1">`` (no href),
    or ``href="course.swf"``
    Passes: ``<resource adlcp:scormtype="sco" type="webcontent" identifier="R1" href="index.html">``
    """
    yield from sco_href_findings(doc, ADLCP, "scormtype")


@rule("SCORM12-MASTERYSCORE", Severity.ERROR, "scorm12")
def masteryscore(doc: Document) -> Iterator[Finding]:
    """``adlcp:masteryscore`` is not a number from 0 to 100.

    CAM 1.2 3.4.1.7: it initialises cmi.student_data.mastery_score, a CMIDecimal
    0..100 (RTE 1.2 3.4.4); LMSs refuse or ignore anything else.

    Fails: ``<adlcp:masteryscore>80%</adlcp:masteryscore>``, ``<adlcp:masteryscore>175</adlcp:masteryscore>``
    Passes: ``<adlcp:masteryscore>80</adlcp:masteryscore>``
    """
    for node in doc.root.iter(f"{{{ADLCP}}}masteryscore"):
        value = text(node)
        if not _in_range(value):
            yield Finding(doc.at(node), f"masteryscore {value!r} is not a number from 0 to 100",
                          "write a plain number such as 80")


def _in_range(value: str) -> bool:
    try:
        number = Decimal(value)
    except InvalidOperation:
        return False
    return number.is_finite() and MASTERY_MIN <= number <= MASTERY_MAX


@rule("SCORM12-SCHEMAVERSION", Severity.WARNING, "scorm12")
def schemaversion(doc: Document) -> Iterator[Finding]:
    """The manifest's metadata does not say ``<schema>ADL SCORM</schema>`` and
    ``<schemaversion>1.2</schemaversion>``.

    CAM 1.2 3.3.2.1: the manifest's <metadata> identifies the package as SCORM 1.2;
    LMSs use it to choose the run-time API (1.2 or 2004).

    Fails: ``<metadata/>`` or no <metadata> at all
    Passes: ``<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>``
    """
    meta = child(doc.root, doc, "metadata")
    schema = text(child(meta, doc, "schema")) if meta is not None else ""
    version = text(child(meta, doc, "schemaversion")) if meta is not None else ""
    if (schema, version) != (SCHEMA, SCHEMAVERSION):
        yield Finding(doc.at(meta if meta is not None else doc.root),
                      f"metadata schema/schemaversion are {schema!r}/{version!r}, not 'ADL SCORM'/'1.2'",
                      "add <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>")
