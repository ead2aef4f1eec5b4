"""Shared fixtures: tiny sample courses copied from tests/roots/ into a temp folder.

Tests run from inside the temp folder, so diagnostics read `course/...:line:col`
exactly as an author who typed `scormbuild build course` would see them.
"""
from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scormbuild.diagnostics import Diagnostic

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CHECK_XSD = SHARED / "conformance" / "check_xsd.py"
# Debian's chromium, driven by Playwright (no browser download). The flags keep it off the
# network: without them it tries Google's hosts at every start, which this machine refuses.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """What scormbuild keeps between runs (compiled templates, parsed lessons) goes to this
    test session's own folder: tests neither fill the user's ~/.cache nor depend on it."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(folder))
    yield folder
    patch.undo()


def require(path: Path, what: str) -> Path:
    """A file the tests need from their set-up, or the test fails saying what is missing.

    Never a skip: a skipped conformance check passes CI having checked nothing.
    """
    if not path.exists():
        pytest.fail(f"{path} is missing: {what}", pytrace=False)
    return path


SHARED_HINT = "the tests need ../shared (official XSDs, real-world manifests, seed texts) beside the repository"


@pytest.fixture(scope="session")
def conformance() -> Path:
    """../shared/conformance: the official XSDs (check_xsd.py) and real-world manifests."""
    return require(SHARED / "conformance", SHARED_HINT)


@pytest.fixture(scope="session")
def node() -> str:
    """node, which runs the player's own code in the tests (the README's set-up)."""
    import shutil

    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not on PATH: the tests run the player's runtime in it", pytrace=False)
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run: Playwright's sync API allows one per process."""
    require(CHROMIUM, "the browser tests need Debian's chromium (make setup installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser):  # type: ignore[no-untyped-def]
    """A fresh profile per test: empty localStorage, no shared state between scenarios."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal course as ./course, the working directory being its parent."""
    return make_root("minimal", tmp_path, monkeypatch)


@pytest.fixture
def root_factory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return lambda name: make_root(name, tmp_path, monkeypatch)


@pytest.fixture
def questions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The questions course (one check of every question type) as ./course."""
    return make_root("questions", tmp_path, monkeypatch)


@pytest.fixture
def blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The blocks course (one of every content block) as ./course."""
    return make_root("blocks", tmp_path, monkeypatch)


def make_root(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "course"
    shutil.copytree(ROOTS / name, target)
    monkeypatch.chdir(tmp_path)
    return Path("course")


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact snippet in a course file; fail loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def oracle(package: Path, standard: str = "scorm12") -> tuple[int, str]:
    """The official XSDs (shared/conformance/check_xsd.py): exit code and output."""
    import subprocess

    require(CHECK_XSD, SHARED_HINT)
    done = subprocess.run([sys.executable, str(CHECK_XSD), standard, str(package)],
                          capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout + done.stderr


def diagnostics(course: Path) -> list[Diagnostic]:
    """Every problem `check` reports, sorted."""
    from scormbuild.pipeline import load_and_check

    return load_and_check(course, display=course)[1]


def brief(course: Path) -> list[tuple[str, str, int, int]]:
    """Every problem `check` reports, as (code, file, line, column)."""
    return [(d.code, d.location.path, d.location.line, d.location.col) for d in diagnostics(course)]


def messages(course: Path) -> list[str]:
    """Every problem as the author reads it: `file:line:col: severity: message [code] — fix`."""
    return [str(d) for d in diagnostics(course)]


MODULE = "course/modules/01-basics/module.yaml"
INTRO = "course/modules/01-basics/01-intro.md"
CHECK = "course/modules/01-basics/02-check.md"
QUESTIONS = "course/modules/01-kinds/01-questions.md"
QUESTIONS_MODULE = "course/modules/01-kinds/module.yaml"


def found(course: Path) -> list[tuple[str, str, str, str]]:
    """Every problem `check` reports, as (code, file:line:col, message, fix)."""
    return [(d.code, str(d.location), d.message, d.hint) for d in diagnostics(course)]
