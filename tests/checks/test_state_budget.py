"""The build-time suspend_data estimate, calibrated against the player's own compressor."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scormbuild import model as m
from scormbuild.checks.state_budget import SUSPEND_DATA_MAX, estimate, worst_state
from scormbuild.pipeline import load_and_check
from tests.conftest import REPO, edit

PACK = Path(__file__).with_name("pack_state.js")


def real_prose(course: m.Course) -> str:
    """English as people write it: the course's own lesson text, markup removed."""
    text = " ".join(b.markdown for mod in course.modules for l in mod.lessons for b in l.blocks
                    if isinstance(b, m.Text))
    return re.sub(r"\s+", " ", re.sub(r"[`#*>_\[\]()|-]", " ", text))


def packed_size(state: dict) -> int:  # type: ignore[type-arg]
    raw = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
    if len(raw) <= SUSPEND_DATA_MAX:
        return len(raw)
    done = subprocess.run(["node", str(PACK)], input=raw, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["packed"]


def with_prose(state: object, prose: str, counter: list[int]) -> object:
    if isinstance(state, dict):
        return {k: with_prose(v, prose, counter) for k, v in state.items()}
    if isinstance(state, str) and state and set(state) == {"x"}:
        counter[0] += 1
        start = (counter[0] * 977) % (len(prose) - len(state))
        return prose[start:start + len(state)]
    return state


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
@pytest.mark.parametrize("chars", [100, 300, 600])
def test_estimate_bounds_the_real_compressor(chars: int) -> None:
    course, _ = load_and_check(REPO / "course")
    assert course is not None
    prose = real_prose(course)
    for module in course.modules:
        actual = packed_size(with_prose(worst_state(course, module, chars), prose, [0]))  # type: ignore[arg-type]
        guess = estimate(course, module, chars)
        # an upper bound (give or take JSON escapes) that is not wildly pessimistic
        assert actual - 16 <= guess <= actual * 1.12 + 50, (module.id, chars, actual, guess)


def test_minimal_course_fits(course: Path) -> None:
    assert [d.code for d in load_and_check(course)[1]] == []


def test_many_prompts_warn(course: Path) -> None:
    prompts = "".join(f"  - Prompt number {n}?\n" for n in range(40))
    edit(course / "modules/01-basics/02-check.md", "prompts:\n  - What did you notice?\n",
         "prompts:\n  - What did you notice?\n" + prompts)
    [d] = load_and_check(course)[1]
    assert (d.code, str(d.location)) == ("state-budget", "course/modules/01-basics/module.yaml:1:1")
    assert "SCORM 1.2 allows 4096" in d.message
