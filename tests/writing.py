"""Human English standing in for what learners write, for tests of the state budget.

The player's compressor (templates/player/static/statecodec.js) is primed on English, so
text made up for a test — a shuffled word list, one sentence repeated — compresses far
better than anything a person writes, and a budget test on it proves nothing. The course's
source material (shared/seeds/: learners' own completions of Intentional Peer Support
statements, an article on active listening, the core values, module 7's introduction and
module 13) is human writing that the primer does not contain. A Pen hands it out in
consecutive slices that never overlap until the material runs out, so no text in a state
repeats another.
"""
from __future__ import annotations

import re
from functools import lru_cache

from tests.conftest import SHARED, SHARED_HINT, require

SEEDS = SHARED / "seeds"


@lru_cache(maxsize=1)
def human_english() -> str:
    """Every seed text, shortest first, markup and layout removed (about 90,000 characters)."""
    files = sorted(require(SEEDS, SHARED_HINT).glob("*.txt"), key=lambda p: (p.stat().st_size, p.name))
    assert files, f"the course's source material is missing: {SEEDS}"
    text = " ".join(p.read_text(encoding="utf-8") for p in files)
    return re.sub(r"\s+", " ", re.sub(r"[$\\|#*_`>]+", " ", text)).strip()


class Pen:
    """Writes `take(n)`: the next n characters of human English, starting at a word."""

    def __init__(self, start: int = 0) -> None:
        self.at = start

    def take(self, length: int) -> str:
        text = human_english()
        if self.at + length + 40 > len(text):
            self.at = 0  # only the 2,000-character overflow tests get this far
        start = text.find(" ", self.at) + 1
        piece = text[start:start + length]
        self.at = start + length
        return piece[: length - 1] + "." if length > 1 else piece  # exactly `length` characters
