"""A lesson file: YAML front matter, then CommonMark prose cut by fenced blocks.

The file is cut at the top-level fences whose info string is a block type; the prose
between them is kept as Markdown source (rendered once, at build time) and every
block knows its line.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from .. import model as m
from ..diagnostics import Diagnostic, Location, error, warning
from .blocks import READERS, read_block
from .fields import Fields
from .yamlpos import Parsed, Reuse, parse

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)
_NUMBER_PREFIX = re.compile(r"^\d+[a-z]?[-_. ]+")


# CommonMark 0.31 §4.5 fenced code blocks: up to three spaces of indentation, then three
# or more backticks or tildes; a backtick fence's info string has no backtick. The block
# ends at a line of the same character, at least as long, followed only by spaces.
_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")


def id_from_filename(path: Path) -> str:
    """'03-about-this-training.md' → 'about-this-training'."""
    return _NUMBER_PREFIX.sub("", path.stem).lower()


def load_lesson(path: Path, rel: str, diags: list[Diagnostic], text: str | None = None,
                reuse: Reuse | None = None) -> m.Lesson:
    """`text`: the file's text when the caller has read it already; `reuse`: the YAML of the
    lesson's previous version (both from load.memo)."""
    yaml = reuse.parse if reuse is not None else parse
    if text is None:
        # utf-8-sig: a byte order mark (Windows editors add one) is not text before the '---'.
        text = path.read_text(encoding="utf-8-sig")
    front = _FRONT.match(text)
    if front is None:
        diags.append(_no_front_matter(text, rel))
        body, body_line = text, 0
        fields = Fields(None, "front matter", diags, Location(rel, 1, 1))
    else:
        node, problems = yaml(front.group(1), rel, 1)
        diags.extend(problems)
        fields = Fields(node, "front matter", diags, Location(rel, 1, 1))
        if problems:
            fields = Fields(None, "front matter", [], Location(rel, 1, 1))  # already reported
        body, body_line = text[front.end():], text[: front.end()].count("\n")
    lesson_id = fields.str("id", default=id_from_filename(path))
    title = fields.str("title", required=front is not None)
    fields.finish()
    blocks = tuple(_blocks(body, body_line, rel, diags, yaml))
    return m.Lesson(lesson_id, title, blocks, Location(rel, 1, 1), path)


def _no_front_matter(text: str, rel: str) -> Diagnostic:
    if re.match(r"---[ \t]*\r?$", text.split("\n", 1)[0]):
        # Issue 14: an unclosed front matter was reported as "no front matter".
        return error("lesson.front-matter-unclosed", Location(rel, 1, 1),
                     "the front matter opened here has no closing '---'",
                     "add a line with '---' after the front matter's last key (e.g. after 'title: ...')")
    return error("lesson.no-front-matter", Location(rel, 1, 1), "lesson has no front matter",
                 "start the file with '---', a 'title: ...' line, and '---'")


def _fences(lines: list[str]) -> Iterator[tuple[int, int, str, str, bool]]:
    """Top-level fences as (first line, line after the closing fence, info word, body, closed), 0-based.

    A line scan instead of a full Markdown parse: only fences matter here, and parsing
    every lesson twice (here and when rendering) was most of the build time.
    """
    index = 0
    while index < len(lines):
        match = _OPEN.match(lines[index].rstrip("\r\n"))
        if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
            index += 1
            continue
        fence, end = match["fence"], index + 1
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        while end < len(lines) and not closing.match(lines[end].rstrip("\r\n")):
            end += 1
        info = match["info"].strip().split()[0] if match["info"].strip() else ""
        yield index, min(end + 1, len(lines)), info, "".join(lines[index + 1:end]), end < len(lines)
        index = end + 1


def _blocks(body: str, first_line: int, rel: str, diags: list[Diagnostic],
            yaml: Callable[[str, str, int], Parsed] = parse) -> list[m.Block]:
    lines = body.splitlines(keepends=True)
    blocks: list[m.Block] = []
    cursor = 0  # first line (0-based, in body) not yet taken into a block
    for start, end, kind, content, closed in _fences(lines):
        if not closed:
            _unclosed(lines[start], Location(rel, first_line + start + 1, 1), diags)
        if kind not in READERS:
            _warn_near_miss(kind, Location(rel, first_line + start + 1, 1), diags)
            continue
        _add_text(lines[cursor:start], first_line + cursor, rel, blocks)
        loc = Location(rel, first_line + start + 1, 1)
        node, problems = yaml(content, rel, first_line + start + 1)
        diags.extend(problems)
        if not problems:
            block = read_block(kind, node, loc, diags)
            if block is not None:
                blocks.append(block)
        cursor = end
    _add_text(lines[cursor:], first_line + cursor, rel, blocks)
    return blocks


def _unclosed(line: str, loc: Location, diags: list[Diagnostic]) -> None:
    # Issue 14: an unclosed fence swallowed the rest of the lesson without a word.
    opening = _OPEN.match(line.rstrip("\r\n"))
    fence = opening["fence"] if opening else "```"
    diags.append(error("fence.unclosed", loc, f"the fence '{line.strip()}' opened here is never closed",
                       f"add a line with {fence} after the block; everything after it is inside the block"))


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
