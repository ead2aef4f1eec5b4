"""The editor JSON Schemas agree with `scormbuild check` (issue 14 part 6).

A new author found the schemas disagreeing with `check` on 13 of 55 edited files. Here a
JSON Schema validator and `check` judge the same corpus — every file of every course in
tests/roots, and the minimal course with one deliberate slip each — and must agree, file
by file, on whether it has a problem. Only what JSON Schema cannot say is left out:
cross-file facts (duplicate ids, missing files, a worksheet field the module lacks),
YAML syntax itself, and the Markdown prose.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from scormbuild.load.blocks import READERS
from scormbuild.load.lesson import _FRONT, _fences
from scormbuild.load.yamlpos import Node, parse
from scormbuild.pipeline import load_and_check
from tests.conftest import REPO, ROOTS, edit

SCHEMAS = REPO / "schemas"
# What a JSON Schema can say about one file on its own.
SCHEMA_CODES = {"key.unknown", "key.required", "key.type", "key.value", "key.range", "key.empty", "key.iri",
                "id.invalid", "yaml.boolean", "question.few-choices", "question.no-correct",
                "question.many-correct", "image.no-alt", "block.empty", "graphic.marker-outside"}


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


BLOCKS = json.loads((SCHEMAS / "blocks.schema.json").read_text(encoding="utf-8"))


def block_validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**BLOCKS, "anyOf": [{"$ref": f"#/$defs/{kind}"}]})


def plain(node: Node | None) -> Any:
    """The YAML as the schema validator sees it (read by the same YAML parser as `check`)."""
    if node is None:
        return None
    if node.is_map:
        return {k: plain(v) for k, v in node.value.items()}
    if node.is_list:
        return [plain(v) for v in node.value]
    return node.value


def yaml_errors(text: str, v: jsonschema.Draft202012Validator) -> list[str]:
    node, problems = parse(text, "x")
    if problems:
        return []  # YAML syntax: not the schema's business
    return [e.message for e in v.iter_errors(plain(node))]


def schema_errors(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    if path.name == "course.yaml":
        return yaml_errors(text, validator("course.schema.json"))
    if path.name == "module.yaml":
        return yaml_errors(text, validator("module.schema.json"))
    front = _FRONT.match(text)
    found = yaml_errors(front.group(1), validator("lesson.schema.json")) if front else ["no front matter"]
    body = text[front.end():] if front else text
    for _, _, kind, content, _ in _fences(body.splitlines(keepends=True)):
        if kind in READERS:
            found += yaml_errors(content, block_validator(kind))
    return found


def verdicts(course: Path) -> tuple[dict[str, bool], dict[str, bool]]:
    """file → has a problem, by the schemas and by `check` (codes a schema can express)."""
    files = sorted(p for p in course.rglob("*") if p.suffix in (".yaml", ".md"))
    by_schema = {p.relative_to(course).as_posix(): bool(schema_errors(p)) for p in files}
    flagged = {Path(d.location.path).relative_to(course).as_posix()
               for d in load_and_check(course, display=course)[1] if d.code in SCHEMA_CODES}
    return by_schema, {name: name in flagged for name in by_schema}


@pytest.mark.parametrize("root", sorted(p.name for p in ROOTS.iterdir() if (p / "course.yaml").is_file()))
def test_every_file_of_the_sample_courses_is_valid_for_both(root: str) -> None:
    by_schema, by_check = verdicts(ROOTS / root)
    assert by_schema == by_check
    assert not any(by_schema.values())


def test_the_starter_course_is_valid_for_both(tmp_path: Path) -> None:
    from scormbuild.scaffold import new_course

    new_course(tmp_path / "c")
    by_schema, by_check = verdicts(tmp_path / "c")
    assert by_schema == by_check and not any(by_schema.values())


def assert_agree_on_edit(root: Path, tmp_path: Path, file: str, old: str, new: str, slip: bool) -> None:
    """A copy of `root` with `old` replaced by `new` once in `file`: the schemas and `check`
    both find a problem in that file exactly when the edit is a `slip`, and agree on every file."""
    course = tmp_path / "course"
    shutil.copytree(root, course)
    edit(course / file, old, new)
    by_schema, by_check = verdicts(course)
    assert (by_schema[file], by_check[file]) == (slip, slip), "\n".join(schema_errors(course / file)) or "schema: valid"
    assert by_schema == by_check


M = "modules/01-basics/module.yaml"
L = "modules/01-basics/01-intro.md"
C = "modules/01-basics/02-check.md"
# (file, exact text, replacement, is a slip): one author slip each, or a harmless variant.
EDITS = [
    ("course.yaml", "title: Minimal course", "titel: Minimal course", True),
    ("course.yaml", "id: minimal", "id: ''", True),
    ("course.yaml", "id: minimal", "id: Minimal Course", True),
    ("course.yaml", "id: minimal", "id: 42", False),
    ("course.yaml", "base_iri: https://example.org/courses/minimal", "base_iri: courses/minimal", True),
    ("course.yaml", "mastery_score: 50", "mastery_score: 150", True),
    ("course.yaml", "mastery_score: 50", "mastery_score: fifty", True),
    ("course.yaml", "mastery_score: 50", "mastery_score:", False),
    ("course.yaml", "language: en", "language: ''", True),
    ("course.yaml", "version: 1.0.0", "version: 1.0", False),
    ("course.yaml", "description: The smallest", "reflections: remote\ndescription: The smallest", True),
    ("course.yaml", "    name: Mutuality\n", "", True),
    ("course.yaml", "  - modules/01-basics", "  - 7", True),
    (M, "number: 1", "number: one", True),
    (M, "number: 1", "number: -1", True),
    (M, "title: Basics", "title:", True),
    (M, "duration: 5", "duraton: 5", True),
    (M, "duration: 5", "duration: 5 minutes", True),
    (M, "id: basics", "id: ''", True),
    (M, "      label: My vision\n", "", True),
    (M, "objectives:\n  - Try every block type.", "objectives:\n  - Try: every block type.", True),
    (M, "description: Two short lessons.", "description:", False),
    (L, "title: Introduction", "titel: Introduction", True),
    (L, "title: Introduction", "title: Introduction\nid: The Intro", True),
    (L, "alt: A blue dot.\n", "", True),
    (L, "alt: A blue dot.", "alt: ''\ndecorative: true", False),
    (L, "style: tip", "style: hint", True),
    (L, "style: tip", "style:", False),
    (L, "text: Take your time.", "txt: Take your time.", True),
    (L, "items: [Bravery, Humour, Kindness]", "items: Bravery", True),
    (L, "  - title: Second\n    text: The second thing.\n", "  - title: Second\n", True),
    (L, "term: Mutuality", "term: 12", False),
    (L, "field: vision", "field: ''", True),
    (L, "```continue\n```", "```continue\nlabel: Next\n```", False),
    (L, "```continue\n```", "```continue\nlable: Next\n```", True),
    (L, "```quote\ntext: Listening is an art.\nattribution: A listener\n```", "```quote\n```", True),
    (C, "prompt: What is good", "promt: What is good", True),
    (C, "type: single", "type: singel", True),
    (C, "    correct: true\n    feedback: Yes.\n", "", True),
    (C, "  - text: Waiting for your turn to talk\n",
     "  - text: Waiting for your turn to talk\n    correct: true\n", True),
    (C, "  - text: Waiting for your turn to talk\n", "", True),
    (C, "  - text: Waiting for your turn to talk\n", "  - text: Yes\n", True),
    (C, "  - text: Waiting for your turn to talk\n", "  - 'No'\n", False),
    (C, "  - text: Waiting for your turn to talk\n", "  - No\n", True),
    (C, "type: single", "type: multiple", False),
    (C, "answer: false", "answer: nope", True),
    (C, "answer: false", "answer: false\nchoices: [A, B]", True),
    (C, "answer: false", "choices: [{text: 'True', correct: true}, 'False']", False),
    (C, "id: eye-contact", "id: Eye Contact", True),
    (C, "  - id: next\n", "  - id: ''\n", True),
    (C, "prompts:\n  - What did you notice?\n  - id: next\n    text: What will you try next?\n", "prompts: []\n", True),
    (C, "id: values\n", "id: values\ntitle: 3\n", False),
    (C, "feedback:\n  correct: That's right.", "feedback:\n  right: That's right.", True),
]


@pytest.mark.parametrize(("file", "old", "new", "slip"), EDITS,
                         ids=[f"{f}:{n.splitlines()[0] if n else '(removed)'}" for f, _, n, _ in EDITS])
def test_schema_and_check_agree_on_an_edited_file(tmp_path: Path, file: str, old: str, new: str, slip: bool) -> None:
    assert_agree_on_edit(ROOTS / "minimal", tmp_path, file, old, new, slip)


S = "modules/01-showcase/"
# The content blocks of issue 15 (tests/roots/blocks), the same way.
BLOCK_EDITS = [
    (S + "01-tabs.md", "size: small", "size: huge", True),
    (S + "01-tabs.md", "align: right", "align: left", False),
    (S + "01-tabs.md", "    text: Feeling able to do it well.\n", "", True),
    (S + "01-tabs.md", "items:", "tabs:", True),
    (S + "02-cards.md", "    back: Feeling effective.\n", "", True),
    (S + "03-process.md", "intro: Four steps, one at a time.\n", "", False),
    (S + "03-process.md", "url: https://selfdeterminationtheory.org/", "file: a.txt\nurl: https://x.org/", True),
    (S + "03-process.md", "label: Read the theory\n", "", True),
    (S + "03-process.md", "url: https://selfdeterminationtheory.org/", "url: theory.html", True),
    (S + "03-process.md", "url: https://selfdeterminationtheory.org/", "url: HTTPS://example.org", False),
    (S + "04-graphic.md", "  - x: 85\n", "  - x: 120\n", True),
    (S + "04-graphic.md", "  - x: 85\n", "  - x: 85.5\n", False),
    (S + "04-graphic.md", "  - x: 85\n", "  - x: right\n", True),
    (S + "05-timeline.md", "  - date: Week 4\n", "  - when: Week 4\n", True),
    (S + "06-gallery.md", "    alt: A wheel with two spokes.\n", "", True),
    (S + "06-gallery.md", "    alt: A wheel with two spokes.\n", "    alt: ''\n    decorative: true\n", False),
    (S + "07-table.md", "row_headers: true", "row_headers: yes please", True),
    (S + "07-table.md", "  - [Sleep,", "  - Sleep\n  - [Sleep,", True),
    (S + "07-table.md", "caption: My recovery plan\n", "", True),
]


@pytest.mark.parametrize(("file", "old", "new", "slip"), BLOCK_EDITS,
                         ids=[f"{f}:{n.splitlines()[0] if n else '(removed)'}" for f, _, n, _ in BLOCK_EDITS])
def test_schema_and_check_agree_on_an_edited_content_block(tmp_path: Path, file: str, old: str, new: str,
                                                           slip: bool) -> None:
    assert_agree_on_edit(ROOTS / "blocks", tmp_path, file, old, new, slip)


def test_the_corpus_has_slips_and_harmless_edits() -> None:
    """A corpus of only valid (or only invalid) files would agree with anything."""
    slips = sum(slip for *_, slip in EDITS)
    assert slips >= 40 and len(EDITS) - slips >= 10


def test_the_schemas_are_the_generators_output() -> None:
    spec = importlib.util.spec_from_file_location("json_schemas", REPO / "tools" / "json_schemas.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    for name, schema in generator.SCHEMAS.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == generator.render(schema), \
            f"schemas/{name} was edited by hand: change tools/json_schemas.py and run it"
