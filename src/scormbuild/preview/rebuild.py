"""One rebuild: the real pipeline (load → check → build → verify) into a temp folder, then
every package built unzipped under site/g<generation>/, where the server serves it.

A failed build leaves the previous generation in place, so the last good build keeps
playing while the author reads the errors.
"""
from __future__ import annotations

import hashlib
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic
from ..inspect import Launch, inspect
from ..pipeline import build

# The generations kept on disk: the current one, and the one a page may still be loading
# files from when the next build lands.
KEEP = 2


@dataclass(frozen=True)
class Sco:
    """Something the page can launch: a SCO, a cmi5 AU or a Tin Can activity."""

    key: str       # stable across rebuilds (package name + item): the learner's state is kept under it
    title: str
    url: str       # under the server's /pkg/
    activity: str  # cmi5 AU id / Tin Can activity id; "" for SCORM
    # What an LMS reads from the manifest for the launch: cmi5 moveOn (cmi5 10 LMS.LaunchData);
    # the mastery score as the standard writes it (SCORM 1.2 adlcp:masteryscore 0–100, SCORM
    # 2004 minNormalizedMeasure and cmi5 masteryScore 0–1).
    move_on: str = ""
    mastery_score: str = ""


@dataclass(frozen=True)
class Outcome:
    ok: bool
    generation: int  # of the build now playing (0: none yet)
    scos: tuple[Sco, ...]
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    unchanged: bool = False  # built, and identical to the build playing


class Rebuilder:
    def __init__(self, course_dir: Path, standard: str, work: Path, bundle: bool = False) -> None:
        self.course_dir = course_dir
        self.standard = standard
        # `build --bundle`'s package: in SCORM its items are the course page (an asset,
        # builders/course_page.py) and a SCO per module, each offered by the page's picker.
        self.bundle = bundle
        self.zips = work / "zips"
        self.site = work / "site"
        self.generation = 0
        self.scos: tuple[Sco, ...] = ()
        self.digest = ""

    def run(self) -> Outcome:
        started = time.perf_counter()
        result = build(self.course_dir, self.zips, formats=(self.standard,), bundle=self.bundle,
                       display=self.course_dir)
        ok = result.ok and bool(result.built)
        zips = [b.path for b in result.built]
        # Builds are byte-for-byte reproducible: the same zips mean nothing the learner sees
        # changed (a file saved unchanged, an editor's temp file), so the page is not reloaded.
        digest = _digest(zips)
        unchanged = ok and digest == self.digest
        if ok and not unchanged:
            self._publish(zips)
            self.digest = digest
        return Outcome(ok, self.generation, self.scos, tuple(result.diagnostics), time.perf_counter() - started,
                       unchanged)

    def _publish(self, zips: list[Path]) -> None:
        generation = self.generation + 1
        scos: list[Sco] = []
        for package in zips:
            folder = self.site / f"g{generation}" / package.stem
            with zipfile.ZipFile(package) as zf:  # our own verified zip: safe to extract
                zf.extractall(folder)
            base = f"g{generation}/{package.stem}/"
            scos += [Sco(f"{package.stem}/{leaf.identifier or leaf.href}", leaf.title, base + leaf.href,
                         leaf.identifier if self.standard in ("cmi5", "tincan") else "",
                         *launch_settings(leaf.mastery))
                     for leaf in launchable(inspect(package).launch)]
        self.generation, self.scos = generation, tuple(scos)
        shutil.rmtree(self.site / f"g{generation - KEEP}", ignore_errors=True)


def _digest(zips: list[Path]) -> str:
    sha = hashlib.sha256()
    for path in zips:
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def launch_settings(mastery: str) -> tuple[str, str]:
    """(moveOn, mastery) from inspect's mastery text: "masteryscore 50" (SCORM 1.2),
    "minNormalizedMeasure 0.5" (2004), "moveOn CompletedAndPassed, masteryScore 0.5" (cmi5)."""
    found = dict(part.split(" ", 1) for part in mastery.split(", ") if " " in part)
    score = found.get("masteryscore") or found.get("minNormalizedMeasure") or found.get("masteryScore") or ""
    return found.get("moveOn", ""), score


def launchable(nodes: list[Launch]) -> list[Launch]:
    """The launchable nodes of a launch tree, in order."""
    found: list[Launch] = []
    for node in nodes:
        if node.href:
            found.append(node)
        found += launchable(node.children)
    return found
