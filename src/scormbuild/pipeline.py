"""The build, top to bottom: load → check → build → archive → verify.

Nothing else happens here; each stage is a package named by its verb. A package is
verified while it is still a temporary file, and only a valid one is renamed into
place, so what `build` reports as built is valid by construction.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, Location, Severity, error, sort_key
from .model import Course

if TYPE_CHECKING:
    from .load.memo import Memo

# progress(done, total, what): a part of the build is done (cli.py shows it on a terminal).
Progress = Callable[[int, int, str], None]


@dataclass
class Built:
    path: Path
    standard: str
    size: int
    title: str
    reused: bool = False  # unchanged since the last build: taken from the cache, not written


@dataclass
class BuildResult:
    built: list[Built] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def build(course_dir: Path, out_dir: Path, formats: Sequence[str] = ("scorm12",), bundle: bool = False,
          modules: Sequence[str] = (), display: Path | None = None, strict: bool = False, *, jobs: int = 1,
          cache: bool = True, progress: Progress | None = None) -> BuildResult:
    """`strict`: an author warning stops the build before any package is written, as an error does.

    `jobs`: packages built in that many processes (output identical for any number).
    `cache`: re-use what earlier runs made from unchanged files: packages (scormbuild.cache),
    parsed lessons and rendered Markdown (load.memo). False: parse, render and build all.
    `progress(done, total, package)`: called as each part of the build is done.
    """
    from .load.memo import Memo

    started = time.perf_counter()
    result = BuildResult()
    # What earlier runs parsed, scanned and rendered from unchanged files; saved once the
    # packages are built, so that their renders are kept too.
    memo = Memo(course_dir.resolve(), enabled=cache)
    course, diags = _load_and_check(course_dir, display, memo)
    result.diagnostics.extend(diags)
    if course is not None and modules:
        course = _select(course, modules, result)
    if course is not None and result.ok and not (strict and result.diagnostics):
        from .parts import build_parts, plan

        parts = [part for standard in formats for part in plan(course, standard, bundle)]
        for built, problems in build_parts(parts, out_dir, strict, jobs=jobs, cache=cache, progress=progress):
            result.built.extend(built)
            result.diagnostics.extend(problems)
    memo.save()
    result.diagnostics.sort(key=sort_key)
    result.seconds = time.perf_counter() - started
    return result


def load_and_check(course_dir: Path, display: Path | None = None, *,
                   cache: bool = True) -> tuple[Course | None, list[Diagnostic]]:
    """The first two stages: the model (None when unreadable) and every author problem, sorted.
    `cache`: lessons and prose unchanged since an earlier run are not parsed again (load.memo)."""
    from .load.memo import Memo

    memo = Memo(course_dir.resolve(), enabled=cache)
    found = _load_and_check(course_dir, display, memo)
    memo.save()
    return found


def _load_and_check(course_dir: Path, display: Path | None, memo: Memo) -> tuple[Course | None, list[Diagnostic]]:
    from .checks import run_checks
    from .load import load_course

    course, diags = load_course(course_dir, display, memo=memo)
    if course is not None:
        diags = diags + run_checks(course)
    return course, sorted(diags, key=sort_key)


def _select(course, only: Sequence[str], result: BuildResult):  # type: ignore[no-untyped-def]
    import dataclasses

    wanted = [mod for mod in course.modules if mod.id in only or str(mod.number) in only]
    known = {mod.id for mod in course.modules} | {str(mod.number) for mod in course.modules}
    for name in sorted(set(only) - known):
        result.diagnostics.append(error("module.unknown", course.loc, f"no module '{name}' in the course",
                                        f"known modules: {', '.join(mod.id for mod in course.modules)}"))
    return dataclasses.replace(course, modules=tuple(wanted))


def build_part(course: Course, standard: str, bundle: bool, out_dir: Path, strict: bool = False,
               only: tuple[str, ...] = ()) -> tuple[list[Built], list[Diagnostic]]:
    """Build, archive and verify the packages of `course` in one standard (`only`: those of
    these modules): what was built (valid, in place) and what verify found. Run in a worker
    process with --jobs."""
    from .archive import write_zip
    from .builders import get_builder

    built: list[Built] = []
    diagnostics: list[Diagnostic] = []
    for package in get_builder(standard).packages(course, bundle, only):
        target = out_dir / package.name
        problems: list[Diagnostic] = []
        # partial binds this package's name and problem list (a lambda would see the loop's last).
        verify = partial(_verify, name=package.name, standard=standard, problems=problems)
        write = _mbz_writer() if package.container == "tgz" else write_zip
        write(target, package.files, check=partial(verify, strict=strict))
        diagnostics.extend(problems)
        if not _fails(problems, strict):
            built.append(Built(target, standard, target.stat().st_size, package.title))
    return built, diagnostics


def _mbz_writer() -> Callable[..., bool]:
    """The Moodle backup writer (tar.gz), imported only when a backup is built."""
    from .moodle.mbz import write_mbz

    return write_mbz


def _verify(tmp: Path, name: str, standard: str, problems: list[Diagnostic], strict: bool = False) -> bool:
    """Validate the written package; True when it may be renamed into place (`strict`: no warning either)."""
    from .verify import verify_package

    found = verify_package(tmp, standard)
    # The temporary file's name means nothing to the reader: report the package's name.
    problems.extend(_renamed(d, tmp.name, name) for d in found)
    return not _fails(found, strict)


def _fails(diags: list[Diagnostic], strict: bool) -> bool:
    return any(d.is_error or (strict and d.severity is Severity.WARNING) for d in diags)


def _renamed(d: Diagnostic, old: str, new: str) -> Diagnostic:
    import dataclasses

    loc = Location(d.location.path.replace(old, new), d.location.line, d.location.col)
    return dataclasses.replace(d, location=loc)
