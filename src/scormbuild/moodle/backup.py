"""The files of a Moodle course backup: one section and one SCORM activity per module.

Layout (backup/moodle2/backup_*_task.class.php): moodle_backup.xml and the root
definitions (files.xml, users.xml, roles.xml…), course/, sections/section_<id>/,
activities/scorm_<moduleid>/ and files/<first two hex>/<sha1> holding each file once.

Ids are stable: they are positions, not database rows. Restore maps every one of them
to new rows (restore_dbops backup_ids_temp), so the only rule is that they agree across
files: section id = section number + 1, course module, SCORM instance and grade item id
= the module's position (1…N), its context id = 100 + position, sco ids 2·position − 1
(the organization) and 2·position (the item), file ids in the order they are listed.
"""
from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from html import escape

from .. import model as m
from ..render import render
from . import columns as c
from .scoes import Sco, scoes

# Moodle 4.1 LTS (4.1.0, version.php 2022112800): the oldest release the format serves.
# Restore warns about a backup from a newer Moodle than the site
# (backup/util/helper/restore_prechecks_helper.class.php), so the numbers are 4.1's;
# mod_scorm's version there is the same date (mod/scorm/version.php).
MOODLE_VERSION = "2022112800"
MOODLE_RELEASE = "4.1 (Build: 20221128)"
BACKUP_RELEASE = "4.1"
SCORM_VERSION = "2022112800"
COURSE_ID, COURSE_CONTEXT, SYSTEM_CONTEXT, CONTEXT_BASE = 2, 2, 1, 100
# Root settings a Moodle 4.1 course backup carries (backup/moodle2/backup_root_task.class.php);
# only activities and files are on: no users, logs, grade history or question banks.
ROOT_SETTINGS = (("imscc11", 0), ("users", 0), ("anonymize", 0), ("role_assignments", 0), ("activities", 1),
                 ("blocks", 0), ("files", 1), ("filters", 0), ("comments", 0), ("badges", 0),
                 ("calendarevents", 0), ("userscompletion", 0), ("logs", 0), ("grade_histories", 0),
                 ("questionbank", 0), ("groups", 0), ("competencies", 0), ("customfield", 0),
                 ("contentbankcontent", 0), ("legacyfiles", 0))
# Files every restore task opens unconditionally (restore_structure_step::execute throws
# "missing_moodle_backup_xml_file" without them); empty here, as in a backup without users.
EMPTY_ROOT = {"users.xml": "users", "roles.xml": "roles_definition", "scales.xml": "scales_definition",
              "outcomes.xml": "outcomes_definition", "questions.xml": "question_categories",
              "groups.xml": "groups", "badges.xml": "badges", "completion.xml": "course_completion",
              "grade_history.xml": "grade_history"}
EMPTY_COURSE = {"roles.xml": "roles", "enrolments.xml": "enrolments", "filters.xml": "filters",
                "comments.xml": "comments", "calendar.xml": "events",
                "completiondefaults.xml": "course_completion_defaults",
                "competencies.xml": "course_competencies", "contentbank.xml": "contents"}
EMPTY_ACTIVITY = {"roles.xml": "roles", "filters.xml": "filters", "comments.xml": "comments",
                  "calendar.xml": "events", "grade_history.xml": "grade_history",
                  "competencies.xml": "course_module_competencies", "completion.xml": "completions"}
