"""Rules for Moodle course backups (.mbz, group ``mbz``): what restore needs to find.

What restore reads and in which order comes from Moodle's code (moodle/moodle):
backup/util/helper/convert_helper.class.php (detect_moodle2_format: the first 200 bytes
of moodle_backup.xml), backup_general_helper.class.php (get_backup_information: the
contents listed there), backup/moodle2/restore_stepslib.php (inforef.xml, files.xml,
module.xml, section.xml; restore_load_included_files loads only files an inforef names),
backup_file_manager.class.php (a file's bytes at files/<2 hex>/<sha1>) and
mod/scorm/backup/moodle2/restore_scorm_stepslib.php (scorm.xml; the package file area).
Each SCORM package inside is validated like any package, its problems keeping their ids.
"""
from __future__ import annotations

import posixpath
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from scormbuild import safexml
from scormbuild.diagnostics import Diagnostic, Location, Severity
from scormbuild.verify.package import Package
from scormbuild.verify.registry import Finding, declare, emit, rule, run
from scormbuild.verify.tarpackage import TarPackage, is_tgz

ROOT = "moodle_backup.xml"
#: convert_helper::detect_moodle2_format reads 200 bytes and looks for these three.
SIGNATURE = (b'<?xml version="1.0" encoding="UTF-8"?>', b"<moodle_backup>", b"<information>")
SIGNATURE_BYTES = 200
EMPTY_SHA1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"  # folder rows (filename ".") have no bytes

declare("MBZ-NO-BACKUP-XML", Severity.ERROR, "mbz", """
    No moodle_backup.xml at the root of the backup, or its first 200 bytes lack the XML
    declaration (``<?xml version="1.0" encoding="UTF-8"?>``), ``<moodle_backup>`` and
    ``<information>``: Moodle's restore (convert_helper::detect_moodle2_format) then
    says the file is not a Moodle 2 backup.

    Fails: a .mbz whose moodle_backup.xml starts with a comment of 300 bytes
    Passes: a .mbz written by Moodle or by ``scormbuild build -f moodle``
    """)


@dataclass
class Backup:
    """A backup's package and the XML files restore reads, parsed (None when unusable)."""

    pkg: Package
    root: etree._Element
    docs: dict[str, etree._Element | None] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def doc(self, name: str) -> etree._Element | None:
        if name not in self.docs:
            self.docs[name] = self._parse(name) if self.pkg.has(name) else None
        return self.docs[name]

    def _parse(self, name: str) -> etree._Element | None:
        data = self.pkg.read(name, safexml.MAX_XML_BYTES)
        parsed = data if isinstance(data, Diagnostic) else safexml.parse(data, self.pkg.where(name))
        if isinstance(parsed, Diagnostic):
            self.problems.append(parsed)
            return None
        return parsed

    def at(self, name: str, node: etree._Element | None = None) -> Location:
        return self.pkg.at(name, (node.sourceline or 0) if node is not None else 0)

    def listed(self, kind: str) -> list[etree._Element]:
        """contents/activities/activity, contents/sections/section or contents/course."""
        path = {"activity": "information/contents/activities/activity",
                "section": "information/contents/sections/section", "course": "information/contents/course"}[kind]
        return self.root.findall(path)

    def files(self) -> list[etree._Element]:
        doc = self.doc("files.xml")
        return doc.findall("file") if doc is not None else []


def is_backup(pkg: Package) -> bool:
    return pkg.has(ROOT) or isinstance(pkg, TarPackage)


def check_backup(pkg: Package) -> list[Diagnostic]:
    """Every problem of a Moodle backup: its structure, its files, its SCORM packages."""
    data = pkg.read(ROOT, safexml.MAX_XML_BYTES) if pkg.has(ROOT) else None
    if isinstance(data, Diagnostic):
        return [data]
    if data is None or not all(mark in data[:SIGNATURE_BYTES] for mark in SIGNATURE):
        what = "is not a Moodle 2 backup header" if data is not None else "is missing"
        return [emit("MBZ-NO-BACKUP-XML", pkg.at(ROOT if data is not None else ""), f"{ROOT} {what}",
                     "restore only .mbz files made by Moodle's backup or by scormbuild build -f moodle")]
    root = safexml.parse(data, pkg.where(ROOT))
    if isinstance(root, Diagnostic):
        return [root]
    backup = Backup(pkg, root)
    found = run("mbz", backup) + nested_packages(backup)
    return backup.problems + found


