"""The build-time suspend_data estimate, calibrated against the player's own compressor."""
from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from scormbuild.checks.state_budget import SUSPEND_DATA_MAX, estimate, worst_state
from scormbuild.pipeline import load_and_check
from scormbuild.player_config import state_keys
from tests.conftest import REPO, edit
from tests.writing import Pen

PACK = Path(__file__).with_name("pack_state.js")


def packed_size(state: dict) -> int:  # type: ignore[type-arg]
    """What the player stores: plain JSON when it fits, else its compressor's output (node)."""
    raw = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
    if len(raw) <= SUSPEND_DATA_MAX:
        return len(raw)
    done = subprocess.run(["node", str(PACK)], input=raw, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["packed"]


def written(state: object, pen: Pen) -> object:
    """The worst-case state with each run of "x" replaced by human English."""
    if isinstance(state, dict):
        return {k: written(v, pen) for k, v in state.items()}
    if isinstance(state, str) and state and set(state) == {"x"}:
        return pen.take(len(state))
    return state


@pytest.mark.usefixtures("node")
@pytest.mark.parametrize("chars,worksheet", [(100, 0), (300, 0), (300, 300), (600, 600)])
def test_estimate_bounds_the_real_compressor(chars: int, worksheet: int) -> None:
    course, _ = load_and_check(REPO / "course")
    assert course is not None
    for module in course.modules:
        guess = estimate(course, module, chars, worksheet)
        for start in (0, 10_000, 30_000):  # three writers: the seeds read from here on
            actual = packed_size(written(worst_state(course, module, chars, worksheet), Pen(start)))  # type: ignore[arg-type]
            # an upper bound (give or take JSON escapes) that is not wildly pessimistic
            assert actual - 16 <= guess <= actual * 1.15 + 50, (module.id, chars, start, actual, guess)


def test_typical_reflections_of_the_seed_course_fit() -> None:
    """Issue 4: 300 characters in every prompt of module 13 (and its core-values text)."""
    course, diags = load_and_check(REPO / "course")
    assert course is not None and [d for d in diags if d.code == "state-budget"] == []
    module13 = next(mod for mod in course.modules if mod.number == 13)
    assert estimate(course, module13, 300) <= SUSPEND_DATA_MAX


def test_minimal_course_fits(course: Path) -> None:
    assert [d.code for d in load_and_check(course)[1]] == []


def test_many_prompts_warn(course: Path) -> None:
    prompts = "".join(f"  - Prompt number {n}?\n" for n in range(40))
    edit(course / "modules/01-basics/02-check.md", "prompts:\n  - What did you notice?\n",
         "prompts:\n  - What did you notice?\n" + prompts)
    [d] = load_and_check(course)[1]
    assert (d.code, str(d.location)) == ("state-budget", "course/modules/01-basics/module.yaml:1:1")
    assert "SCORM 1.2 allows 4096" in d.message


@pytest.mark.usefixtures("node")
def test_the_shipped_primer_is_the_primer_text_packed() -> None:
    """statecodec.js ships its primer packed; it must be templates/player/statecodec-primer.txt."""
    done = subprocess.run(["node", str(PACK.with_name("pack_primer.js"))], capture_output=True, text=True, check=True)
    shipped = (REPO / "templates/player/static/statecodec.js").read_text(encoding="utf-8")
    assert len(done.stdout) > 1000 and f'var PRIMER_PACKED = "{done.stdout}";' in shipped


def test_tries_and_retakes_are_counted() -> None:
    """Issue 12: the state keeps tries per check, the retake count and the best score
    (state version 3); the estimate counts them at their largest."""
    course, _ = load_and_check(REPO / "course")
    assert course is not None
    module = next(mod for mod in course.modules if mod.id == "goal-planning")
    state = worst_state(course, module, 300)
    assert state["v"] == 3 and len(state["t"]) == len(module.checks) and set(state["t"].values()) == {2}
    assert (state["n"], state["b"]) == (99, 100)
    unlimited = replace(course, attempts=0)
    assert set(worst_state(unlimited, module, 300)["t"].values()) == {99}
    plain = replace(course, attempts=1, retake=False)
    assert not {"t", "n", "b"} & set(worst_state(plain, module, 300))
    assert estimate(unlimited, module, 300) > estimate(plain, module, 300)


def test_answers_of_every_question_type_are_counted_at_their_longest() -> None:
    course, _ = load_and_check(REPO / "tests/roots/questions")
    assert course is not None
    module = course.modules[0]
    keys = state_keys(course, module)
    answers = worst_state(course, module, 0)["a"]
    by_id = {c.id: answers[keys["a"][c.id]] for c in module.checks}
    assert len(by_id["core-word"]) == len(by_id["week-days"]) == 255  # the field's maxlength
    assert by_id["goal-kinds"] == "1.b,2.b,3.b" and by_id["plan-steps"] == "a,b,c,d"
