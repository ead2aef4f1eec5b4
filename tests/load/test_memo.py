"""Lessons parsed by an earlier run are re-used only while their files are unchanged, and
with them the problems they had: the memo never hides an author error."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from scormbuild.load import memo
from tests.conftest import INTRO, brief, edit


def count_parsing(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    parsed: list[Path] = []
    real = memo.load_lesson

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(memo, "load_lesson", counting)
    return parsed


def test_an_unchanged_lesson_is_not_parsed_again_and_keeps_its_problems(course: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    edit(Path(INTRO), "alt: A blue dot.", "alt: ''")
    first = brief(course)
    assert ("image.no-alt", INTRO, 6, 1) in first
    parsed = count_parsing(monkeypatch)
    assert brief(course) == first
    assert parsed == []


def test_an_edited_lesson_is_parsed_again(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    brief(course)
    parsed = count_parsing(monkeypatch)
    edit(Path(INTRO), "alt: A blue dot.", "alt: ''")
    assert ("image.no-alt", INTRO, 6, 1) in brief(course)
    assert [p.name for p in parsed] == ["01-intro.md"]


def test_the_same_file_shown_under_another_path_is_parsed_again(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name the file as the author typed the course path: that is in the key."""
    from scormbuild.pipeline import load_and_check

    load_and_check(course, display=course)
    parsed = count_parsing(monkeypatch)
    _, diags = load_and_check(course, display=Path("elsewhere"))
    assert parsed and all(d.location.path.startswith("elsewhere/") for d in diags)


def test_a_lesson_read_from_bytes_is_the_lesson_read_from_the_file(tmp_path: Path) -> None:
    """A byte order mark and Windows line ends read as `read_text(encoding="utf-8-sig")` reads them."""
    path = tmp_path / "01-a.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nSome\r\ntext.\r\n\r\n```continue\r\n```\r\n")
    from_file = memo.load_lesson(path, "a.md", [])
    assert memo.load_lesson(path, "a.md", [], text=memo._text(path.read_bytes())) == from_file


def test_an_unreadable_memo_is_an_empty_one(course: Path) -> None:
    first = brief(course)
    for stored in memo.user_cache_folder("lessons").glob("*.pickle"):  # type: ignore[union-attr]
        stored.write_bytes(b"not a pickle")
    assert brief(course) == first


