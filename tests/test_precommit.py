"""The published pre-commit hook (.pre-commit-hooks.yaml), run by pre-commit itself in a
course's own git repository: a clean course commits, a broken one is stopped with the
problem's file:line:col."""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, ROOTS, edit


@pytest.fixture(autouse=True)
def set_up() -> None:
    """git, this repository as a git checkout, and pre-commit (the test extra), or the test
    fails saying what is missing: a skip would pass CI having checked nothing."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.fail("the pre-commit tests need git and this repository's git checkout", pytrace=False)
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.fail("pre-commit is missing: pip install -e '.[test]'", pytrace=False)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's own store (the hook's environment), made once for the session."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def authoring(tmp_path: Path) -> Iterator[Path]:
    """An author's repository: a course, and a config using this repository's hook at its HEAD."""
    repo = tmp_path / "authoring"
    shutil.copytree(ROOTS / "minimal", repo / "course")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {REPO.as_posix()}\n"
        f"    rev: {git(REPO, 'rev-parse', 'HEAD')}\n"
        "    hooks:\n"
        "      - id: scormbuild-check\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "authoring")
    git(repo, "add", "-A")
    yield repo


def run_hook(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(home), "PRE_COMMIT_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                          cwd=repo, env=env, check=False, capture_output=True, text=True, timeout=900)


def test_a_clean_course_passes_the_hook(authoring: Path, pre_commit_home: Path) -> None:
    done = run_hook(authoring, pre_commit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "scormbuild check" in done.stdout and "Passed" in done.stdout


def test_a_broken_course_fails_the_hook_at_the_file_and_line(authoring: Path, pre_commit_home: Path) -> None:
    edit(authoring / "course/modules/01-basics/02-check.md", "    correct: true\n    feedback: Yes.\n", "")
    git(authoring, "add", "-A")
    done = run_hook(authoring, pre_commit_home)
    assert done.returncode == 1
    assert "Failed" in done.stdout
    assert ("course/modules/01-basics/02-check.md:4:1: error: knowledge check 'listening' has no correct answer"
            in done.stdout)
