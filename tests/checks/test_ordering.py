"""checks/ordering.py: an ordering check has at least two items to put in order."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import QUESTIONS, edit, found


def test_an_ordering_check_with_one_item(questions: Path) -> None:
    md = questions / "modules/01-kinds/01-questions.md"
    edit(md, "  - Name a goal\n  - Plan small steps\n  - Celebrate a win\n", "")
    assert found(questions) == [
        ("ordering.one-item", f"{QUESTIONS}:19:1", "ordering check 'plan-steps' has 1 item(s): nothing to put in order",
         "list at least two items under 'choices', in their right order"),
    ]


def test_two_items_are_enough(questions: Path) -> None:
    edit(questions / "modules/01-kinds/01-questions.md", "  - Plan small steps\n  - Celebrate a win\n", "")
    assert found(questions) == []
