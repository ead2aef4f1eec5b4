"""language — the player has UI strings for the course language, and `strings:` overrides
name strings the player has.

`language:` is a BCP 47 tag (it becomes the page's `lang`, WCAG 2.1 SC 3.1.1); the player
picks its catalogue by the exact tag, then by the primary subtag (fr-CA → fr). A language
the player has no catalogue for used to fall back to English silently: an English player
around a French course, its `lang` saying French. `strings:` replaces any player string for
this course (a term the organisation prefers); a key the player does not have would do
nothing.

Fails::

    language: pt                     # language.unsupported: no Portuguese catalogue
    strings:
      journl: My notebook            # strings.unknown — did you mean 'journal'?

Passes::

    language: fr-CA
    strings:
      journal: Mon carnet
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, error
from ..player_config import DEFAULT_LANGUAGE, available_languages, catalogue_for, ui_strings

ID = "language"


def check(course: m.Course) -> Iterator[Diagnostic]:
    if course.partial:
        return
    if catalogue_for(course.language) is None:
        have = ", ".join(available_languages())
        yield error("language.unsupported", course.language_loc,
                    f"the player has no strings for language '{course.language}'",
                    f"use one it has ({have}), or add templates/player/i18n/"
                    f"{course.language.split('-')[0].lower()}.json with every key of en.json")
    known = sorted(ui_strings(DEFAULT_LANGUAGE))
    for override in course.strings:
        if override.key not in known:
            near = difflib.get_close_matches(override.key, known, n=1, cutoff=0.6)
            yield error("strings.unknown", override.loc, f"the player has no string '{override.key}'",
                        f"did you mean '{near[0]}'?" if near else "see templates/player/i18n/en.json for the keys")
