"""The course theme as package files: a generated player/theme.css, the author's custom CSS,
and the logo, cover and font files (course.yaml `theme:`, issue 15).

theme.css only overrides the player's custom properties (player.css `--sb-*`) and declares
the fonts; it is linked after player.css, and the author's custom CSS after it, so the
author's rules win. Nothing is fetched from the network: fonts are @font-face from files
in the package.
"""
from __future__ import annotations

from pathlib import Path

from . import model as m
from .contrast import hex_of, parse

THEME_CSS = "player/theme.css"
CUSTOM_CSS = "player/custom.css"
FONT_FORMATS = {".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype"}
FALLBACK_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif'


def theme_target(course: m.Course, ref: str) -> str:
    """Package path of a theme file (relative to the course folder), under assets/."""
    root = course.root.resolve()
    rel = (root / ref).resolve().relative_to(root).as_posix()
    return rel if rel.startswith("assets/") else f"assets/{rel}"


def theme_files(course: m.Course) -> dict[str, bytes]:
    """Every file the theme adds to a package (none without a theme)."""
    theme = course.theme
    if theme is None:
        return {}
    root = course.root
    files = {theme_target(course, ref): (root / ref).read_bytes()
             for ref in (theme.logo, theme.cover, *(f.src for f in theme.fonts)) if ref}
    files[THEME_CSS] = theme_css(course, theme).encode("utf-8")
    if theme.custom_css:
        files[CUSTOM_CSS] = (root / theme.custom_css).read_bytes()
    return files


# The logo beside the course title, the cover above the module's title.
LAYOUT = (".sb-logo { height: 2.5rem; width: auto; max-width: 10rem; object-fit: contain; }\n"
          ".sb-header .sb-logo + .sb-brand { margin-right: auto; }\n"
          ".sb-cover { display: block; width: 100%; max-height: 16rem; object-fit: cover; "
          "border-radius: var(--sb-radius); margin: .5rem 0 1rem; }")


def theme_css(course: m.Course, theme: m.Theme) -> str:
    rules = [_font_face(course, font) for font in theme.fonts]
    if theme.logo or theme.cover:
        rules.append(LAYOUT)
    props = [f"{name}: {value};" for name, value in theme_properties(theme).items()]
    if props:
        rules.append(":root { " + " ".join(props) + " }")
    if theme.primary:
        rules.append(f".sb-btn--primary:hover {{ background: {_shade(theme.primary, 0.8)}; }}")
        rules.append(".sb-btn:hover { background: var(--sb-soft); }")
    if theme.fonts:
        rules.append(f'body {{ font-family: "{theme.fonts[0].family}", {FALLBACK_FONTS}; }}')
    return "\n".join(rules) + "\n"


def theme_properties(theme: m.Theme) -> dict[str, str]:
    """The player's custom properties (player.css `--sb-*`) the theme's colours set."""
    props: dict[str, str] = {}
    if theme.primary:
        # Hover shades derived from the primary, so player.css's blue never shows through.
        props |= {"--sb-accent": theme.primary, "--sb-note": theme.primary}
    if theme.accent:
        props["--sb-focus"] = theme.accent
    return props


def _font_face(course: m.Course, font: m.Font) -> str:
    fmt = FONT_FORMATS.get(Path(font.src).suffix.lower(), "woff2")
    # ../ : theme.css sits in player/, the fonts under assets/.
    url = f"../{theme_target(course, font.src)}"
    return (f'@font-face {{ font-family: "{font.family}"; src: url("{url}") format("{fmt}"); '
            f"font-weight: {font.weight}; font-style: {font.style}; font-display: swap; }}")


def _shade(colour: str, factor: float) -> str:
    r, g, b = parse(colour)
    return hex_of((round(r * factor), round(g * factor), round(b * factor)))
