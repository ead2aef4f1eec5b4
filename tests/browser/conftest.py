"""Browser fixtures: a built package served over HTTP, a test LMS page, headless Chromium.

The LMS is the npm package scorm-again (its real SCORM 1.2 runtime), not a fake: the test
page tests/browser/lms/lms.html puts a Scorm12API in window.API and shows the package in
an iframe, as Moodle does. Packages are built by the real pipeline from a course folder
and unzipped under the served root. Debian's chromium is driven through Playwright's
executable_path (no browser download).
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scormbuild import model as m
from scormbuild.load import load_course

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
NODE = ROOT / "node_modules"
ARTIFACTS = ROOT / "tests" / "artifacts"
# The seed course and its module 13, which most browser tests play (fixtures below).
COURSE = ROOT / "course"
MODULE = "goal-planning"


def _need(path: Path, hint: str) -> None:
    if not path.exists():  # a failure, not a skip: make setup installs it
        pytest.fail(f"{path} is missing: {hint}", pytrace=False)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output readable
        pass


class Site:
    """A folder served on 127.0.0.1:<free port>: lms/ (test LMS) and pkg/<name>/ (packages)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        handler = functools.partial(_Quiet, directory=str(root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def lms_url(self, package: str, page: str = "lms.html", sco: str = "index.html", **params: object) -> str:
        query = "".join(f"&{k}={v}" for k, v in params.items())
        return f"{self.url}/lms/{page}?sco=../pkg/{package}/{sco}{query}"

    def package_url(self, package: str) -> str:
        return f"{self.url}/pkg/{package}/index.html"

    def add_package(self, name: str, zip_path: Path) -> Path:
        dest = self.root / "pkg" / name
        shutil.rmtree(dest, ignore_errors=True)
        with zipfile.ZipFile(zip_path) as zf:
            zf.extractall(dest)
        return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    _need(NODE / "scorm-again" / "dist" / "scorm12.js", "run `npm install` in the repository")
    root = tmp_path_factory.mktemp("site")
    (root / "lms").mkdir()
    for page in ("lms.html", "lms2004.html"):
        shutil.copy(HERE / "lms" / page, root / "lms" / page)
    for runtime in ("scorm12.js", "scorm2004.js"):  # scorm-again's SCORM 1.2 and 2004 APIs
        shutil.copy(NODE / "scorm-again" / "dist" / runtime, root / "lms" / runtime)
    s = Site(root)
    yield s
    s.server.shutdown()


def build_module(course_dir: Path, module_id: str, out: Path, standard: str = "scorm12") -> Path:
    """Build one module with the real pipeline and return its zip."""
    from scormbuild.pipeline import build

    result = build(course_dir, out, formats=(standard,), modules=(module_id,))
    problems = "\n".join(str(d) for d in result.diagnostics if d.is_error)
    assert result.built, f"the build of {course_dir} failed:\n{problems}"
    return result.built[0].path


@pytest.fixture(scope="module")
def course() -> m.Course:
    """The seed course, loaded."""
    loaded, diags = load_course(COURSE)
    assert loaded is not None, diags
    return loaded


@pytest.fixture(scope="module")
def module13(course: m.Course) -> m.Module:
    return next(mod for mod in course.modules if mod.id == MODULE)


@pytest.fixture(scope="module")
def package(site: Site, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Module 13 built as SCORM 1.2 and served as pkg/goal-planning/ (a test file that plays
    another package defines its own `package`)."""
    zip_path = build_module(COURSE, MODULE, tmp_path_factory.mktemp("dist"))
    site.add_package(MODULE, zip_path)
    return MODULE


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
