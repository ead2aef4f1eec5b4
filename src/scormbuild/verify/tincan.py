"""Tin Can (xAPI package) rules (group ``tincan``). Clauses: Rustici's Tin Can packaging
description (tincan.xml), xAPI 1.0.3 section 2.4.4.1 (activity id).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from lxml import etree

from scormbuild.verify.document import Document, resolve, text
from scormbuild.verify.iri import is_absolute_iri
from scormbuild.verify.registry import Finding, Severity, rule

NS = "http://projecttincan.com/tincan.xsd"


def _activities(doc: Document) -> list[etree._Element]:
    return list(doc.root.iter(f"{{{NS}}}activity"))


@rule("TINCAN-ID-IRI", Severity.ERROR, "tincan")
def ids_are_iris(doc: Document) -> Iterator[Finding]:
    """An activity ``id`` is not an absolute IRI.

    xAPI 1.0.3 2.4.4.1: an activity id is an IRI; LRSs reject statements about anything else.

    Fails: ``<activity id="course-1" type="http://adlnet.gov/expapi/activities/course">``
    Passes: ``<activity id="https://example.com/course-1" ...>``
    """
    for act in _activities(doc):
        ident = act.get("id", "")
        if not is_absolute_iri(ident):
            yield Finding(doc.at(act), f"activity id {ident!r} is not an absolute IRI",
                          "use a full IRI such as https://example.com/course-1")


@rule("TINCAN-ID-DUPLICATE", Severity.ERROR, "tincan")
def unique_ids(doc: Document) -> Iterator[Finding]:
    """Two activities share an ``id`` (xAPI 2.4.4.1: the id identifies the activity).

    Fails: two ``<activity id="https://example.com/q1">``
    Passes: ``https://example.com/q1`` and ``https://example.com/q2``
    """
    seen: Counter[str] = Counter()
    for act in _activities(doc):
        seen[act.get("id", "")] += 1
        if seen[act.get("id", "")] == 2:
            yield Finding(doc.at(act), f"activity id {act.get('id')!r} is used more than once",
                          "give every activity its own IRI")


@rule("TINCAN-NO-LAUNCH", Severity.ERROR, "tincan")
def has_launch(doc: Document) -> Iterator[Finding]:
    """No activity has a ``<launch>``: the LMS has nothing to open.

    Tin Can packaging: the course activity's <launch> names the launch file.

    Fails: ``<activity id="https://example.com/c" type="...course"><name>C</name></activity>``
    Passes: the same with ``<launch lang="und">index.html</launch>``
    """
    if not any(text(act.find(f"{{{NS}}}launch")) for act in _activities(doc)):
        yield Finding(doc.at(doc.root), "no activity has a <launch> file",
                      "add <launch lang=\"und\">index.html</launch> to the course activity")


@rule("TINCAN-LAUNCH-MISSING", Severity.ERROR, "tincan")
def launch_missing(doc: Document) -> Iterator[Finding]:
    """A relative ``<launch>`` names a file the package does not contain, or leaves it.

    Tin Can packaging: launch is relative to tincan.xml (or an absolute URL).

    Fails: ``<launch lang="und">story.html</launch>`` with no story.html in the zip
    Passes: the zip contains story.html next to tincan.xml
    """
    for launch in doc.root.iter(f"{{{NS}}}launch"):
        target = resolve(doc.folder, text(launch))
        if target.problem:
            yield Finding(doc.at(launch), f"launch {text(launch)!r} {target.problem}",
                          "write the launch file relative to tincan.xml")
        elif target.member is not None and not doc.package.has(target.member):
            yield Finding(doc.at(launch), f"launch file {target.member} is not in the package",
                          "add the file or correct <launch> (names are case-sensitive)")