def _text(node: etree._Element | None, path: str) -> str:
    return (node.findtext(path) or "").strip() if node is not None else ""


def _required(backup: Backup) -> Iterator[tuple[etree._Element, str]]:
    """(listing element, file) for every file restore opens without checking it exists."""
    for node in backup.listed("course"):
        yield node, f"{_text(node, 'directory')}/course.xml"
    for node in backup.listed("section"):
        yield node, f"{_text(node, 'directory')}/section.xml"
    for node in backup.listed("activity"):
        folder = _text(node, "directory")
        yield node, f"{folder}/module.xml"
        yield node, f"{folder}/{_text(node, 'modulename')}.xml"


@rule("MBZ-CONTENTS-MISSING", Severity.ERROR, "mbz")
def contents_missing(backup: Backup) -> Iterator[Finding]:
    """A course, section or activity listed in moodle_backup.xml has no folder file restore
    needs (course.xml, section.xml, module.xml, the activity's own <modulename>.xml), or
    files.xml is missing. Restore stops with "missing_moodle_backup_xml_file"
    (backup/util/plan/restore_structure_step.class.php, execute).

    Fails: moodle_backup.xml lists ``activities/scorm_3`` but the archive has no
    ``activities/scorm_3/scorm.xml``
    Passes: every listed folder holds its files
    """
    if not backup.pkg.has("files.xml"):
        yield Finding(backup.at(ROOT), "files.xml is missing", "a backup lists its files in files.xml at the root")
    for node, name in _required(backup):
        if not backup.pkg.has(name):
            yield Finding(backup.at(ROOT, node), f"{name} is listed but not in the backup",
                          "rebuild the backup; a listed folder must hold its files")


@rule("MBZ-ID-MISMATCH", Severity.ERROR, "mbz")
def id_mismatch(backup: Backup) -> Iterator[Finding]:
    """Ids disagree across files: an activity's module.xml id, its section id or its
    <activity moduleid> differ from moodle_backup.xml, or it sits in a section that is
    not listed. Restore maps ids by what each file says, so the activity lands in the
    wrong section or its settings attach to another module.

    Fails: moodle_backup.xml lists moduleid 2 and activities/scorm_2/module.xml says ``<module id="3">``
    Passes: the same id everywhere
    """
    sections = {_text(s, "sectionid") for s in backup.listed("section")}
    for node in backup.listed("activity"):
        folder, moduleid, sectionid = _text(node, "directory"), _text(node, "moduleid"), _text(node, "sectionid")
        yield from _module_ids(backup, folder, moduleid, sectionid)
        if sectionid not in sections:
            yield Finding(backup.at(ROOT, node), f"activity {moduleid} is in section {sectionid}, which is not listed",
                          "list the section in moodle_backup.xml contents/sections")
    for node in backup.listed("section"):
        name = f"{_text(node, 'directory')}/section.xml"
        doc = backup.doc(name)
        if doc is not None and doc.get("id") != _text(node, "sectionid"):
            yield Finding(backup.at(name, doc), f"section id {doc.get('id')} is listed as {_text(node, 'sectionid')}",
                          "use the same section id in moodle_backup.xml and section.xml")


