"""checks/theme.py: theme colours meet WCAG 2.1 contrast (SC 1.4.3, 1.4.11), with the
measured ratio and a passing shade in the message; theme files exist."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import brief, edit, messages

COURSE_YAML = "course/course.yaml"


@pytest.fixture
def themed(root_factory) -> Path:  # type: ignore[no-untyped-def]
    return root_factory("theme")  # type: ignore[no-any-return]


def test_the_theme_course_is_clean(themed: Path) -> None:
    assert brief(themed) == []


def test_a_light_primary_fails_with_its_ratio_and_the_nearest_passing_shade(themed: Path) -> None:
    edit(themed / "course.yaml", 'primary: "#5b2a86"', 'primary: "#6fa8dc"')
    assert messages(themed) == [
        f"{COURSE_YAML}:26:14: error: theme colour primary #6fa8dc has a contrast of 2.33:1 on #f4f6f8; text and "
        "buttons need 4.5:1 (WCAG 1.4.3) [theme.contrast] — darken it to #4d7498 (4.54:1)"]


def test_a_primary_just_under_the_line_fails(themed: Path) -> None:
    # #777777 is 4.47:1 on white and 4.13:1 on the light grey: under 4.5:1, a fail.
    edit(themed / "course.yaml", 'primary: "#5b2a86"', 'primary: "#777777"')
    [message] = messages(themed)
    assert message.endswith("contrast of 4.13:1 on #f4f6f8; text and buttons need 4.5:1 (WCAG 1.4.3) "
                            "[theme.contrast] — darken it to #717171 (4.50:1)")


def test_a_pale_focus_colour_fails_at_3_to_1(themed: Path) -> None:
    edit(themed / "course.yaml", 'accent: "#b45309"', 'accent: "#fcd34d"')
    [message] = messages(themed)
    assert message == (f"{COURSE_YAML}:27:13: error: theme colour accent #fcd34d has a contrast of 1.33:1 on "
                       "#f4f6f8; the focus ring needs 3:1 (WCAG 1.4.11) [theme.contrast] — darken it to #a68b33 "
                       "(3.04:1)")


@pytest.mark.parametrize("colour", ['"#0b5cad"', '"#000"', '"#5b2a86"'])
def test_dark_enough_primaries_pass(themed: Path, colour: str) -> None:
    edit(themed / "course.yaml", 'primary: "#5b2a86"', f"primary: {colour}")
    assert brief(themed) == []


def test_a_colour_that_is_not_hex_is_a_value_error(themed: Path) -> None:
    edit(themed / "course.yaml", 'primary: "#5b2a86"', "primary: purple")
    assert brief(themed) == [("key.value", COURSE_YAML, 26, 14)]


def test_a_font_family_that_could_break_the_css_is_refused(themed: Path) -> None:
    edit(themed / "course.yaml", "family: Test Sans", 'family: "x; } body { display: none"')
    assert [c for c, *_ in brief(themed)] == ["key.value"]


def test_a_missing_theme_file_is_an_asset_error(themed: Path) -> None:
    edit(themed / "course.yaml", "logo: assets/brand/logo.svg", "logo: assets/brand/logo.png")
    assert [c for c, *_ in brief(themed)] == ["asset.missing"]
