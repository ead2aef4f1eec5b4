"""SCORM 2004 4th Edition: one package per module (one SCO), or one bundle with a SCO per
module and simple sequencing between them.

The manifest follows CAM 3 (IMS Content Packaging 1.1.4 with the ADL extensions): metadata
with schema "ADL SCORM" and schemaversion "2004 4th Edition" (CAM 3.4.1.3-4) and an inline
IEEE LOM record, one organization, an item per SCO with its imsss:sequencing (SN 3), each
SCO's files under its resource (adlcp:scormType="sco") and the shared player in an asset
resource it depends on. The control XSDs travel at the package root (CAM 3.3).
"""
from __future__ import annotations

from typing import Any, ClassVar

from .. import model as m
from ..render import render
from ..resources import schemas_dir
from .base import Builder, Package, chosen, control_files, module_files, ncname, sco_page
from .course_page import add_course_page

# CAM 3.4.1.12 <title>: characterstring, smallest permitted maximum 200.
TITLE_MAX = 200
# The control documents named in xsi:schemaLocation, at the package root (CAM 3.3: every
# file the manifest's xsi:schemaLocation names is part of the package).
CONTROL_FILES = ("imscp_v1p1.xsd", "adlcp_v1p3.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd",
                 "imsss_v1p0.xsd", "lom.xsd")
# The project's imscp_v1p1.xsd takes the xml namespace from ../scorm12/xml.xsd; in the
# package both sit at the root.
XML_XSD = "xml.xsd"
XML_IMPORT = (b'schemaLocation="../scorm12/xml.xsd"', b'schemaLocation="xml.xsd"')


class Scorm2004Builder(Builder):
    name: ClassVar[str] = "scorm2004"
    per_module: ClassVar[bool] = True

    def packages(self, course: m.Course, bundle: bool, only: tuple[str, ...] = ()) -> list[Package]:
        if bundle:
            return [self._package(course, course.modules, f"{course.id}-scorm2004.zip", nested=True)]
        return [self._package(course, (mod,), f"{course.id}-{mod.number:02d}-{mod.id}-scorm2004.zip", nested=False)
                for mod in chosen(course, only)]

    def _package(self, course: m.Course, modules: tuple[m.Module, ...], name: str, nested: bool) -> Package:
        files = self.static(self.name, modules)
        scos = []
        for index, mod in enumerate(modules):
            own = module_files(course, mod, self.name, sco_page(mod, nested))
            files.update(own)
            scos.append(self._sco(course, modules, index, sco_page(mod, nested), own))
        start = add_course_page(course, modules, nested, files)
        files.update(self._control_files())
        shared = sorted(p for p in files if p.startswith("player/"))
        files["imsmanifest.xml"] = self._manifest(course, modules, scos, shared, nested, start).encode("utf-8")
        return Package(name=name, standard=self.name, files=files, title=course.title if nested else modules[0].title)

    def _sco(self, course: m.Course, modules: tuple[m.Module, ...], index: int, page: str,
             own: dict[str, bytes]) -> dict[str, Any]:
        mod = modules[index]
        mastery = m.mastery_for(course, mod)
        # Forced order (SN 3.4.2 precondition "disabled"): every module after the first
        # reads the "completed" objective its predecessor writes (SN 3.10 objective maps).
        after = modules[index - 1] if index and len(modules) > 1 and course.sequencing.forced_order else None
        return {"module": mod, "href": page, "files": sorted(own), "id": ncname("RES", mod.id),
                "item": ncname("ITEM", mod.id),
                # imsss:minNormalizedMeasure is a decimal in [-1, 1] (SN 3.9.5): the percent / 100.
                "measure": None if mastery is None else f"{mastery / 100:.4g}",
                "objectives": list(zip(m.objective_ids(course, mod), mod.objectives, strict=True)),
                "completed": m.completed_objective(course, mod),
                "after": None if after is None else m.completed_objective(course, after)}

    @staticmethod
    def _control_files() -> dict[str, bytes]:
        files = control_files(schemas_dir() / "scorm2004", CONTROL_FILES, {"imscp_v1p1.xsd": XML_IMPORT})
        files.update(control_files(schemas_dir() / "scorm12", (XML_XSD,)))
        return files

    def _manifest(self, course: m.Course, modules: tuple[m.Module, ...], scos: list[dict[str, Any]],
                  shared: list[str], nested: bool, course_page: dict[str, object] | None) -> str:
        single = not nested
        return render("scorm2004/imsmanifest.xml.j2", course=course, scos=scos, shared=shared, course_page=course_page,
                      manifest_id=ncname("MANIFEST", course.id, modules[0].id if single else ""),
                      org_id=ncname("ORG", course.id), seq=course.sequencing, bundle=nested,
                      org_title=(modules[0].title if single else course.title)[:TITLE_MAX],
                      description=modules[0].description if single else course.description,
                      title_max=TITLE_MAX)