def test_prose_unchanged_since_the_last_run_is_not_scanned_again_and_keeps_its_problems(
        course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scormbuild import prose

    edit(Path(INTRO), "Welcome to **the basics**.", "Welcome to <b>the basics</b>.")
    first = brief(course)
    assert ("markdown.html", INTRO, 4, 12) in first
    scanned: list[str] = []
    real = prose.scan.compute
    monkeypatch.setattr(prose.scan, "compute", lambda text: scanned.append(text) or real(text))
    assert brief(course) == first
    assert scanned == []
    edit(Path(INTRO), "<b>the basics</b>", "<i>the basics</i>")
    assert ("markdown.html", INTRO, 4, 12) in brief(course)
    assert [text for text in scanned if "<i>" in text]  # the edited prose, scanned anew


def test_markdown_rendered_by_the_last_build_is_not_rendered_again(course: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from scormbuild import render
    from scormbuild.pipeline import build

    assert build(course, Path("dist"), display=course).ok
    fresh = Path("dist/minimal-01-basics-scorm12.zip").read_bytes()
    rendered: list[object] = []
    for function in (render.markdown_block, render.markdown_inline, render._markdown_prose):
        real = function.compute
        monkeypatch.setattr(function, "compute", lambda *args, real=real: rendered.append(args) or real(*args))
    assert build(course, Path("again"), display=course).ok
    assert rendered == []
    assert Path("again/minimal-01-basics-scorm12.zip").read_bytes() == fresh
    edit(Path(INTRO), "Welcome to **the basics**.", "Welcome to *the basics*.")
    assert build(course, Path("again"), display=course).ok
    assert [args for args in rendered if "*the basics*" in str(args[0])]  # the edited text only
    assert len(rendered) == 1


def test_results_not_asked_for_in_many_runs_are_dropped() -> None:
    """Run 31 asks for "new": "recent" (last asked 19 runs ago) stays, "stale" (20 runs ago) goes."""
    function = memo.Remembered(str.upper)
    function.start({})
    function("new")
    recent, stale = 31 - memo.KEEP_RUNS + 1, 31 - memo.KEEP_RUNS
    run, kept = memo._aged((30, {("recent",): ("RECENT", recent), ("stale",): ("STALE", stale)}), function)
    assert (run, kept) == (31, {("recent",): ("RECENT", recent), ("new",): ("NEW", 31)})


def test_a_run_that_asks_nothing_ages_nothing() -> None:
    function = memo.Remembered(str.upper)
    function.start({})
    stored = (30, {("old",): ("OLD", 11)})
    assert memo._aged(stored, function) == stored


def test_memos_of_courses_not_seen_for_a_month_are_removed(course: Path) -> None:
    brief(course)
    folder = memo.user_cache_folder("lessons")
    assert folder is not None
    gone, kept = folder / "gone.pickle", folder / "kept.pickle"
    for path in (gone, kept):
        path.write_bytes(b"")
    month_ago = time.time() - (memo.FORGET_DAYS + 1) * 86400
    os.utime(gone, (month_ago, month_ago))
    edit(Path(INTRO), "Welcome", "Hello")  # a change, so that the memo is saved
    brief(course)
    assert not gone.exists() and kept.exists()


def test_what_worker_processes_render_is_remembered_too(root_factory, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from scormbuild import render
    from scormbuild.pipeline import build

    two = root_factory("two-modules")
    assert build(two, Path("dist"), display=two, jobs=2).ok
    rendered: list[object] = []
    real = render.markdown_block.compute
    monkeypatch.setattr(render.markdown_block, "compute", lambda *args: rendered.append(args) or real(*args))
    assert build(two, Path("again"), display=two).ok  # one process, another output folder
    assert rendered == []


def test_check_no_cache_parses_every_lesson(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from scormbuild.cli import main

    brief(course)
    parsed = count_parsing(monkeypatch)
    assert CliRunner().invoke(main, ["check", "course"]).exit_code == 0
    assert parsed == []
    assert CliRunner().invoke(main, ["check", "course", "--no-cache"]).exit_code == 0
    assert sorted(p.name for p in parsed) == ["01-intro.md", "02-check.md"]


def test_a_save_after_one_edit_pickles_only_the_edited_folder_again(
        root_factory, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Each module folder's lessons are one pickled group; an unchanged folder's bytes are saved as they were."""
    import pickle

    from scormbuild.pipeline import load_and_check

    course = root_factory("two-modules")
    load_and_check(course)
    pickled: list[object] = []
    real = pickle.dumps

    def counting(value: object, *args: object, **kwargs: object) -> bytes:
        pickled.append(value)
        return real(value, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pickle, "dumps", counting)
    lesson = sorted((course / "modules").glob("2-second/*.md"))[0]
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    load_and_check(course)
    groups = [value for value in pickled if isinstance(value, dict) and value and all(isinstance(k, str) for k in value)
              and "stamp" not in value]
    assert len(groups) == 1
    (lessons,) = groups
    assert [parsed[0].path.name for parsed in lessons.values()] == [
        p.name for p in sorted(lesson.parent.glob("*.md"))]
    state = memo.Memo(course.resolve()).path
    assert state is not None and len(real(pickle.loads(state.read_bytes())["lessons"])) > 0


def test_a_run_reads_each_file_once_for_the_package_keys(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader's reading of a lesson is what its package key hashes: the key does not read it again."""
    import builtins

    from scormbuild import cache
    from scormbuild.pipeline import build

    reads: list[str] = []
    real_read, real_open = Path.read_bytes, builtins.open

    def counting_read(self: Path) -> bytes:
        reads.append(str(self))
        return real_read(self)

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", counting_read)
    monkeypatch.setattr(cache, "open", counting_open, raising=False)  # the keys' own reading
    build(course, course.parent / "dist")
    lessons = [r for r in reads if r.endswith(".md")]
    assert lessons and len(lessons) == len(set(lessons)), lessons
    assert any(r.endswith("module.yaml") for r in reads)  # what only the keys read is seen
    cache.start_run()
    assert not cache._digests


def test_course_and_module_yaml_unchanged_since_the_last_run_are_not_parsed_again(
        root_factory, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from scormbuild.load import yamlpos
    from scormbuild.pipeline import load_and_check

    course = root_factory("two-modules")
    first = load_and_check(course)[1]
    composed: list[str] = []
    real = yamlpos.parse_file.compute

    def counting(text: str, path: str, *rest: int) -> yamlpos.Parsed:
        composed.append(path)
        return real(text, path, *rest)

    monkeypatch.setattr(yamlpos.parse_file, "compute", counting)
    assert load_and_check(course)[1] == first
    assert composed == []
    edit(course / "modules" / "2-second" / "module.yaml", "title: Second", "title: Second, changed")
    load_and_check(course)
    assert composed == ["course/modules/2-second/module.yaml"]


def test_results_a_run_only_looked_up_are_saved_as_they_were(root_factory) -> None:  # type: ignore[no-untyped-def]
    """An edit to a lesson's prose adds scans, not YAML: the YAML results' bytes are kept, not pickled again."""
    import pickle

    from scormbuild.pipeline import load_and_check

    course = root_factory("two-modules")
    load_and_check(course)
    path = memo.Memo(course.resolve()).path
    assert path is not None
    before = pickle.loads(path.read_bytes())["results"]
    lesson = sorted((course / "modules").glob("2-second/*.md"))[0]
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    load_and_check(course)
    after = pickle.loads(path.read_bytes())["results"]
    assert after["yaml"] == before["yaml"] and after["yaml"][1]
    assert after["scan"] != before["scan"]
