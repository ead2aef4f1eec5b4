"""`scormbuild preview` without a browser: what it needs, and how it says so (the page
itself is tested in tests/browser/test_preview.py)."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from scormbuild.cli import main
from scormbuild.preview.scorm_again import ENV, find_dist
from scormbuild.preview.watcher import changed, snapshot

REPO = Path(__file__).resolve().parents[1]
DIST = REPO / "node_modules" / "scorm-again" / "dist"


def fake_dist(root: Path) -> Path:
    dist = root / "node_modules" / "scorm-again" / "dist"
    dist.mkdir(parents=True)
    for name in ("scorm12.js", "scorm2004.js"):
        (dist / name).write_text("// scorm-again\n")
    return dist


def test_scorm_again_is_found_in_a_parent_folder_or_through_the_environment(tmp_path: Path) -> None:
    dist = fake_dist(tmp_path / "project")
    deep = tmp_path / "project" / "courses" / "a"
    deep.mkdir(parents=True)
    assert find_dist(deep, {}) == dist
    assert find_dist(tmp_path, {}) is None
    assert find_dist(tmp_path, {ENV: str(dist)}) == dist
    assert find_dist(deep, {ENV: str(tmp_path)}) is None, "a wrong variable is not silently ignored"


@pytest.mark.parametrize("env", [None, "/nowhere/dist"])
def test_without_scorm_again_it_says_what_to_run_and_exits_2(course: Path, monkeypatch: pytest.MonkeyPatch,
                                                              env: str | None) -> None:
    monkeypatch.delenv(ENV, raising=False)
    if env:
        monkeypatch.setenv(ENV, env)
    done = CliRunner().invoke(main, ["preview", "course", "--port", "0"])
    assert done.exit_code == 2, done.output
    assert "npm install scorm-again@3.4.3" in done.output
    assert (f"{ENV}=/nowhere/dist has no scorm12.js" if env else "not found in node_modules/") in done.output
    assert "Traceback" not in done.output


def test_a_port_in_use_is_exit_2_with_the_way_out(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(DIST) if DIST.is_dir() else str(fake_dist(Path.cwd())))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = CliRunner().invoke(main, ["preview", "course", "--port", str(port)])
    assert done.exit_code == 2, done.output
    assert f"cannot listen on 127.0.0.1:{port}" in done.output and "--port 0" in done.output


def test_no_course_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["preview", "nothing"])
    assert done.exit_code == 2 and "has no course.yaml" in done.output


def test_the_watcher_sees_edits_additions_removals_and_not_editor_files(course: Path) -> None:
    before = snapshot(course)
    lesson = course / "modules" / "01-basics" / "01-intro.md"
    lesson.write_text(lesson.read_text() + "\nMore.\n")
    (course / "modules" / "01-basics" / ".01-intro.md.swp").write_text("vim")
    (course / "modules" / "01-basics" / "01-intro.md~").write_text("backup")
    (course / "assets" / "journal.html").unlink()
    (course / "assets" / "new.txt").write_text("new")
    assert changed(before, snapshot(course)) == sorted([str(lesson), str(course / "assets" / "journal.html"),
                                                        str(course / "assets" / "new.txt")])
