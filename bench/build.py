#!/usr/bin/env python3
"""Build-time benchmark: prints figures, asserts nothing.

  python bench/build.py [--runs N]

- the seed course (course/), every module, SCORM 1.2, as a user runs it: a fresh
  `python -m scormbuild build` process, so start-up and imports count;
- a synthetic 16-module course made of copies of module 13;
- package sizes, and the player runtime's JS+CSS size: per standard (the core every
  package ships) and per seed package (the core plus the optional parts its modules use:
  check UI, question types, content blocks).
Targets (issue 3): seed course < 1 s, 16 modules < 3 s on a 2-core machine.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_MODULE = "modules/13-goal-planning"


def timed_build(course: Path, out: Path, runs: int, *extra: str) -> list[float]:
    times = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scormbuild", "build", str(course), "-o", str(out), *extra],
                       check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


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


def report(label: str, times: list[float], out: Path) -> None:
    sizes = sorted(p.stat().st_size for p in out.glob("*.zip"))
    print(f"{label:<34} median {statistics.median(times):6.3f} s  min {min(times):6.3f} s  "
          f"({len(sizes)} zips, {sum(sizes) / 1024:7.1f} KB total, largest {max(sizes) / 1024:6.1f} KB)")


def player_size() -> None:
    """What a package ships of the runtime (comments stripped), per standard."""
    from scormbuild.builders import available
    from scormbuild.render import player_static

    for standard in available():  # every registered standard, SCORM 2004 included
        files = player_static(standard)
        js = sum(len(v) for k, v in files.items() if k.endswith(".js"))
        css = sum(len(v) for k, v in files.items() if k.endswith(".css"))
        print(f"{'player runtime shipped, ' + standard:<34} {(js + css) / 1024:6.1f} KB  "
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
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        report("seed course, scorm12 (process)", timed_build(REPO / "course", tmp / "seed", args.runs), tmp / "seed")
        package_runtime(tmp / "seed")
        big = synthetic(tmp, 16)
        report("16 modules, scorm12 (process)", timed_build(big, tmp / "big", args.runs), tmp / "big")
        bundled = timed_build(big, tmp / "bundle", args.runs, "--bundle")
        report("16 modules, --bundle (process)", bundled, tmp / "bundle")
    player_size()


if __name__ == "__main__":
    main()
