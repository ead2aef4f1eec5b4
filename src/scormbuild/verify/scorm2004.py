"""SCORM 2004 rules (group ``scorm2004``) beyond the shared content-packaging ones.

Schema validation of SCORM 2004 manifests is not yet supported (an info diagnostic,
SCORM2004-SCHEMA-UNSUPPORTED, says so); the content-packaging rules of
:mod:`scormbuild.verify.contentpackage` and these run. Clauses: SCORM 2004 4th Edition
Content Aggregation Model (CAM 2004).
"""
from __future__ import annotations

from collections.abc import Iterator

from scormbuild.verify.contentpackage import find_all, sco_href_findings, scormtype_of
from scormbuild.verify.document import Document
from scormbuild.verify.registry import Finding, Severity, rule

ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
SCORMTYPES = ("sco", "asset")


@rule("SCORM2004-SCORMTYPE", Severity.ERROR, "scorm2004")
def scormtype(doc: Document) -> Iterator[Finding]:
    """A resource lacks ``adlcp:scormType`` or has a value other than ``sco`` or ``asset``.

    CAM 2004 3.4.1.16.1 (resource attributes): adlcp:scormType is required.

    Fails: ``<resource identifier="R1" type="webcontent" href="index.html">``
    Passes: ``<resource identifier="R1" type="webcontent" adlcp:scormType="sco" href="index.html">``
    """
    for node in find_all(doc, "resource"):
        value = scormtype_of(node, ADLCP, "scormType")
        if value not in SCORMTYPES:
            what = "has no adlcp:scormType" if value is None else f"has adlcp:scormType {value!r}"
            yield Finding(doc.at(node), f"resource {node.get('identifier', '')!r} {what}",
                          'set adlcp:scormType="sco" or "asset"')


@rule("SCORM2004-SCO-HREF", Severity.ERROR, "scorm2004")
def sco_href(doc: Document) -> Iterator[Finding]:
    """A SCO resource has no ``href`` or its href is not an HTML page (CAM 2004 3.4.1.16).

    Fails: ``<resource adlcp:scormType="sco" identifier="R1" type="webcontent">`` (no href)
    Passes: ``<resource adlcp:scormType="sco" identifier="R1" type="webcontent" href="index.html">``
    """
    yield from sco_href_findings(doc, ADLCP, "scormType")
