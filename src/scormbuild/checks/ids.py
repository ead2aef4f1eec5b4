"""ids — ids are well formed and unique where they must be.

Ids become SCORM identifiers, interaction ids and xAPI activity IRIs, so they are
restricted to lowercase letters, digits and hyphens (SCORM 1.2 RTE 3.4.4: interaction
ids are CMIIdentifier, no spaces; IRIs need no escaping), and unique in their scope.

Fails::

    id: Outcome Measures        # id.invalid
    id: outcome-measures        # twice in one module → id.duplicate

Passes::

    id: outcome-measures
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .. import model as m
from ..diagnostics import Diagnostic, Location, error

ID = "ids"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_Ided = tuple[str, Location, str]  # (id, where, what)


def check(course: m.Course) -> Iterator[Diagnostic]:
    yield from _valid([(course.id, course.loc, "course id")])
    yield from _scope([(v.id, v.loc, "core value id") for v in course.core_values])
    yield from _scope([(mod.id, mod.loc, "module id") for mod in course.modules])
    for module in course.modules:
        yield from _scope([(lesson.id, lesson.loc, "lesson id") for lesson in module.lessons])
        if module.worksheet:
            yield from _scope([(f.id, f.loc, "worksheet field id") for f in module.worksheet.fields])
        yield from _scope(list(_activities(module)))
        for block in _blocks(module):
            yield from _scope(list(_children(block)), check_syntax=False)


def _blocks(module: m.Module) -> Iterator[m.Block]:
    return (b for lesson in module.lessons for b in lesson.blocks)


def _activities(module: m.Module) -> Iterator[_Ided]:
    for block in _blocks(module):
        if isinstance(block, (m.KnowledgeCheck, m.Reflection, m.CoreValuesAssessment)):
            yield block.id, block.loc, f"{block.kind} id"


def _children(block: m.Block) -> Iterator[_Ided]:
    if isinstance(block, m.KnowledgeCheck):
        yield from ((c.id, c.loc, "choice id") for c in block.choices)
    if isinstance(block, m.Reflection):
        yield from ((p.id, p.loc, "prompt id") for p in block.prompts)


def _scope(items: list[_Ided], check_syntax: bool = True) -> Iterator[Diagnostic]:
    if check_syntax:
        yield from _valid(items)
    seen: dict[str, Location] = {}
    for ident, loc, what in items:
        if ident and ident in seen:
            yield error("id.duplicate", loc, f"{what} '{ident}' is already used at {seen[ident]}",
                        "give each one its own id")
        seen.setdefault(ident, loc)


def _valid(items: Iterable[_Ided]) -> Iterator[Diagnostic]:
    for ident, loc, what in items:
        if ident and not ID_RE.match(ident):
            yield error("id.invalid", loc, f"{what} '{ident}' has characters that are not allowed",
                        f"use lowercase letters, digits and hyphens, e.g. '{suggest(ident)}'")


def suggest(ident: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-")[:64] or "my-id"
