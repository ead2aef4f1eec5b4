"""The context manifest rules receive: the parsed root file and the package around it."""
from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lxml import etree

from scormbuild.diagnostics import Location
from scormbuild.verify.package import Package

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Document:
    """One parsed root file (imsmanifest.xml, cmi5.xml, tincan.xml) of a package."""

    package: Package
    name: str
    root: etree._Element
    standard: str

    def at(self, node: etree._Element | None = None) -> Location:
        line = (node.sourceline or 0) if node is not None else 0
        return self.package.at(self.name, line)

    @property
    def folder(self) -> str:
        """The manifest's folder inside the package ("" at the root)."""
        return posixpath.dirname(self.name)

    def elements(self, ns: str, local: str) -> Iterator[etree._Element]:
        return self.root.iter(f"{{{ns}}}{local}")


@dataclass(frozen=True)
class Target:
    """Where an href leads: a package member, an external URL, or nowhere valid."""

    member: str | None = None
    external: bool = False
    problem: str = ""


def resolve(base: str, href: str) -> Target:
    """Resolve a relative URI reference (RFC 3986 5.2) against a folder in the package.

    Query and fragment are dropped (``page.html?x=1#top`` launches ``page.html``);
    percent-escapes are decoded (``my%20page.html`` is the file ``my page.html``).
    """
    href = href.strip()
    if not href:
        return Target(problem="is empty")
    if "\\" in href:
        return Target(problem="uses '\\' (URIs separate folders with '/')")
    if _SCHEME.match(href) or href.startswith("//"):
        return Target(external=True)
    path = unquote(urlsplit(href).path)
    if path.startswith("/"):
        return Target(problem="is an absolute path (start it from the package root without '/')")
    joined = posixpath.normpath(posixpath.join(base, path)) if path else base
    if joined == ".." or joined.startswith("../"):
        return Target(problem="points outside the package")
    return Target(member=joined.removeprefix("./"))


def base_of(node: etree._Element, stop: etree._Element, start: str) -> str:
    """The folder an href on ``node`` is relative to: ``start`` plus each xml:base
    from ``stop`` down to ``node`` (XML Base 4.3; IMS CP 1.1.2 uses it on resources)."""
    chain = [*[n for n in node.iterancestors() if _is_below(n, stop)][::-1], node]
    base = start
    for n in chain:
        b = n.get(XML_BASE)
        if b and not _SCHEME.match(b):
            base = posixpath.normpath(posixpath.join(base, unquote(b))) if b.strip("/") else base
    return "" if base == "." else base


def _is_below(n: etree._Element, stop: etree._Element) -> bool:
    return n is stop or any(a is stop for a in n.iterancestors())


def schema_locations(root: etree._Element) -> set[str]:
    """The files named by xsi:schemaLocation (namespace, file pairs)."""
    pairs = (root.get(f"{{{XSI}}}schemaLocation") or "").split()
    return {p for p in pairs[1::2] if not _SCHEME.match(p)}


def text(node: etree._Element | None) -> str:
    return "".join(node.itertext()).strip() if node is not None else ""
