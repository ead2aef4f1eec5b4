"""cmi5 course structure rules (group ``cmi5``). Clauses: cmi5 specification
(Quartz), section 13.1 "Course Structure Data Model" and section 8.1 "Launch method".
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from scormbuild.verify.document import Document, resolve, text
from scormbuild.verify.iri import is_absolute_iri
from scormbuild.verify.registry import Finding, Severity, rule

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
#: 13.1.4 moveOn vocabulary.
MOVE_ON = ("NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed")
#: 8.1: query parameters the LMS appends to an AU's url; the url must not carry them.
RESERVED_PARAMS = ("endpoint", "fetch", "actor", "registration", "activityId")
_IDENTIFIED = ("course", "block", "au")


def _all(doc: Document, local: str) -> list[etree._Element]:
    return list(doc.root.iter(f"{{{NS}}}{local}"))


def _with_ids(doc: Document) -> list[etree._Element]:
    nodes = [n for local in _IDENTIFIED for n in _all(doc, local)]
    nodes += [o for o in _all(doc, "objective") if o.get("id") is not None]
    return sorted(nodes, key=lambda n: n.sourceline or 0)


@rule("CMI5-ID-IRI", Severity.ERROR, "cmi5")
def ids_are_iris(doc: Document) -> Iterator[Finding]:
    """A course, block, AU or objective ``id`` is not an absolute IRI.

    cmi5 13.1.1 / 13.1.2 / 13.1.3 / 13.1.4: "id: a globally unique IRI"; it becomes the
    xAPI activity id, which xAPI requires to be an IRI with a scheme.

    Fails: ``<au id="intro">``
    Passes: ``<au id="https://example.com/courses/goals/au/intro">``
    """
    for node in _with_ids(doc):
        ident = node.get("id", "")
        if not is_absolute_iri(ident):
            yield Finding(doc.at(node), f"{etree.QName(node).localname} id {ident!r} is not an absolute IRI",
                          "use a full IRI such as https://example.com/course/unit-1")


@rule("CMI5-ID-DUPLICATE", Severity.ERROR, "cmi5")
def unique_ids(doc: Document) -> Iterator[Finding]:
    """Two course-structure elements share an ``id``.

    cmi5 13.1: ids are globally unique; an LMS records AU results by id.

    Fails: two ``<au id="https://example.com/au/1">``
    Passes: ``https://example.com/au/1`` and ``https://example.com/au/2``
    """
    seen: Counter[str] = Counter()
    for node in _with_ids(doc):
        seen[node.get("id", "")] += 1
        if seen[node.get("id", "")] == 2:
            yield Finding(doc.at(node), f"id {node.get('id')!r} is used more than once",
                          "give every course, block, AU and objective its own IRI")


@rule("CMI5-MOVEON", Severity.ERROR, "cmi5")
def move_on(doc: Document) -> Iterator[Finding]:
    """An AU's ``moveOn`` is not one of the five values cmi5 defines.

    cmi5 13.1.4 moveOn: Passed, Completed, CompletedAndPassed, CompletedOrPassed or
    NotApplicable (case-sensitive).

    Fails: ``<au moveOn="passed" ...>``
    Passes: ``<au moveOn="Passed" ...>``
    """
    for au in _all(doc, "au"):
        value = au.get("moveOn")
        if value is not None and value not in MOVE_ON:
            yield Finding(doc.at(au), f"moveOn {value!r} is not a cmi5 value",
                          "use one of " + ", ".join(MOVE_ON))


@rule("CMI5-MASTERYSCORE", Severity.ERROR, "cmi5")
def mastery_score(doc: Document) -> Iterator[Finding]:
    """An AU's ``masteryScore`` is not a decimal from 0 to 1.

    cmi5 13.1.4 masteryScore: "a decimal value between 0 and 1 (inclusive)" - a scaled
    score, unlike SCORM 1.2's 0-100.

    Fails: ``<au masteryScore="80" ...>``
    Passes: ``<au masteryScore="0.8" ...>``
    """
    for au in _all(doc, "au"):
        value = au.get("masteryScore")
        if value is not None and not _scaled(value):
            yield Finding(doc.at(au), f"masteryScore {value!r} is not a decimal from 0 to 1",
                          "write a scaled score such as 0.8")


def _scaled(value: str) -> bool:
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return False
    return number.is_finite() and 0 <= number <= 1


@rule("CMI5-URL-SYNTAX", Severity.ERROR, "cmi5")
def url_syntax(doc: Document) -> Iterator[Finding]:
    """An AU ``url`` is neither a relative URL inside the package nor an absolute http(s) URL,
    or it carries a launch parameter the LMS adds itself.

    cmi5 13.1.4 url: relative to the course structure file, or fully qualified;
    cmi5 8.1: the LMS appends endpoint, fetch, actor, registration and activityId.

    Fails: ``<url>content\\index.html</url>``, ``<url>index.html?actor=x</url>``, ``<url>ftp://h/x</url>``
    Passes: ``<url>content/index.html?lang=en</url>``
    """
    for url in _all(doc, "url"):
        problem = _url_problem(text(url))
        if problem:
            yield Finding(doc.at(url), f"AU url {text(url)!r} {problem}",
                          "use a path relative to cmi5.xml, or a full https:// URL")


def _url_problem(value: str) -> str:
    target = resolve("", value)
    if target.problem:
        return target.problem
    if target.external and urlsplit(value).scheme.lower() not in ("http", "https"):
        return "is neither relative nor http(s)"
    reserved = [k for k, _ in parse_qsl(urlsplit(value).query) if k in RESERVED_PARAMS]
    return f"carries the launch parameter {reserved[0]!r} the LMS adds" if reserved else ""


@rule("CMI5-URL-MISSING", Severity.ERROR, "cmi5")
def url_missing(doc: Document) -> Iterator[Finding]:
    """A relative AU ``url`` names a file the package does not contain.

    cmi5 13.1.4 url / 14.1 (package format): relative urls resolve against cmi5.xml
    inside the zip.

    Fails: ``<url>index.html</url>`` with no ``index.html`` in the zip
    Passes: the zip contains ``index.html`` next to cmi5.xml
    """
    for url in _all(doc, "url"):
        target = resolve(doc.folder, text(url))
        if target.member is not None and not doc.package.has(target.member):
            yield Finding(doc.at(url), f"AU url {text(url)!r}: {target.member} is not in the package",
                          "add the file or correct the url (names are case-sensitive)")


@rule("CMI5-OBJECTIVE-REF", Severity.ERROR, "cmi5")
def objective_refs(doc: Document) -> Iterator[Finding]:
    """A block or AU refers to an objective the course does not define.

    cmi5 13.1.3: objectives are defined under <courseStructure><objectives> and referred
    to by ``idref`` from blocks and AUs.

    Fails: ``<objective idref="https://example.com/obj/9"/>`` with no such objective defined
    Passes: the same idref and ``<objective id="https://example.com/obj/9">`` at course level
    """
    defined = {o.get("id") for o in _all(doc, "objective") if o.get("id") is not None}
    for ref in _all(doc, "objective"):
        idref = ref.get("idref")
        if idref is not None and idref not in defined:
            yield Finding(doc.at(ref), f"objective idref {idref!r} is not defined",
                          "define it in the course-level <objectives>")
