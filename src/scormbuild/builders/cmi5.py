"""cmi5: one course package, `cmi5.xml` at the root and an AU per module.

cmi5 §13 (Course Structure): the course with its IRI, title and description in the
course language, then one AU per module with moveOn, masteryScore (0–1) and a url
relative to cmi5.xml; every module page is rendered with the cmi5 tracker.
"""
from __future__ import annotations

from typing import ClassVar

from .. import model as m
from ..render import render
from .base import Builder, Package, module_files
from .xapi import course_iri, mastery_scaled, module_iri, move_on


class Cmi5Builder(Builder):
    name: ClassVar[str] = "cmi5"

    def packages(self, course: m.Course, bundle: bool, only: tuple[str, ...] = ()) -> list[Package]:
        # cmi5 packages a whole course (§14 course package): bundled or not, one zip.
        files = self.static(self.name, course.modules)
        aus = []
        for module in course.modules:
            page = f"{module.id}/index.html"
            files.update(module_files(course, module, self.name, page))
            aus.append({"module": module, "id": module_iri(course, module), "url": page,
                        "move_on": move_on(course, module), "mastery": mastery_scaled(course, module)})
        xml = render("cmi5/cmi5.xml.j2", course=course, course_id=course_iri(course), aus=aus)
        files["cmi5.xml"] = xml.encode("utf-8")
        return [Package(name=f"{course.id}-cmi5.zip", standard=self.name, files=files, title=course.title)]
