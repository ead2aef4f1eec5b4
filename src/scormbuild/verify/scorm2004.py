"""SCORM 2004 rules (group ``scorm2004``) beyond the shared content-packaging ones.

The manifest is first validated against scormbuild's SCORM 2004 4th Edition schemas
(``schemas/scorm2004/``: IMS CP 1.1.4, adlcp, adlseq, adlnav, IMS Simple Sequencing,
IEEE LOM); the content-packaging rules of :mod:`scormbuild.verify.contentpackage` and
these then check what a schema cannot say. Clauses: SCORM 2004 4th Edition Content
Aggregation Model (CAM) and Sequencing and Navigation (SN) books.
"""
from __future__ import annotations

from collections.abc import Iterator

from scormbuild.verify.contentpackage import child, find_all, sco_href_findings, scormtype_of
from scormbuild.verify.document import Document, text
from scormbuild.verify.registry import Finding, Severity, rule

ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
SCORMTYPES = ("sco", "asset")
#: CAM 3.4.1.3 / 3.4.1.4: <schema> and the <schemaversion> values of the SCORM 2004
#: editions (4th, 3rd, and "CAM 1.3" for the 2nd Edition).
SCHEMA = "ADL SCORM"
SCHEMAVERSIONS = ("2004 4th Edition", "2004 3rd Edition", "CAM 1.3")


@rule("SCORM2004-SCORMTYPE", Severity.ERROR, "scorm2004")
def scormtype(doc: Document) -> Iterator[Finding]:
    """A resource lacks ``adlcp:scormType`` or has a value other than ``sco`` or ``asset``.

    CAM 3.4.1 (<resource>, attribute adlcp:scormType): required on every resource. The
    schema checks the value where the attribute is present; only a rule can require it.

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
    """A SCO resource has no ``href`` or its href is not an HTML page (CAM 3.4.1, <resource>).

    Fails: ``<resource adlcp:scormType="sco" identifier="R1" type="webcontent">`` (no href)
    Passes: ``<resource adlcp:scormType="sco" identifier="R1" type="webcontent" href="index.html">``
    """
    yield from sco_href_findings(doc, ADLCP, "scormType")


@rule("SCORM2004-SCHEMAVERSION", Severity.WARNING, "scorm2004")
def schemaversion(doc: Document) -> Iterator[Finding]:
    """The manifest's metadata does not say ``<schema>ADL SCORM</schema>`` and a SCORM 2004
    ``<schemaversion>`` (``2004 4th Edition``, ``2004 3rd Edition`` or ``CAM 1.3``).

    CAM 3.4.1.2 - 3.4.1.4: the manifest's <metadata>, with these two elements, is
    mandatory in SCORM 2004 (table 3.5.3a rows 1.4 - 1.4.2). LMSs read schemaversion to
    choose the run-time API and the edition's sequencing behaviour; a SCORM 2004 manifest
    saying "1.2" is played as SCORM 1.2 by some and refused by others.

    Fails: ``<schemaversion>1.2</schemaversion>`` in an imscp_v1p1 manifest, or no <metadata>
    Passes: ``<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>``
    """
    meta = child(doc.root, doc, "metadata")
    schema = text(child(meta, doc, "schema")) if meta is not None else ""
    version = text(child(meta, doc, "schemaversion")) if meta is not None else ""
    if schema != SCHEMA or version not in SCHEMAVERSIONS:
        yield Finding(doc.at(meta if meta is not None else doc.root),
                      f"metadata schema/schemaversion are {schema!r}/{version!r}, not "
                      f"'ADL SCORM'/{' or '.join(repr(v) for v in SCHEMAVERSIONS)}",
                      "add <metadata><schema>ADL SCORM</schema>"
                      "<schemaversion>2004 4th Edition</schemaversion></metadata>")


@rule("SCORM2004-SEQUENCING-IDREF", Severity.ERROR, "scorm2004")
def sequencing_idref(doc: Document) -> Iterator[Finding]:
    """An ``<imsss:sequencing IDRef="...">`` names no sequencing definition of the
    manifest's ``<imsss:sequencingCollection>``.

    CAM 5.1 / SN 3.1: an activity's sequencing may start from a shared definition, the
    <imsss:sequencing ID="..."> of the collection that follows <resources>. The schema
    types IDRef as an XML IDREF, which libxml2 does not resolve; an LMS that does finds
    no definition and refuses the package or sequences the activity with defaults.

    Fails: ``<imsss:sequencing IDRef="SEQ-common"/>`` with no ``<imsss:sequencing ID="SEQ-common">`` in the collection
    Passes: ``<imsss:sequencingCollection><imsss:sequencing ID="SEQ-common">...``
    """
    shared = {s.get("ID") for c in doc.root.iter(f"{{{IMSSS}}}sequencingCollection")
              for s in c.iterchildren(f"{{{IMSSS}}}sequencing")}
    for node in doc.root.iter(f"{{{IMSSS}}}sequencing"):
        ref = node.get("IDRef")
        if ref is not None and ref not in shared:
            yield Finding(doc.at(node), f"sequencing IDRef {ref!r} names no sequencing of the "
                          "imsss:sequencingCollection",
                          "add <imsss:sequencing ID=...> to the manifest's imsss:sequencingCollection "
                          "or fix the reference")
