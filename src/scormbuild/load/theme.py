"""course.yaml `theme:` → model.Theme (issue 15: branding as code).

Shape only: colour syntax and font names here; contrast and missing files are the
`theme` and `assets` checks' to report.
"""
from __future__ import annotations

import re

from .. import model as m
from ..contrast import HEX
from ..diagnostics import Diagnostic, error
from .fields import Fields
from .yamlpos import Node

# A family name goes into CSS as a quoted string: letters, digits, spaces and hyphens only,
# so no author text can close the string and write CSS of its own.
FAMILY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{0,63}$")


def load_theme(node: Node | None, diags: list[Diagnostic]) -> m.Theme | None:
    if node is None:
        return None
    f = Fields(node, "theme", diags, node.loc)
    colours = Fields(f.map("colors"), "theme colors", diags, node.loc)
    theme = m.Theme(logo=f.str("logo"), logo_alt=f.str("logo_alt"), cover=f.str("cover"),
                    cover_alt=f.str("cover_alt"), primary=_colour(colours, "primary"),
                    accent=_colour(colours, "accent"), fonts=tuple(_font(n, diags) for n in f.list("fonts")),
                    custom_css=f.str("custom_css"), primary_loc=colours.key_value_loc("primary"),
                    accent_loc=colours.key_value_loc("accent"), loc=node.loc)
    colours.finish()
    f.finish()
    return theme


def _colour(f: Fields, key: str) -> str:
    value = f.str(key)
    if value and not HEX.match(value):
        f.diags.append(error("key.value", f.key_value_loc(key), f"theme colour '{key}' is '{value}', not a hex colour",
                             f"write it as \"#rrggbb\" in quotes, e.g. {key}: \"#0b5cad\""))
        return ""
    return value.lower()


def _font(node: Node, diags: list[Diagnostic]) -> m.Font:
    f = Fields(node, "theme font", diags, node.loc)
    family = f.str("family", required=True)
    if family and not FAMILY.match(family):
        diags.append(error("key.value", f.key_value_loc("family"), f"font family '{family}' has characters "
                           "a font name cannot have", "use letters, digits, spaces and hyphens"))
        family = ""
    font = m.Font(family=family, src=f.str("src", required=True), weight=f.int("weight", default=400, lo=100, hi=900)
                  or 400, style=f.choice("style", ("normal", "italic"), "normal"),  # type: ignore[arg-type]
                  loc=node.loc)
    f.finish()
    return font
