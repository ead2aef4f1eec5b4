#!/usr/bin/env python3
"""Build-time benchmark: prints figures, asserts nothing.

  python bench/build.py [--runs N]

Every figure is a fresh `python -m scormbuild` process, as an author or CI runs it, so
start-up and imports count; each is printed as the median and minimum of N runs, in wall
time and in CPU time (user + system of the process). On a shared machine the wall time
grows with the load while the CPU time barely moves: read both.

- floor: a process that only imports lxml, jinja2 and click;
- check of the seed course (course/);
- full build of the seed course, SCORM 1.2: cold (`--no-cache`, every lesson parsed and
  every package built) and into an empty folder (lessons parsed by an earlier run re-used);
- a synthetic 16-module course (copies of module 13): full build with --jobs 1 and 2,
  `--bundle`, a rebuild with nothing changed, and the incremental rebuild after editing
  one lesson of one module;
- package sizes, and the player runtime's JS+CSS size: per standard (the core every
  package ships) and per seed package (the core plus the optional parts its modules use:
  check UI, question types, content blocks).
Targets (issue 14): check ≤ 0.2 s, the seed build close to the floor, incremental ≤ 0.3 s.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_MODULE = "modules/13-goal-planning"
# The scormbuild of this checkout, whatever is installed in the environment; with its
# bytecode cached (__pycache__), as an installed package has it: a shell that sets
# PYTHONDONTWRITEBYTECODE would otherwise time compiling scormbuild at every run.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(REPO / "src")}
Timing = tuple[float, float]  # (wall, cpu) seconds


def timed(args: list[str], before: Callable[[], None] = lambda: None) -> Timing:
    """One process: its wall time and its CPU time (user + system, from the kernel)."""
    before()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, capture_output=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)


def scormbuild(*args: str) -> list[str]:
    return ["-m", "scormbuild", *args]


def runs(n: int, args: list[str], before: Callable[[], None] = lambda: None) -> list[Timing]:
    return [timed(args, before) for _ in range(n)]


def synthetic(tmp: Path, modules: int) -> Path:
    """A course of `modules` copies of the seed's module 13, each with its own id and number."""
    course = tmp / "synthetic"
    shutil.copytree(REPO / "course" / "assets", course / "assets")
    refs = []
    for n in range(1, modules + 1):
        folder = course / "modules" / f"{n:02d}-copy"
        shutil.copytree(REPO / "course" / SEED_MODULE, folder)
        text = (folder / "module.yaml").read_text(encoding="utf-8")
        text = text.replace("id: goal-planning", f"id: goal-planning-{n}").replace("number: 13", f"number: {n}")
        (folder / "module.yaml").write_text(text, encoding="utf-8")
        refs.append(f"  - modules/{n:02d}-copy")
    head = (REPO / "course" / "course.yaml").read_text(encoding="utf-8").split("\nmodules:\n")[0]
    tail = (REPO / "course" / "course.yaml").read_text(encoding="utf-8").split("\ncore_values:\n")[1]
    (course / "course.yaml").write_text(head + "\nmodules:\n" + "\n".join(refs) + "\ncore_values:\n" + tail,
                                        encoding="utf-8")
    return course


def report(label: str, times: list[Timing], out: Path | None = None) -> None:
    walls, cpus = [t[0] for t in times], [t[1] for t in times]
    line = (f"{label:<44} wall median {statistics.median(walls):6.3f} s  min {min(walls):6.3f} s | "
            f"CPU median {statistics.median(cpus):6.3f} s  min {min(cpus):6.3f} s")
    if out is not None:
        sizes = sorted(p.stat().st_size for p in out.glob("*.zip"))
        line += f"  ({len(sizes)} zips, {sum(sizes) / 1024:.0f} KB)"
    print(line, flush=True)


