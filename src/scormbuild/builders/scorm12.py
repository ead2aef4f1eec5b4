"""SCORM 1.2: one package per module (one SCO), or one bundle with a SCO per module.

The manifest follows SCORM 1.2 CAM section 2.3 (IMS Content Packaging 1.1.2 with the ADL
extensions): metadata with schema "ADL SCORM" and schemaversion 1.2, one organization,
an item per SCO with adlcp:masteryscore when the module is scored, each SCO's files
listed under its resource and the shared player in an asset resource it depends on.
"""
from __future__ import annotations

from typing import ClassVar

from .. import model as m
from ..render import render
from ..resources import schemas_dir
from .base import Builder, Package, chosen, module_files, ncname
from .course_page import add_course_page

# SCORM 1.2 CAM 2.3.4: <title> is limited to 200 characters (SPM).
TITLE_MAX = 200
# The control documents named in xsi:schemaLocation travel at the package root
# (SCORM 1.2 CAM 2.3.6, checked by the ADL conformance test suite).
CONTROL_FILES = ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd")


class Scorm12Builder(Builder):
    name: ClassVar[str] = "scorm12"
    per_module: ClassVar[bool] = True

    def packages(self, course: m.Course, bundle: bool, only: tuple[str, ...] = ()) -> list[Package]:
        if bundle:
            return [self._package(course, course.modules, f"{course.id}-scorm12.zip", nested=True)]
        return [self._package(course, (mod,), f"{course.id}-{mod.number:02d}-{mod.id}-scorm12.zip", nested=False)
                for mod in chosen(course, only)]

    def _package(self, course: m.Course, modules: tuple[m.Module, ...], name: str, nested: bool) -> Package:
        files = self.static(self.name, modules)
        scos = []
        for mod in modules:
            page = f"{mod.id}/index.html" if nested else "index.html"
            own = module_files(course, mod, self.name, page)
            files.update(own)
            scos.append(self._sco(course, mod, page, own))
        start = add_course_page(course, modules, nested, files)
        files.update(self._control_files())
        shared = sorted(p for p in files if p.startswith("player/"))
        files["imsmanifest.xml"] = self._manifest(course, modules, scos, shared, start).encode("utf-8")
        title = course.title if nested else modules[0].title
        return Package(name=name, standard=self.name, files=files, title=title)

    def _sco(self, course: m.Course, mod: m.Module, page: str, own: dict[str, bytes]) -> dict[str, object]:
        return {"module": mod, "href": page, "files": sorted(own), "id": ncname("RES", mod.id),
                "item": ncname("ITEM", mod.id), "mastery": m.mastery_for(course, mod)}

    @staticmethod
    def _control_files() -> dict[str, bytes]:
        folder = schemas_dir() / "scorm12"
        return {name: (folder / name).read_bytes() for name in CONTROL_FILES if (folder / name).is_file()}

    def _manifest(self, course: m.Course, modules: tuple[m.Module, ...], scos: list[dict[str, object]],
                  shared: list[str], course_page: dict[str, object] | None) -> str:
        single = len(modules) == 1 and scos[0]["href"] == "index.html"
        ident = ncname("MANIFEST", course.id, modules[0].id if single else "")
        return render("scorm12/imsmanifest.xml.j2", course=course, scos=scos, shared=shared, course_page=course_page,
                      manifest_id=ident, org_id=ncname("ORG", course.id),
                      org_title=(modules[0].title if single else course.title)[:TITLE_MAX],
                      description=modules[0].description if single else course.description,
                      title_max=TITLE_MAX)

