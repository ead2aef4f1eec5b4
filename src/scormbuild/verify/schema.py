"""Schema validity against the project's own XSDs (``schemas/``, see schemas/README.md).

Each standard's schema set is compiled once, on first use, into one lxml
:class:`~lxml.etree.XMLSchema` (libxml2: fast, and the same engine as the oracle the
tests compare against). Every validation error becomes one ``SCHEMA-INVALID``
diagnostic with the file and line; namespace URIs in libxml2's messages are shortened
to the usual prefixes so the message stays readable. How many of them a report shows
is :mod:`scormbuild.verify`'s business (at most ``MAX_PER_RULE`` of one rule per
package, then a count).

SCORM 2004 manifests are checked against six schemas at once (IMS CP 1.1.4, the three
ADL namespaces, IMS Simple Sequencing, IEEE LOM); like the others, that set is compiled
only when the first SCORM 2004 manifest of the process is validated.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from lxml import etree

from scormbuild.diagnostics import Diagnostic, Location, Severity
from scormbuild.verify.registry import RULES, declare

declare("SCHEMA-INVALID", Severity.ERROR, "schema", """
    The root file is not valid against its standard's XML schema (scormbuild's own XSDs,
    written from the specifications: SCORM 1.2 CAM 3.3-3.4 and IMS CP 1.1.2, or SCORM 2004
    4th Edition CAM 3.4 and 5, IMS CP 1.1.4, IMS Simple Sequencing and IEEE LOM, for
    imsmanifest.xml; cmi5 section 13 for cmi5.xml; the Tin Can package format for
    tincan.xml). LMS importers that validate reject such a package; the others guess.

    Fails: ``<manifest identifier="My Course">`` (an identifier must be an XML name: no spaces)
    Passes: ``<manifest identifier="my-course">``
    """)

IMSCP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD12 = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
TINCAN = "http://projecttincan.com/tincan.xsd"
IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"

#: standard -> [(namespace, file under schemas/)]; imported together by one wrapper.
SCHEMA_SETS: dict[str, list[tuple[str, str]]] = {
    "scorm12": [(IMSCP12, "scorm12/imscp_rootv1p1p2.xsd"),
                (ADLCP12, "scorm12/adlcp_rootv1p2.xsd"),
                (IMSMD12, "scorm12/imsmd_rootv1p2p1.xsd")],
    "scorm2004": [(IMSCP, "scorm2004/imscp_v1p1.xsd"),
                  (ADLCP, "scorm2004/adlcp_v1p3.xsd"),
                  (ADLSEQ, "scorm2004/adlseq_v1p3.xsd"),
                  (ADLNAV, "scorm2004/adlnav_v1p3.xsd"),
                  (IMSSS, "scorm2004/imsss_v1p0.xsd"),
                  (LOM, "scorm2004/lom.xsd")],
    "cmi5": [(CMI5, "cmi5/CourseStructure.xsd")],
    "tincan": [(TINCAN, "tincan/tincan.xsd")],
}
_PREFIXES = {IMSCP12: "", ADLCP12: "adlcp:", IMSMD12: "imsmd:", CMI5: "", TINCAN: "",
             IMSCP: "", ADLCP: "adlcp:", ADLSEQ: "adlseq:", ADLNAV: "adlnav:", IMSSS: "imsss:",
             LOM: "lom:"}

_HINTS = [
    ("atomic type 'xs:ID'", "identifiers must be XML names: start with a letter or '_', then "
     "letters, digits, '-', '_' or '.'; no spaces, ':' or other punctuation; unique in the file"),
    ("atomic type 'xs:IDREF'", "the value must be the identifier of an element of this file"),
    ("No matching global declaration available for the validation root",
     "the root element or its namespace is wrong for this standard"),
    ("This element is not expected", "check the element's name, namespace and position: the "
     "specification fixes the order of children"),
    ("No matching global element declaration available",
     "an extension element from a namespace no schema of this standard declares"),
]


def schema_dir() -> Path:
    """The schemas folder: shipped as package data, or the repository's ``schemas/``."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_data" / "schemas", here.parent.parent / "schemas"):
        if (candidate / "scorm12").is_dir():
            return candidate
    raise FileNotFoundError("scormbuild's schemas/ folder is missing")