def emptied(folder: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def editor(lesson: Path) -> Callable[[], None]:
    """Each call changes the lesson's text, as an author's save does."""
    original = lesson.read_text(encoding="utf-8")
    count = iter(range(1_000_000))
    return lambda: lesson.write_text(original + f"\nEdit number {next(count)}.\n", encoding="utf-8")


def seed(n: int, tmp: Path) -> None:
    course, out = str(REPO / "course"), tmp / "seed"
    report("floor: import lxml, jinja2, click", runs(n, ["-c", "import lxml.etree, jinja2, click"]))
    report("check, seed course", runs(n, scormbuild("check", course)))
    report("full build, seed, --no-cache", runs(n, scormbuild("build", course, "-o", str(out), "--no-cache"),
                                                emptied(out)), out)
    report("full build, seed, into an empty folder", runs(n, scormbuild("build", course, "-o", str(out)),
                                                          emptied(out)), out)


def sixteen(n: int, tmp: Path) -> None:
    big = synthetic(tmp, 16)
    out = tmp / "big"
    for jobs in ("1", "2"):
        report(f"16 modules, full build, --jobs {jobs}",
               runs(n, scormbuild("build", str(big), "-o", str(out), "--no-cache", "--jobs", jobs), emptied(out)), out)
    bundle = tmp / "bundle"
    report("16 modules, --bundle", runs(n, scormbuild("build", str(big), "-o", str(bundle), "--bundle", "--no-cache"),
                                        emptied(bundle)), bundle)
    timed(scormbuild("build", str(big), "-o", str(out)))  # the build that the rebuilds start from
    report("16 modules, rebuild, nothing changed", runs(n, scormbuild("build", str(big), "-o", str(out))), out)
    lesson = big / "modules" / "05-copy" / "07-why-goal-planning.md"
    report("16 modules, rebuild after editing one lesson",
           runs(n, scormbuild("build", str(big), "-o", str(out)), editor(lesson)), out)
    report("16 modules, check after editing one lesson", runs(n, scormbuild("check", str(big)), editor(lesson)))


def player_size() -> None:
    """What a package ships of the runtime (comments stripped), per standard."""
    sys.path.insert(0, str(REPO / "src"))
    from scormbuild.builders import available
    from scormbuild.render import player_static

    for standard in available():  # every registered standard, SCORM 2004 included
        files = player_static(standard)
        js = sum(len(v) for k, v in files.items() if k.endswith(".js"))
        css = sum(len(v) for k, v in files.items() if k.endswith(".css"))
        print(f"{'player runtime shipped, ' + standard:<44} {(js + css) / 1024:6.1f} KB  "
              f"(JS {js / 1024:.1f} KB, CSS {css / 1024:.1f} KB)")


def package_runtime(out: Path) -> None:
    """The runtime (JS + CSS under player/) each built package really ships, and its optional parts."""
    import zipfile

    from scormbuild.render import OPTIONAL_PARTS

    for zip_path in sorted(out.glob("*.zip")):
        with zipfile.ZipFile(zip_path) as zf:
            runtime = {i.filename.rsplit("/", 1)[-1]: i.file_size for i in zf.infolist()
                       if "player/" in i.filename and i.filename.endswith((".js", ".css"))}
        optional = sorted(name for name in runtime if name in OPTIONAL_PARTS)
        extra = sum(runtime[name] for name in optional)
        print(f"{'runtime in ' + zip_path.name:<60} {sum(runtime.values()) / 1024:6.1f} KB  "
              f"(optional {extra / 1024:.1f} KB: {', '.join(optional) or 'none'})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; {args.runs} runs each")
    timed(scormbuild("--version"))  # writes the bytecode cache: no run below pays for compiling
    with tempfile.TemporaryDirectory() as tmp_name:
        # scormbuild's memo of parsed lessons and rendered Markdown starts empty, and the
        # temporary courses below do not leave theirs in the user's cache.
        ENV["XDG_CACHE_HOME"] = str(Path(tmp_name) / "xdg-cache")
        seed(args.runs, Path(tmp_name))
        sixteen(args.runs, Path(tmp_name))
        package_runtime(Path(tmp_name) / "seed")
    player_size()


if __name__ == "__main__":
    main()
