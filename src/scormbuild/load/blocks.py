"""Fenced blocks → model blocks. One small reader per block type.

A fenced block's info string names its type and its body is YAML (see docs/format.md).
Each reader takes the block's `Fields` and returns a model block; shape problems are
collected by `Fields`, meaning problems (no correct answer, …) belong to checks/.
"""
from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any

from .. import model as m
from ..diagnostics import Diagnostic, Location, error
from .fields import Fields, scalar_text
from .yamlpos import Node

Reader = Callable[[Fields, Location], m.Block]


def _image(f: Fields, loc: Location) -> m.Block:
    decorative = f.bool("decorative")
    alt = f.str("alt")
    return m.Image(src=f.str("src", required=True), alt=alt, caption=f.str("caption"),
                   decorative=decorative, loc=loc, alt_given=f.has("alt"))


def _callout(f: Fields, loc: Location) -> m.Block:
    style = f.choice("style", ("note", "tip", "important", "warning"), "note")
    return m.Callout(markdown=f.str("text", required=True), style=style,  # type: ignore[arg-type]
                     title=f.str("title"), loc=loc)


def _quote(f: Fields, loc: Location) -> m.Block:
    return m.Quote(markdown=f.str("text", required=True), attribution=f.str("attribution"), loc=loc)


def _accordion(f: Fields, loc: Location) -> m.Block:
    items = []
    for node in f.list("items", required=True):
        item = Fields(node, "accordion item", f.diags, node.loc)
        items.append(m.AccordionItem(item.str("title", required=True), item.str("text", required=True), node.loc))
        item.finish()
    return m.Accordion(items=tuple(items), title=f.str("title"), loc=loc)


def _definition(f: Fields, loc: Location) -> m.Block:
    return m.Definition(term=f.str("term", required=True), markdown=f.str("text", required=True), loc=loc)


def _list(f: Fields, loc: Location) -> m.Block:
    style = f.choice("style", ("bullet", "numbered", "check", "columns"), "bullet")
    return m.ListBlock(items=f.str_list("items", required=True), title=f.str("title"),
                       style=style, loc=loc)  # type: ignore[arg-type]


def _resource(f: Fields, loc: Location) -> m.Block:
    return m.Resource(file=f.str("file", required=True), title=f.str("title", required=True),
                      description=f.str("description"), loc=loc)


def _continue(f: Fields, loc: Location) -> m.Block:
    return m.Continue(label=f.str("label"), loc=loc)


def _choices(f: Fields, kind: str) -> tuple[m.Choice, ...]:
    if kind == "true-false" and f.has("answer"):
        answer = f.bool("answer")
        return (m.Choice("true", "True", answer is True, loc=f.key_value_loc("answer")),
                m.Choice("false", "False", answer is False, loc=f.key_value_loc("answer")))
    f.known("answer")
    choices = []
    for index, node in enumerate(f.list("choices", required=True)):
        choices.append(_choice(node, index, f.diags))
    return tuple(choices)


def _choice(node: Node, index: int, diags: list[Diagnostic]) -> m.Choice:
    text = scalar_text(node)
    default_id = string.ascii_lowercase[index] if index < 26 else f"c{index + 1}"
    if text is not None:  # "- Some answer" is a choice that is not correct
        return m.Choice(default_id, text, loc=node.loc)
    c = Fields(node, "choice", diags, node.loc)
    choice = m.Choice(id=c.str("id", default=default_id), text=c.str("text", required=True),
                      correct=c.bool("correct"), feedback=c.str("feedback"), loc=node.loc)
    c.finish()
    return choice


CHECK_TYPES = ("single", "multiple", "true-false", "matching", "ordering", "fill-in", "numeric", "likert")


