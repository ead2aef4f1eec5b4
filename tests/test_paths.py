"""real_path is Path.resolve(), with folders resolved once per run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from scormbuild import paths


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """real/ with a file and a linked file, link-dir → real/, out/ outside, a link to it."""
    paths.forget()
    (tmp_path / "real").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "real" / "a.png").write_bytes(b"a")
    (tmp_path / "out" / "secret.txt").write_bytes(b"s")
    os.symlink(tmp_path / "out" / "secret.txt", tmp_path / "real" / "linked.txt")
    os.symlink(tmp_path / "real", tmp_path / "link-dir")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("written", [
    "real/a.png", "real/missing.png", "real/linked.txt", "link-dir/a.png", "link-dir/linked.txt",
    "real/../out/secret.txt", "link-dir/../out/secret.txt", "real/.", "real/..", "a.png", "./real/a.png",
])
def test_real_path_is_what_resolve_gives(tree: Path, written: str) -> None:
    for base in (Path(written), tree / written):
        assert paths.real_path(base) == base.resolve()
        assert paths.real_path(base) == base.resolve()  # from the remembered folder


def test_a_folder_changed_between_runs_is_seen_after_forget(tree: Path) -> None:
    assert paths.real_path(Path("swap/a.png")) == tree / "swap" / "a.png"
    os.symlink(tree / "out", tree / "swap")
    paths.forget()
    assert paths.real_path(Path("swap/a.png")) == tree / "out" / "a.png"


def test_relative_paths_follow_the_working_folder(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert paths.real_path(Path("real/a.png")) == tree / "real" / "a.png"
    monkeypatch.chdir(tree / "out")
    assert paths.real_path(Path("real/a.png")) == tree / "out" / "real" / "a.png"
