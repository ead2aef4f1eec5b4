"""Schema validity against the project's own XSDs (``schemas/``, see schemas/README.md).

Each standard's schema set is compiled once, on first use, into one lxml
:class:`~lxml.etree.XMLSchema` (libxml2: fast, and the same engine as the oracle the
tests compare against). Every validation error becomes one ``SCHEMA-INVALID``
diagnostic with the file and line; namespace URIs in libxml2's messages are shortened
to the usual prefixes so the message stays readable.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from lxml import etree

from scormbuild.diagnostics import Diagnostic, Location, Severity
from scormbuild.verify.registry import declare, emit

declare("SCHEMA-INVALID", Severity.ERROR, "schema", """
    The root file is not valid against its standard's XML schema (scormbuild's own XSDs,
    written from the specifications: SCORM 1.2 CAM 3.3-3.4 and IMS CP 1.1.2 for
    imsmanifest.xml, cmi5 section 13 for cmi5.xml, the Tin Can package format for
    tincan.xml). LMS importers that validate reject such a package; the others guess.

    Fails: ``<manifest identifier="My Course">`` (an identifier must be an XML name: no spaces)
    Passes: ``<manifest identifier="my-course">``
    """)
declare("SCORM2004-SCHEMA-UNSUPPORTED", Severity.INFO, "schema", """
    The package is SCORM 2004; scormbuild checks its content-packaging rules (identifiers,
    references, files) but does not yet validate it against the SCORM 2004 schemas.

    Fails: (information only) an imsmanifest.xml in the imscp_v1p1 namespace
    Passes: a SCORM 1.2, cmi5 or Tin Can package
    """)

#: At most this many schema errors are reported per file; the rest are counted.
MAX_SCHEMA_ERRORS = 50

IMSCP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD12 = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
TINCAN = "http://projecttincan.com/tincan.xsd"

#: standard -> [(namespace, file under schemas/)]; imported together by one wrapper.
SCHEMA_SETS: dict[str, list[tuple[str, str]]] = {
    "scorm12": [(IMSCP12, "scorm12/imscp_rootv1p1p2.xsd"),
                (ADLCP12, "scorm12/adlcp_rootv1p2.xsd"),
                (IMSMD12, "scorm12/imsmd_rootv1p2p1.xsd")],
    "cmi5": [(CMI5, "cmi5/CourseStructure.xsd")],
    "tincan": [(TINCAN, "tincan/tincan.xsd")],
}
_PREFIXES = {IMSCP12: "", ADLCP12: "adlcp:", IMSMD12: "imsmd:", CMI5: "", TINCAN: ""}

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


def supported(standard: str) -> bool:
    return standard in SCHEMA_SETS


def validate(root: etree._Element, where: str, standard: str) -> list[Diagnostic]:
    """SCHEMA-INVALID diagnostics for ``root``; SCORM 2004 gets one info diagnostic."""
    if not supported(standard):
        return [emit("SCORM2004-SCHEMA-UNSUPPORTED", Location(where),
                     f"{standard} schema validation is not yet supported; other rules were checked")]
    xsd = compiled(standard)
    if xsd.validate(root):
        return []
    return _diagnostics(list(xsd.error_log), where)


def is_valid(root: etree._Element, standard: str) -> bool:
    return compiled(standard).validate(root)


def _diagnostics(errors: list[etree._LogEntry], where: str) -> list[Diagnostic]:
    out = [emit("SCHEMA-INVALID", Location(where, e.line or 0, 0), _readable(e.message), _hint(e.message))
           for e in errors[:MAX_SCHEMA_ERRORS]]
    if len(errors) > MAX_SCHEMA_ERRORS:
        out.append(emit("SCHEMA-INVALID", Location(where, errors[MAX_SCHEMA_ERRORS].line or 0, 0),
                        f"... and {len(errors) - MAX_SCHEMA_ERRORS} more schema errors"))
    return out


def _readable(message: str) -> str:
    def short(m: re.Match[str]) -> str:
        return _PREFIXES.get(m.group(1), m.group(0))

    return re.sub(r"\{([^}]*)\}", short, message).rstrip(".")


def _hint(message: str) -> str:
    return next((hint for needle, hint in _HINTS if needle in message), "")
