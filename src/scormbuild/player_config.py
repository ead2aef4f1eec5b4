"""The JSON configuration embedded in every player page.

The builder renders `player/module.html.j2` with `config = player_config(course, module,
standard)` and embeds it as `<script type="application/json" id="sb-config">`. The player
runtime (templates/player/static/player.js) reads it once at start: ids and order of the
lessons, what each knowledge check accepts as right, which reflections are required, the
mastery score, where to keep progress in the browser, and the UI strings in the course
language. It is plain data (str, int, bool, list, dict, None) so `tojson` can embed it.

Ids, never content, are what the runtime stores in `cmi.suspend_data`; the config maps those
ids back to the page, so keeping ids stable (model docstring) keeps learners' saved state
valid across rebuilds.
"""
from __future__ import annotations

import json
from functools import cache
from typing import Any

from . import standards
from .model import (
    CoreValuesAssessment,
    Course,
    KnowledgeCheck,
    Module,
    Reflection,
    WorksheetEntry,
    attempts_for,
    completed_objective,
    mastery_for,
    module_iri,
    objective_ids,
    show_correct_for,
)
from .resources import templates_dir

CONFIG_VERSION = 1
DEFAULT_LANGUAGE = "en"


def player_config(course: Course, module: Module, standard: str) -> dict[str, Any]:
    """Everything the runtime needs that the HTML does not already say."""
    return {
        "version": CONFIG_VERSION,
        "standard": standard,
        # The standard's tracker adapter first; "standalone" (localStorage) when no LMS is found.
        "trackers": _trackers(standard),
        "course": {"id": course.id, "title": course.title, "language": course.language},
        "module": {"id": module.id, "number": module.number, "title": module.title},
        "lessons": [{"id": lesson.id, "title": lesson.title} for lesson in module.lessons],
        "checks": _checks(course, module),
        "reflections": _reflections(module),
        "coreValues": _core_values(course, module),
        "worksheet": _worksheet(module),
        "mastery": mastery_for(course, module),  # same rule as adlcp:masteryscore
        "retake": course.retake,  # a failed module offers "Retake the checks"
        "counts": course.counts,  # after retakes: the "last" complete attempt's score, or the "best"
        "storageKey": storage_key(course, module),
        "stateKeys": state_keys(course, module),
        "reflectionsMode": course.reflections,
        "strings": ui_strings(course.language),
        **({"xapi": xapi_config(course, module)} if standards.get(standard).xapi else {}),
        **({"scorm2004": scorm2004_config(course, module)} if standard == "scorm2004" else {}),
    }


def _trackers(standard: str) -> list[str]:
    """The adapters the player tries in order (templates/player/static/tracker-*.js)."""
    own = standards.get(standard).tracker
    return [*([own] if own else []), standards.FALLBACK_TRACKER]


# SCORM 2004 4th Ed. RTE 4.2.17: cmi.objectives.n.description is localized_string_type (SPM 250).
OBJECTIVE_DESCRIPTION_MAX = 250


def scorm2004_config(course: Course, module: Module) -> dict[str, Any]:
    """The cmi.objectives the SCORM 2004 tracker keeps: one per learning objective (ids as in
    the manifest's imsss:objective), and the module's "completed" objective."""
    objectives = zip(objective_ids(course, module), module.objectives, strict=True)
    return {"objectives": [{"id": oid, "description": plain(text)[:OBJECTIVE_DESCRIPTION_MAX]}
                           for oid, text in objectives],
            "completedObjective": completed_objective(course, module)}


# --- xAPI: activity IRIs and definitions ------------------------------------------------

