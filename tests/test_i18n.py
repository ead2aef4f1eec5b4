"""The player's string catalogues (templates/player/i18n/): en, fr, es and de at least,
each complete — every key of en.json, with the same {placeholders} — so no language ever
shows an English word in a translated player (issue 15 item 6)."""
from __future__ import annotations

import json
import re

import pytest

from scormbuild.player_config import available_languages
from scormbuild.resources import templates_dir

I18N = templates_dir() / "player" / "i18n"
PLACEHOLDER = re.compile(r"\{[a-z]+\}")


def catalogue(tag: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((I18N / f"{tag}.json").read_text(encoding="utf-8"))
    return data


def test_the_player_carries_english_french_spanish_and_german() -> None:
    assert set(available_languages()) >= {"en", "fr", "es", "de"}


@pytest.mark.parametrize("tag", [t for t in available_languages() if t != "en"])
def test_every_catalogue_has_every_english_key_and_no_other(tag: str) -> None:
    assert list(catalogue(tag)) == list(catalogue("en"))


@pytest.mark.parametrize("tag", [t for t in available_languages() if t != "en"])
def test_every_string_keeps_its_placeholders(tag: str) -> None:
    english, other = catalogue("en"), catalogue(tag)
    wrong = {k: v for k, v in other.items()
             if sorted(PLACEHOLDER.findall(v)) != sorted(PLACEHOLDER.findall(english[k]))}
    assert wrong == {}


@pytest.mark.parametrize("tag", [t for t in available_languages() if t != "en"])
def test_every_string_is_translated_text(tag: str) -> None:
    assert all(value.strip() for value in catalogue(tag).values())
