"""player_config: the data the page embeds for the runtime (no browser needed)."""
from __future__ import annotations

import dataclasses
import json

from scormbuild.load import load_course
from scormbuild.player_config import available_languages, player_config, ui_strings

from .conftest import COURSE, MODULE


def config(language: str = "en", reflections: str = "lms") -> dict:
    course, _ = load_course(COURSE)
    course = dataclasses.replace(course, language=language, reflections=reflections)
    module = next(m for m in course.modules if m.id == MODULE)
    return player_config(course, module, "scorm12")


def test_config_is_plain_json_with_ids_answers_and_mastery() -> None:
    cfg = config()
    assert json.loads(json.dumps(cfg)) == cfg
    assert cfg["trackers"] == ["scorm12", "standalone"]
    assert cfg["storageKey"] == "scormbuild:where-we-are-at:goal-planning"
    assert cfg["mastery"] == 75
    assert [c["id"] for c in cfg["checks"]][:1] == ["outcome-measures"]
    for c in cfg["checks"]:  # the right answer in the player's answer form, from its own ids
        answers = {f"{s}.{t}" for s in c["choices"] for t in c.get("targets", [])} or set(c["choices"])
        assert c["correct"] and set(c["correct"]) <= answers, c
        assert c["attempts"] == 2 and c["showCorrect"] is True  # course.yaml: two tries each
    assert cfg["retake"] is True and cfg["counts"] == "last"
    matching = next(c for c in cfg["checks"] if c["type"] == "matching")
    assert matching["correct"] == ["1.a", "2.b", "3.a", "4.b"] and matching["targets"] == ["a", "b"]
    course, _ = load_course(COURSE)
    module = next(m for m in course.modules if m.id == MODULE)
    assert [p for r in cfg["reflections"] for p in r["prompts"]] == [
        f"{r.id}.{p.id}" for r in module.reflections for p in r.prompts]


def test_ui_strings_follow_the_course_language_and_fall_back_key_by_key() -> None:
    assert set(available_languages()) >= {"en", "fr", "es", "de"}
    assert set(ui_strings("fr")) == set(ui_strings("en"))
    assert config("fr-CA")["strings"]["exit"] == "Quitter"
    assert config("de")["strings"]["exit"] == "Beenden"
    assert config("pt")["strings"]["exit"] == "Exit"  # check reports language.unsupported first


def test_local_reflections_mode_reaches_the_runtime() -> None:
    assert config(reflections="local")["reflectionsMode"] == "local"


def test_worksheet_fields_in_order_with_the_lessons_that_fill_them() -> None:
    assert config()["worksheet"] == {"fields": [
        {"id": "vision", "lessons": [12]}, {"id": "strengths", "lessons": [13]}, {"id": "feel", "lessons": [14]},
        {"id": "goal", "lessons": [15]}, {"id": "toolbox", "lessons": [16]}, {"id": "community", "lessons": [17]},
        {"id": "resistance", "lessons": [18]}]}


def test_worksheet_fields_have_xapi_activities() -> None:
    course, _ = load_course(COURSE)
    module = next(m for m in course.modules if m.id == MODULE)
    xapi = player_config(course, module, "cmi5")["xapi"]
    assert xapi["worksheet"]["community"] == {
        "iri": "https://example.org/courses/where-we-are-at/goal-planning/worksheet/community",
        "name": "My community: my support network"}
    assert list(xapi["worksheet"]) == ["vision", "strengths", "feel", "goal", "toolbox", "community", "resistance"]
    assert "xapi" not in config()  # SCORM 1.2 pages carry no xAPI config
