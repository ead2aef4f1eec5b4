"""Course folder → frozen model, plus every problem met on the way.

`load_course` never raises for author mistakes: it returns the best model it could
build and the diagnostics; the pipeline stops before building when any is an error.
Locations use the course path as the author typed it, so messages read
`course/modules/13-goal-planning/module.yaml:12:5` from where they ran the command.
"""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from .. import model as m
from ..diagnostics import Diagnostic, Location, error
from ..iri import is_absolute_iri
from .fields import Fields
from .memo import Memo
from .moodle import load_moodle
from .theme import load_theme
from .yamlpos import Node, parse_file

_MODULE_PREFIX = re.compile(r"^\d+[-_. ]+")
_REQUIRED = {"course.yaml": "id, title, base_iri and modules", "module.yaml": "number, title and lessons"}


class _Ctx:
    def __init__(self, root: Path, display: Path, memo: Memo) -> None:
        self.root, self.display = root, display
        self.diags: list[Diagnostic] = []
        self.memo = memo
        self._inside = os.path.join(os.fspath(root), "")  # root with its separator
        self._shown = display.as_posix()

    def rel(self, path: Path) -> str:
        """The path as messages show it: under the course folder as the author typed it."""
        text = os.fspath(path)
        if text.startswith(self._inside):  # most paths: string work, not three Paths each
            rest = text[len(self._inside):].replace(os.sep, "/")
            return rest if self._shown == "." else f"{self._shown}/{rest}"
        try:
            return (self.display / path.relative_to(self.root)).as_posix()
        except ValueError:
            return path.as_posix()

    def read_yaml(self, path: Path) -> tuple[Node | None, Location]:
        loc = Location(self.rel(path), 1, 1)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.diags.append(error("file.unreadable", Location(self.rel(path)), f"cannot read file: {_reason(exc)}",
                                    "check that the file exists and is UTF-8 text"))
            return None, loc
        node, problems = parse_file(text, loc.path)
        self.diags.extend(problems)
        if node is None and not problems:
            # Issue 14: an empty course.yaml reported "0 packages built" and exit 0.
            self.diags.append(error("file.empty", loc, f"{path.name} is empty",
                                    f"write its keys: {_REQUIRED.get(path.name, 'see docs/format.md')}"))
        # A file YAML cannot read yields no model: its "missing key" errors would only
        # repeat the syntax error in other words.
        return (None if problems else node), loc


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def load_course(course_dir: Path, display: Path | None = None, *,
                memo: Memo | None = None) -> tuple[m.Course | None, list[Diagnostic]]:
    """`memo`: lessons parsed by an earlier run, re-used when their files are unchanged
    (load.memo; the caller saves it). Without one every lesson is parsed."""
    ctx = _Ctx(course_dir.resolve(), display if display is not None else course_dir, memo or Memo(enabled=False))
    course_file = ctx.root / "course.yaml"
    if not course_file.is_file():
        ctx.diags.append(error("course.missing", Location(ctx.rel(course_file)), "no course.yaml in the course folder",
                               "run the command on the folder that holds course.yaml"))
        return None, ctx.diags
    node, loc = ctx.read_yaml(course_file)
    if node is None:
        # Issue 14: one broken file must not hide the others' problems. The course is
        # partial (checked, never built): every module folder found on disk.
        folders = sorted(p.parent for p in ctx.root.glob("modules/*/module.yaml"))
        modules = tuple(filter(None, (_module(folder, ctx) for folder in folders)))
        return m.Course("", "", modules, "", loc=loc, root=ctx.root, partial=True), ctx.diags
    course = _course(Fields(node, "course.yaml", ctx.diags, loc), ctx, loc)
    return course, ctx.diags


def _course(f: Fields, ctx: _Ctx, loc: Location) -> m.Course:
    modules = tuple(filter(None, (_module_ref(n, ctx) for n in f.list("modules", required=True))))
    course = m.Course(
        id=f.str("id", required=True), title=f.str("title", required=True), modules=modules,
        base_iri=_base_iri(f), description=f.str("description"),
        language=f.str("language", default="en"), version=f.str("version", default="1.0.0"),
        publisher=f.str("publisher"), credits=f.str_list("credits"),
        core_values=tuple(_core_value(n, ctx) for n in f.list("core_values")),
        mastery_score=f.int("mastery_score", lo=0, hi=100),
        reflections=f.choice("reflections", ("lms", "local"), "lms"),  # type: ignore[arg-type]
        moodle=load_moodle(f.map("moodle"), ctx.diags, loc),
        sequencing=_scorm2004(f.map("scorm2004"), ctx),
        attempts=_or(f.attempts(), 1), show_correct=f.bool("show_correct", True), retake=f.bool("retake"),
        counts=f.choice("counts", ("last", "best"), "last"),  # type: ignore[arg-type]
        theme=load_theme(f.map("theme"), ctx.diags), strings=_strings(f.map("strings"), ctx),
        language_loc=f.key_value_loc("language"), loc=loc, root=ctx.root)
    f.finish()
    return course


def _strings(node: Node | None, ctx: _Ctx) -> tuple[m.StringOverride, ...]:
    """course.yaml `strings: {key: text}`; unknown keys are the `language` check's to report."""
    if node is None:
        return ()
    f = Fields(node, "strings", ctx.diags, node.loc)
    keys = [key for key, _ in f.node.keys]
    overrides = tuple(m.StringOverride(key, f.str(key, required=True), f.node.key_loc(key)) for key in keys)
    f.finish()
    return overrides


