"""The package `play` runs: opened as untrusted input, checked, then unpacked privately.

The zip is opened by :mod:`scormbuild.verify.package` and its central directory judged by
the container rules of :mod:`scormbuild.verify.zipsafety` (ZIP-SLIP, ZIP-ABSOLUTE,
ZIP-SYMLINK, ZIP-BOMB…) *before* one byte is written: any error there refuses the package
(exit 2, the rule id in the message). Only then are the members written, one by one, into a
private temporary folder, each path checked again to stay inside it and each member read no
further than its declared size (a lying size header cannot fill the disk).
"""
from __future__ import annotations

import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .. import safexml
from ..diagnostics import Diagnostic
from ..inspect import Launch, inspect
from ..preview.rebuild import launch_settings, launchable
from ..verify.detect import root_file
from ..verify.package import FolderPackage, Package, ZipPackage, open_package
from ..verify.registry import run

SCORM = ("scorm12", "scorm2004")
CHUNK = 1 << 16


class Refused(Exception):
    """The package cannot be played at all (exit 2); the message says why, with a rule id."""


@dataclass(frozen=True)
class Target:
    """What is launched: the SCORM item, cmi5 AU or Tin Can activity, and its settings."""

    identifier: str
    title: str
    href: str          # relative to the package root, with the item's parameters
    move_on: str = ""  # cmi5 moveOn
    mastery: str = ""  # as the standard writes it (1.2: 0–100; 2004 and cmi5: 0–1)


@dataclass(frozen=True)
class Unpacked:
    standard: str
    title: str
    target: Target
    root: Path  # the folder the package was written to


def unpack(path: Path, dest: Path, standard: str | None, launch_id: str | None) -> Unpacked:
    """Check the package at `path`, choose what to launch and write it into `dest`."""
    pkg = open_package(path)
    if isinstance(pkg, Diagnostic):
        raise Refused(str(pkg))
    try:
        _refuse_unsafe(pkg)
        report = inspect(path)
        if not report.standard:
            raise Refused("; ".join(report.problems) or f"{path}: not an e-learning package")
        chosen = _standard(report.standard, standard)
        target = _target(report.launch, chosen, _default_organization(pkg, report.root_file), launch_id)
        _write(pkg, dest)
    finally:
        pkg.close()
    return Unpacked(chosen, report.title, target, dest)


def _refuse_unsafe(pkg: Package) -> None:
    problems = [d for d in pkg.problems if d.is_error]
    if isinstance(pkg, ZipPackage):
        problems += [d for d in run("zip", pkg) if d.is_error]
    if problems:
        shown = "; ".join(f"{d.message} [{d.code}]" for d in problems[:3])
        raise Refused(f"{pkg.label}: refused, the package is unsafe to unpack: {shown}")


def _standard(detected: str, wanted: str | None) -> str:
    """`--standard` chooses between the two SCORM runtimes for an imsmanifest.xml; it cannot
    make a cmi5.xml a SCORM package."""
    if wanted is None or wanted == detected:
        return detected
    if wanted in SCORM and detected in SCORM:
        return wanted
    raise Refused(f"the package is {detected}, not {wanted}: its root file says so")


def _default_organization(pkg: Package, name: str) -> str:
    """IMS CP 1.1.4 §2.3 <organizations default="…">: the organization an LMS launches."""
    if name != "imsmanifest.xml" or root_file(pkg, None) != name:
        return ""
    data = pkg.read(name, safexml.MAX_XML_BYTES)
    root = data if isinstance(data, Diagnostic) else safexml.parse(data, pkg.where(name))
    if isinstance(root, Diagnostic):
        return ""
    orgs = root.find("{*}organizations")
    return orgs.get("default", "") if orgs is not None else ""


def _target(tree: list[Launch], standard: str, default_org: str, launch_id: str | None) -> Target:
    if standard in SCORM:
        # The default organization's items first (CAM 3.4.1.2: the LMS launches from it).
        tree = sorted(tree, key=lambda org: org.identifier != default_org)
    leaves = launchable(tree)
    if launch_id is not None:
        leaves = [leaf for leaf in leaves if leaf.identifier == launch_id]
        if not leaves:
            known = ", ".join(leaf.identifier for leaf in launchable(tree)) or "none"
            raise Refused(f"no launchable item, AU or activity {launch_id!r} (there are: {known})")
    if not leaves:
        raise Refused("the package has nothing to launch (no item with a resource, AU or activity launch)")
    # By default the first SCO: an asset (a bundle's course page) never calls the API, so
    # there would be nothing to play or report; --launch still opens one by name.
    leaf = next((leaf for leaf in leaves if not leaf.asset), leaves[0])
    move_on, mastery = launch_settings(leaf.mastery)
    return Target(leaf.identifier, leaf.title, leaf.href, move_on, mastery)


def _write(pkg: Package, dest: Path) -> None:
    root = dest.resolve()
    for name, size in pkg.files.items():
        target = (root / name).resolve()
        if not target.is_relative_to(root):  # the rules refused these already: never trust one check
            raise Refused(f"{pkg.label}: entry {name!r} points outside the package root [ZIP-SLIP]")
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(pkg, ZipPackage):
            _copy_member(pkg.zf, name, size, target)
        elif isinstance(pkg, FolderPackage):
            shutil.copyfile(pkg.root / name, target, follow_symlinks=False)


def _copy_member(zf: zipfile.ZipFile, name: str, size: int, target: Path) -> None:
    written = 0
    try:
        with zf.open(name) as src, open(target, "wb") as out:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > size:
                    raise Refused(f"entry {name!r} holds more than its declared {size:,} bytes [ZIP-BOMB]")
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
        raise Refused(f"entry {name!r} cannot be unpacked: {exc} [ZIP-CORRUPT]") from exc
