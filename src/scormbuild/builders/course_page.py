"""The course page of a SCORM bundle (issue 15 item 7): the course's start page.

A bundle of several modules (`build --bundle`, SCORM 1.2 and 2004) opens on a page of its
own at the package root: the course's title, description and theme, and its modules,
numbered, with what this browser recorded of each one's progress (static/course-map.js,
the same code and markup as the "This course" list of the module pages). It is the first
item of the organization, so an LMS that launches the first item (Moodle: LMS-NOTES.md)
opens it first, and an asset: it never looks for the LMS API.

- SCORM 1.2 CAM 3.4.1.1 (<resource> adlcp:scormtype): "asset", content that does not use
  the run-time API. Moodle records an asset "completed" as it launches it
  (moodle/moodle mod/scorm/loadSCO.php: `if ($sco->scormtype == 'asset')` then
  scorm_insert_track(..., 'cmi.core.lesson_status', 'completed')), so the page never
  leaves the course incomplete there.
- SCORM 2004 4th Ed. CAM 2.1.1 (assets) and 3.4.1 (<resource> adlcp:scormType "asset");
  its item's sequencing keeps it out of the course's rollup (SN 3.7 rollup controls:
  rollupObjectiveSatisfied and rollupProgressCompletion false, objectiveMeasureWeight 0),
  so the course's completion, success and score are still those of its modules, and its
  flow and choice are the bundle's (templates/scorm2004/imsmanifest.xml.j2).

cmi5, Tin Can and per-module packages have none: the LMS shows the course's structure.
"""
from __future__ import annotations

from .. import model as m
from ..player_config import course_strings
from ..render import render
from ..theme import theme_files, theme_target
from .base import course_map

PAGE = "index.html"  # the package root: module pages are <module-id>/index.html
# Upper case: module ids are lower case (checks/ids.py ID_RE), so no module's ITEM-<id> or
# RES-<id> can take these identifiers.
ITEM_ID = "ITEM-COURSE"
RESOURCE_ID = "RES-COURSE"
# The strings course-map.js needs to say a module's progress.
PROGRESS_STRINGS = ("statusCompleted", "statusPassed", "statusFailed", "statusIncomplete", "lessonsDone",
                    "notStarted")


def has_course_page(modules: tuple[m.Module, ...], nested: bool) -> bool:
    """A bundle (modules in their own folders) of more than one module has a course page."""
    return nested and len(modules) > 1


def course_page(course: m.Course, strings: dict[str, str]) -> bytes:
    modules = course_map(course, None)
    progress = {"courseMap": modules, "strings": {key: strings[key] for key in PROGRESS_STRINGS}}
    # The cards' details: each module's description and how many lessons it has.
    details = {mod.id: {"summary": mod.description, "lessons": len(mod.lessons)} for mod in course.modules}
    html = render("player/course.html.j2", course=course, config={"strings": strings}, course_map=modules,
                  details=details, progress=progress, theme_url=lambda ref: theme_target(course, ref))
    return html.encode("utf-8")


def add_course_page(course: m.Course, modules: tuple[m.Module, ...], nested: bool,
                    files: dict[str, bytes]) -> dict[str, object] | None:
    """Put the course page and the theme files it shows into a bundle's `files` (the player
    files are the package's); return the manifest's view of it (its item, its asset
    resource and that resource's files), or None where there is no course page."""
    if not has_course_page(modules, nested):
        return None
    strings = course_strings(course)
    own = {PAGE: course_page(course, strings), **theme_files(course)}
    files.update(own)
    # Its title in the LMS's table of contents, under the organization's (the course's) title.
    title = strings["courseOverview"]
    return {"item": ITEM_ID, "id": RESOURCE_ID, "href": PAGE, "files": sorted(own), "title": title}
