"""Documentation entries for the problems :mod:`scormbuild.safexml` reports while parsing.

safexml builds these diagnostics itself (it sits below ``verify`` and must not depend on
it); declaring them here puts them in ``RULES`` with the others.
"""
from __future__ import annotations

from scormbuild.verify.registry import Severity, declare

declare("XML-MALFORMED", Severity.ERROR, "xml", """
    The root file is not well-formed XML (XML 1.0 section 2.1); no LMS can read it.

    Fails: ``<organizations>...</organisations>``
    Passes: matching start and end tags
    """)
declare("XML-ENTITY", Severity.ERROR, "xml", """
    The root file declares entities in a DOCTYPE. They are never expanded: no packaging
    specification needs them, and they are how "billion laughs" (exponential expansion)
    and external-entity (XXE: reading local files) attacks work.

    Fails: ``<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>``
    Passes: no DOCTYPE at all
    """)
declare("XML-ENCODING", Severity.ERROR, "xml", """
    The bytes are not in the encoding the file declares (UTF-8 when it declares none,
    XML 1.0 section 4.3.3): typically a manifest saved as Windows-1252.

    Fails: ``é`` stored as the single byte 0xE9 in a file without an encoding declaration
    Passes: the same file saved as UTF-8
    """)
declare("XML-ENCODING-DECLARED", Severity.WARNING, "xml", """
    The XML declaration names an encoding other than UTF-8. Legal XML, but LMS importers
    often assume UTF-8 and mangle titles.

    Fails: ``<?xml version="1.0" encoding="ISO-8859-1"?>``
    Passes: ``<?xml version="1.0" encoding="UTF-8"?>``
    """)
declare("XML-TOO-LARGE", Severity.ERROR, "xml", """
    The root file is larger than scormbuild reads (8 MiB); real manifests are well under
    1 MiB. Checked before decompressing or parsing anything.

    Fails: an imsmanifest.xml of 9 MiB (or one whose zip entry declares 1 GiB)
    Passes: any real manifest
    """)
