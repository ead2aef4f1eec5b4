"""Colour contrast as WCAG 2.1 defines it, and the nearest colour that passes.

Relative luminance and contrast ratio are WCAG 2.1's definitions (Understanding SC 1.4.3,
"relative luminance": sRGB channels linearised with the 0.03928 threshold; "contrast
ratio": (L1 + 0.05) / (L2 + 0.05), the lighter colour's luminance first). Text needs 4.5:1
(SC 1.4.3, AA); focus indicators and the boundaries of controls 3:1 (SC 1.4.11).
"""
from __future__ import annotations

import re

TEXT_RATIO = 4.5  # WCAG 2.1 SC 1.4.3 Contrast (Minimum), normal-size text
UI_RATIO = 3.0  # WCAG 2.1 SC 1.4.11 Non-text Contrast: focus rings, control borders
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

RGB = tuple[int, int, int]


def parse(colour: str) -> RGB:
    """'#0b5cad' or '#06c' → (11, 92, 173)."""
    if not HEX.match(colour):
        raise ValueError(f"not a hex colour: {colour!r}")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_of(rgb: RGB) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    """WCAG 2.1 relative luminance: 0 for black, 1 for white."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    """The contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    la, lb = luminance(parse(a)), luminance(parse(b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def shown(value: float) -> str:
    """A ratio as WCAG writes it, never rounded up into a pass: 4.496 is '4.49:1'."""
    return f"{int(value * 100) / 100:.2f}:1"


def _mix(rgb: RGB, target: int, t: float) -> RGB:
    r, g, b = (round(c + (target - c) * t) for c in rgb)
    return r, g, b


def passing_shade(colour: str, against: tuple[str, ...], minimum: float) -> tuple[str, str]:
    """The shade of `colour` nearest to it that reaches `minimum` against every colour of
    `against`, and whether it was darkened or lightened: mixed towards black (or white,
    for dark backgrounds) by the smallest step that passes."""
    return passing_shade_for(colour, tuple((other, minimum) for other in against))


def passing_shade_for(colour: str, needs: tuple[tuple[str, float], ...]) -> tuple[str, str]:
    """passing_shade with a minimum of its own for each other colour: (other, minimum)."""
    rgb = parse(colour)
    darker = luminance(parse(needs[0][0])) > 0.18  # a light background: darken
    target = 0 if darker else 255
    for step in range(1, 101):
        candidate = hex_of(_mix(rgb, target, step / 100))
        if all(ratio(candidate, other) >= minimum for other, minimum in needs):
            return candidate, "darken" if darker else "lighten"
    return ("#000000" if darker else "#ffffff"), "darken" if darker else "lighten"
