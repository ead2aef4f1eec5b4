"""WCAG 2.1 contrast ratio (SC 1.4.3, 1.4.11) and the nearest passing shade."""
from __future__ import annotations

import pytest

from scormbuild.contrast import TEXT_RATIO, UI_RATIO, luminance, parse, passing_shade, ratio, shown


def test_luminance_of_black_and_white() -> None:
    assert luminance(parse("#000")) == 0 and luminance(parse("#ffffff")) == 1


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("#000000", "#ffffff", "21.00:1"),
    ("#ffffff", "#ffffff", "1.00:1"),
    ("#767676", "#ffffff", "4.54:1"),  # the lightest grey that passes on white (WebAIM's reference)
    ("#777777", "#ffffff", "4.47:1"),  # one step lighter fails
    ("#0b5cad", "#ffffff", "6.66:1"),  # the player's default accent
    ("#ff0000", "#ffffff", "3.99:1"),
])
def test_ratios_match_the_wcag_definition(a: str, b: str, expected: str) -> None:
    assert shown(ratio(a, b)) == expected == shown(ratio(b, a))


def test_a_ratio_is_never_rounded_up_into_a_pass() -> None:
    assert shown(4.4999) == "4.49:1"


@pytest.mark.parametrize("colour", ["#ff0000", "#6fa8dc", "#f4b400", "#777777"])
def test_the_passing_shade_passes_and_is_the_nearest(colour: str) -> None:
    fixed, how = passing_shade(colour, ("#ffffff", "#f4f6f8"), TEXT_RATIO)
    assert how == "darken" and fixed != colour
    assert ratio(fixed, "#ffffff") >= TEXT_RATIO and ratio(fixed, "#f4f6f8") >= TEXT_RATIO
    assert luminance(parse(fixed)) < luminance(parse(colour))


def test_on_a_dark_background_the_shade_is_lightened() -> None:
    fixed, how = passing_shade("#333366", ("#111111",), UI_RATIO)
    assert how == "lighten" and ratio(fixed, "#111111") >= UI_RATIO


@pytest.mark.parametrize("bad", ["red", "#12", "#1234567", "0b5cad", "#ggg"])
def test_only_hex_colours_are_read(bad: str) -> None:
    with pytest.raises(ValueError):
        parse(bad)
