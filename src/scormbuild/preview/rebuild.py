"""One rebuild: the real pipeline (load → check → build → verify) into a temp folder, then
every package built unzipped under site/g<generation>/, where the server serves it.

A failed build leaves the previous generation in place, so the last good build keeps
playing while the author reads the errors.
"""
from __future__ import annotations

import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

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
    move_on: str = ""        # cmi5: the AU's moveOn and masteryScore, for LMS.LaunchData (cmi5 10)
    mastery_score: str = ""


@dataclass(frozen=True)
class Outcome:
    ok: bool
    generation: int  # of the build now playing (0: none yet)
    scos: tuple[Sco, ...]
    diagnostics: tuple[Diagnostic, ...]
    seconds: float


class Rebuilder:
    def __init__(self, course_dir: Path, standard: str, work: Path) -> None:
        self.course_dir = course_dir
        self.standard = standard
        self.zips = work / "zips"
        self.site = work / "site"
        self.generation = 0
        self.scos: tuple[Sco, ...] = ()

    def run(self) -> Outcome:
        started = time.perf_counter()
        result = build(self.course_dir, self.zips, formats=(self.standard,), display=self.course_dir)
        ok = result.ok and bool(result.built)
        if ok:
            self._publish([b.path for b in result.built])
        return Outcome(ok, self.generation, self.scos, tuple(result.diagnostics), time.perf_counter() - started)

    def _publish(self, zips: list[Path]) -> None:
        generation = self.generation + 1
        scos: list[Sco] = []
        for package in zips:
            folder = self.site / f"g{generation}" / package.stem
            with zipfile.ZipFile(package) as zf:  # our own verified zip: safe to extract
                zf.extractall(folder)
            base = f"g{generation}/{package.stem}/"
            aus = _cmi5_aus(folder / "cmi5.xml")
            scos += [Sco(f"{package.stem}/{leaf.identifier or leaf.href}", leaf.title, base + leaf.href,
                         leaf.identifier if self.standard in ("cmi5", "tincan") else "",
                         *aus.get(leaf.identifier, ("", "")))
                     for leaf in _leaves(inspect(package).launch)]
        self.generation, self.scos = generation, tuple(scos)
        shutil.rmtree(self.site / f"g{generation - KEEP}", ignore_errors=True)


def _cmi5_aus(course_structure: Path) -> dict[str, tuple[str, str]]:
    """AU id -> (moveOn, masteryScore) from cmi5.xml (cmi5 13.1.4), when there is one."""
    if not course_structure.is_file():
        return {}
    root = etree.parse(str(course_structure), etree.XMLParser(resolve_entities=False, no_network=True))
    return {au.get("id", ""): (au.get("moveOn", ""), au.get("masteryScore", ""))
            for au in root.iter("{*}au")}


def _leaves(nodes: list[Launch]) -> list[Launch]:
    """The launchable nodes of a launch tree, in order."""
    found: list[Launch] = []
    for node in nodes:
        if node.href:
            found.append(node)
        found += _leaves(node.children)
    return found
