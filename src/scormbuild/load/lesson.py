"""A lesson file: YAML front matter, then CommonMark prose cut by fenced blocks.

markdown-it gives each top-level token its source line range, so the file is cut at
the fences whose info string is a block type; the prose between them is kept as
Markdown source (rendered once, at build time) and every block knows its line.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from .. import model as m
from ..diagnostics import Diagnostic, Location, error, warning
from .blocks import READERS, read_block
from .fields import Fields
from .yamlpos import parse

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.S | re.M)
_NUMBER_PREFIX = re.compile(r"^\d+[a-z]?[-_. ]+")


@lru_cache(maxsize=1)
def _markdown():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt  # imported lazily: only lesson loading needs it

    return MarkdownIt("commonmark")


def id_from_filename(path: Path) -> str:
    """'03-about-this-training.md' → 'about-this-training'."""
    return _NUMBER_PREFIX.sub("", path.stem).lower()


def load_lesson(path: Path, rel: str, diags: list[Diagnostic]) -> m.Lesson:
    text = path.read_text(encoding="utf-8")
    front = _FRONT.match(text)
    if front is None:
        diags.append(error("lesson.no-front-matter", Location(rel, 1, 1), "lesson has no front matter",
                           "start the file with '---', a 'title: ...' line, and '---'"))
        body, body_line = text, 0
        fields = Fields(None, "front matter", diags, Location(rel, 1, 1))
    else:
        node, problems = parse(front.group(1), rel, line_offset=1)
        diags.extend(problems)
        fields = Fields(node, "front matter", diags, Location(rel, 1, 1))
        if problems:
            fields = Fields(None, "front matter", [], Location(rel, 1, 1))  # already reported
        body, body_line = text[front.end():], text[: front.end()].count("\n")
    lesson_id = fields.str("id", default=id_from_filename(path))
    title = fields.str("title", required=front is not None)
    fields.finish()
    blocks = tuple(_blocks(body, body_line, rel, diags))
    return m.Lesson(lesson_id, title, blocks, Location(rel, 1, 1), path)


def _blocks(body: str, first_line: int, rel: str, diags: list[Diagnostic]) -> list[m.Block]:
    lines = body.splitlines(keepends=True)
    blocks: list[m.Block] = []
    cursor = 0  # first line (0-based, in body) not yet taken into a block
    for token in _markdown().parse(body):
        if token.type != "fence" or token.level != 0 or token.map is None:
            continue
        kind = token.info.strip().split()[0] if token.info.strip() else ""
        if kind not in READERS:
            _warn_near_miss(kind, Location(rel, first_line + token.map[0] + 1, 1), diags)
            continue
        start, end = token.map
        _add_text(lines[cursor:start], first_line + cursor, rel, blocks)
        loc = Location(rel, first_line + start + 1, 1)
        node, problems = parse(token.content, rel, line_offset=first_line + start + 1)
        diags.extend(problems)
        if not problems:
            block = read_block(kind, node, loc, diags)
            if block is not None:
                blocks.append(block)
        cursor = end
    _add_text(lines[cursor:], first_line + cursor, rel, blocks)
    return blocks


def _add_text(lines: list[str], first_line: int, rel: str, blocks: list[m.Block]) -> None:
    source = "".join(lines)
    if not source.strip():
        return
    skipped = len(source) - len(source.lstrip("\r\n"))
    line = first_line + source[:skipped].count("\n") + 1
    blocks.append(m.Text(source.strip("\r\n") + "\n", Location(rel, line, 1)))


def _warn_near_miss(kind: str, loc: Location, diags: list[Diagnostic]) -> None:
    """A fence like ```chek is shown as code; say so when it was probably a block."""
    near = difflib.get_close_matches(kind, sorted(READERS), n=1, cutoff=0.75)
    if near:
        diags.append(warning("block.unknown", loc, f"'{kind}' is not a block type; it will show as code",
                             f"did you mean '{near[0]}'?"))
