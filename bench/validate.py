"""Validation throughput on 1,000 generated packages, and peak memory.

    .venv/bin/python bench/validate.py [--count 1000] [--workers 2]

Generates SCORM 1.2, SCORM 2004, cmi5 and Tin Can packages (a manifest plus ~20 small
files each; a quarter of each standard, the SCORM 2004 ones alternating a minimal manifest
and one with a full LOM record and sequencing) in a temporary folder, validates them all in
one process, then again across
``--workers`` processes, and prints packages per second and peak memory
(Python heap via tracemalloc, and the process's maximum resident set size).
Issue 6's target: >= 100 packages per second on 2 cores.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "verify"))

from verify_samples import PAGE, SAMPLES  # noqa: E402

from scormbuild.verify import validate_path  # noqa: E402


def scorm12(i: int) -> dict[str, str]:
    sample = SAMPLES["scorm12"]
    pages = [f"lessons/page{n}.html" for n in range(16)]
    listed = "".join(f'\n      <file href="{p}"/>' for p in pages)
    root = sample.root.replace('<file href="lessons/lesson1.html"/>', '<file href="lessons/lesson1.html"/>' + listed)
    root = root.replace("MANIFEST-goals", f"MANIFEST-{i}")
    return {sample.root_name: root, **sample.others, **{p: PAGE for p in pages}}


def scorm2004(i: int) -> dict[str, str]:
    full = i % 2 == 1
    sample = SAMPLES["scorm2004-full" if full else "scorm2004"]
    root = sample.root.replace("MANIFEST-", f"MANIFEST-{i}-")
    names = [f"assets/a{n}.js" for n in range(18)]
    anchor = '<file href="shared/app.js"/>' if full else '<file href="index.html"/>'
    root = root.replace(anchor, anchor + "".join(f'<file href="{n}"/>' for n in names))
    folder = "content/" if full else ""  # the full sample's resources have xml:base="content/"
    return {sample.root_name: root, **sample.others, **{folder + n: "//" for n in names}}


def generic(kind: str, i: int) -> dict[str, str]:
    sample = SAMPLES[kind]
    return {sample.root_name: sample.root.replace("example.com/goals", f"example.com/c{i}"),
            **sample.others, **{f"assets/a{n}.js": "//" for n in range(18)}}


def generate(folder: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        files = (scorm12(i), scorm2004(i // 4), generic("cmi5", i), generic("tincan", i))[i % 4]
        path = folder / f"pkg{i:04d}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files.items():
                z.writestr(name, data)
        paths.append(path)
    return paths


def errors_in(paths: list[Path]) -> int:
    return sum(1 for p in paths for d in validate_path(p) if d.is_error)


def one_process(paths: list[Path]) -> tuple[float, int]:
    validate_path(paths[0])  # compile the schemas outside the timing, as a long run would
    t0 = time.perf_counter()
    errors = errors_in(paths)
    return time.perf_counter() - t0, errors


def peak_heap(paths: list[Path]) -> int:
    """Peak Python heap over a run (tracemalloc slows validation ~3x, so timed apart)."""
    tracemalloc.start()
    errors_in(paths)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def many_processes(paths: list[Path], workers: int) -> float:
    chunks = [paths[i::workers] for i in range(workers)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        errors = sum(pool.map(errors_in, chunks))
    assert errors == 0, errors
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.count)
        size = sum(p.stat().st_size for p in paths)
        elapsed, errors = one_process(paths)
        assert errors == 0, f"{errors} errors in generated packages"
        peak = peak_heap(paths)
        parallel = many_processes(paths, args.workers)
    rss = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(f"packages: {args.count} ({size / 1024**2:.1f} MiB of zips, ~20 files each)")
    print(f"1 process: {elapsed:.2f} s, {args.count / elapsed:.0f} packages/s, "
          f"{1000 * elapsed / args.count:.2f} ms per package")
    print(f"{args.workers} processes: {parallel:.2f} s, {args.count / parallel:.0f} packages/s (incl. start-up)")
    print(f"peak Python heap while validating: {peak / 1024**2:.1f} MiB; max RSS of any process: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
