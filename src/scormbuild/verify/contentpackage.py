"""IMS Content Packaging rules shared by SCORM 1.2 and SCORM 2004 (groups ``scorm12``, ``scorm2004``).

Each rule is registered twice, as ``SCORM12-<NAME>`` and ``SCORM2004-<NAME>``, and works
in whatever namespace the manifest's root element is in (IMS CP 1.1.2 for SCORM 1.2,
IMS CP 1.1.4 for SCORM 2004). Spec references: IMS Content Packaging Information
Model 1.1.2 (CP), SCORM 1.2 Content Aggregation Model (CAM 1.2), SCORM 2004 4th
Edition CAM (CAM 2004).
"""
from __future__ import annotations

import inspect
import posixpath
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator

from lxml import etree

from scormbuild import standards
from scormbuild.verify.document import Document, base_of, resolve, schema_locations, text
from scormbuild.verify.registry import Check, Finding, Severity, register

#: CP 1.1.2 Information Model 4.2.1.1 / CAM 1.2 table 3.3.x: titles, 200 characters.
MAX_TITLE = 200
#: What a browser launches as a SCO (CAM 1.2 3.4.1.1: "a SCO ... launched by an LMS").
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml")
#: Files that accompany a manifest without being content (CAM 1.2 3.3: the control
#: documents and the schema files they reference).
CONTROL_SUFFIXES = (".xsd", ".dtd")
#: The IMS Content Packaging standards, whose root file is imsmanifest.xml (scormbuild.standards).
STANDARDS = tuple(s.name for s in standards.STANDARDS if s.detection and s.detection.root_file == "imsmanifest.xml")


def cp_rule(name: str, severity: Severity) -> Callable[[Check], Check]:
    def wrap(func: Check) -> Check:
        for std in STANDARDS:
            register(f"{std.upper()}-{name}", severity, std, inspect.cleandoc(func.__doc__ or ""), func)
        return func

    return wrap


# ---------- navigating the manifest in its own namespace ----------

def _tag(doc: Document, local: str) -> str:
    ns = etree.QName(doc.root).namespace
    return f"{{{ns}}}{local}" if ns else local


def find_all(doc: Document, local: str) -> list[etree._Element]:
    return list(doc.root.iter(_tag(doc, local)))


def child(node: etree._Element, doc: Document, local: str) -> etree._Element | None:
    return node.find(_tag(doc, local))


def resource_ids(doc: Document) -> set[str]:
    return {r.get("identifier", "") for r in find_all(doc, "resource")}