def _module_ids(backup: Backup, folder: str, moduleid: str, sectionid: str) -> Iterator[Finding]:
    module = backup.doc(f"{folder}/module.xml")
    if module is not None:
        said = {"id": module.get("id"), "sectionid": _text(module, "sectionid")}
        if said != {"id": moduleid, "sectionid": sectionid}:
            yield Finding(backup.at(f"{folder}/module.xml", module), f"module.xml says module {said['id']} in section "
                          f"{said['sectionid']}, moodle_backup.xml says {moduleid} in {sectionid}",
                          "use the same ids in both files")
    name = f"{folder}/{posixpath.basename(folder).rsplit('_', 1)[0]}.xml"
    activity = backup.doc(name)
    if activity is not None and activity.get("moduleid") != moduleid:
        yield Finding(backup.at(name, activity), f"<activity moduleid=\"{activity.get('moduleid')}\"> is listed as "
                      f"module {moduleid}", "use the same module id in both files")


@rule("MBZ-INFOREF", Severity.ERROR, "mbz")
def inforef(backup: Backup) -> Iterator[Finding]:
    """An inforef.xml names a file id that files.xml does not have. Restore loads only the
    files an inforef names (restore_load_included_files), so the activity loses it.

    Fails: activities/scorm_1/inforef.xml names file 9; files.xml has ids 1–8
    Passes: every id named in an inforef.xml is a files.xml row
    """
    known = {f.get("id") for f in backup.files()}
    for name in sorted(n for n in backup.pkg.files if posixpath.basename(n) == "inforef.xml"):
        doc = backup.doc(name)
        for ref in doc.iterfind("fileref/file/id") if doc is not None else ():
            if (ref.text or "").strip() not in known:
                yield Finding(backup.at(name, ref), f"file id {ref.text} is not in files.xml",
                              "list the file in files.xml or remove the reference")


@rule("MBZ-FILE-MISSING", Severity.ERROR, "mbz")
def file_missing(backup: Backup) -> Iterator[Finding]:
    """A files.xml row's bytes are not stored at files/<first two hex>/<contenthash>
    (backup_file_manager::get_backup_content_file_location). Restore skips the file with a
    warning and the activity opens without it.

    Fails: files.xml lists contenthash ``3f2a…`` and the archive has no ``files/3f/3f2a…``
    Passes: every listed hash is stored once under files/
    """
    for row in backup.files():
        digest = _text(row, "contenthash")
        if digest != EMPTY_SHA1 and not backup.pkg.has(_stored(digest)):
            yield Finding(backup.at("files.xml", row),
                          f"{_text(row, 'filename')}: {_stored(digest)} is not in the backup",
                          "store each listed file under files/<first two hex>/<contenthash>")


@rule("MBZ-FILE-HASH", Severity.ERROR, "mbz")
def file_hash(backup: Backup) -> Iterator[Finding]:
    """A stored file's SHA-1 is not its name (its content hash), or its size differs from
    the filesize files.xml gives. Moodle's file store is addressed by content hash: a
    mismatch means a damaged or hand-edited backup.

    Fails: ``files/3f/3f2a…`` whose bytes hash to ``9c01…``
    Passes: every stored file hashes to its own name and has its listed size
    """
    sizes = {_stored(_text(r, "contenthash")): (_text(r, "filesize"), r) for r in backup.files()}
    for name in sorted(n for n in backup.pkg.files if n.startswith("files/")):
        actual = _sha1(backup.pkg, name)
        if actual is not None and actual != posixpath.basename(name):
            yield Finding(backup.at(name), f"{name} has SHA-1 {actual}", "a stored file's name must be its SHA-1")
        size, row = sizes.get(name, ("", None))
        if row is not None and size != str(backup.pkg.files[name]):
            yield Finding(backup.at("files.xml", row),
                          f"{name} is {backup.pkg.files[name]} bytes, files.xml says {size}",
                          "give each file's real size in files.xml")


def _stored(digest: str) -> str:
    return f"files/{digest[:2]}/{digest}"


def _sha1(pkg: Package, name: str) -> str | None:
    if isinstance(pkg, TarPackage):
        return pkg.sha1.get(name)
    import hashlib

    data = pkg.read(name, 2 * 1024**3)
    return None if isinstance(data, Diagnostic) else hashlib.sha1(data).hexdigest()


