"""The `scorm_scoes` rows Moodle would make of a SCORM 1.2 manifest.

Restore inserts scorm.xml's <sco> rows as they are and never parses the package
(mod/scorm/backup/moodle2/restore_scorm_stepslib.php), so the backup must carry the
rows Moodle's own import makes (mod/scorm/datamodels/scormlib.php, scorm_get_manifest
and scorm_parse_scorm): the organization as a row of its own with parent "/" and an
empty launch, then one row per item with its resource's href as launch and the item's
extra data (isvisible, parameters, masteryscore…) as `scorm_scoes_data` name/value pairs.
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .. import safexml
from ..diagnostics import Diagnostic

_CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
_ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
# Item children Moodle keeps as sco data, by their SCORM 1.2 element name (scormlib.php).
_ITEM_DATA = ("prerequisites", "maxtimeallowed", "timelimitaction", "datafromlms", "masteryscore")


@dataclass(frozen=True)
class Sco:
    manifest: str
    organization: str
    parent: str
    identifier: str
    launch: str
    scormtype: str
    title: str
    data: tuple[tuple[str, str], ...] = ()


def scoes(manifest_xml: bytes) -> list[Sco]:
    """The rows, in Moodle's insertion order (organization first, then its items)."""
    root = safexml.parse(manifest_xml, "imsmanifest.xml")
    if isinstance(root, Diagnostic):  # our own manifest: a bug, not an author error
        raise ValueError(str(root))
    manifest = root.get("identifier", "")
    hrefs = {r.get("identifier"): r.get("href", "") for r in root.iter(f"{_CP}resource")}
    types = {r.get("identifier"): r.get(f"{_ADLCP}scormtype", "asset") for r in root.iter(f"{_CP}resource")}
    rows: list[Sco] = []
    for org in root.iter(f"{_CP}organization"):
        ident = org.get("identifier", "")
        rows.append(Sco(manifest, "", "/", ident, "", "", _title(org)))
        rows.extend(_items(org, manifest, ident, hrefs, types))
    return rows


def _items(parent: etree._Element, manifest: str, org: str, hrefs: dict[str | None, str],
           types: dict[str | None, str]) -> list[Sco]:
    rows: list[Sco] = []
    for item in parent.iterfind(f"{_CP}item"):
        ref = item.get("identifierref")
        rows.append(Sco(manifest, org, parent.get("identifier", ""), item.get("identifier", ""),
                        hrefs.get(ref, "") if ref else "", types.get(ref, "asset") if ref else "asset",
                        _title(item), _data(item)))
        rows.extend(_items(item, manifest, org, hrefs, types))
    return rows


def _title(element: etree._Element) -> str:
    return (element.findtext(f"{_CP}title") or "").strip()


def _data(item: etree._Element) -> tuple[tuple[str, str], ...]:
    pairs = [("isvisible", item.get("isvisible", "true")), ("parameters", item.get("parameters", ""))]
    for name in _ITEM_DATA:
        text = item.findtext(f"{_ADLCP}{name}")
        if text is not None:
            pairs.append((name, text.strip()))
    return tuple(pairs)
