"""The theme's custom CSS keeps the player readable (WCAG 2.1 SC 1.4.3, 1.4.11): part of
the `theme` check (checks/theme.py), which documents it; this module reads the file.

The file is parsed with tinycss2 (CSS Syntax Level 3, with line and column for every
token). Colours are what CSS Color 4 lets an author write in sRGB: hex of 3, 4, 6 or 8
digits, rgb()/rgba(), hsl()/hsla(), hwb() and the 148 named colours (tinycss2.color4).

What is paired, and against what (the assumption, stated once):

* a rule that sets both a text colour (`color`) and a background (`background-color`, or
  a colour in `background`) is measured as that pair, 4.5:1;
* a rule that sets only one side is measured against the player's effective other side:
  text against the page background (`--sb-bg`), a background under the body text
  (`--sb-ink`). "Effective" is player.css's value, overridden by the theme's colours
  (theme.py theme_properties) and by the file's own `:root`/`html` rules;
* the player's custom properties are pairs of their own (PAIRS, from player.css): set one
  side in a rule and it is measured against the other side as that rule leaves it.

Rules inside @media, @supports, @layer and @container are read with the overrides their
own block makes (a dark-mode `:root` there is the palette of that block). Anything that
cannot be resolved is skipped, never guessed: var() of a property nobody defines,
gradients and images, currentColor and inherited keywords, colours with transparency,
colour spaces beyond sRGB (lab(), oklch(), color()).
"""
from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import tinycss2
import tinycss2.color4

from .. import model as m
from ..contrast import TEXT_RATIO, UI_RATIO, hex_of, passing_shade_for, ratio, shown
from ..diagnostics import Diagnostic, Location, error, warning
from ..resources import templates_dir
from ..theme import theme_properties

# The player's text/background pairs (player.css): which custom property is drawn on which.
# --sb-line and the callout border colours are left out: they mark edges, not text.
PAGE_BGS = ("--sb-bg", "--sb-soft")
PAIRS: dict[str, tuple[tuple[str, ...], float, str]] = {
    "--sb-ink": (PAGE_BGS, TEXT_RATIO, "1.4.3"),  # body text
    "--sb-muted": (PAGE_BGS, TEXT_RATIO, "1.4.3"),  # hints, captions, the pager's count
    "--sb-accent": (PAGE_BGS, TEXT_RATIO, "1.4.3"),  # links and button text
    "--sb-accent-ink": (("--sb-accent",), TEXT_RATIO, "1.4.3"),  # text on primary buttons
    "--sb-right": (PAGE_BGS, TEXT_RATIO, "1.4.3"),  # "right answer" marks
    "--sb-wrong": (PAGE_BGS, TEXT_RATIO, "1.4.3"),  # "incorrect" marks
    "--sb-focus": (PAGE_BGS, UI_RATIO, "1.4.11"),  # the focus ring
}
GROUPS = ("media", "supports", "layer", "container")  # at-rules whose block holds style rules
ROOTS = {":root", "html"}
SRGB = {"srgb", "hsl", "hwb"}  # colour spaces that are sRGB, so WCAG's luminance applies
Palette = dict[str, str | None]  # custom property → #rrggbb, or None: set to something unknown


@dataclass(frozen=True)
class Side:
    """One colour of a pair: what set it, its value, and where (None: not this rule, the one in effect)."""

    name: str
    colour: str
    loc: Location | None


def check(course: m.Course, theme: m.Theme) -> Iterator[Diagnostic]:
    path = (course.root / theme.custom_css).resolve()
    if not path.is_file() or not path.is_relative_to(course.root.resolve()):
        return  # the assets check reports it
    shown_path = posixpath.normpath(posixpath.join(posixpath.dirname(theme.loc.path), theme.custom_css))
    try:
        data = path.read_bytes()
    except OSError:
        return  # unreadable: the build that copies it says so
    rules, _ = tinycss2.parse_stylesheet_bytes(data, skip_comments=True, skip_whitespace=True)
    palette: Palette = {**player_palette(), **theme_properties(theme)}
    yield from _walk(rules, palette, shown_path)


@functools.cache
def player_palette() -> dict[str, str]:
    """player.css's own `:root` colours."""
    css = (templates_dir() / "player" / "static" / "player.css").read_text(encoding="utf-8")
    found: Palette = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule" and _is_root(rule):
            found |= _custom_properties(_declarations(rule), found)
    return {k: v for k, v in found.items() if v}


