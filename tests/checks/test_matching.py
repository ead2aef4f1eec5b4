"""checks/matching.py: every matching pair has both partners, and there is something to match."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import QUESTIONS, edit, found

PAIR = "  - source: I want to feel rested when I wake up.\n    target: Moving towards\n"


def test_a_pair_without_its_target(questions: Path) -> None:
    edit(questions / "modules/01-kinds/01-questions.md", PAIR, "  - source: I want to feel rested when I wake up.\n")
    assert found(questions) == [
        ("matching.no-partner", f"{QUESTIONS}:11:5", "pair 1 of matching check 'goal-kinds' has no target",
         "add 'target: ...' to the pair: every target needs its partner"),
    ]


def test_a_pair_without_its_source(questions: Path) -> None:
    edit(questions / "modules/01-kinds/01-questions.md", PAIR, "  - target: Moving towards\n")
    assert found(questions) == [
        ("matching.no-partner", f"{QUESTIONS}:11:5", "pair 1 of matching check 'goal-kinds' has no source",
         "add 'source: ...' to the pair: every source needs its partner"),
    ]


def test_pairs_that_all_share_one_target(questions: Path) -> None:
    edit(questions / "modules/01-kinds/01-questions.md", "target: Moving away from a problem", "target: Moving towards")
    assert found(questions) == [
        ("matching.one-target", f"{QUESTIONS}:6:1", "matching check 'goal-kinds' has fewer than two different targets",
         "give the pairs at least two different targets, or make it a single-choice check"),
    ]


def test_two_targets_are_enough(questions: Path) -> None:
    md = questions / "modules/01-kinds/01-questions.md"
    edit(md, "  - source: I want to spend Sundays with my kids.\n    target: Moving towards\n", "")
    assert found(questions) == []
