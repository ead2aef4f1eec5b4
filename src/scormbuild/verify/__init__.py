"""Package-level verification: what ``scormbuild validate`` and ``scormbuild build`` run.

``validate_path(path)`` checks a zip or a folder; ``verify_package(zip, standard)`` is
the builder's check of what it just wrote. Both return every problem as a
:class:`~scormbuild.diagnostics.Diagnostic` and never raise for a bad package.

The order: open the package (:mod:`.package`), the container rules (:mod:`.zipsafety`),
find the root file (:mod:`.detect`), parse it safely (:mod:`scormbuild.safexml`),
validate it against the project's schema (:mod:`.schema`), then the standard's rules
(:mod:`.contentpackage` + :mod:`.scorm12` / :mod:`.scorm2004`, :mod:`.cmi5`, :mod:`.tincan`).

Locations: ``"pkg.zip!imsmanifest.xml":12`` for a line of a file inside a zip,
``"course/imsmanifest.xml":12`` inside a folder, ``"pkg.zip"`` for the package itself
(see :mod:`.package`). Every diagnostic also carries ``extra=(("package", label),)`` so
reports can group by package.

A package reports at most :data:`MAX_PER_RULE` diagnostics of one rule (the first ones
in location order); the rest are counted in one more diagnostic of that rule, placed at
the first one left out, so a manifest with 3,000 missing files stays readable and the
exit status is unchanged.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from scormbuild import safexml
from scormbuild.diagnostics import Diagnostic, Severity, sort_key
from scormbuild.verify import (  # noqa: F401  (register rules)
    cmi5,
    contentpackage,
    mbz,
    schema,
    scorm12,
    scorm2004,
    tarpackage,
    tincan,
    xmlsafety,
    zipsafety,
)
from scormbuild.verify.detect import STANDARDS, root_file, standard_of
from scormbuild.verify.document import Document
from scormbuild.verify.package import Package, ZipPackage, open_package
from scormbuild.verify.registry import RULES, Rule, declare, emit, run

__all__ = [
    "MAX_PER_RULE",
    "RULES",
    "STANDARDS",
    "UNREADABLE_CODES",
    "Rule",
    "document_verdict",
    "validate_path",
    "verify_package",
]

declare("VALIDATOR-ERROR", Severity.ERROR, "package", """
    scormbuild itself failed while checking the package (a bug: please report it with the
    package). The package could not be fully checked. Exit status 2.

    Fails: (never, we hope)
    Passes: every other package
    """)

#: Codes meaning "could not be checked at all": the CLI exits 2 on them.
UNREADABLE_CODES = frozenset({"PKG-UNREADABLE", "ZIP-UNREADABLE", "MBZ-UNREADABLE", "VALIDATOR-ERROR"})

#: Diagnostics of one rule listed per package; the rest are summed up in one more.
MAX_PER_RULE = 20


def validate_path(path: Path, standard: str | None = None) -> list[Diagnostic]:
    """Every problem of the package at ``path`` (zip or folder), sorted by location."""
    if standard is not None and standard not in STANDARDS:
        raise ValueError(f"unknown standard {standard!r}; expected one of {', '.join(STANDARDS)}")
    # A Moodle backup is a gzip'd tar (Moodle ≥ 2.6); anything else is a zip or a folder.
    pkg = tarpackage.open_tgz(Path(path)) if tarpackage.is_tgz(Path(path)) else open_package(Path(path))
    if isinstance(pkg, Diagnostic):
        return _finish([pkg], str(path))
    try:
        return _finish(_checked(pkg, standard), pkg.label)
    finally:
        pkg.close()


def verify_package(zip_path: Path, standard: str) -> list[Diagnostic]:
    """The builder's post-write check: the package it wrote, as ``standard``."""
    return validate_path(zip_path, standard)


def _checked(pkg: Package, standard: str | None) -> list[Diagnostic]:
    try:
        return _validate(pkg, standard)
    except Exception as e:
        return [emit("VALIDATOR-ERROR", pkg.at(), f"internal error while checking: {e!r}",
                     "please report this with the package")]


def _validate(pkg: Package, standard: str | None) -> list[Diagnostic]:
    diags = list(pkg.problems)
    if isinstance(pkg, ZipPackage):
        diags += run("zip", pkg)
    if standard == "moodle" or (standard is None and mbz.is_backup(pkg)):
        return diags + mbz.check_backup(pkg)
    name = root_file(pkg, standard)
    if isinstance(name, Diagnostic):
        return [*diags, name]
    data = pkg.read(name, safexml.MAX_XML_BYTES)
    if isinstance(data, Diagnostic):
        return [*diags, data]
    return diags + _document(pkg, name, data, standard)


def _document(pkg: Package, name: str, data: bytes, standard: str | None) -> list[Diagnostic]:
    where = pkg.where(name)
    root = safexml.parse(data, where)
    if isinstance(root, Diagnostic):
        return [root]
    std = standard or standard_of(name, root)
    diags = [d for d in [safexml.encoding_warning(data, where)] if d is not None]
    diags += schema.validate(root, where, std)
    return diags + run(std, Document(pkg, name, root, std))


def _finish(diags: list[Diagnostic], label: str) -> list[Diagnostic]:
    kept = _cap(sorted(_supersede(diags), key=sort_key))
    return sorted((dataclasses.replace(d, extra=(("package", label),)) for d in kept), key=sort_key)


def _cap(diags: list[Diagnostic]) -> list[Diagnostic]:
    """The first MAX_PER_RULE diagnostics of each rule (``diags`` is in location order),
    plus, for a rule with more, one diagnostic counting the others."""
    seen: Counter[str] = Counter()
    kept: list[Diagnostic] = []
    left_out: dict[str, list[Diagnostic]] = {}
    for d in diags:
        seen[d.code] += 1
        if seen[d.code] <= MAX_PER_RULE:
            kept.append(d)
        else:
            left_out.setdefault(d.code, []).append(d)
    for code, rest in left_out.items():
        first = rest[0]
        kept.append(Diagnostic(
            code, max(d.severity for d in rest), first.location,
            f"{len(rest)} more {code} problem{'s' if len(rest) > 1 else ''} not listed, the first "
            f"of them here (at most {MAX_PER_RULE} of one rule are listed per package)",
            "fix the ones listed and validate again"))
    return kept


def _supersede(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Drop a generic SCHEMA-INVALID where a specific rule reported an error on the same
    line: "identifier 'X' is used more than once" says more than libxml2's ID message."""
    specific = {(d.location.path, d.location.line) for d in diags
                if d.is_error and d.code != "SCHEMA-INVALID" and d.location.line}
    return [d for d in diags
            if not (d.code == "SCHEMA-INVALID" and (d.location.path, d.location.line) in specific)]


def document_verdict(data: bytes, name: str, standard: str | None = None) -> tuple[str, list[Diagnostic]]:
    """(standard, schema/XML problems) of one root file's bytes: the strict verdict the
    tests compare with the official schemas (no package, so no file rules)."""
    root = safexml.parse(data, name)
    if isinstance(root, Diagnostic):
        return standard or "unknown", [root]
    std = standard or standard_of(name, root)
    problems = schema.validate(root, name, std)
    return std, [d for d in problems if d.severity is Severity.ERROR]