def _walk(rules: list[Any], outer: Palette, path: str) -> Iterator[Diagnostic]:
    palette = dict(outer)
    for rule in rules:  # custom properties cascade whatever their place in the file
        if rule.type == "qualified-rule" and _is_root(rule):
            palette |= _custom_properties(_declarations(rule), palette)
    for rule in rules:
        if rule.type == "error":
            yield _syntax(rule, path)
        elif rule.type == "qualified-rule":
            yield from _rule(rule, palette, path)
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPS and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            yield from _walk(inner, palette, path)


def _is_root(rule: Any) -> bool:
    return {part.strip() for part in _selector(rule).split(",")} <= ROOTS


def _rule(rule: Any, outer: Palette, path: str) -> Iterator[Diagnostic]:
    brace = next((t for t in rule.prelude if t.type == "error"), None)
    if brace is not None:  # a stray "}" (or ")" / "]") is read into the next selector: both are dropped
        yield _syntax(brace, path, f"a '{brace.kind}' closes no block, and the rule after it is dropped with it")
        return
    decls = _declarations(rule)
    yield from (_syntax(d, path) for d in decls if d.type == "error")
    decls = [d for d in decls if d.type == "declaration"]
    own = _custom_properties(decls, outer)
    palette = outer | own
    selector = _selector(rule)
    text = _last(decls, ("color",), palette, path)
    bg = _last(decls, ("background-color", "background"), palette, path)
    if text is not UNSET or bg is not UNSET:
        fg_side = _player("--sb-ink", palette) if text is UNSET else text
        bg_side = _player("--sb-bg", palette) if bg is UNSET else bg
        if isinstance(fg_side, Side) and isinstance(bg_side, Side):  # None: set to what cannot be known
            changed, other = (fg_side, bg_side) if text is not UNSET else (bg_side, fg_side)
            # One side set: the other is assumed (the page's), and the element may sit on a
            # background another rule gives it: a warning (--strict stops), not an error.
            yield from _report(selector, changed, ((other, TEXT_RATIO, "1.4.3"),),
                               assumed=text is UNSET or bg is UNSET)
    where = {d.name: _loc(d, path) for d in decls}
    for name, colour in own.items():
        if colour and name.startswith("--sb-"):
            yield from _property(selector, Side(name, colour, where[name]), palette, set(own))


def _property(selector: str, changed: Side, palette: Palette, own: set[str]) -> Iterator[Diagnostic]:
    """A `--sb-*` set in a rule, against every colour it is drawn on or under."""
    needs = []
    for fg, (bgs, minimum, criterion) in PAIRS.items():
        if changed.name == fg:
            needs += [(_player(bg, palette), minimum, criterion) for bg in bgs]
        elif changed.name in bgs and fg not in own:  # a text colour set here is reported as the text
            needs.append((_player(fg, palette), minimum, criterion))
    yield from _report(selector, changed, tuple((s, mn, c) for s, mn, c in needs if s is not None))


def _report(selector: str, changed: Side, needs: tuple[tuple[Side, float, str], ...],
            assumed: bool = False) -> Iterator[Diagnostic]:
    """One diagnostic at `changed`: its worst pair, and the nearest shade that passes them all.
    `assumed`: the other side is the page's, assumed rather than set in the rule."""
    if not needs or changed.loc is None:
        return
    other, minimum, criterion = min(needs, key=lambda n: ratio(changed.colour, n[0].colour) / n[1])
    measured = ratio(changed.colour, other.colour)
    if measured >= minimum:
        return
    use = "the focus ring needs" if minimum == UI_RATIO else "text needs"
    against = tuple((o.colour, mn) for o, mn, _ in needs)
    fixed, how = passing_shade_for(changed.colour, against)
    whose = "" if other.loc else " (in effect here)"
    fix = f"{how} it to {fixed} ({shown(min(ratio(fixed, o) for o, _ in against))})"
    if any(ratio(fixed, o) < mn for o, mn in against):  # the other side fails too: no shade of this one is enough
        failing = sorted({o.name for o, mn, _ in needs if ratio(fixed, o.colour) < mn})
        fix = f"no shade of it passes against {', '.join(failing)} as well: change those too"
    message = (f"custom CSS '{selector}': {changed.name} {changed.colour} against {other.name} {other.colour}{whose} "
               f"has a contrast of {shown(measured)}; {use} {minimum:g}:1 (WCAG {criterion})")
    if assumed:
        side = "background" if changed.name == "color" else "text colour"
        yield warning("theme.css-contrast-assumed", changed.loc, message,
                      f"{fix}; or, if another rule gives this element its {side}, set that {side} in this rule too")
    else:
        yield error("theme.css-contrast", changed.loc, message, fix)


