"""The real course in course/: it builds in every format, and every package is valid
by the official XSDs (the oracle) and clean by the project's own validator."""
from __future__ import annotations

import pytest

from scormbuild.pipeline import build
from scormbuild.verify import validate_path
from tests.conftest import REPO, oracle


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> list:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("seed")
    singles = build(REPO / "course", out / "single", formats=("scorm12", "cmi5", "tincan"))
    bundle = build(REPO / "course", out / "bundle", bundle=True)
    assert singles.ok and bundle.ok, singles.diagnostics + bundle.diagnostics
    # Clean: module 13's reflections at 300 characters a prompt fit in suspend_data.
    for result in (singles, bundle):
        assert result.diagnostics == []
    return singles.built + bundle.built


def test_every_module_and_standard_is_built(packages: list) -> None:  # type: ignore[type-arg]
    assert sorted(p.path.name for p in packages) == [
        "where-we-are-at-07-connection-communication-scorm12.zip",
        "where-we-are-at-07-connection-communication-tincan.zip",
        "where-we-are-at-13-goal-planning-scorm12.zip",
        "where-we-are-at-13-goal-planning-tincan.zip",
        "where-we-are-at-cmi5.zip",
        "where-we-are-at-scorm12.zip",
    ]


def test_every_package_passes_the_official_schemas(packages: list) -> None:  # type: ignore[type-arg]
    for built in packages:
        code, output = oracle(built.path, built.standard)
        assert code == 0, output


def test_every_package_validates_clean(packages: list) -> None:  # type: ignore[type-arg]
    for built in packages:
        assert validate_path(built.path) == [], built.path.name


def test_module_13_has_what_the_seed_has() -> None:
    from scormbuild.pipeline import load_and_check

    course, diags = load_and_check(REPO / "course")
    assert course is not None and not any(d.is_error for d in diags)
    goal = next(mod for mod in course.modules if mod.id == "goal-planning")
    assert goal.number == 13 and goal.mastery_score == 75
    assert [c.id for c in goal.checks] == [
        "outcome-measures", "moving-towards-or-away", "extrinsic-motivation", "learned-helplessness-phrase"]
    # Issue 12: the seed's "which are moving towards goals?" sorts each goal as a matching check,
    # and every check of the course allows a retry.
    assert [c.type for c in goal.checks][1] == "matching"
    assert course.attempts == 2 and course.retake
    assert sum(len(r.prompts) for r in goal.reflections) >= 25
    assert len(course.core_values) == 8
