"""How the loader names a file in messages: as the author typed the course folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.load import _Ctx
from scormbuild.load.memo import Memo


@pytest.mark.parametrize("display", [".", "course", "../elsewhere/course", "/abs/course", "a/b/"])
@pytest.mark.parametrize("inside", ["course.yaml", "modules/01-basics/01-intro.md", "modules/01-basics", ""])
def test_a_path_in_the_course_is_shown_under_the_folder_as_typed(tmp_path: Path, display: str, inside: str) -> None:
    root = tmp_path / "course"
    ctx = _Ctx(root, Path(display), Memo(enabled=False))
    path = root / inside if inside else root
    assert ctx.rel(path) == (Path(display) / path.relative_to(root)).as_posix()


def test_a_path_outside_the_course_is_shown_whole(tmp_path: Path) -> None:
    ctx = _Ctx(tmp_path / "course", Path("course"), Memo(enabled=False))
    for path in (tmp_path / "course-2" / "x.md", tmp_path / "other.md"):
        assert ctx.rel(path) == path.as_posix()