def _scorm2004(node: Node | None, ctx: _Ctx) -> m.Scorm2004Sequencing:
    """course.yaml `scorm2004: {sequencing: {choice, flow, forced_order}}` (SN 3.2, 3.4)."""
    if node is None:
        return m.Scorm2004Sequencing()
    f = Fields(node, "scorm2004", ctx.diags, node.loc)
    seq_node = f.map("sequencing")
    f.finish()
    if seq_node is None:
        return m.Scorm2004Sequencing(loc=node.loc)
    s = Fields(seq_node, "scorm2004 sequencing", ctx.diags, seq_node.loc)
    seq = m.Scorm2004Sequencing(choice=s.bool("choice", True), flow=s.bool("flow", True),
                                forced_order=s.bool("forced_order", False), loc=seq_node.loc)
    s.finish()
    if not seq.choice and not seq.flow:
        ctx.diags.append(error("key.value", seq_node.loc, "scorm2004 sequencing allows neither choice nor flow",
                               "a learner could reach no module: set 'choice: true' or 'flow: true'"))
    return seq


def _base_iri(f: Fields) -> str:
    """The root of every activity IRI: absolute (RFC 3987 §2.2; xAPI 1.0.3 §2.4.4.1). Issue 14:
    a relative one was caught only by `build -f cmi5`, inside the zip."""
    value = f.str("base_iri", required=True).rstrip("/")
    if value and not is_absolute_iri(value):
        f.diags.append(error("key.iri", f.key_value_loc("base_iri"), f"base_iri '{value}' is not an absolute IRI",
                             "start it with a scheme and a host you control, e.g. 'https://example.org/courses/"
                             f"{f.str('id') or 'my-course'}'"))
    return value


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _core_value(node: Node, ctx: _Ctx) -> m.CoreValue:
    f = Fields(node, "core value", ctx.diags, node.loc)
    value = m.CoreValue(id=f.str("id", required=True), name=f.str("name", required=True),
                        definition=f.str("definition", required=True), in_action=f.str_list("in_action"),
                        overarching=f.bool("overarching"), loc=node.loc)
    f.finish()
    return value


def _module_ref(node: Node, ctx: _Ctx) -> m.Module | None:
    if not isinstance(node.value, str):
        ctx.diags.append(error("key.type", node.loc, "each item of 'modules' must be a folder path",
                               "write '- modules/13-goal-planning'"))
        return None
    folder = ctx.root / node.value
    if not (folder / "module.yaml").is_file():
        ctx.diags.append(error("file.missing", node.loc, f"module folder '{node.value}' has no module.yaml",
                               "fix the path, or create the folder with a module.yaml"))
        return None
    return _module(folder, ctx)


def _module(folder: Path, ctx: _Ctx) -> m.Module | None:
    node, loc = ctx.read_yaml(folder / "module.yaml")
    if node is None:
        # Its lessons are still loaded and checked, so one syntax error does not hide their
        # problems: a partial module, in file-name order.
        lessons = (_lesson_ref(Node(path.name, loc), folder, ctx) for path in sorted(folder.glob("*.md")))
        return m.Module(_MODULE_PREFIX.sub("", folder.name).lower(), 0, "", tuple(filter(None, lessons)),
                        loc=loc, dir=folder, partial=True)
    f = Fields(node, "module.yaml", ctx.diags, loc)
    module = m.Module(
        id=f.str("id", default=_MODULE_PREFIX.sub("", folder.name).lower()),
        number=f.int("number", required=True, lo=0, hi=9999) or 0, title=f.str("title", required=True),
        lessons=tuple(filter(None, (_lesson_ref(n, folder, ctx) for n in f.list("lessons", required=True)))),
        description=f.str("description"), objectives=f.str_list("objectives"),
        duration_minutes=f.int("duration", lo=0, hi=10000) or 0, references=f.str_list("references"),
        next_steps=f.str_list("next_steps"), mastery_score=f.int("mastery_score", lo=0, hi=100),
        worksheet=_worksheet(f.map("worksheet"), ctx), attempts=f.attempts(),
        show_correct=f.maybe_bool("show_correct"), loc=loc, dir=folder,
        mastery_loc=f.key_value_loc("mastery_score"))
    f.finish()
    return module


def _worksheet(node: Node | None, ctx: _Ctx) -> m.Worksheet | None:
    if node is None:
        return None
    f = Fields(node, "worksheet", ctx.diags, node.loc)
    fields = []
    for item in f.list("fields", required=True):
        field = Fields(item, "worksheet field", ctx.diags, item.loc)
        fields.append(m.WorksheetField(field.str("id", required=True), field.str("label", required=True),
                                       field.str("hint"), item.loc))
        field.finish()
    sheet = m.Worksheet(f.str("title", required=True), tuple(fields), f.str("intro"), node.loc)
    f.finish()
    return sheet


def _lesson_ref(node: Node, folder: Path, ctx: _Ctx) -> m.Lesson | None:
    if not isinstance(node.value, str):
        ctx.diags.append(error("key.type", node.loc, "each item of 'lessons' must be a file name",
                               "write '- 01-welcome.md'"))
        return None
    path = folder / node.value
    if not path.is_file():
        near = difflib.get_close_matches(node.value, sorted(p.name for p in folder.glob("*.md")), n=1)
        hint = f"did you mean '{near[0]}'?" if near else "create the file, or fix the name"
        ctx.diags.append(error("file.missing", node.loc, f"lesson file '{node.value}' does not exist", hint))
        return None
    try:
        return ctx.memo.lesson(path, ctx.rel(path), ctx.diags)
    except (OSError, UnicodeDecodeError) as exc:
        ctx.diags.append(error("file.unreadable", node.loc, f"cannot read '{node.value}': {_reason(exc)}",
                               "save the file as UTF-8 text"))
        return None