_MIME = {".html": "text/html", ".js": "application/javascript", ".css": "text/css", ".xml": "application/xml",
         ".xsd": "application/xml", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
         ".jpeg": "image/jpeg", ".pdf": "application/pdf", ".zip": "application/zip", ".json": "application/json",
         ".txt": "text/plain", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@dataclass(frozen=True)
class StoredFile:
    """One row of files.xml: a file of Moodle's file API (component, area, path, name)."""

    id: int
    contenthash: str
    contextid: int
    filearea: str
    filepath: str
    filename: str
    size: int
    mimetype: str


@dataclass(frozen=True)
class Activity:
    position: int  # 1…N: section number, course module id, instance id
    module: m.Module
    package_name: str
    package: bytes
    scoes: tuple[Sco, ...]
    files: tuple[StoredFile, ...]
    columns: dict[str, int | str | None]

    @property
    def contextid(self) -> int:
        return CONTEXT_BASE + self.position

    @property
    def sectionid(self) -> int:
        return self.position + 1

    @property
    def directory(self) -> str:
        return f"activities/scorm_{self.position}"

    @property
    def launch(self) -> int:
        """The sco id of the first item with a launch URL (what restore's after_execute maps)."""
        first = next(i for i, sco in enumerate(self.scoes) if sco.launch)
        return self.sco_id(first)

    def sco_id(self, index: int) -> int:
        return 2 * (self.position - 1) + index + 1


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def stored_path(contenthash: str) -> str:
    """backup_file_manager::get_backup_content_file_location: files/<first two hex>/<sha1>."""
    return f"files/{contenthash[:2]}/{contenthash}"


def backup_files(course: m.Course, packages: list[tuple[m.Module, str, bytes, dict[str, bytes]]],
                 filename: str) -> dict[str, bytes]:
    """Every file of the backup: `packages` are (module, zip name, zip bytes, zip members)."""
    activities = _activities(course, packages)
    files: dict[str, bytes] = {}
    for activity in activities:
        files.update(_activity_files(course, activity))
        for stored, data in _stored(activity, packages[activity.position - 1][3]):
            files[stored_path(stored.contenthash)] = data
    files.update(_course_files(course, activities))
    files.update(_root_files(course, activities, filename))
    return files


def _activities(course: m.Course, packages: list[tuple[m.Module, str, bytes, dict[str, bytes]]]) -> list[Activity]:
    activities: list[Activity] = []
    next_id = 1
    for position, (module, name, data, members) in enumerate(packages, start=1):
        stored = _file_rows(position, name, data, members, next_id)
        next_id += len(stored)
        activities.append(Activity(position, module, name, data, tuple(scoes(members["imsmanifest.xml"])),
                                   tuple(stored), c.scorm_columns(course, module)))
    return activities


def _file_rows(position: int, name: str, data: bytes, members: dict[str, bytes], first_id: int) -> list[StoredFile]:
    """The package (area `package`) and its members unzipped (area `content`), as Moodle's
    scorm_parse leaves them: restore copies both areas back and does not unzip again."""
    context = CONTEXT_BASE + position
    rows = [StoredFile(first_id, sha1(data), context, "package", "/", name, len(data), _MIME[".zip"])]
    for offset, member in enumerate(sorted(members), start=1):
        folder, base = posixpath.split(member)
        content = members[member]
        rows.append(StoredFile(first_id + offset, sha1(content), context, "content", f"/{folder}/" if folder else "/",
                               base, len(content), _mime(base)))
    return rows


def _stored(activity: Activity, members: dict[str, bytes]) -> list[tuple[StoredFile, bytes]]:
    by_name = {posixpath.join(f.filepath, f.filename).lstrip("/"): f for f in activity.files if f.filearea == "content"}
    package = next(f for f in activity.files if f.filearea == "package")
    return [(package, activity.package)] + [(by_name[name], data) for name, data in members.items()]


def _mime(name: str) -> str:
    return _MIME.get(posixpath.splitext(name)[1].lower(), "application/octet-stream")


def _html(text: str) -> str:
    """Plain text as the HTML Moodle stores in intro/summary fields (FORMAT_HTML)."""
    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def _empty(root: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<{root}>\n</{root}>\n'.encode()


def _xml(template: str, **context: object) -> bytes:
    return render(f"moodle/{template}", **context).encode("utf-8")


def _activity_files(course: m.Course, a: Activity) -> dict[str, bytes]:
    d = a.directory
    files = {f"{d}/{name}": _empty(root) for name, root in EMPTY_ACTIVITY.items()}
    mastery = m.mastery_for(course, a.module)
    files[f"{d}/module.xml"] = _xml("module.xml.j2", a=a, version=SCORM_VERSION,
                                    completion=2 if c.has_completion_rule(a.columns) else 0)
    files[f"{d}/scorm.xml"] = _xml("scorm.xml.j2", a=a, intro=_html(a.module.description), col=a.columns,
                                   sha1hash=sha1(a.package))
    files[f"{d}/grades.xml"] = _xml("grades.xml.j2", a=a, maxgrade=course.moodle.maximum_grade,
                                    gradepass=(mastery or 0) * course.moodle.maximum_grade / 100)
    files[f"{d}/inforef.xml"] = _xml("inforef.xml.j2", files=a.files, grade_items=[a.position])
    return files


def _course_files(course: m.Course, activities: list[Activity]) -> dict[str, bytes]:
    files = {f"course/{name}": _empty(root) for name, root in EMPTY_COURSE.items()}
    completion = any(c.has_completion_rule(a.columns) for a in activities)
    files["course/course.xml"] = _xml("course.xml.j2", course=course, id=COURSE_ID, contextid=COURSE_CONTEXT,
                                      summary=_html(course.description), completion=completion)
    files["course/inforef.xml"] = _xml("inforef.xml.j2", files=[], grade_items=[])
    sections = [(0, 1, "", course.description, None)] + [
        (a.position, a.sectionid, a.module.title, a.module.description, a.position) for a in activities]
    for number, ident, name, text, moduleid in sections:
        folder = f"sections/section_{ident}"
        files[f"{folder}/section.xml"] = _xml("section.xml.j2", id=ident, number=number, name=name,
                                              summary=_html(text) if number else "", sequence=moduleid or "")
        files[f"{folder}/inforef.xml"] = _xml("inforef.xml.j2", files=[], grade_items=[])
    return files


def _root_files(course: m.Course, activities: list[Activity], filename: str) -> dict[str, bytes]:
    files = {name: _empty(root) for name, root in EMPTY_ROOT.items()}
    every = [f for a in activities for f in a.files]
    files["files.xml"] = _xml("files.xml.j2", files=every)
    sections = [(1, 0, "")] + [(a.sectionid, a.position, a.module.title) for a in activities]
    backup_id = hashlib.md5(repr((course.id, [f.contenthash for f in every])).encode()).hexdigest()
    files["moodle_backup.xml"] = _xml(
        "moodle_backup.xml.j2", course=course, filename=filename, activities=activities, sections=sections,
        settings=ROOT_SETTINGS, backup_id=backup_id, version=MOODLE_VERSION, release=MOODLE_RELEASE,
        backup_release=BACKUP_RELEASE, course_id=COURSE_ID, course_context=COURSE_CONTEXT,
        system_context=SYSTEM_CONTEXT, site_hash=hashlib.md5(course.base_iri.encode()).hexdigest())
    return files
