"""Which root file a package has, and which standard it follows.

The root file is looked for at the package root, with its exact lower-case name
(LMS importers do the same): ``imsmanifest.xml`` (SCORM 1.2 CAM 3.3.1, SCORM 2004 CAM
3.2), ``cmi5.xml`` (cmi5 14.1), ``tincan.xml`` (Tin Can packaging). SCORM 1.2 and 2004
share the file name and are told apart by the manifest's namespace and schemaversion.
The names and markers themselves are in scormbuild.standards, with everything else
that differs by standard.
"""
from __future__ import annotations

import posixpath

from lxml import etree

from scormbuild import standards
from scormbuild.diagnostics import Diagnostic
from scormbuild.verify.package import Package
from scormbuild.verify.registry import Severity, declare, emit

declare("PKG-NO-MANIFEST", Severity.ERROR, "package", """
    No root file (imsmanifest.xml, cmi5.xml or tincan.xml) at the package root, with that
    exact lower-case name. The most common cause is zipping the course folder instead of
    its contents, which puts the manifest one level down.

    Fails: ``course.zip`` containing ``course/imsmanifest.xml``
    Passes: ``course.zip`` containing ``imsmanifest.xml``
    """)

STANDARDS = standards.names()


def root_file(pkg: Package, standard: str | None) -> str | Diagnostic:
    """The root file's name, or PKG-NO-MANIFEST explaining what was found instead."""
    detection = standards.get(standard).detection if standard else None
    wanted = [detection.root_file] if detection else list(standards.root_files())
    for name in wanted:
        if pkg.has(name):
            return name
    return emit("PKG-NO-MANIFEST", pkg.at(), f"no {' / '.join(wanted)} at the package root",
                _hint(pkg, wanted))


def _hint(pkg: Package, wanted: list[str]) -> str:
    for name in sorted(pkg.files, key=lambda n: (n.count("/"), n)):
        base = posixpath.basename(name)
        if base in wanted:
            return f"found {name}: zip the contents of its folder, not the folder itself"
        if base.lower() in wanted:
            return f"found {name}: the file name must be exactly {base.lower()!r}"
    return "this does not look like an e-learning package"


def standard_of(name: str, root: etree._Element) -> str:
    """The standard's name (scormbuild.standards), from the root file's name and content."""
    qname = etree.QName(root)
    version = root.findtext("{*}metadata/{*}schemaversion") or ""
    return standards.detect(name, qname.localname, qname.namespace or "", version)
