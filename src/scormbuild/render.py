"""Shared rendering: one jinja2 environment, Markdown filters, the player's static files.

Every builder renders through here, so escaping lives in one place (autoescape on,
StrictUndefined: a template that names a missing value fails the build instead of
printing nothing).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .remember import Remembered
from .resources import templates_dir

if TYPE_CHECKING:  # imported when first used: a build that renders nothing never pays for them
    import jinja2
    from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    from markdown_it import MarkdownIt

    from .links import link_close, link_open

    # Raw HTML is off: lesson text is escaped, so nothing an author types can break the
    # player's markup or inject script; tables are on because authors use them.
    options = {"html": False, "typographer": True}
    md = MarkdownIt("commonmark", options).enable(["table", "replacements", "smartquotes"])
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    return md


Lessons = tuple[tuple[str, str], ...]  # (lesson file name, lesson id): links.py


def _markdown_block(text: str, cue: str = "", lessons: Lessons = ()) -> str:
    """Markdown → HTML. With `cue` (the "opens in a new tab" words in the course language),
    links that leave the package open a new tab; `lessons` turns lesson-file links into
    in-player links. Without them (plain-text uses) links are rendered as written."""
    html: str = _md().render(text, {"cue": cue, "lessons": dict(lessons)})  # markdown-it types it Any
    return html


def markdown_prose(text: str, urls: dict[str, str], cue: str = "", lessons: Lessons = ()) -> str:
    """Prose whose images point into the package: `urls` maps each src as written to its URL."""
    if not urls:
        return markdown_block(text, cue, lessons)
    return _markdown_prose(text, tuple(sorted(urls.items())), cue, lessons)


def _markdown_prose_uncached(text: str, urls: tuple[tuple[str, str], ...], cue: str, lessons: Lessons) -> str:
    from urllib.parse import unquote

    md, mapping = _md(), dict(urls)
    env = {"cue": cue, "lessons": dict(lessons)}
    tokens = md.parse(text, env)
    for token in tokens:
        for child in token.children or ():
            src = child.attrs.get("src") if child.type == "image" else None
            if isinstance(src, str) and unquote(src) in mapping:
                child.attrs["src"] = mapping[unquote(src)]
    return str(md.renderer.render(tokens, md.options, env))


def _markdown_inline(text: str, cue: str = "", lessons: Lessons = ()) -> str:
    html: str = _md().renderInline(text, {"cue": cue, "lessons": dict(lessons)})
    return html


# Markdown is rendered once per run, and a text an earlier run rendered (with the same cue
# and lesson files) is not rendered again: load.memo keeps the results between runs, so a
# rebuild renders only what was edited (and does not import markdown-it when nothing was).
markdown_block: Remembered[str] = Remembered(_markdown_block)
markdown_inline: Remembered[str] = Remembered(_markdown_inline)
_markdown_prose: Remembered[str] = Remembered(_markdown_prose_uncached)


def lesson_files(module: Any) -> Lessons:
    """(file name, lesson id) of each lesson of `module`: what a lesson-file link may name."""
    return tuple((lesson.path.name, lesson.id) for lesson in module.lessons if lesson.path)


def _link_context(ctx: Any) -> tuple[str, Lessons]:
    """The cue and lesson files of the page being rendered (module.html.j2's context).
    A page passes `lesson_files` once: working them out at each of its few hundred
    Markdown filters was a fifth of the page's rendering."""
    config, module, lessons = ctx.get("config"), ctx.get("module"), ctx.get("lesson_files")
    cue = config["strings"].get("newTab", "") if isinstance(config, dict) else ""
    if lessons is None:
        lessons = lesson_files(module) if module is not None else ()
    return cue, lessons


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())), bytecode_cache=_bytecode_cache(),
        autoescape=jinja2.select_autoescape(["html", "xml", "j2"], default_for_string=True),
        undefined=jinja2.StrictUndefined, auto_reload=False, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    md, mdi = markdown_block, markdown_inline
    env.filters["md"] = jinja2.pass_context(lambda ctx, text: Markup(md(text or "", *_link_context(ctx))))
    env.filters["md_prose"] = jinja2.pass_context(
        lambda ctx, text, urls: Markup(markdown_prose(text or "", urls, *_link_context(ctx))))
    env.filters["mdi"] = jinja2.pass_context(lambda ctx, text: Markup(mdi(text or "", *_link_context(ctx))))
    env.filters["scrambled"] = scrambled
    # What follows a link that opens a new tab (links.py), for templates that write links themselves.
    env.filters["new_tab_cue"] = lambda cue: Markup(_cue_html(cue))
    return env


