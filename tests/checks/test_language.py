"""checks/language.py: the player has strings for the course language; `strings:`
overrides name strings the player has (issue 15 item 6)."""
from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.pipeline import load_and_check
from scormbuild.player_config import player_config
from tests.conftest import brief, edit, messages

COURSE_YAML = "course/course.yaml"


@pytest.mark.parametrize("tag", ["en", "fr", "fr-CA", "es", "es-419", "de", "de-AT"])
def test_languages_the_player_has_are_clean(course: Path, tag: str) -> None:
    edit(course / "course.yaml", "language: en", f"language: {tag}")
    assert brief(course) == []


def test_a_language_without_strings_is_an_error_listing_the_ones_there_are(course: Path) -> None:
    edit(course / "course.yaml", "language: en", "language: pt-BR")
    assert messages(course) == [
        f"{COURSE_YAML}:5:11: error: the player has no strings for language 'pt-BR' [language.unsupported] — "
        "use one it has (de, en, es, fr), or add templates/player/i18n/pt.json with every key of en.json"]


def test_an_unknown_string_key_is_an_error_with_did_you_mean(course: Path) -> None:
    edit(course / "course.yaml", "language: en\n", "language: en\nstrings:\n  journl: My notebook\n")
    assert messages(course) == [
        f"{COURSE_YAML}:7:3: error: the player has no string 'journl' [strings.unknown] — did you mean 'journal'?"]


def test_overrides_replace_the_player_strings_in_the_page_and_the_runtime(course: Path) -> None:
    edit(course / "course.yaml", "language: en\n", "language: de\nstrings:\n  journal: Mein Lerntagebuch\n")
    loaded, problems = load_and_check(course)
    assert loaded is not None and problems == []
    strings = player_config(loaded, loaded.modules[0], "scorm12")["strings"]
    assert strings["journal"] == "Mein Lerntagebuch" and strings["exit"] == "Beenden"


def test_an_empty_override_is_an_error(course: Path) -> None:
    edit(course / "course.yaml", "language: en\n", "language: en\nstrings:\n  journal: ''\n")
    assert [c for c, *_ in brief(course)] == ["key.empty"]