def _check(f: Fields, loc: Location) -> m.Block:
    kind = f.choice("type", CHECK_TYPES, "single")
    feedback = Fields(f.map("feedback"), "check feedback", f.diags, loc)
    block = m.KnowledgeCheck(id=f.str("id", required=True), prompt=f.str("prompt", required=True),
                             choices=_choices(f, kind) if kind in m.CHOICE_TYPES + ("ordering",) else (),
                             type=kind,  # type: ignore[arg-type]
                             feedback_correct=feedback.str("correct"),
                             feedback_incorrect=feedback.str("incorrect"), attempts=f.attempts(),
                             show_correct=f.maybe_bool("show_correct"), shuffle=f.bool("shuffle"),
                             loc=loc, **_typed(f, kind))
    feedback.finish()
    return block


def _typed(f: Fields, kind: str) -> dict[str, Any]:
    """The keys only one type of check has: matching pairs, fill-in answers, a numeric range."""
    if kind == "matching":
        return {"pairs": _pairs(f)}
    if kind == "fill-in":
        return {"accept": f.str_list("accept"), "case_sensitive": f.bool("case_sensitive"),
                "spacing": f.choice("spacing", ("exact", "collapse", "ignore"), "collapse")}
    if kind == "numeric":
        value = _number(f, "answer")
        low, high = _number(f, "min"), _number(f, "max")
        return {"low": value if value is not None else low, "high": value if value is not None else high}
    return {}


def _pairs(f: Fields) -> tuple[m.Pair, ...]:
    """`- source: …` / `target: …` items; a missing partner is left empty for the
    `matching` author check to report with its fix."""
    pairs = []
    for index, node in enumerate(f.list("pairs", required=True)):
        p = Fields(node, "matching pair", f.diags, node.loc)
        pairs.append(m.Pair(str(index + 1), p.str("source"), p.str("target"), node.loc))
        p.finish()
    return tuple(pairs)


def _number(f: Fields, key: str) -> float | None:
    node = f.map(key)
    if node is None:
        return None
    if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    f.diags.append(error("key.type", node.loc, f"'{key}' must be a number", f"write '{key}: 42' or '{key}: 2.5'"))
    return None


def _prompts(f: Fields) -> tuple[m.Prompt, ...]:
    prompts = []
    for index, node in enumerate(f.list("prompts", required=True)):
        text = scalar_text(node)
        if text is not None:
            prompts.append(m.Prompt(str(index + 1), text, node.loc))
            continue
        p = Fields(node, "reflection prompt", f.diags, node.loc)
        prompts.append(m.Prompt(p.str("id", default=str(index + 1)), p.str("text", required=True), node.loc))
        p.finish()
    return tuple(prompts)


def _reflection(f: Fields, loc: Location) -> m.Block:
    return m.Reflection(id=f.str("id", required=True), prompts=_prompts(f),
                        title=f.str("title"),
                        intro=f.str("intro"), required=f.bool("required"), loc=loc)


def _core_values(f: Fields, loc: Location) -> m.Block:
    return m.CoreValuesAssessment(id=f.str("id", required=True), prompt=f.str("prompt", required=True),
                                  title=f.str("title"), loc=loc)


def _worksheet(f: Fields, loc: Location) -> m.Block:
    return m.WorksheetEntry(field=f.str("field", required=True), loc=loc)


READERS: dict[str, Reader] = {
    "image": _image, "callout": _callout, "quote": _quote, "accordion": _accordion,
    "definition": _definition, "list": _list, "resource": _resource, "continue": _continue,
    "check": _check, "reflection": _reflection, "core-values": _core_values, "worksheet": _worksheet,
}


def read_block(kind: str, node: Node | None, loc: Location, diags: list[Diagnostic]) -> m.Block | None:
    if node is None and kind != "continue":
        diags.append(error("block.empty", loc, f"'{kind}' block has no content",
                           "write its keys as YAML inside the fence (see docs/format.md)"))
        return None
    fields = Fields(node, f"{kind} block", diags, loc)
    block = READERS[kind](fields, loc)
    fields.finish()
    return block
