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
from .. import standards
from ..player_config import player_config, storage_key
from ..prose import images as prose_images
from ..render import lesson_files, player_static, render
from ..theme import theme_files, theme_target


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
    return list(m.asset_refs(block))


def _prose_urls(course: m.Course, module: m.Module, root: str) -> Callable[[m.Block], dict[str, str]]:
    """For a prose block: each image's src as written → its URL in the package (issue 14)."""
    owner = {id(b): lesson for lesson in module.lessons for b in lesson.blocks}

    def urls(block: m.Block) -> dict[str, str]:
        return {ref: root + asset_target(course, owner[id(block)], ref) for ref in _refs(block)}

    return urls


def _asset_url(course: m.Course, module: m.Module, root: str) -> Callable[[m.Block, str], str]:
    owner = {id(b): lesson for lesson in module.lessons for b in lesson.blocks}

    def url(block: m.Block, ref: str = "") -> str:
        """The package URL of the block's file, or of `ref` (a gallery's images) beside it."""
        return root + asset_target(course, owner[id(block)], ref or m.asset_ref(block) or "")

    return url


# The player file of each question type beyond choices (templates/player/static/).
QUESTION_PARTS = {"matching": "question-select.js", "ordering": "question-select.js",
                  "fill-in": "question-text.js", "numeric": "question-text.js", "likert": "question-likert.js"}


# Issue 15: the content blocks with their own style (blocks.css), and those of them that a
# script enhances (blocks.js); a module without any ships neither.
STYLED_BLOCKS = (m.Tabs, m.Flashcards, m.Process, m.LabelledGraphic, m.Timeline, m.Gallery, m.Table, m.Button)
SCRIPTED_BLOCKS = (m.Tabs, m.Flashcards, m.Process, m.LabelledGraphic, m.Gallery)


def module_parts(module: m.Module) -> tuple[str, ...]:
    """The optional player files (render.OPTIONAL_PARTS) this module's page loads: the
    check UI when it has checks, the code of the question types it uses, the style and
    script of the content blocks it uses, and the media or embed code when it has video,
    audio or embeds; no other."""
    return (*_check_parts(module), *_block_parts(module), *_media_parts(module))


def _media_parts(module: m.Module) -> tuple[str, ...]:
    media: tuple[str, ...] = ("media.js", "media.css") if module.media else ()
    return media + (("embed.js", "embed.css") if module.embeds else ())


def _check_parts(module: m.Module) -> tuple[str, ...]:
    if not module.checks:
        return ()
    types = sorted({QUESTION_PARTS[c.type] for c in module.checks if c.type in QUESTION_PARTS})
    shuffle = ("shuffle.js",) if any(c.shuffle for c in module.checks) else ()
    return ("checks.js", *shuffle, *types)


@dataclass(frozen=True)
class NextStep:
    """What the end of a module says comes next (issue 15: the bundle as one course).

    how: "continue" — a SCORM 2004 bundle whose sequencing allows flow: the player's Exit
    asks the LMS to continue (adl.nav.request, RTE 4.4) once the module is complete;
    "menu" — a SCORM 1.2 bundle (the standard gives a SCO no way to ask for the next one:
    the learner uses the LMS's own navigation) or a 2004 bundle without flow; "separate" —
    per-module packages, cmi5 and Tin Can: the learner opens it from their LMS.
    """

    module: m.Module | None  # None: this is the course's last module
    how: str


def next_step(course: m.Course, module: m.Module, standard: str, bundled: bool) -> NextStep:
    ids = [mod.id for mod in course.modules]
    index = ids.index(module.id) if module.id in ids else len(ids)
    following = course.modules[index + 1] if index + 1 < len(ids) else None
    if not bundled or standard not in ("scorm12", "scorm2004"):
        return NextStep(following, "separate")
    flows = standard == "scorm2004" and course.sequencing.flow
    return NextStep(following, "continue" if flows else "menu")


