"""The one place where untrusted XML is parsed.

Every manifest scormbuild reads from a package it did not write (``validate``) or
from a package it just wrote (``build``'s verify step) comes through :func:`parse`.
The parser never resolves entities, never loads a DTD, never touches the network and
refuses libxml2's "huge tree" mode, so a hostile manifest costs at most the bytes it
has; on top of that:

* input larger than :data:`MAX_XML_BYTES` is refused before parsing (``XML-TOO-LARGE``);
* any entity declaration in a DOCTYPE is refused (``XML-ENTITY``): packaging
  specifications never need one, and it is how "billion laughs" and external-entity
  (XXE) attacks start;
* undecodable bytes (``XML-ENCODING``) and every other well-formedness error
  (``XML-MALFORMED``) become one diagnostic with the file and line.

:func:`parse` returns the root element or a :class:`~scormbuild.diagnostics.Diagnostic`;
it never raises. ``where`` is the location path the caller wants in diagnostics: for a
file inside a zip scormbuild writes ``"pkg.zip!imsmanifest.xml"`` (see
:mod:`scormbuild.verify`).
"""
from __future__ import annotations

import re

from lxml import etree

from scormbuild.diagnostics import Diagnostic, Location, Severity, error

#: Largest XML document read. Real manifests are < 1 MiB; the biggest of the 152
#: real-world manifests in the conformance corpus is under 300 KiB.
MAX_XML_BYTES = 8 * 1024 * 1024

# An entity declaration in the prolog. Only the bytes before the root element are scanned.
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_PROLOG_END = re.compile(rb"<[A-Za-z_]")
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_UTF8_NAMES = {"utf-8", "utf8", "us-ascii", "ascii"}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=False, dtd_validation=False)


def parse(data: bytes, where: str) -> etree._Element | Diagnostic:
    """Parse ``data`` safely; the root element, or the first problem as a Diagnostic."""
    if len(data) > MAX_XML_BYTES:
        return too_large(where, len(data))
    refused = _entity_declaration(data, where)
    if refused is not None:
        return refused
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as e:
        return _syntax_problem(e, where)
    except (ValueError, MemoryError) as e:  # e.g. a unicode string with a declaration
        return error("XML-MALFORMED", Location(where), f"not well-formed XML: {e}")
    return _check_tree(root, where)


def too_large(where: str, size: int) -> Diagnostic:
    return error("XML-TOO-LARGE", Location(where),
                 f"XML file is {size:,} bytes, more than the {MAX_XML_BYTES:,} scormbuild reads",
                 "a manifest this large is almost certainly not a real manifest")


def declared_encoding(data: bytes) -> str | None:
    """The encoding named in the XML declaration, lower-cased, if any."""
    m = _DECLARED_ENCODING.match(data.lstrip(b"\xef\xbb\xbf")[:200])
    return m.group(1).decode("ascii").lower() if m else None


def encoding_warning(data: bytes, where: str) -> Diagnostic | None:
    """XML 1.0 4.3.3 allows any encoding, but LMS importers often assume UTF-8."""
    enc = declared_encoding(data)
    if enc is None or enc in _UTF8_NAMES:
        return None
    return Diagnostic("XML-ENCODING-DECLARED", Severity.WARNING, Location(where, 1, 0),
                      f"the XML declaration names encoding {enc!r}, not UTF-8",
                      "save the file as UTF-8 and declare encoding=\"UTF-8\"; some LMSs mangle other encodings")


def _entity_declaration(data: bytes, where: str) -> Diagnostic | None:
    # Only the prolog can declare entities (XML 1.0 2.8, 4.2); stop at the root element.
    end = _PROLOG_END.search(data)
    prolog = data[: end.start()] if end else data
    if b"<!DOCTYPE" not in prolog.upper():
        return None
    m = _ENTITY_DECL.search(prolog)
    if m is None:
        return None
    return _entity_error(where, prolog.count(b"\n", 0, m.start()) + 1)


def _entity_error(where: str, line: int) -> Diagnostic:
    return error("XML-ENTITY", Location(where, line, 0),
                 "the document declares XML entities; scormbuild does not expand them",
                 "remove the DOCTYPE: manifests need no entities (entity declarations are how "
                 "'billion laughs' and external-entity attacks work)")


def _syntax_problem(e: etree.XMLSyntaxError, where: str) -> Diagnostic:
    line, col = e.position if e.position else (e.lineno or 0, 0)
    msg = _strip_position(e.msg or str(e))
    loc = Location(where, line or 0, col or 0)
    if "entity" in msg.lower() and "amplification" in msg.lower():
        return _entity_error(where, line or 0)
    if "encoding" in msg.lower() or "utf-8" in msg.lower():
        return error("XML-ENCODING", loc, f"the file is not in the encoding it declares: {msg}",
                     "save the file as UTF-8 (and declare encoding=\"UTF-8\" or nothing)")
    return error("XML-MALFORMED", loc, f"not well-formed XML: {msg}",
                 "fix the XML syntax; an LMS will refuse to import this file")


def _strip_position(msg: str) -> str:
    return re.sub(r", line \d+, column \d+$", "", msg)


def _check_tree(root: etree._Element, where: str) -> etree._Element | Diagnostic:
    # A UTF-16 prolog escapes the byte scan above; the parsed DTD does not.
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return _entity_error(where, 1)
    return root
