"""`scormbuild inspect PACKAGE`: what is inside any package, ours or a vendor's.

Standard, title, the launch tree (organization items → the file each launches), mastery
settings, the manifest in numbers, and every file with its size. Untrusted input: the
package is opened by :mod:`scormbuild.verify.package` (read in place, never extracted,
capped reads) and the root file parsed by :mod:`scormbuild.safexml` (no entities, DTDs
nor network). Nothing here raises for a bad package: what cannot be read is a
diagnostic, and `validate` says what is wrong with it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from . import safexml
from .diagnostics import Diagnostic
from .verify.detect import root_file, standard_of
from .verify.package import Package, open_package

STANDARD_NAMES = {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004", "cmi5": "cmi5", "tincan": "Tin Can"}


@dataclass
class Launch:
    """One node of the launch tree: a title, what it launches (if anything), its mastery."""

    title: str
    href: str = ""
    identifier: str = ""
    mastery: str = ""
    children: list[Launch] = field(default_factory=list)
    # SCORM: the item launches an asset (adlcp:scormtype "asset"): content that never calls
    # the run-time API, such as a bundle's course page (builders/course_page.py).
    asset: bool = False


@dataclass
class Report:
    package: str
    standard: str = ""
    root_file: str = ""
    title: str = ""
    version: str = ""  # schemaversion (SCORM), or the root element's namespace
    launch: list[Launch] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["standard_name"] = STANDARD_NAMES.get(self.standard, "")
        doc["total_bytes"] = sum(self.files.values())
        return doc


def inspect(path: Path) -> Report:
    pkg = open_package(path)
    if isinstance(pkg, Diagnostic):
        return Report(str(path), problems=[str(pkg)])
    try:
        return _inspect(pkg)
    finally:
        pkg.close()


def _inspect(pkg: Package) -> Report:
    report = Report(pkg.label, files=dict(sorted(pkg.files.items())))
    report.problems += [str(d) for d in pkg.problems]
    name = root_file(pkg, None)
    if isinstance(name, Diagnostic):
        report.problems.append(str(name))
        return report
    data = pkg.read(name, safexml.MAX_XML_BYTES)
    root = data if isinstance(data, Diagnostic) else safexml.parse(data, pkg.where(name))
    if isinstance(root, Diagnostic):
        report.problems.append(str(root))
        return report
    report.root_file, report.standard = name, standard_of(name, root)
    _SUMMARY[report.standard](root, report)
    return report


# ---------- SCORM 1.2 / 2004 (IMS CP): organizations → items → resources ----------

def _scorm(root: etree._Element, report: Report) -> None:
    resources = {r.get("identifier", ""): r for r in root.iterfind("{*}resources/{*}resource")}
    orgs = root.find("{*}organizations")
    default = orgs.get("default", "") if orgs is not None else ""
    organizations = list(orgs.iterfind("{*}organization")) if orgs is not None else []
    report.version = _text(root.find("{*}metadata/{*}schemaversion"))
    # IMS CP 1.1.4 §2.3: the default organization, else the first one.
    chosen = next((o for o in organizations if o.get("identifier") == default), None)
    if chosen is None and organizations:
        chosen = organizations[0]
    report.title = _text(chosen.find("{*}title")) if chosen is not None else ""
    report.launch = [_org(o, resources) for o in organizations]
    report.counts = {"organizations": len(organizations), "items": len(list(root.iter("{*}item"))),
                     "resources": len(resources),
                     "scos": sum(1 for r in resources.values() if _scorm_type(r) == "sco")}


def _org(org: etree._Element, resources: dict[str, etree._Element]) -> Launch:
    return Launch(_text(org.find("{*}title")), identifier=org.get("identifier", ""),
                  children=[_item(i, resources) for i in org.iterfind("{*}item")])


def _item(item: etree._Element, resources: dict[str, etree._Element]) -> Launch:
    res = resources.get(item.get("identifierref", ""))
    href = (res.get("href", "") + (item.get("parameters") or "")) if res is not None else ""
    if res is not None and res.get("{http://www.w3.org/XML/1998/namespace}base"):
        href = res.get("{http://www.w3.org/XML/1998/namespace}base", "") + href
    return Launch(_text(item.find("{*}title")), href, item.get("identifier", ""), _mastery(item),
                  [_item(i, resources) for i in item.iterfind("{*}item")],
                  asset=res is not None and _scorm_type(res) == "asset")


def _mastery(item: etree._Element) -> str:
    score = item.find("{*}masteryscore")  # SCORM 1.2 CAM 2.3.4 adlcp:masteryscore (0–100)
    if score is not None:
        return f"masteryscore {_text(score)}"
    measure = item.find("{*}sequencing/{*}objectives/{*}primaryObjective")  # SCORM 2004 SN 5.1.6
    if measure is not None and measure.get("satisfiedByMeasure") == "true":
        return f"minNormalizedMeasure {_text(measure.find('{*}minNormalizedMeasure')) or '1.0'}"
    return ""


def _scorm_type(res: etree._Element) -> str:
    return next((v for k, v in res.attrib.items() if k.endswith("scormtype") or k.endswith("scormType")), "").lower()


# ---------- cmi5: course → blocks → AUs ----------

def _cmi5(root: etree._Element, report: Report) -> None:
    course = root.find("{*}course")
    report.title = _lang_text(course.find("{*}title")) if course is not None else ""
    report.version = etree.QName(root).namespace or ""
    report.launch = [_cmi5_node(n) for n in root if etree.QName(n).localname in ("au", "block")]
    report.counts = {"aus": len(list(root.iter("{*}au"))), "blocks": len(list(root.iter("{*}block")))}


def _cmi5_node(node: etree._Element) -> Launch:
    title = _lang_text(node.find("{*}title"))
    if etree.QName(node).localname == "block":
        return Launch(title, identifier=node.get("id", ""),
                      children=[_cmi5_node(n) for n in node if etree.QName(n).localname in ("au", "block")])
    mastery = [f"moveOn {node.get('moveOn', 'NotApplicable')}"]  # cmi5 §13.1.4 defaults
    if node.get("masteryScore"):
        mastery.append(f"masteryScore {node.get('masteryScore')}")
    return Launch(title, _text(node.find("{*}url")), node.get("id", ""), ", ".join(mastery))


# ---------- Tin Can: activities ----------

def _tincan(root: etree._Element, report: Report) -> None:
    activities = list(root.iterfind("{*}activities/{*}activity"))
    report.version = etree.QName(root).namespace or ""
    report.title = _lang_text(activities[0].find("{*}name")) if activities else ""
    report.launch = [Launch(_lang_text(a.find("{*}name")), _text(a.find("{*}launch")), a.get("id", ""))
                     for a in activities if a.find("{*}launch") is not None]
    report.counts = {"activities": len(activities)}


_SUMMARY = {"scorm12": _scorm, "scorm2004": _scorm, "cmi5": _cmi5, "tincan": _tincan}


def _text(node: etree._Element | None) -> str:
    return " ".join((node.text or "").split()) if node is not None else ""


def _lang_text(node: etree._Element | None) -> str:
    """cmi5/Tin Can titles are langstrings: the first one's text."""
    if node is None:
        return ""
    first = node.find("{*}langstring")
    return _text(first if first is not None else node)


# ---------- text rendering ----------

def render_text(report: Report) -> str:
    lines = [f"{report.package}"]
    if report.standard:
        lines += [f"  standard:  {STANDARD_NAMES[report.standard]} ({report.root_file}"
                  + (f", {report.version}" if report.version else "") + ")",
                  f"  title:     {report.title}",
                  "  manifest:  " + ", ".join(f"{k} {n}" for k, n in report.counts.items()), "  launch:"]
        lines += [line for node in report.launch for line in _tree(node, 2)]
    total = sum(report.files.values())
    lines.append(f"  files:     {len(report.files)} ({_size(total)})")
    lines += [f"    {_size(size):>9}  {name}" for name, size in report.files.items()]
    lines += [f"  problem:   {p}" for p in report.problems]
    return "\n".join(lines) + "\n"


def _tree(node: Launch, depth: int) -> list[str]:
    parts = [node.title or "(untitled)"]
    if node.href:
        parts.append(f"→ {node.href}")
    if node.mastery:
        parts.append(f"[{node.mastery}]")
    if node.asset:
        parts.append("(asset)")
    return ["  " * depth + "- " + " ".join(parts), *[line for c in node.children for line in _tree(c, depth + 1)]]


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1048576:.1f} MB"