def course_map(course: m.Course, module: m.Module | None) -> list[dict[str, object]]:
    """The course's modules for a bundled page's "This course" list and the bundle's course
    page (course-map.js; `module` None: the course page, where no module is current): the
    standards give a SCO no way to read another SCO's status, so each module's progress is
    what this browser recorded (localStorage, under the module's storage key)."""
    return [{"id": mod.id, "number": mod.number, "title": mod.title, "key": storage_key(course, mod),
             "current": module is not None and mod.id == module.id} for mod in course.modules]


def _page_config(course: m.Course, module: m.Module, standard: str, bundled: bool) -> dict[str, object]:
    config = player_config(course, module, standard)
    if bundled and len(course.modules) > 1:
        config["courseMap"] = course_map(course, module)
    return config


# The course map's code and style: in packages of several modules (a bundle) only.
COURSE_MAP_PARTS = ("course-map.css", "course-map.js")


def page_parts(module: m.Module, bundled: bool) -> tuple[str, ...]:
    """module_parts, and the course map's code on the pages of a bundle."""
    return (*module_parts(module), *(COURSE_MAP_PARTS if bundled else ()))


def _block_parts(module: m.Module) -> tuple[str, ...]:
    blocks = [b for lesson in module.lessons for b in lesson.blocks]
    styled = any(isinstance(b, STYLED_BLOCKS) for b in blocks)
    scripted = any(isinstance(b, SCRIPTED_BLOCKS) for b in blocks)
    return ("blocks.css",) * styled + ("blocks.js",) * scripted


def module_page(course: m.Course, module: m.Module, standard: str, root: str = "") -> bytes:
    bundled = bool(root) and len(course.modules) > 1
    config = _page_config(course, module, standard, bundled)
    html = render("player/module.html.j2", course=course, module=module, standard=standard,
                  next_step=next_step(course, module, standard, bundled=bool(root)),
                  theme_url=lambda ref: root + theme_target(course, ref),
                  config=config, root=root, parts=page_parts(module, "courseMap" in config),
                  runtime=standards.get(standard).runtime,
                  lesson_files=lesson_files(module),
                  asset_url=_asset_url(course, module, root), prose_urls=_prose_urls(course, module, root))
    return html.encode("utf-8")


def module_files(course: m.Course, module: m.Module, standard: str, page: str = "index.html") -> dict[str, bytes]:
    """The module page (at `page`) and its assets; `page`'s depth sets the URL prefix."""
    root = "../" * page.count("/")
    files = {page: module_page(course, module, standard, root)}
    files.update({target: path.read_bytes() for target, path in module_assets(course, module).items()})
    files.update(theme_files(course))
    return files


def chosen(course: m.Course, only: tuple[str, ...]) -> tuple[m.Module, ...]:
    """The modules named in `only`, in course order (all of them when `only` is empty)."""
    return tuple(mod for mod in course.modules if not only or mod.id in only)


class Builder:
    """A standard's builder: names itself and turns the course into packages."""

    name: ClassVar[str]
    # True when, without --bundle, each module makes its own package: the cache and --jobs
    # then work per module. The page still reads the course around it (the next module's
    # title, the course's language and theme), so a builder always gets the whole course and
    # `only` names the modules whose packages to make (empty: all).
    per_module: ClassVar[bool] = False

    def packages(self, course: m.Course, bundle: bool, only: tuple[str, ...] = ()) -> list[Package]:
        raise NotImplementedError


    @staticmethod
    def static(standard: str, modules: tuple[m.Module, ...]) -> dict[str, bytes]:
        """The player files a package of these modules needs (shared by its modules); a
        package of several modules (a bundle) also has the course map."""
        bundled = COURSE_MAP_PARTS if len(modules) > 1 else ()
        return player_static(standard, (*(part for mod in modules for part in module_parts(mod)), *bundled))
