"""course.yaml `theme:` (issue 15 item 6): colours, logo, cover, fonts and custom CSS in
the package, nothing from the network."""
from __future__ import annotations

import re

import pytest

from scormbuild import model as m
from scormbuild.builders.base import module_files
from scormbuild.pipeline import load_and_check
from scormbuild.theme import CUSTOM_CSS, THEME_CSS
from tests.conftest import REPO


@pytest.fixture
def course(root_factory) -> m.Course:  # type: ignore[no-untyped-def]
    loaded, problems = load_and_check(root_factory("theme"))
    assert loaded is not None and problems == []
    return loaded


def test_the_theme_is_read(course: m.Course) -> None:
    theme = course.theme
    assert theme is not None
    assert (theme.primary, theme.accent, theme.logo, theme.cover) == (
        "#5b2a86", "#b45309", "assets/brand/logo.svg", "assets/brand/cover.svg")
    assert [(f.family, f.src, f.weight, f.style) for f in theme.fonts] == [
        ("Test Sans", "assets/brand/test-sans.woff", 400, "normal")]


def test_theme_css_overrides_the_player_variables_and_declares_the_fonts(course: m.Course) -> None:
    css = module_files(course, course.modules[0], "scorm12")[THEME_CSS].decode()
    assert ":root { --sb-accent: #5b2a86; --sb-note: #5b2a86; --sb-focus: #b45309; }" in css
    assert ('@font-face { font-family: "Test Sans"; src: url("../assets/brand/test-sans.woff") format("woff"); '
            "font-weight: 400; font-style: normal; font-display: swap; }") in css
    assert 'body { font-family: "Test Sans", system-ui' in css
    assert not re.search(r"url\(\"?(https?:)?//", css)  # no CDN


def test_the_theme_files_are_packaged_and_linked_in_order(course: m.Course) -> None:
    files = module_files(course, course.modules[0], "scorm12")
    brand = REPO / "tests/roots/theme/assets/brand"
    for name in ("logo.svg", "cover.svg", "test-sans.woff"):
        assert files[f"assets/brand/{name}"] == (brand / name).read_bytes()
    assert files[CUSTOM_CSS] == (brand / "custom.css").read_bytes()
    html = files["index.html"].decode()
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
    assert links == ["player/player.css", "player/theme.css", "player/custom.css"]  # the author's CSS last


def test_the_logo_is_in_the_header_and_the_cover_on_the_start_page(course: m.Course) -> None:
    html = module_files(course, course.modules[0], "scorm12")["index.html"].decode()
    header = html[html.index('<header class="sb-header">'):html.index("</header>")]
    assert '<img class="sb-logo" src="assets/brand/logo.svg" alt="Minimal training team">' in header
    start = html[html.index('id="sb-start"'):html.index('id="sb-l-')]
    assert '<img class="sb-cover" src="assets/brand/cover.svg" alt="">' in start  # decorative by default


def test_a_course_without_theme_ships_no_theme_file() -> None:
    seed, _ = load_and_check(REPO / "course")
    assert seed is not None and seed.theme is None
    files = module_files(seed, seed.modules[0], "scorm12")
    assert THEME_CSS not in files and "theme.css" not in files["index.html"].decode()