def _player(name: str, palette: Palette) -> Side | None:
    colour = palette.get(name)
    return Side(name, colour, None) if colour else None


UNSET = "unset"  # _last: the rule does not set this side


def _last(decls: list[Any], names: tuple[str, ...], palette: Palette, path: str) -> Side | str | None:
    """The side the last of these declarations sets (the one that applies): a Side, None when
    its colour cannot be known, UNSET when the rule sets none of them."""
    for d in reversed(decls):
        if d.lower_name in names:
            colour = _background(d.value, palette) if d.lower_name == "background" else _colour(d.value, palette)
            return Side(d.lower_name, colour, _loc(d, path)) if colour else None
    return UNSET


def _custom_properties(decls: list[Any], palette: Palette) -> Palette:
    found: Palette = {}
    for d in decls:
        if d.type == "declaration" and d.name.startswith("--"):
            found[d.name] = _colour(d.value, palette | found)
    return found


def _colour(tokens: list[Any], palette: Palette) -> str | None:
    """#rrggbb of an opaque sRGB colour, following var(); None when it cannot be known."""
    tokens = _strip(tokens)
    if len(tokens) != 1:
        return None
    token = tokens[0]
    if token.type == "function" and token.lower_name == "var":
        return _var(token, palette)
    colour = tinycss2.color4.parse_color(token)
    if not isinstance(colour, tinycss2.color4.Color) or colour.space not in SRGB or colour.alpha < 1:
        return None  # currentColor, inherit, transparency, lab() and the like
    r, g, b = (round(min(max(c, 0.0), 1.0) * 255) for c in colour.to("srgb").coordinates)
    return hex_of((r, g, b))


def _var(token: Any, palette: Palette) -> str | None:
    args = _strip(token.arguments)
    if not args or args[0].type != "ident":
        return None
    name = args[0].value
    if name in palette:
        return palette[name]
    comma = next((i for i, t in enumerate(args) if t.type == "literal" and t.value == ","), None)
    return _colour(args[comma + 1:], palette) if comma is not None else None


def _background(tokens: list[Any], palette: Palette) -> str | None:
    """The colour of a `background` shorthand: only when it has no image (url, gradient) over it."""
    found = []
    for token in _strip(tokens):
        if token.type == "url" or (token.type == "function" and token.lower_name != "var"
                                   and tinycss2.color4.parse_color(token) is None):
            return None  # an image: the colour is not what the text sits on
        if token.type == "literal" and token.value == ",":
            return None  # layers: images under the colour
        if token.type in ("hash", "function") or (token.type == "ident" and tinycss2.color4.parse_color(token)):
            found.append(_colour([token], palette))
        elif token.type == "ident" and token.lower_value in ("currentcolor", "transparent", "inherit"):
            return None
    return found[0] if len(found) == 1 else None


def _strip(tokens: list[Any]) -> list[Any]:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _declarations(rule: Any) -> list[Any]:
    return list(tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True))


def _selector(rule: Any) -> str:
    text = " ".join(str(tinycss2.serialize(rule.prelude)).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _loc(decl: Any, path: str) -> Location:
    """The declaration's value (as theme.contrast points at the colour, not the key)."""
    value = _strip(decl.value)
    node = value[0] if value else decl
    return Location(path, node.source_line, node.source_column)


def _syntax(node: Any, path: str, message: str = "") -> Diagnostic:
    # tinycss2 1.5 leaves an unfilled "{colon.type}" in one of its messages: cut it off.
    message = message or re.sub(r",? got \{[^}]*\}", "", str(node.message))
    return warning("theme.css-syntax", Location(path, node.source_line, node.source_column),
                   f"custom CSS cannot be read here: {message}",
                   "browsers skip the broken rule or declaration, so what it says does not apply; fix its syntax")