def _cue_html(cue: str) -> str:
    from markupsafe import escape

    from .links import cue_html

    return cue_html(str(escape(cue)))


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling them was a third of a rebuild.

    The cache key includes each template's source, so an edited template is recompiled.
    No usable cache folder (read-only home, CI sandbox) simply means no cache.
    """
    import hashlib
    import os

    import jinja2

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    # Compiled templates depend on how filters are declared here (jinja2 compiles a
    # pass_context filter call differently), so the cache is keyed by this file too.
    stamp = hashlib.blake2s(Path(__file__).read_bytes() + jinja2.__version__.encode(), digest_size=6).hexdigest()
    folder = Path(base) / "scormbuild" / f"jinja-{stamp}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def scrambled(items: Any, salt: str) -> list[Any]:
    """Items in an order that does not give the answer away (an ordering check's options),
    the same at every build: sorted by a hash of the salt and each item's id."""
    import hashlib

    return sorted(items, key=lambda item: hashlib.blake2s(f"{salt}:{item.id}".encode()).digest())


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def player_static(standard: str, parts: Iterable[str] = ()) -> dict[str, bytes]:
    """The player's runtime files for one standard, keyed by their path under player/.

    Tracker adapters (tracker-<name>.js) ship only for their own standard and the
    standalone fallback, so a SCORM package carries no xAPI code and vice versa
    (scormbuild.standards says which files belong to which standard). The optional parts
    (OPTIONAL_PARTS, e.g. checks.js) ship only when named in `parts`: a package carries
    the code of the question types its modules use, no more (issue 12).
    """
    wanted = set(parts)
    return {path: data for path, data in _static_files(standard)
            if path.split("/")[-1] not in OPTIONAL_PARTS or path.split("/")[-1] in wanted}


# Player files that only some modules need (builders/base.py `module_parts`): the
# knowledge-check UI, the code of each question type beyond choices, the style and script of
# the content blocks (tabs, flashcards, process, ...), media and embeds (issue 15).
OPTIONAL_PARTS = ("checks.js", "shuffle.js", "question-select.js", "question-text.js", "question-likert.js",
                  "blocks.css", "blocks.js", "media.js", "media.css", "embed.js", "embed.css", "course-map.js",
                  "course-map.css")


@lru_cache(maxsize=8)
def _static_files(standard: str) -> tuple[tuple[str, bytes], ...]:
    static = templates_dir() / "player" / "static"
    files = []
    for path in sorted(static.rglob("*")) if static.is_dir() else ():
        if path.is_file() and _ships(path.name, standard):
            files.append((f"player/{path.relative_to(static).as_posix()}", slim(path.name, path.read_bytes())))
    files.append(("player/player.js", player_runtime()))
    return tuple(sorted(files))


# The player's UI core is written as several files (templates/player/runtime/, one seam
# each) and ships as one: read in name order, inside one function scope so that their
# shared names stay private to the player, in strict mode as the files were written.
RUNTIME_HEAD = b'(function () {\n"use strict";\n'
RUNTIME_TAIL = b"\n})();\n"


@lru_cache(maxsize=1)
def player_runtime() -> bytes:
    """player/player.js as shipped: the runtime parts concatenated, then minified."""
    folder = templates_dir() / "player" / "runtime"
    parts = b"\n".join(p.read_bytes() for p in sorted(folder.glob("*.js")))
    return slim("player.js", RUNTIME_HEAD + parts + RUNTIME_TAIL)


def slim(name: str, data: bytes) -> bytes:
    """The shipped form of a runtime file: minified, because the source's comments and
    indentation are for its readers, not for learners' downloads (a third of the size).

    rjsmin and rcssmin only drop what the language ignores (comments, white space not
    needed between tokens) and are deterministic, so packages stay byte-identical.
    """
    if name.endswith(".js"):
        import rjsmin  # type: ignore[import-untyped]  # rjsmin ships no type information

        js: str = rjsmin.jsmin(data.decode("utf-8"))
        return (js + "\n").encode("utf-8")
    if name.endswith(".css"):
        import rcssmin  # type: ignore[import-untyped]  # nor does rcssmin

        css: str = rcssmin.cssmin(data.decode("utf-8"))
        return (css + "\n").encode("utf-8")
    return data


def _ships(name: str, standard: str) -> bool:
    """A file of templates/player/static/ ships with every standard unless the registry
    gives it to some standards only (trackers, the xAPI client): then only with those."""
    from . import standards

    return name in standards.get(standard).shipped_runtime() or name not in standards.claimed_runtime()
