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


# --- the custom CSS (theme.custom_css): its colours against each other and the player's ----

CUSTOM = "course/assets/brand/custom.css"


def custom(themed: Path, css: str) -> list[str]:
    (themed / "assets/brand/custom.css").write_text(css, encoding="utf-8")
    return messages(themed)


def test_a_custom_text_colour_is_measured_against_the_page_background(themed: Path) -> None:
    # #777777 is 4.47:1 on white: just under, a fail at the value's line and column.
    assert custom(themed, "/* brand */\n.sb-course {\n  color: #777777;\n}\n") == [
        f"{CUSTOM}:3:10: warning: custom CSS '.sb-course': color #777777 against --sb-bg #ffffff (in effect here) "
        "has a contrast of 4.47:1; text needs 4.5:1 (WCAG 1.4.3) [theme.css-contrast-assumed] — darken it to "
        "#767676 (4.54:1); or, if another rule gives this element its background, set that background in this "
        "rule too"]


def test_a_custom_pair_in_one_rule_is_measured_as_a_pair(themed: Path) -> None:
    assert custom(themed, ".note { background-color: gold; color: white; }\n") == [
        f"{CUSTOM}:1:40: error: custom CSS '.note': color #ffffff against background-color #ffd700 has a contrast "
        "of 1.40:1; text needs 4.5:1 (WCAG 1.4.3) [theme.css-contrast] — darken it to #5e5e5e (4.62:1)"]


def test_a_custom_background_alone_is_measured_under_the_body_text(themed: Path) -> None:
    [message] = custom(themed, ".band { background: #333 no-repeat; }\n")
    assert message.startswith(f"{CUSTOM}:1:21: warning: custom CSS '.band': background #333333 against --sb-ink "
                              "#1f2328 (in effect here) has a contrast of 1.25:1; text needs 4.5:1")
    assert message.endswith("[theme.css-contrast-assumed] — lighten it to #898989 (4.51:1); or, if another rule "
                            "gives this element its text colour, set that text colour in this rule too")


def test_a_player_property_override_is_measured_against_its_pair(themed: Path) -> None:
    assert custom(themed, ":root {\n  --sb-muted: #999;\n}\n") == [
        f"{CUSTOM}:2:15: error: custom CSS ':root': --sb-muted #999999 against --sb-soft #f4f6f8 (in effect here) "
        "has a contrast of 2.62:1; text needs 4.5:1 (WCAG 1.4.3) [theme.css-contrast] — darken it to #717171 "
        "(4.50:1)"]


def test_a_pale_focus_ring_in_custom_css_fails_at_3_to_1(themed: Path) -> None:
    [message] = custom(themed, ":root { --sb-focus: #fcd34d; }\n")
    assert message.startswith(f"{CUSTOM}:1:21: error: custom CSS ':root': --sb-focus #fcd34d against --sb-soft "
                              "#f4f6f8 (in effect here) has a contrast of 1.33:1; the focus ring needs 3:1 "
                              "(WCAG 1.4.11)")


def test_the_theme_colours_are_the_palette_custom_css_is_measured_in(themed: Path) -> None:
    # var(--sb-accent) is the theme's primary #5b2a86 here, not the player's blue (#444 on it: 2.17:1).
    [message] = custom(themed, ".tag { background: var(--sb-accent); color: #444; }\n")
    assert "color #444444 against background #5b2a86 has a contrast of 1.01:1" in message


@pytest.mark.parametrize("css", [
    ".a { color: #1f2328; }",                                 # the player's ink
    ".a { color: #fff; background-color: #0b5cad; }",         # white on the player's blue
    ".a { color: white; background: rebeccapurple; }",        # named colours, CSS Color 4's 148th
    ".a { color: rgb(31 35 40); background: rgba(255, 255, 255, 1); }",
    ".a { color: hsl(210 10% 25%); }",
    ".a { color: #000f; } .b { color: #000000ff; }",          # 4 and 8 digits, opaque
    ":root { --sb-muted: #57606a; --brand: #0b5cad; } .a { color: var(--brand); }",
    "@media (prefers-color-scheme: dark) { :root { --sb-bg: #111; --sb-soft: #222; --sb-ink: #eee; "
    "--sb-muted: #bbb; --sb-accent: #9cc4ff; --sb-accent-ink: #111; --sb-right: #7ee2a8; --sb-wrong: #ff9aa8; "
    "--sb-focus: #9cc4ff; } .a { color: #eee; } }",          # a dark palette, measured in its own block
])
def test_readable_custom_css_passes(themed: Path, css: str) -> None:
    assert custom(themed, css + "\n") == []


@pytest.mark.parametrize("css", [
    ".a { color: var(--not-defined); }",                      # a var() nobody defines
    ".a { color: #eee; background: linear-gradient(#fff, #000); }",
    ".a { color: #eee; background: url(paper.png) #fff; }",   # an image over the colour
    ".a { color: currentColor; background: #fff; }",
    ".a { color: rgba(0, 0, 0, .2); }",                       # transparency: depends on what is under it
    ".a { color: #eee8; }",
    ".a { background: transparent; }",
    ".a { color: lab(90 0 0); }",                             # beyond sRGB
    ".a { color: inherit; background: #000; }",
])
def test_colours_that_cannot_be_known_are_skipped_not_guessed(themed: Path, css: str) -> None:
    assert custom(themed, css + "\n") == []


def test_a_css_syntax_error_is_reported_with_its_line(themed: Path) -> None:
    assert brief_of(custom(themed, ".a { letter-spacing: .02em; }\n.b {\n  color #777;\n}\n")) == [
        ("theme.css-syntax", f"{CUSTOM}:3:9", "warning")]


def test_a_stray_closing_brace_is_reported_where_it_is(themed: Path) -> None:
    [message] = custom(themed, ".a { color: #1f2328; } }\n.b { color: #777; }\n")
    assert message == (f"{CUSTOM}:1:24: warning: custom CSS cannot be read here: a '}}' closes no block, and the "
                       "rule after it is dropped with it [theme.css-syntax] — browsers skip the broken rule or "
                       "declaration, so what it says does not apply; fix its syntax")


def test_a_root_rule_listing_html_too_sets_the_palette(themed: Path) -> None:
    # --sb-bg dark for the whole page: a light text colour elsewhere is measured against it.
    assert custom(themed, ":root, html { --sb-bg: #111; --sb-soft: #1a1a1a; --sb-ink: #eee; --sb-muted: #bbb; "
                          "--sb-accent: #9cc4ff; --sb-accent-ink: #111; --sb-right: #7ee2a8; --sb-wrong: #ff9aa8; "
                          "--sb-focus: #9cc4ff; }\n.a { color: #f5f5f5; }\n") == []


def brief_of(lines: list[str]) -> list[tuple[str, str, str]]:
    out = []
    for line in lines:
        where, severity = line.split(": ")[0], line.split(": ")[1]
        out.append((line[line.index("[") + 1:line.index("]")], where, severity))
    return out