def xapi_config(course: Course, module: Module) -> dict[str, Any]:
    """Activity IRIs (stable: ids only, under base_iri) and plain-text names for statements.

    Names are plain text because xAPI language maps hold strings, not markup.
    """
    base = module_iri(course, module)
    return {
        "language": course.language,
        "courseIri": course.base_iri,
        "moduleIri": base,
        "moduleName": module.title,
        "lessons": {lesson.id: {"iri": f"{base}/lessons/{lesson.id}", "name": lesson.title}
                    for lesson in module.lessons},
        "checks": {c.id: _check_activity(base, c) for _, c in _blocks_of(module, KnowledgeCheck)},
        "prompts": {prompt_key(r, p.id): {"iri": f"{base}/reflections/{r.id}/{p.id}", "name": plain(p.text)}
                    for _, r in _blocks_of(module, Reflection) for p in r.prompts},
        "values": {a.id: {"iri": f"{base}/core-values/{a.id}", "name": plain(a.prompt)}
                   for _, a in _blocks_of(module, CoreValuesAssessment)},
        # Worksheet answers (state.worksheet, keyed by field id) are the learner's words
        # like reflections: reported as "responded" to these activities when text may leave.
        "worksheet": {f.id: {"iri": f"{base}/worksheet/{f.id}", "name": plain(f.label)}
                      for f in (module.worksheet.fields if module.worksheet else ())},
    }


def _check_activity(base: str, check: KnowledgeCheck) -> dict[str, Any]:
    activity = {"iri": f"{base}/checks/{check.id}", "name": plain(check.prompt),
                "choices": {c.id: plain(c.text) for c in check.choices}}
    if check.type == "matching":  # xAPI 1.0.3 §2.4.4.1 matching: source and target components
        activity.update(choices={p.id: plain(p.source) for p in check.pairs},
                        targets={tid: plain(text) for tid, text in check.targets})
    return activity


def plain(markdown: str) -> str:
    """Inline Markdown → plain text (for xAPI names): render, drop tags, unescape."""
    import html
    import re

    from .render import markdown_inline

    return html.unescape(re.sub(r"<[^>]+>", "", markdown_inline(markdown))).strip()


def storage_key(course: Course, module: Module) -> str:
    """localStorage key: one per course+module, so a bundle's modules never collide."""
    return f"scormbuild:{course.id}:{module.id}"


# --- short keys for the saved state ------------------------------------------------------
#
# SCORM 1.2 gives cmi.suspend_data 4096 characters (RTE 3.4.4), and in module 13 the ids
# alone ("my-community-support-network", "gratitude-today.grateful-today", ...) cost about
# 800 of them even compressed. The saved state therefore names each thing by a short code
# derived from its id alone, never from its position: adding, removing or reordering
# lessons and prompts in a later build leaves every other code, and so every learner's
# saved answer, where it was.

CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
CODE_LENGTH = 3  # 18 bits: two ids of one kind in a module collide about once in 2,000 modules


def state_codes(ids: list[str]) -> dict[str, str]:
    """id → short code, unique among `ids`. An id whose code another id shares gets a longer
    one (only the ids that collide change, and only when the colliding id is added)."""
    import hashlib

    digests = {i: hashlib.blake2s(i.encode("utf-8"), digest_size=8).digest() for i in ids}
    length, todo, codes = CODE_LENGTH, list(dict.fromkeys(ids)), {}
    while todo:
        trial = {i: _code(digests[i], length) for i in todo}
        seen: dict[str, int] = {}
        for code in trial.values():
            seen[code] = seen.get(code, 0) + 1
        codes.update({i: c for i, c in trial.items() if seen[c] == 1})  # lengths differ by round
        todo, length = [i for i in todo if i not in codes], length + 1
    return codes


def _code(digest: bytes, length: int) -> str:
    n = int.from_bytes(digest, "big")
    return "".join(CODE_ALPHABET[(n >> (6 * k)) & 63] for k in range(length))


def state_keys(course: Course, module: Module) -> dict[str, dict[str, str]]:
    """The code tables the player's codec uses, one per kind of state key
    (templates/player/static/player.js `codec.compact`)."""
    return {
        "l": state_codes([lesson.id for lesson in module.lessons]),
        "a": state_codes([c.id for _, c in _blocks_of(module, KnowledgeCheck)]),
        "k": state_codes([a.id for _, a in _blocks_of(module, CoreValuesAssessment)]),
        "v": state_codes([v.id for v in course.core_values]),
        "r": state_codes([prompt_key(r, p.id) for _, r in _blocks_of(module, Reflection) for p in r.prompts]),
        "w": state_codes([f.id for f in module.worksheet.fields] if module.worksheet else []),
    }


