"""The e-learning standards scormbuild knows, in one table.

Everything that differs by standard *outside* its own builder, tracker and templates is
read from here: the CLI's `--format` and `--standard` choices, which builder class builds
it (imported only when that standard is built, so `scormbuild --help` loads no builder
and no lxml), which player files ship with it (render.py), whether its page config
carries xAPI activities (player_config.py), and how `validate` finds and recognises its
root file (verify/detect.py).

Adding a standard is one `Standard(...)` entry in `STANDARDS` plus the files it names:
its builder module, its tracker-<name>.js and its manifest template (and, to validate it,
its rules in verify/ and its XSDs in verify/schema.py).

This module imports nothing but the standard library: the validator and the CLI read it
without paying for the build.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .builders.base import Builder

# The tracker used when no LMS is found (localStorage); it ships with every standard.
FALLBACK_TRACKER = "standalone"


@dataclass(frozen=True)
class Detection:
    """How `validate` finds and recognises a package of this standard.

    `root_file` is looked for at the package root. A root file is recognised as the first
    standard (highest `precedence`) whose file name, root element, namespace or
    schemaversion matches; a standard that shares its file name with another sets
    `by_file_name=False` and is recognised by its markers alone.
    """

    root_file: str
    elements: tuple[str, ...] = ()    # root element local names
    namespaces: tuple[str, ...] = ()  # lower-case substrings of the root's namespace
    versions: tuple[str, ...] = ()    # substrings of <metadata><schemaversion>
    by_file_name: bool = True
    precedence: int = 0

    def claims(self, file_name: str, element: str, namespace: str, version: str) -> bool:
        ns = namespace.lower()
        return ((self.by_file_name and file_name.endswith(self.root_file))
                or element in self.elements
                or any(mark in ns for mark in self.namespaces)
                or any(mark in version for mark in self.versions))


@dataclass(frozen=True)
class Standard:
    """One standard: its name (CLI name, Package.standard, verify rule group) and parts."""

    name: str
    title: str
    detection: Detection | None          # None: recognised by its container, not a root file
    builder: str | None = None           # "module:Class"; None when scormbuild only validates it
    tracker: str | None = None           # runtime adapter: templates/player/static/tracker-<tracker>.js
    runtime: tuple[str, ...] = ()        # further files of templates/player/static/ only it ships
    xapi: bool = False                   # its page config carries xAPI activity IRIs and names

    @property
    def builds(self) -> bool:
        return self.builder is not None

    def shipped_runtime(self) -> frozenset[str]:
        """The standard-specific player files this standard's packages carry."""
        own = {f"tracker-{t}.js" for t in (self.tracker, FALLBACK_TRACKER) if t}
        return frozenset(own | set(self.runtime))

    def load_builder(self) -> Builder:
        if self.builder is None:
            raise KeyError(f"{self.name} is validated but not built by scormbuild")
        module, _, cls = self.builder.partition(":")
        builder: Builder = getattr(importlib.import_module(module), cls)()
        return builder


# The order here is the order of `--format all` and of the CLI's choices.
STANDARDS: tuple[Standard, ...] = (
    # SCORM 1.2 CAM 3.3.1: imsmanifest.xml; the default reading of an imsmanifest.xml.
    Standard("scorm12", "SCORM 1.2", Detection("imsmanifest.xml", precedence=0),
             builder="scormbuild.builders.scorm12:Scorm12Builder", tracker="scorm12", runtime=("scorm-api.js",)),
    # SCORM 2004 CAM 3.2 shares the file name; 3.4.1.3 schemaversion "2004 …" or "CAM 1.3".
    Standard("scorm2004", "SCORM 2004", Detection(
        "imsmanifest.xml", namespaces=("http://www.imsglobal.org/xsd/imscp_v1p1",),
        versions=("2004", "1.3"), by_file_name=False, precedence=1),
             builder="scormbuild.builders.scorm2004:Scorm2004Builder", tracker="scorm2004",
             runtime=("scorm-api.js",)),
    # cmi5 §14.1: cmi5.xml, root <courseStructure>.
    Standard("cmi5", "cmi5", Detection("cmi5.xml", elements=("courseStructure",), namespaces=("cmi5",), precedence=3),
             builder="scormbuild.builders.cmi5:Cmi5Builder", tracker="cmi5", runtime=("xapi.js",), xapi=True),
    # Tin Can packaging: tincan.xml, root <tincan>.
    Standard("tincan", "Tin Can", Detection("tincan.xml", elements=("tincan",), precedence=2),
             builder="scormbuild.builders.tincan:TinCanBuilder", tracker="tincan", runtime=("xapi.js",), xapi=True),
    # A Moodle course backup (.mbz, a gzip'd tar) of SCORM 1.2 activities: its pages are the
    # scorm12 builder's, and validate recognises it by its container (verify/mbz.is_backup).
    Standard("moodle", "Moodle course backup", None, builder="scormbuild.builders.moodle:MoodleBuilder"),
)

BY_NAME: dict[str, Standard] = {s.name: s for s in STANDARDS}


def get(name: str) -> Standard:
    """The standard called `name` (KeyError for an unknown one)."""
    return BY_NAME[name]


def names() -> tuple[str, ...]:
    """Every standard `validate` knows."""
    return tuple(BY_NAME)


def buildable() -> tuple[str, ...]:
    """The standards `build` can produce, in `--format all` order."""
    return tuple(s.name for s in STANDARDS if s.builds)


def root_files() -> tuple[str, ...]:
    """Every root file name, once each, in table order."""
    return tuple(dict.fromkeys(s.detection.root_file for s in STANDARDS if s.detection))


# What a root file that no standard claims is read as: the oldest and commonest manifest.
DEFAULT = "scorm12"


def detect(file_name: str, element: str, namespace: str, version: str) -> str:
    """The name of the standard a root file follows (DEFAULT when none claims it)."""
    found = [(d, s.name) for s in STANDARDS if (d := s.detection) is not None]
    for detection, name in sorted(found, key=lambda pair: -pair[0].precedence):
        if detection.claims(file_name, element, namespace, version):
            return name
    return DEFAULT


def claimed_runtime() -> frozenset[str]:
    """Player files that belong to some standards only (the rest ship with every one)."""
    return frozenset().union(*(s.shipped_runtime() for s in STANDARDS))
