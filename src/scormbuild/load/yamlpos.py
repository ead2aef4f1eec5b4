"""YAML with positions: every value keeps the line and column it came from.

PyYAML's composer (libyaml-backed when available) already records a start mark on
every node; we turn the node graph into `Node` values instead of plain Python objects
so that a later complaint about a value can point at it. Duplicate keys, which
PyYAML silently accepts (last one wins), are reported: an author who writes `title`
twice loses the first without knowing.

`parse_file` is `parse` remembered between runs (load.memo): a rebuild reads course.yaml
and every module.yaml, but composes only the ones that changed, and does not import PyYAML
when none did and no lesson's front matter changed (its import was a twentieth of a
one-lesson rebuild). A lesson's own YAML is kept with the lesson (the memo's lesson groups).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Location, error
from ..remember import Remembered

if TYPE_CHECKING:
    import yaml

Parsed = tuple["Node | None", list[Diagnostic]]


@lru_cache(maxsize=1)
def _yaml() -> tuple[ModuleType, type, Any]:
    """PyYAML, its loader and a scalar constructor, imported when a text is first composed."""
    import yaml

    # libyaml is ~10x faster; fall back to the pure-Python composer
    loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml, loader, yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Node:
    """A YAML value with its location; `value` is a scalar, list[Node] or dict[str, Node]."""

    value: Any
    loc: Location
    keys: tuple[tuple[str, Location], ...] = ()  # for mappings: each key's own location
    raw: str = ""  # a scalar as written: `Yes` for the value True, to quote it back to the author

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    def key_loc(self, key: str) -> Location:
        return next((loc for k, loc in self.keys if k == key), self.loc)

    def get(self, key: str) -> Node | None:
        return self.value.get(key) if self.is_map else None


def parse(text: str, path: str, line_offset: int = 0) -> Parsed:
    """Parse one YAML document; `line_offset` is the file line the text starts after."""
    lib, loader, _ = _yaml()
    try:
        root = lib.compose(text, Loader=loader)
    except lib.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, path, line_offset)]
    if root is None:
        return None, []
    diags: list[Diagnostic] = []
    return _convert(root, path, line_offset, diags), diags


parse_file: Remembered[Parsed] = Remembered(parse)  # (text, path): a whole YAML file

Known = dict[tuple[str, str], Parsed]  # (text, path) → its parse at line offset 0


class Reuse:
    """The YAML of a lesson being edited, parsed once across its versions (load.memo).

    An author edits one lesson again and again; most of its front matter and fenced blocks
    do not change, but an edit above them moves them. `parse` answers a text parsed in the
    lesson's previous version from that parse, its lines moved (`shifted`), and keeps every
    parse of this version for the next: a rebuild that edits prose neither composes the
    lesson's YAML again nor imports PyYAML.
    """

    def __init__(self, known: Known | None = None) -> None:
        self.known = known or {}
        self.made: Known = {}

    def parse(self, text: str, path: str, line_offset: int = 0) -> Parsed:
        base = self.known.get((text, path))
        if base is None:
            base = parse(text, path)
        self.made[(text, path)] = base
        return shifted(base, line_offset)


def shifted(parsed: Parsed, lines: int) -> Parsed:
    """`parse(text, path, n)` from `parse(text, path)`: every location `lines` further down
    (parse only adds its offset to each line: values, keys and problems alike)."""
    node, problems = parsed
    if not lines:
        return node, list(problems)
    moved = [dataclasses.replace(d, location=_down(d.location, lines)) for d in problems]
    return (_node_down(node, lines) if node is not None else None), moved


def _down(loc: Location, lines: int) -> Location:
    return Location(loc.path, loc.line + lines, loc.col)


def _node_down(node: Node, lines: int) -> Node:
    value = node.value
    if isinstance(value, dict):
        value = {k: _node_down(v, lines) for k, v in value.items()}
    elif isinstance(value, list):
        value = [_node_down(v, lines) for v in value]
    keys = tuple((k, _down(loc, lines)) for k, loc in node.keys)
    return Node(value, _down(node.loc, lines), keys, node.raw)


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: str, offset: int) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (offset + 1, 0)
    tab = _tab_at(text, mark.line) if mark else None
    if tab is not None:
        # libyaml says "found character that cannot start any token": issue 14 asks for "tab".
        return error("yaml.tab", Location(path, line, tab + 1),
                     "a tab character indents this line; YAML allows spaces only",
                     "replace the tab with spaces (and set your editor to indent YAML with spaces)")
    problem = exc.problem or exc.context or "invalid YAML"
    return error("yaml.syntax", Location(path, line, col), f"YAML syntax error: {problem}",
                 "check indentation and quote values that contain ': ' or start with '*', '&', '!', '[' or '{'")


def _tab_at(text: str, line: int) -> int | None:
    """The index of a tab in the line's indentation, if any (YAML 1.2 §6.1: no tabs there)."""
    lines = text.splitlines()
    if line >= len(lines):
        return None
    indent = lines[line][: len(lines[line]) - len(lines[line].lstrip(" \t-"))]
    return indent.index("\t") if "\t" in indent else None


def _loc(node: yaml.Node, path: str, offset: int) -> Location:
    return Location(path, node.start_mark.line + 1 + offset, node.start_mark.column + 1)


def _convert(node: yaml.Node, path: str, offset: int, diags: list[Diagnostic]) -> Node:
    loc = _loc(node, path, offset)
    lib = _yaml()[0]
    if isinstance(node, lib.MappingNode):
        return _convert_map(node, path, offset, diags, loc)
    if isinstance(node, lib.SequenceNode):
        return Node([_convert(n, path, offset, diags) for n in node.value], loc)
    return Node(_scalar(node), loc, raw=node.value if isinstance(node.value, str) else "")


def _convert_map(node: yaml.MappingNode, path: str, offset: int,
                 diags: list[Diagnostic], loc: Location) -> Node:
    values: dict[str, Node] = {}
    keys: list[tuple[str, Location]] = []
    for key_node, value_node in node.value:
        key = str(_scalar(key_node)) if isinstance(key_node, _yaml()[0].ScalarNode) else "?"
        key_loc = _loc(key_node, path, offset)
        if key in values:
            diags.append(error("yaml.duplicate-key", key_loc, f"duplicate key '{key}'",
                               "remove one of them: YAML keeps only the last"))
        values[key] = _convert(value_node, path, offset, diags)
        keys.append((key, key_loc))
    return Node(values, loc, tuple(keys))


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: yaml.Node) -> Any:
    if node.tag == _STR_TAG:  # most values: no conversion needed (and the constructor is slow)
        return node.value
    lib, _, constructor = _yaml()
    try:
        return constructor.construct_object(node, deep=True)
    except lib.YAMLError:
        return node.value


def walk(node: Node) -> Iterator[Node]:
    yield node
    children = node.value.values() if node.is_map else node.value if node.is_list else ()
    for child in children:
        yield from walk(child)
