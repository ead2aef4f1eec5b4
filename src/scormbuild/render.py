"""Shared rendering: one jinja2 environment, Markdown filters, the player's static files.

Every builder renders through here, so escaping lives in one place (autoescape on,
StrictUndefined: a template that names a missing value fails the build instead of
printing nothing).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .resources import templates_dir


@lru_cache(maxsize=1)
def _md():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    # Raw HTML is off: lesson text is escaped, so nothing an author types can break the
    # player's markup or inject script; tables are on because authors use them.
    return MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(["table", "replacements", "smartquotes"])


@lru_cache(maxsize=2048)
def markdown_block(text: str) -> str:
    return _md().render(text)


@lru_cache(maxsize=4096)
def markdown_inline(text: str) -> str:
    return _md().renderInline(text)


@lru_cache(maxsize=1)
def environment():  # type: ignore[no-untyped-def]
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())), bytecode_cache=_bytecode_cache(),
        autoescape=jinja2.select_autoescape(["html", "xml", "j2"], default_for_string=True),
        undefined=jinja2.StrictUndefined, auto_reload=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = lambda text: Markup(markdown_block(text or ""))
    env.filters["mdi"] = lambda text: Markup(markdown_inline(text or ""))
    env.filters["scrambled"] = scrambled
    return env


def _bytecode_cache():  # type: ignore[no-untyped-def]
    """Compiled templates kept between runs: compiling them was a third of a rebuild.

    The cache key includes each template's source, so an edited template is recompiled.
    No usable cache folder (read-only home, CI sandbox) simply means no cache.
    """
    import os

    import jinja2

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "scormbuild" / "jinja"
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

    return sorted(items, key=lambda item: hashlib.blake2s(f"{salt}:{item.id}".encode("utf-8")).digest())


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def player_static(standard: str, parts: Iterable[str] = ()) -> dict[str, bytes]:
    """The player's runtime files for one standard, keyed by their path under player/.

    Tracker adapters (tracker-<name>.js) ship only for their own standard and the
    standalone fallback, so a SCORM package carries no xAPI code and vice versa. The
    optional parts (OPTIONAL_PARTS, e.g. checks.js) ship only when named in `parts`: a
    package carries the code of the question types its modules use, no more (issue 12).
    """
    wanted = set(parts)
    return {path: data for path, data in _static_files(standard)
            if path.split("/")[-1] not in OPTIONAL_PARTS or path.split("/")[-1] in wanted}


# Player files that only some modules need (builders/base.py `module_parts`): the
# knowledge-check UI, and the code of each question type beyond choices.
OPTIONAL_PARTS = ("checks.js", "shuffle.js", "question-select.js", "question-text.js", "question-likert.js")


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
RUNTIME_TAIL = b"})();\n"


@lru_cache(maxsize=1)
def player_runtime() -> bytes:
    """player/player.js as shipped: the runtime parts concatenated, comments stripped."""
    folder = templates_dir() / "player" / "runtime"
    parts = [slim(p.name, p.read_bytes()) for p in sorted(folder.glob("*.js"))]
    return RUNTIME_HEAD + b"".join(parts) + RUNTIME_TAIL


def slim(name: str, data: bytes) -> bytes:
    """The shipped form of a runtime file: the source's comments and indentation are for
    its readers, not for learners' downloads (a third of the runtime's size).

    Only whole-line comments go: a line that starts with `//`, or a block from a line that
    starts with `/*` to its `*/`. Such a line can be nothing else in JavaScript or CSS (the
    runtime uses no multi-line strings), so the code itself is never touched.
    """
    if not name.endswith((".js", ".css")):
        return data
    kept: list[str] = []
    in_block = False
    for line in data.decode("utf-8").splitlines():
        text = line.strip()
        if in_block or text.startswith("/*"):
            in_block = "*/" not in text
            text = "" if in_block else text.split("*/", 1)[1].strip()  # code after "*/" stays
        if text and not text.startswith("//"):
            kept.append(text)
    if name.endswith(".css"):
        return ("".join(_tight_css(line) for line in kept) + "\n").encode("utf-8")
    return ("\n".join(kept) + "\n").encode("utf-8")


_CSS_PUNCT = re.compile(r"\s*([{};,])\s*|(:)\s+")


def _tight_css(line: str) -> str:
    """CSS needs no space around { } ; , nor after a declaration's colon, and no newlines
    (CSS 2.1 §4.1.7). Lines with a string are left whole: a space in "…" is content."""
    if '"' in line or "'" in line:
        return line + "\n"
    return _CSS_PUNCT.sub(lambda m: m.group(1) or m.group(2), line)


# Runtime files shared by some standards only: the xAPI client serves cmi5 and Tin Can.
SHARED_BY = {"xapi.js": ("cmi5", "tincan")}


def _ships(name: str, standard: str) -> bool:
    if name.startswith("tracker-") and name.endswith(".js"):
        return name[len("tracker-"):-len(".js")] in (standard, "standalone")
    return standard in SHARED_BY.get(name, (standard,))
