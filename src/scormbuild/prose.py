"""What a run of Markdown prose refers to: its images and any raw HTML, with positions.

The checks use it to point at `file:line:col` (issue 14: a `![alt](path)` in prose
shipped as a broken image; raw HTML was shown to learners as literal text), and the
builders use it to package every image prose shows and rewrite its URL.

Positions are found with a real CommonMark parse (markdown-it, HTML on, so raw HTML is
recognised as such), so an image inside a code span or code block is not an image.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

from .remember import Remembered


@dataclass(frozen=True)
class ProseImage:
    src: str  # as the author meant it (percent-decoded by CommonMark's link normalisation undone)
    alt: str
    line: int  # 0-based line within the prose
    col: int  # 1-based column of '!['

    @property
    def is_local(self) -> bool:
        """A file of the course, as opposed to a web address or an inline data: URI."""
        parts = urlsplit(self.src)
        return not parts.scheme and not self.src.startswith(("//", "#")) and bool(parts.path)


@dataclass(frozen=True)
class RawHtml:
    html: str  # the first line of the tag or block, for the message
    line: int  # 0-based line within the prose
    col: int


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table"])


Scan = tuple[tuple[ProseImage, ...], tuple[RawHtml, ...]]


def _scan(markdown: str) -> Scan:
    """Every image and every piece of raw HTML in `markdown`, in reading order."""
    if "![" not in markdown and "<" not in markdown:
        # CommonMark: an image starts with '![' (inline or reference), raw HTML with '<'.
        # Most texts have neither, and then `check` need not import markdown-it at all.
        return (), ()
    lines = markdown.splitlines()
    images: list[ProseImage] = []
    html: list[RawHtml] = []
    for token in _parser().parse(markdown):
        if token.type == "html_block" and token.map:
            html.append(RawHtml(token.content.strip().splitlines()[0], token.map[0], _indent(lines[token.map[0]])))
        elif token.type == "inline" and token.map:
            _inline(token, lines, images, html)
    return tuple(images), tuple(html)


# Checks and builders parse each text at most once per run, and not at all when an earlier
# run did (load.memo keeps the scans, keyed by the text itself).
scan: Remembered[Scan] = Remembered(_scan)


def images(markdown: str) -> tuple[ProseImage, ...]:
    return scan(markdown)[0]


def _inline(token: Any, lines: list[str], images: list[ProseImage], html: list[RawHtml]) -> None:
    first, last = token.map
    cursor = (first, 0)  # where the next search starts: (line, index)
    for child in token.children or ():
        if child.type == "image":
            cursor = _find(lines, "![", cursor, last)
            images.append(ProseImage(unquote(child.attrs.get("src", "")), child.content, cursor[0], cursor[1] + 1))
            cursor = (cursor[0], cursor[1] + 2)
        elif child.type == "html_inline":
            cursor = _find(lines, child.content, cursor, last)
            html.append(RawHtml(child.content, cursor[0], cursor[1] + 1))
            cursor = (cursor[0], cursor[1] + len(child.content))


def _find(lines: list[str], needle: str, start: tuple[int, int], stop: int) -> tuple[int, int]:
    """The next (line, index) of `needle` from `start`; `start` itself when not found."""
    line, index = start
    while line < min(stop, len(lines)):
        found = lines[line].find(needle, index)
        if found >= 0:
            return line, found
        line, index = line + 1, 0
    return start


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip()) + 1