@rule("MBZ-SCORM-PACKAGE", Severity.ERROR, "mbz")
def scorm_package(backup: Backup) -> Iterator[Finding]:
    """A SCORM activity's package is unusable: its scorm.xml ``reference`` names no file of
    the activity's ``package`` area, or ``sha1hash`` is not that file's content hash (Moodle
    then re-extracts or fails to find it, mod/scorm/locallib.php scorm_parse). The package
    itself is validated like any package; its own problems keep their ids (SCORM12-…) and
    point inside it.

    Fails: scorm.xml ``<reference>course-01.zip</reference>`` with ``course-1.zip`` in files.xml
    Passes: the reference, hash and package agree and the package is valid
    """
    for folder, activity, row in _scorm_packages(backup):
        reference, digest = _text(activity, "scorm/reference"), _text(activity, "scorm/sha1hash")
        name = f"{folder}/scorm.xml"
        if row is None or _text(row, "filename") != reference:
            yield Finding(backup.at(name, activity.find("scorm/reference")),
                          f"reference '{reference}' is not a file of the activity's package area",
                          "name the package zip listed in files.xml for this activity's context")
        elif digest != _text(row, "contenthash"):
            yield Finding(backup.at(name, activity.find("scorm/sha1hash")),
                          f"sha1hash {digest or '(empty)'} is not the package's content hash "
                          f"{_text(row, 'contenthash')}",
                          "set sha1hash to the package's contenthash from files.xml")


def _scorm_packages(backup: Backup) -> Iterator[tuple[str, etree._Element, etree._Element | None]]:
    """(folder, scorm.xml root, the files.xml row of its package) for each local SCORM activity."""
    for node in backup.listed("activity"):
        if _text(node, "modulename") != "scorm":
            continue
        folder = _text(node, "directory")
        activity = backup.doc(f"{folder}/scorm.xml")
        if activity is None or _text(activity, "scorm/scormtype") not in ("", "local"):
            continue
        rows = [r for r in backup.files() if _text(r, "contextid") == activity.get("contextid")
                and _text(r, "component") == "mod_scorm" and _text(r, "filearea") == "package"]
        yield folder, activity, next((r for r in rows if _text(r, "filename") == _text(activity, "scorm/reference")),
                             rows[0] if rows else None)


def nested_packages(backup: Backup) -> list[Diagnostic]:
    """Each SCORM package inside, validated as a package of its own."""
    from scormbuild.verify import validate_path

    stored = {}
    for _, _, row in _scorm_packages(backup):
        if row is not None and backup.pkg.has(_stored(_text(row, "contenthash"))):
            stored[_stored(_text(row, "contenthash"))] = _text(row, "filename")
    diags: list[Diagnostic] = []
    contents = _read_many(backup.pkg, set(stored))
    for name, filename in sorted(stored.items()):
        diags += _validate_nested(backup.pkg.where(name), filename, contents.get(name, b""), validate_path)
    return diags


def _read_many(pkg: Package, names: set[str]) -> dict[str, bytes]:
    if isinstance(pkg, TarPackage):
        return pkg.read_many(names)
    found = {n: pkg.read(n, 2 * 1024**3) for n in names}
    return {n: d for n, d in found.items() if isinstance(d, bytes)}


def _validate_nested(where: str, filename: str, data: bytes, validate) -> list[Diagnostic]:  # type: ignore[no-untyped-def]
    import dataclasses

    with tempfile.TemporaryDirectory(prefix="scormbuild-mbz-") as folder:
        path = Path(folder) / "package.zip"
        path.write_bytes(data)
        if is_tgz(path):  # a backup inside a backup: not a SCORM package, and no recursion
            return [emit("MBZ-SCORM-PACKAGE", Location(where), f"{filename} is not a zip",
                         "store the SCORM zip itself")]
        found = validate(path, None)
    return [dataclasses.replace(d, location=Location(d.location.path.replace(str(path), where, 1),
                                                     d.location.line, d.location.col)) for d in found]
