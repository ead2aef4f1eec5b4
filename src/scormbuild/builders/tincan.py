"""Tin Can: one package per module, `tincan.xml` naming the module as a course activity.

The Tin Can package format (tincan.xml): one activity of type
http://adlnet.gov/expapi/activities/course with its IRI, name, description and launch
file; launchers pass endpoint, auth, actor, registration and activity_id to it.
"""
from __future__ import annotations

from typing import ClassVar

from .. import model as m
from ..render import render
from .base import Builder, Package, chosen, module_files
from .xapi import module_iri

COURSE_TYPE = "http://adlnet.gov/expapi/activities/course"


class TinCanBuilder(Builder):
    name: ClassVar[str] = "tincan"
    per_module: ClassVar[bool] = True

    def packages(self, course: m.Course, bundle: bool, only: tuple[str, ...] = ()) -> list[Package]:
        return [self._package(course, module) for module in chosen(course, only)]

    def _package(self, course: m.Course, module: m.Module) -> Package:
        files = self.static(self.name, (module,))
        files.update(module_files(course, module, self.name, "index.html"))
        xml = render("tincan/tincan.xml.j2", course=course, module=module,
                     activity_id=module_iri(course, module), activity_type=COURSE_TYPE, launch="index.html")
        files["tincan.xml"] = xml.encode("utf-8")
        name = f"{course.id}-{module.number:02d}-{module.id}-tincan.zip"
        return Package(name=name, standard=self.name, files=files, title=module.title)
