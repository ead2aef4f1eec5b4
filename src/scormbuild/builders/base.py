"""What every builder shares: the package plan, module pages and their assets.

A builder turns the course into `Package`s (a zip name and its files in memory); the
pipeline writes and verifies them. Module pages are rendered once per (module,
standard) by `module_files`, which also collects the images and downloads the page
links to, so a package always carries every file it uses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ClassVar

from .. import model as m
from ..player_config import player_config
from ..render import player_static, render


@dataclass(frozen=True)
class Package:
    name: str  # the zip's file name
    standard: str
    files: dict[str, bytes] = field(hash=False)
    title: str = ""


def asset_target(course: m.Course, lesson: m.Lesson, ref: str) -> str:
    """Package path of an asset: its path inside the course folder, under assets/."""
    rel = m.asset_path(course, lesson, ref).relative_to(course.root.resolve()).as_posix()
    return rel if rel.startswith("assets/") else f"assets/{rel}"


def module_assets(course: m.Course, module: m.Module) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for lesson in module.lessons:
        for block in lesson.blocks:
            ref = m.asset_ref(block)
            if ref:
                found[asset_target(course, lesson, ref)] = m.asset_path(course, lesson, ref)
    return found


def _asset_url(course: m.Course, module: m.Module, root: str) -> Callable[[m.Block], str]:
    owner = {id(b): l for l in module.lessons for b in l.blocks}

    def url(block: m.Block) -> str:
        return root + asset_target(course, owner[id(block)], m.asset_ref(block) or "")

    return url


# The player file of each question type beyond choices (templates/player/static/).
QUESTION_PARTS = {"matching": "question-select.js", "ordering": "question-select.js",
                  "fill-in": "question-text.js", "numeric": "question-text.js", "likert": "question-likert.js"}


def module_parts(module: m.Module) -> tuple[str, ...]:
    """The optional player files (render.OPTIONAL_PARTS) this module's page loads: the
    check UI when it has checks, and the code of the question types it uses, no other."""
    if not module.checks:
        return ()
    types = sorted({QUESTION_PARTS[c.type] for c in module.checks if c.type in QUESTION_PARTS})
    shuffle = ("shuffle.js",) if any(c.shuffle for c in module.checks) else ()
    return ("checks.js", *shuffle, *types)


def module_page(course: m.Course, module: m.Module, standard: str, root: str = "") -> bytes:
    html = render("player/module.html.j2", course=course, module=module, standard=standard,
                  config=player_config(course, module, standard), root=root, parts=module_parts(module),
                  asset_url=_asset_url(course, module, root))
    return html.encode("utf-8")


def module_files(course: m.Course, module: m.Module, standard: str, page: str = "index.html") -> dict[str, bytes]:
    """The module page (at `page`) and its assets; `page`'s depth sets the URL prefix."""
    root = "../" * page.count("/")
    files = {page: module_page(course, module, standard, root)}
    files.update({target: path.read_bytes() for target, path in module_assets(course, module).items()})
    return files


class Builder:
    """A standard's builder: names itself and turns the course into packages."""

    name: ClassVar[str]

    def packages(self, course: m.Course, bundle: bool) -> list[Package]:
        raise NotImplementedError

    @staticmethod
    def static(standard: str, modules: tuple[m.Module, ...]) -> dict[str, bytes]:
        """The player files a package of these modules needs (shared by its modules)."""
        return player_static(standard, (part for mod in modules for part in module_parts(mod)))