@functools.cache
def compiled(standard: str) -> etree.XMLSchema:
    """The schema set of ``standard``, compiled once per process."""
    root = schema_dir()
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{(root / f).as_uri()}"/>'
                      for ns, f in SCHEMA_SETS[standard])
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    doc = etree.fromstring(wrapper.encode(), parser, base_url=(root / "wrapper.xsd").as_uri())
    return etree.XMLSchema(doc)


#: Real manifests have up to ~10,000 elements (the biggest of the conformance corpus);
#: below this count the tree is validated directly, whatever the errors.
SMALL_TREE = 5_000
#: errors x (widest sibling list + depth) above which line numbers are given up (about
#: half a second of lxml's node-path bookkeeping).
PATH_BUDGET = 100_000_000
#: Errors whose messages are made readable (namespaces shortened, a hint added); the
#: rest keep libxml2's text. Reports list at most a few of each rule anyway.
READABLE_ERRORS = 1_000


def validate(root: etree._Element, where: str, standard: str) -> list[Diagnostic]:
    """SCHEMA-INVALID diagnostics for ``root`` against ``standard``'s schema set.

    The parsed tree is validated, so that every error has its line. lxml records each
    error's node path, which costs time in the node's depth and number of siblings: a
    hostile manifest of 100,000 invalid siblings would take minutes. So a manifest of more
    than :data:`SMALL_TREE` elements is first validated while being parsed again (libxml2's
    streaming mode: the same validator, linear time, no line numbers); when its errors
    times the tree's width and depth exceed :data:`PATH_BUDGET`, those errors are
    reported, without lines, instead.
    """
    xsd = compiled(standard)
    if _element_count(root, SMALL_TREE) > SMALL_TREE:
        errors = _streamed_errors(root, xsd)
        if len(errors) * _path_cost(root) > PATH_BUDGET:
            return _diagnostics(errors, where)
    if xsd.validate(root):
        return []
    return _diagnostics(list(xsd.error_log), where)


def _element_count(root: etree._Element, stop: int) -> int:
    n = 0
    for n, _ in enumerate(root.iter(), 1):
        if n > stop:
            break
    return n


def _path_cost(root: etree._Element) -> int:
    # safexml parses without libxml2's "huge" option, which caps the depth at 256
    return max(len(node) for node in root.iter()) + 256


def _streamed_errors(root: etree._Element, xsd: etree.XMLSchema) -> list[etree._LogEntry]:
    parser = etree.XMLParser(schema=xsd, resolve_entities=False, no_network=True, load_dtd=False)
    try:
        etree.fromstring(etree.tostring(root), parser)
    except etree.XMLSyntaxError:
        return [e for e in parser.error_log if e.domain_name == "SCHEMASV"] or list(parser.error_log)
    return []


def is_valid(root: etree._Element, standard: str) -> bool:
    return compiled(standard).validate(root)


def _diagnostics(errors: list[etree._LogEntry], where: str) -> list[Diagnostic]:
    rule = RULES["SCHEMA-INVALID"]
    return [rule.diagnostic(Location(where, e.line or 0, 0), _readable(e.message), _hint(e.message))
            if i < READABLE_ERRORS else rule.diagnostic(Location(where, e.line or 0, 0), e.message)
            for i, e in enumerate(errors)]


def _readable(message: str) -> str:
    def short(m: re.Match[str]) -> str:
        return _PREFIXES.get(m.group(1), m.group(0))

    return re.sub(r"\{([^}]*)\}", short, message).rstrip(".")


def _hint(message: str) -> str:
    return next((hint for needle, hint in _HINTS if needle in message), "")
