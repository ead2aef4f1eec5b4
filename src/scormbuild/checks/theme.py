"""theme — the course's colours keep the player readable (WCAG 2.1 SC 1.4.3, 1.4.11), and
its files are in the course folder.

`primary` colours links and button text on the page's white and light grey, and is the
background of primary buttons under white text: it needs 4.5:1 against each (SC 1.4.3).
`accent` is the focus ring: 3:1 against the backgrounds it is drawn on (SC 1.4.11). The
message gives the measured ratio and the nearest shade that passes.

The `custom_css` file is held to the same ratios (checks/custom_css.py says how pairs
are found): a rule's `color` against its `background-color` or `background` (an error),
else against the page background or body text in effect (player.css, then the theme's
colours, then the file's own `:root`: a warning, theme.css-contrast-assumed, since another
rule may colour the element's box); an override of a player property (`--sb-muted`, `--sb-bg`…)
against the colours player.css draws with or under it. Colours that cannot be known
(var() of nothing, gradients, images, currentColor, transparency, lab()) are skipped. A
syntax error is a warning (theme.css-syntax): browsers skip the broken part.

Fails::

    theme:
      colors:
        primary: "#6fa8dc"        # theme.contrast: 2.33:1 on #f4f6f8 — darken it to #4d7498

Passes::

    theme:
      colors:
        primary: "#0b5cad"        # 6.66:1 on white

In the custom CSS, fails::

    .note { color: #777777; }     /* theme.css-contrast-assumed: 4.47:1 on #ffffff — darken it to #767676 */
    .note { color: white; background: gold; }   /* theme.css-contrast: 1.40:1 */

passes::

    .note { color: #57606a; }     /* 6.39:1 */
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..contrast import TEXT_RATIO, UI_RATIO, passing_shade, ratio, shown
from ..diagnostics import Diagnostic, Location, error
from .assets import missing

ID = "theme"
# The player's own backgrounds (templates/player/static/player.css --sb-bg, --sb-soft).
PAGE_BG, SOFT_BG = "#ffffff", "#f4f6f8"
BACKGROUNDS = (PAGE_BG, SOFT_BG)
USES = {"primary": (TEXT_RATIO, "text and buttons need", "1.4.3"),
        "accent": (UI_RATIO, "the focus ring needs", "1.4.11")}


def check(course: m.Course) -> Iterator[Diagnostic]:
    theme = course.theme
    if theme is None:
        return
    yield from _contrast("primary", theme.primary, theme.primary_loc)
    yield from _contrast("accent", theme.accent, theme.accent_loc)
    root = course.root.resolve()
    for ref in theme.files:
        yield from missing((root / ref).resolve(), theme.loc, ref, root, "the course folder")
    if theme.custom_css:
        from . import custom_css  # tinycss2 (~40 ms to import) only for a course that has custom CSS

        yield from custom_css.check(course, theme)


def _contrast(name: str, colour: str, loc: Location) -> Iterator[Diagnostic]:
    if not colour:
        return
    minimum, use, criterion = USES[name]
    worst = min(BACKGROUNDS, key=lambda bg: ratio(colour, bg))
    measured = ratio(colour, worst)
    if measured >= minimum:
        return
    fixed, how = passing_shade(colour, BACKGROUNDS, minimum)
    yield error("theme.contrast", loc,
                f"theme colour {name} {colour} has a contrast of {shown(measured)} on {worst}; {use} "
                f"{minimum:g}:1 (WCAG {criterion})",
                f"{how} it to {fixed} ({shown(min(ratio(fixed, bg) for bg in BACKGROUNDS))})")
