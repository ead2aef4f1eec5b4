"""Lessons parsed by an earlier run are re-used only while their files are unchanged, and
with them the problems they had: the memo never hides an author error."""
from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.load import memo
from tests.conftest import INTRO, brief, edit


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
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
    parsed = forbid_parsing(monkeypatch)
    assert brief(course) == first
    assert parsed == []


def test_an_edited_lesson_is_parsed_again(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    brief(course)
    parsed = forbid_parsing(monkeypatch)
    edit(Path(INTRO), "alt: A blue dot.", "alt: ''")
    assert ("image.no-alt", INTRO, 6, 1) in brief(course)
    assert [p.name for p in parsed] == ["01-intro.md"]


def test_the_same_file_shown_under_another_path_is_parsed_again(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name the file as the author typed the course path: that is in the key."""
    from scormbuild.pipeline import load_and_check

    load_and_check(course, display=course)
    parsed = forbid_parsing(monkeypatch)
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
    real = prose._scan
    monkeypatch.setattr(prose, "_scan", lambda text: scanned.append(text) or real(text))
    assert brief(course) == first
    assert scanned == []
    edit(Path(INTRO), "<b>the basics</b>", "<i>the basics</i>")
    assert ("markdown.html", INTRO, 4, 12) in brief(course)
    assert [text for text in scanned if "<i>" in text]  # the edited prose, scanned anew