def prompt_key(reflection: Reflection, prompt_id: str) -> str:
    """The key of one reflection answer in the learner state (and an HTML id suffix)."""
    return f"{reflection.id}.{prompt_id}"


def _blocks_of(module: Module, kind: type) -> list[tuple[int, Any]]:
    return [(n, b) for n, lesson in enumerate(module.lessons) for b in lesson.blocks if isinstance(b, kind)]


def _checks(course: Course, module: Module) -> list[dict[str, Any]]:
    return [
        {
            "id": check.id,
            "lesson": n,
            "type": check.type,
            "choices": [c.id for c in check.choices] or [p.id for p in check.pairs],
            "correct": _correct(check),
            "attempts": attempts_for(course, module, check),  # 0: unlimited
            "showCorrect": show_correct_for(course, module, check),
            **_check_extras(check),
        }
        for n, check in _blocks_of(module, KnowledgeCheck)
    ]


def _correct(check: KnowledgeCheck) -> list[str]:
    """The right answer in the player's own answer form (what it stores): choice ids;
    matching "source.target" pairs; ordering the item ids in order; fill-in the accepted texts."""
    if check.type == "matching":
        return [f"{p.id}.{check.target_id(p.target)}" for p in check.pairs if p.target]
    if check.type == "fill-in":
        return list(check.accept)
    return list(check.correct_ids)


def _check_extras(check: KnowledgeCheck) -> dict[str, Any]:
    """Only what a type needs, so a choice check's config stays as it was."""
    extras: dict[str, Any] = {}
    if check.shuffle:
        extras["shuffle"] = True
    if not check.scored:
        extras["scored"] = False
    if check.type == "ordering":
        extras["ordered"] = True
    if check.type == "matching":
        extras["targets"] = [tid for tid, _ in check.targets]
    if check.type == "fill-in":
        extras.update(caseSensitive=check.case_sensitive, spacing=check.spacing)
    if check.type == "numeric":
        extras.update(low=check.low, high=check.high)
    return extras


def _reflections(module: Module) -> list[dict[str, Any]]:
    return [
        {
            "id": refl.id,
            "lesson": n,
            "required": refl.required,
            "prompts": [prompt_key(refl, p.id) for p in refl.prompts],
        }
        for n, refl in _blocks_of(module, Reflection)
    ]


def _worksheet(module: Module) -> dict[str, Any] | None:
    """Field ids in worksheet order, and the lessons where each is filled (may be none:
    the field then shows blank on the printed worksheet until the learner fills it)."""
    if module.worksheet is None:
        return None
    where: dict[str, list[int]] = {f.id: [] for f in module.worksheet.fields}
    for n, entry in _blocks_of(module, WorksheetEntry):
        if entry.field in where and n not in where[entry.field]:
            where[entry.field].append(n)
    return {"fields": [{"id": fid, "lessons": lessons} for fid, lessons in where.items()]}


def _core_values(course: Course, module: Module) -> dict[str, Any]:
    return {
        "values": [v.id for v in course.core_values],
        "assessments": [{"id": a.id, "lesson": n} for n, a in _blocks_of(module, CoreValuesAssessment)],
    }


# --- UI string catalogue -------------------------------------------------------------

@cache
def _catalogue(language: str) -> dict[str, str]:
    path = templates_dir() / "player" / "i18n" / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def available_languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in (templates_dir() / "player" / "i18n").glob("*.json")))


def ui_strings(language: str) -> dict[str, str]:
    """The player's strings for a BCP 47 tag: exact tag, then primary subtag, then English.

    Missing keys fall back to English one by one, so a partial translation never leaves a
    blank button.
    """
    strings = dict(_catalogue(DEFAULT_LANGUAGE))
    primary = language.split("-")[0].lower()
    for tag in dict.fromkeys((primary, language)):
        if tag != DEFAULT_LANGUAGE:
            strings.update(_catalogue(tag))
    return strings
