"""course.yaml `moodle:`: defaults when absent, every mistake an author error at file:line:col."""
from __future__ import annotations

import json
from pathlib import Path

from scormbuild.pipeline import load_and_check
from tests.conftest import REPO, edit


def problems(course: Path, block: str) -> list[tuple[str, int, int, str]]:
    edit(course / "course.yaml", "modules:\n", block + "modules:\n")
    _, diags = load_and_check(course)
    return [(d.code, d.location.line, d.location.col, d.hint) for d in diags]


def line_of(course: Path, text: str) -> int:
    return (course / "course.yaml").read_text(encoding="utf-8").splitlines().index(text) + 1


def test_absent_means_the_defaults(course: Path) -> None:
    loaded, diags = load_and_check(course)
    assert loaded is not None and diags == []
    s = loaded.moodle
    assert (s.mastery_overrides_status, s.attempt_grade, s.grading_method, s.attempts, s.completion_status) == (
        False, "highest", "highest", 0, None)


def test_unknown_key_says_did_you_mean(course: Path) -> None:
    found = problems(course, "moodle:\n  grading:\n    maximun: 80\n")
    assert found == [("key.unknown", line_of(course, "    maximun: 80"), 5, "did you mean 'maximum'?")]


def test_a_value_outside_the_choices(course: Path) -> None:
    found = problems(course, "moodle:\n  attempts:\n    grade: lastest\n")
    assert found == [("key.value", line_of(course, "    grade: lastest"), 12, "did you mean 'last'?")]


def test_a_number_out_of_range(course: Path) -> None:
    found = problems(course, "moodle:\n  attempts:\n    maximum: 10\n")
    assert [f[:3] for f in found] == [("key.range", line_of(course, "    maximum: 10"), 14)]


def test_a_completion_status_that_does_not_exist(course: Path) -> None:
    found = problems(course, "moodle:\n  completion:\n    status: [passed, finished]\n")
    assert [f[:3] for f in found] == [("key.value", line_of(course, "    status: [passed, finished]"), 22)]


def test_minimum_score_above_the_maximum_grade(course: Path) -> None:
    found = problems(course, "moodle:\n  grading:\n    maximum: 50\n  completion:\n    minimum_score: 60\n")
    assert [f[:3] for f in found] == [("key.range", line_of(course, "    minimum_score: 60"), 20)]


def test_closing_before_opening(course: Path) -> None:
    found = problems(course, "moodle:\n  available:\n    from: 2026-03-01\n    until: 2026-02-01\n")
    assert [f[:3] for f in found] == [("key.value", line_of(course, "    until: 2026-02-01"), 12)]


def test_a_date_that_is_not_a_date(course: Path) -> None:
    found = problems(course, "moodle:\n  available:\n    from: next monday\n")
    assert [f[:3] for f in found] == [("key.type", line_of(course, "    from: next monday"), 11)]


def test_the_message_names_the_file_and_the_fix(course: Path) -> None:
    edit(course / "course.yaml", "modules:\n", "moodle:\n  display:\n    window: popup\nmodules:\n")
    [d] = load_and_check(course)[1]
    assert str(d).startswith("course/course.yaml:")
    assert "'window' is 'popup', not one of current, new [key.value]" in str(d)


def _keys(schema: dict, defs: dict, prefix: str = "") -> dict[str, dict]:  # type: ignore[type-arg]
    """Leaf keys of the schema's moodle object, as dotted paths."""
    out = {}
    for key, sub in schema["properties"].items():
        sub = defs.get(sub.get("$ref", "").rsplit("/", 1)[-1], sub) if "$ref" in sub else sub
        if sub.get("type") == "object":
            out.update(_keys(sub, defs, f"{prefix}{key}."))
        else:
            out[prefix + key] = sub
    return out


def test_every_key_of_the_json_schema_is_accepted_by_the_loader(course: Path) -> None:
    schema = json.loads((REPO / "schemas" / "course.schema.json").read_text(encoding="utf-8"))
    leaves = _keys(schema["$defs"]["moodle"], schema["$defs"])
    assert len(leaves) == 22
    groups: dict[str, list[str]] = {}
    for path in leaves:
        group, _, key = path.rpartition(".")
        groups.setdefault(group, []).append(key)
    lines = ["moodle:"] + [f"  {k}:" for k in groups.pop("")]
    for group, keys in groups.items():
        lines += [f"  {group}:"] + [f"    {k}:" for k in keys]  # null: read, left at its default
    assert [d.code for d in problems(course, "\n".join(lines) + "\n")] == []


def test_yaml_reading_no_as_false_is_explained(course: Path) -> None:
    [found] = problems(course, "moodle:\n  attempts:\n    force_new: no\n")
    assert found[:3] == ("key.type", line_of(course, "    force_new: no"), 16)
    assert found[3] == "use one of: never, when-complete, always"


def test_the_format_reference_example_loads_clean(course: Path) -> None:
    doc = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    block = next(b for b in doc.split("```yaml\n")[1:] if b.startswith("moodle:")).split("```")[0]
    assert "force_new" in block and problems(course, block) == []
