"""What every builder shares: the package plan, module pages and their assets.

A builder turns the course into `Package`s (a zip name and its files in memory); the
pipeline writes and verifies them. Module pages are rendered once per (module,
standard) by `module_files`, which also collects the images and downloads the page
links to, so a package always carries every file it uses.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from .. import model as m
from ..player_config import player_config
from ..prose import images as prose_images
from ..render import lesson_files, player_static, render


@dataclass(frozen=True)
class Package:
    name: str  # the zip's file name
    standard: str
    files: dict[str, bytes] = field(hash=False)
    title: str = ""
    container: str = "zip"  # "tgz": a Moodle backup, written by moodle.mbz


def ncname(*parts: str) -> str:
    """An xs:ID value: manifest identifiers must be XML NCNames (SCORM 1.2 CAM 2.3.2,
    SCORM 2004 4th Ed. CAM 3.4.1.1 and 3.4.1.8: identifier is xs:ID)."""
    return "-".join(p for p in parts if p).replace("/", "-")


def sco_page(mod: m.Module, nested: bool) -> str:
    """Where a module's page sits in a package: the root, or its own folder in a bundle."""
    return f"{mod.id}/index.html" if nested else "index.html"


def control_files(folder: Path, names: tuple[str, ...],
                  rewrite: dict[str, tuple[bytes, bytes]] | None = None) -> dict[str, bytes]:
    """The control documents (XSDs) named in the manifest's xsi:schemaLocation, for the
    package root (CAM: they travel with the package). `rewrite` mends a path inside one
    file (name → (old, new)) where the project's copy imports a sibling folder."""
    files = {}
    for name in names:
        path = folder / name
        if path.is_file():
            data = path.read_bytes()
            old, new = (rewrite or {}).get(name, (b"", b""))
            files[name] = data.replace(old, new) if old else data
    return files


def asset_target(course: m.Course, lesson: m.Lesson, ref: str) -> str:
    """Package path of an asset: its path inside the course folder, under assets/."""
    rel = m.asset_path(course, lesson, ref).relative_to(course.root.resolve()).as_posix()
    return rel if rel.startswith("assets/") else f"assets/{rel}"


def module_assets(course: m.Course, module: m.Module) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for lesson in module.lessons:
        for block in lesson.blocks:
            for ref in _refs(block):
                found[asset_target(course, lesson, ref)] = m.asset_path(course, lesson, ref)
    return found


def lesson_refs(lesson: m.Lesson) -> list[str]:
    """Every file the lesson's blocks show or offer, as written (relative to the lesson)."""
    return [ref for block in lesson.blocks for ref in _refs(block)]


def _refs(block: m.Block) -> list[str]:
    """Files a block shows: an image block's or a download's, and the images in prose."""
    if isinstance(block, m.Text):
        return [image.src for image in prose_images(block.markdown) if image.is_local]
    ref = m.asset_ref(block)
    return [ref] if ref else []


def _prose_urls(course: m.Course, module: m.Module, root: str) -> Callable[[m.Block], dict[str, str]]:
    """For a prose block: each image's src as written → its URL in the package (issue 14)."""
    owner = {id(b): lesson for lesson in module.lessons for b in lesson.blocks}

    def urls(block: m.Block) -> dict[str, str]:
        return {ref: root + asset_target(course, owner[id(block)], ref) for ref in _refs(block)}

    return urls


def _asset_url(course: m.Course, module: m.Module, root: str) -> Callable[[m.Block], str]:
    owner = {id(b): lesson for lesson in module.lessons for b in lesson.blocks}

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
                  lesson_files=lesson_files(module),
                  asset_url=_asset_url(course, module, root), prose_urls=_prose_urls(course, module, root))
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
    # True when, without --bundle, each module's package is made from that module alone
    # (the course's other modules are not read): the cache and --jobs then work per module.
    per_module: ClassVar[bool] = False

    def packages(self, course: m.Course, bundle: bool) -> list[Package]:
        raise NotImplementedError

    @staticmethod
    def static(standard: str, modules: tuple[m.Module, ...]) -> dict[str, bytes]:
        """The player files a package of these modules needs (shared by its modules)."""
        return player_static(standard, (part for mod in modules for part in module_parts(mod)))
