"""The build cut into parts, each re-used from the cache or built, in one process or several.

A *part* is one call of a builder: a module's own package(s) when the standard makes one
package per module (SCORM 1.2 and 2004 without --bundle, Tin Can), else the whole course
(a bundle, cmi5, a Moodle backup). A module's package depends on its module alone, so
editing one lesson rebuilds one part. Parts are independent (each writes its own files),
which is what lets `--jobs` build them in parallel with the same bytes as one process,
and results are always taken in plan order, so what is reported never depends on timing.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import Entry, PackageCache, entry_for, part_key
from .diagnostics import Diagnostic
from .model import Course, Module
from .pipeline import Built, Progress, build_part
from .remember import Key

Outcome = tuple[list[Built], list[Diagnostic]]


@dataclass(frozen=True)
class Part:
    standard: str
    course: Course  # the whole course: a module's page names the next module
    bundle: bool
    slot: str  # its name in the cache: one record per slot
    label: str  # what the progress line shows
    only: tuple[str, ...] = ()  # the modules whose packages this part makes (empty: all)

    @property
    def modules(self) -> tuple[Module, ...]:
        return tuple(mod for mod in self.course.modules if not self.only or mod.id in self.only)


def plan(course: Course, standard: str, bundle: bool) -> list[Part]:
    from .builders import get_builder

    if bundle or not get_builder(standard).per_module or not course.modules:
        return [Part(standard, course, bundle, f"{standard}{'+bundle' if bundle else ''}:*", standard)]
    return [Part(standard, course, bundle, f"{standard}:{module.id}", f"{standard} {module.id}", (module.id,))
            for module in course.modules]


def build_parts(parts: Sequence[Part], out_dir: Path, strict: bool, *, jobs: int = 1, cache: bool = True,
                progress: Progress | None = None) -> list[Outcome]:
    """Each part's outcome, in plan order: from the cache when its inputs are unchanged, else built."""
    store = PackageCache(out_dir, enabled=cache)
    keys = [key_of(part) for part in parts]
    outcomes: list[Outcome | None] = [_reused(part, store.hit(part.slot, key), out_dir)
                                      for part, key in zip(parts, keys, strict=True)]
    todo = [i for i, outcome in enumerate(outcomes) if outcome is None]
    done = len(parts) - len(todo)
    for i, outcome in _run(parts, todo, out_dir, strict, jobs):
        outcomes[i] = outcome
        store.record(parts[i].slot, keys[i], _clean(outcome))
        done += 1
        if progress is not None:
            progress(done, len(parts), parts[i].label)
    store.save()
    return [outcome for outcome in outcomes if outcome is not None]


def key_of(part: Part) -> str:
    return part_key(part.course, part.modules, _outside_assets(part), part.standard, part.bundle,
                    context=_course_outline(part.course))


def _course_outline(course: Course) -> str:
    """What a module's page shows of the other modules (the next module's number and title):
    a module renamed, added or moved rebuilds every module's package, not only its own."""
    return "\n".join(f"{mod.id}\t{mod.number}\t{mod.title}" for mod in course.modules)


def _outside_assets(part: Part) -> list[Path]:
    """Files the part's lessons use outside their module's folder (the course's assets/):
    the folder itself is hashed whole. Paths are normalised, not resolved: resolving each
    one was most of the keys' time, and hashing reads through a link anyway."""
    from .builders.base import lesson_refs

    found = []
    for module in part.modules:
        inside = f"{module.dir}{os.sep}" if module.dir is not None else None
        for lesson in module.lessons:
            base = lesson.path.parent if lesson.path else part.course.root
            paths = (os.path.normpath(base / ref) for ref in lesson_refs(lesson))
            found += [Path(p) for p in paths if inside is None or not p.startswith(inside)]
    return found


def _reused(part: Part, entries: list[Entry] | None, out_dir: Path) -> Outcome | None:
    if entries is None:
        return None
    return [Built(out_dir / e.name, part.standard, e.size, e.title, reused=True) for e in entries], []


def _clean(outcome: Outcome) -> list[Entry] | None:
    """What to record: the packages of a part built without a single diagnostic, else nothing."""
    built, problems = outcome
    return None if problems or not built else [entry_for(b.path, b.title) for b in built]


def _run(parts: Sequence[Part], todo: list[int], out_dir: Path, strict: bool,
         jobs: int) -> Iterator[tuple[int, Outcome]]:
    """(index, outcome) of each part in `todo`, in order; in `jobs` processes when that helps."""
    workers = min(_workers(jobs), len(todo))
    if workers <= 1:
        for i in todo:
            yield i, build_part(parts[i].course, parts[i].standard, parts[i].bundle, out_dir, strict, parts[i].only)
        return
    import concurrent.futures
    import multiprocessing

    # fork on Linux: a worker starts with lxml, jinja2 and the course already loaded (spawn
    # imports everything again in each process, more than a small part's build costs).
    # Elsewhere the platform's default: fork is unsafe on macOS and absent on Windows.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(_in_worker, parts[i].course, parts[i].standard, parts[i].bundle, out_dir, strict,
                               parts[i].only) for i in todo]
        for i, future in zip(todo, futures, strict=True):
            outcome, rendered = future.result()
            _learn(rendered)
            yield i, outcome


Learnt = dict[str, dict[Key, Any]]


def _in_worker(course: Course, standard: str, bundle: bool, out_dir: Path, strict: bool,
               only: tuple[str, ...]) -> tuple[Outcome, Learnt]:
    """A part built in a worker process, and what it rendered there: sent back, so that the
    memo this run saves holds it as a one-process build's would (load.memo)."""
    from .load.memo import REMEMBERED

    before = {name: set(function.asked) for name, function in REMEMBERED.items()}
    outcome = build_part(course, standard, bundle, out_dir, strict, only)
    return outcome, {name: {key: value for key, value in function.asked.items() if key not in before[name]}
                     for name, function in REMEMBERED.items()}


def _learn(rendered: Learnt) -> None:
    from .load.memo import REMEMBERED

    for name, results in rendered.items():
        REMEMBERED[name].asked.update(results)


def _workers(jobs: int) -> int:
    """`--jobs 0`: one process per CPU this process may use."""
    if jobs > 0:
        return jobs
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