def did_you_mean(wanted: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(wanted, sorted(known), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


# ---------- identifiers and references ----------

@cp_rule("ID-DUPLICATE", Severity.ERROR)
def duplicate_identifiers(doc: Document) -> Iterator[Finding]:
    """Two elements of the manifest share an ``identifier``.

    CP 4.x: identifiers are unique within the manifest (the binding types them xs:ID);
    LMSs key their tracking data on them.

    Fails: ``<item identifier="ITEM-1"/>`` twice
    Passes: ``<item identifier="ITEM-1"/>`` and ``<item identifier="ITEM-2"/>``
    """
    seen: Counter[str] = Counter()
    for node in doc.root.iter(etree.Element):
        ident = node.get("identifier")
        if ident is None:
            continue
        seen[ident] += 1
        if seen[ident] == 2:
            yield Finding(doc.at(node), f"identifier {ident!r} is used more than once",
                          "give every manifest, organization, item and resource its own identifier")


@cp_rule("IDREF-MISSING", Severity.ERROR)
def dangling_references(doc: Document) -> Iterator[Finding]:
    """An item's or a dependency's ``identifierref`` names no resource of the manifest.

    CP 4.2.1.2 (item.identifierref) and 4.3.1.3 (dependency.identifierref) reference
    a <resource>; the LMS has nothing to launch or to load.

    Fails: ``<item identifier="I1" identifierref="RES-1">`` with no ``<resource identifier="RES-1">``
    Passes: the same item and ``<resource identifier="RES-1" ...>``
    """
    known = resource_ids(doc)
    for node in find_all(doc, "item") + find_all(doc, "dependency"):
        ref = node.get("identifierref")
        if ref is not None and ref not in known:
            yield Finding(doc.at(node), f"identifierref {ref!r} names no resource",
                          did_you_mean(ref, known) or "add the resource or fix the reference")


@cp_rule("ORG-EMPTY", Severity.ERROR)
def no_organization(doc: Document) -> Iterator[Finding]:
    """The manifest has no organization with at least one item: nothing to launch.

    CAM 1.2 3.3.2.2 / CAM 2004 3.4.1.8: a package meant to be delivered has an
    organization; an LMS imports the package and finds no activity.

    Fails: ``<organizations/>``
    Passes: ``<organizations default="ORG"><organization identifier="ORG"><item .../>``
    """
    orgs = find_all(doc, "organization")
    if not any(child(o, doc, "item") is not None for o in orgs):
        node = child(doc.root, doc, "organizations")
        yield Finding(doc.at(node if node is not None else doc.root),
                      "no organization with an item: an LMS has nothing to launch",
                      "add an <organization> whose <item> references the launch resource")


@cp_rule("ORG-DEFAULT", Severity.ERROR)
def default_organization(doc: Document) -> Iterator[Finding]:
    """``organizations/@default`` names no organization of the manifest.

    CP 4.1.2: default is the identifier of one of the <organization> elements.

    Fails: ``<organizations default="ORG-1"><organization identifier="ORG-A">``
    Passes: ``<organizations default="ORG-A"><organization identifier="ORG-A">``
    """
    node = child(doc.root, doc, "organizations")
    default = node.get("default") if node is not None else None
    known = {o.get("identifier", "") for o in find_all(doc, "organization")}
    if default is not None and default not in known:
        yield Finding(doc.at(node), f"default organization {default!r} does not exist",
                      did_you_mean(default, known) or "set default to an organization's identifier")


@cp_rule("ITEM-EMPTY", Severity.ERROR)
def leaf_without_resource(doc: Document) -> Iterator[Finding]:
    """A leaf item (no child items) references no resource, so it launches nothing.

    CAM 1.2 3.3.2.3.1: a leaf item's identifierref names the SCO or asset it launches.

    Fails: ``<item identifier="I1"><title>Intro</title></item>`` (no identifierref, no items)
    Passes: ``<item identifier="I1" identifierref="RES-1"><title>Intro</title></item>``
    """
    for item in find_all(doc, "item"):
        if child(item, doc, "item") is None and not item.get("identifierref"):
            yield Finding(doc.at(item), f"item {item.get('identifier', '')!r} has no child items "
                          "and no identifierref", "reference the resource this item launches")


# ---------- hrefs and files ----------

def _launch_hrefs(doc: Document) -> Iterator[tuple[etree._Element, str, str]]:
    """(node, href, folder it is relative to) for resource and file hrefs."""
    for node in find_all(doc, "resource") + find_all(doc, "file"):
        href = node.get("href")
        if href is not None:
            yield node, href, base_of(node, doc.root, doc.folder)


def _href_finding(doc: Document, node: etree._Element, href: str, base: str) -> Finding | None:
    target = resolve(base, href)
    if target.external or target.problem or target.member is None or doc.package.has(target.member):
        return None
    kind = "file" if etree.QName(node).localname == "file" else "resource"
    return Finding(doc.at(node), f"{kind} href {href!r}: {target.member} is not in the package",
                   "add the file to the package or correct the href (names are case-sensitive)")


@cp_rule("HREF-SYNTAX", Severity.ERROR)
def href_syntax(doc: Document) -> Iterator[Finding]:
    """An href is empty, uses backslashes, is an absolute path or leaves the package.

    CP 4.3.1 / 4.3.1.2: href is a URL relative to the manifest (or an absolute URL for
    web content); RFC 3986 separates segments with '/'.

    Fails: ``<file href="content\\page1.html"/>``, ``<file href="../shared/x.js"/>``
    Passes: ``<file href="content/page1.html"/>``
    """
    for node, href, base in _launch_hrefs(doc):
        problem = resolve(base, href).problem
        if problem:
            yield Finding(doc.at(node), f"href {href!r} {problem}",
                          "write hrefs relative to the manifest, with '/' between folders")


@cp_rule("HREF-MISSING", Severity.ERROR)
def resource_href_missing(doc: Document) -> Iterator[Finding]:
    """A resource's ``href`` (its launch file) is not in the package.

    CP 4.3.1 resource.href; the LMS launches a 404. Matching is case-sensitive, as on
    the web servers LMSs use; a match that differs only in case is SCORM12-HREF-CASE.

    Fails: ``<resource href="index.html">`` in a zip without ``index.html``
    Passes: the zip contains ``index.html`` at the root
    """
    for node in find_all(doc, "resource"):
        href = node.get("href")
        if href is not None and not _case_only(doc, node, href):
            finding = _href_finding(doc, node, href, base_of(node, doc.root, doc.folder))
            if finding:
                yield finding


@cp_rule("FILE-MISSING", Severity.ERROR)
def file_href_missing(doc: Document) -> Iterator[Finding]:
    """A ``<file href>`` lists a file the package does not contain.

    CP 4.3.1.2: <file> lists the files a resource needs; a missing one breaks the page.

    Fails: ``<file href="images/logo.png"/>`` with no ``images/logo.png`` in the zip
    Passes: the zip contains ``images/logo.png``
    """
    for node in find_all(doc, "file"):
        href = node.get("href")
        if href is not None and not _case_only(doc, node, href):
            finding = _href_finding(doc, node, href, base_of(node, doc.root, doc.folder))
            if finding:
                yield finding


def _case_only(doc: Document, node: etree._Element, href: str) -> list[str]:
    member = resolve(base_of(node, doc.root, doc.folder), href).member
    if member is None or doc.package.has(member):
        return []
    return doc.package.same_but_case(member)


@cp_rule("HREF-CASE", Severity.ERROR)
def href_case(doc: Document) -> Iterator[Finding]:
    """An href matches a packaged file only if letter case is ignored.

    Works on Windows and macOS, fails on the Linux servers most LMSs run on.

    Fails: ``<file href="Images/Logo.png"/>`` for ``images/logo.png``
    Passes: ``<file href="images/logo.png"/>``
    """
    for node, href, _ in _launch_hrefs(doc):
        matches = _case_only(doc, node, href)
        if matches:
            yield Finding(doc.at(node), f"href {href!r} differs in case from {matches[0]!r}",
                          f"did you mean {matches[0]!r}? file names are case-sensitive on LMS servers")


@cp_rule("FILE-UNLISTED", Severity.WARNING)
def unlisted_files(doc: Document) -> Iterator[Finding]:
    """Files in the package that no ``<file>`` or resource ``href`` mentions.

    CP 4.3.1.2 expects every file a resource uses to be listed; LMSs that copy only listed
    files (or that check the list) lose the others. Schema files (.xsd, .dtd) and root
    files named in xsi:schemaLocation are exempt. Reported once, with the first names.

    Fails: ``extra/notes.txt`` in the zip, listed nowhere
    Passes: ``<file href="extra/notes.txt"/>`` in some resource
    """
    # Compared ignoring case: an href that differs only in case is SCORM12-HREF-CASE's.
    listed = {(resolve(base, href).member or "").lower() for _, href, base in _launch_hrefs(doc)}
    exempt = {posixpath.join(doc.folder, s).lower() for s in schema_locations(doc.root)} | {doc.name}
    known = listed | exempt
    unlisted = [n for n in doc.package.files
                if n.lower() not in known and not n.lower().endswith(CONTROL_SUFFIXES)]
    if unlisted:
        shown = ", ".join(sorted(unlisted)[:5]) + (" ..." if len(unlisted) > 5 else "")
        yield Finding(doc.package.at(), f"{len(unlisted)} file(s) in the package are not listed in "
                      f"the manifest: {shown}", "list them with <file href=...> in the resource that uses them")


# ---------- titles ----------

def _titles(doc: Document) -> Iterator[etree._Element]:
    for title in find_all(doc, "title"):
        parent = title.getparent()
        if parent is not None and etree.QName(parent).localname in ("organization", "item"):
            yield title


@cp_rule("TITLE-EMPTY", Severity.WARNING)
def empty_titles(doc: Document) -> Iterator[Finding]:
    """An organization or item title is missing or blank; the LMS menu shows nothing.

    CAM 1.2 3.3.2.2.1 / 3.3.2.3.1: organization and item have a title.

    Fails: ``<item identifier="I1" identifierref="R1"><title>  </title></item>``
    Passes: ``<item identifier="I1" identifierref="R1"><title>Introduction</title></item>``
    """
    for node in find_all(doc, "organization") + find_all(doc, "item"):
        if not text(child(node, doc, "title")):
            yield Finding(doc.at(node), f"{etree.QName(node).localname} {node.get('identifier', '')!r} "
                          "has no title", "give it a <title> the learner will see in the menu")


@cp_rule("TITLE-LENGTH", Severity.ERROR)
def long_titles(doc: Document) -> Iterator[Finding]:
    """A title is longer than 200 characters.

    CP 1.1.2 Information Model 4.2.1.1 (smallest permitted maximum: 200); LMSs truncate
    or reject longer ones.

    Fails: ``<title>`` with 250 characters
    Passes: ``<title>Goal planning: writing SMART goals</title>``
    """
    for node in _titles(doc):
        if len(text(node)) > MAX_TITLE:
            yield Finding(doc.at(node), f"title is {len(text(node))} characters, more than {MAX_TITLE}",
                          "shorten the title")


@cp_rule("TITLE-CHARS", Severity.WARNING)
def odd_title_characters(doc: Document) -> Iterator[Finding]:
    """A title contains characters LMS menus mishandle: markup, control or private-use
    characters, or line breaks.

    Titles are plain text (CAM 1.2 3.3.2.3.1); LMSs print them into HTML or a database.

    Fails: ``<title>Module &lt;b&gt;1&lt;/b&gt;</title>``, a title with a tab or U+E000
    Passes: ``<title>Module 1: Basics</title>``
    """
    for node in _titles(doc):
        bad = _bad_chars("".join(node.itertext()).strip())
        if bad:
            yield Finding(doc.at(node), f"title contains {bad}", "use plain text on one line")


def _bad_chars(value: str) -> str:
    if "<" in value or ">" in value:
        return "markup characters '<' or '>'"
    if any(ch in value for ch in "\n\r\t"):
        return "a line break or tab"
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn"):
            return f"the character U+{ord(ch):04X}"
    return ""


# ---------- SCOs ----------

def scormtype_of(node: etree._Element, adlcp: str, attr: str) -> str | None:
    return node.get(f"{{{adlcp}}}{attr}")


def sco_href_findings(doc: Document, adlcp: str, attr: str) -> Iterator[Finding]:
    """Shared by SCORM12-SCO-HREF and SCORM2004-SCO-HREF (namespaces differ)."""
    for node in find_all(doc, "resource"):
        if (scormtype_of(node, adlcp, attr) or "").strip() != "sco":
            continue
        href = node.get("href")
        path = (href or "").split("?")[0].split("#")[0].lower()
        if not href:
            yield Finding(doc.at(node), f"SCO resource {node.get('identifier', '')!r} has no href",
                          "set href to the HTML page the LMS launches")
        elif not resolve("", href).external and not path.endswith(HTML_SUFFIXES):
            yield Finding(doc.at(node), f"SCO resource href {href!r} is not an HTML page",
                          "a SCO is launched in a browser frame: point href at its .html page")
