"""Read a package, zip or folder, without extracting anything.

A :class:`Package` lists its files and reads one member at a time with a size cap.
Zips are read through :mod:`zipfile` directly (never extracted to disk); a member is
decompressed only when a rule needs its bytes (the manifest), and never past
``limit + 1`` bytes, so a lying size header or a bomb cannot exhaust memory.

Location convention (used by every diagnostic of ``validate``):

* a file inside a zip: ``"<zip path>!<member name>"``, e.g. ``"dist/course.zip!imsmanifest.xml"``;
* a file inside a folder: ``"<folder path>/<relative name>"``;
* the package itself (a zip-level problem, a missing manifest): ``"<zip or folder path>"``.

Line and column are 1-based, 0 when the problem has no line. The line of an element is
libxml2's: the line where its start tag *ends* (for a start tag spread over several lines,
its last line); schema errors and rule findings use the same, so they line up.
"""
from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scormbuild.diagnostics import Diagnostic, Location
from scormbuild.verify.registry import Severity, declare, emit

declare("PKG-UNREADABLE", Severity.ERROR, "package", """
    The path is neither a zip file nor a folder (or cannot be read). Exit status 2.

    Fails: ``scormbuild validate missing.zip``
    Passes: ``scormbuild validate dist/course.zip``
    """)
declare("ZIP-UNREADABLE", Severity.ERROR, "zip", """
    The zip's central directory cannot be read: a truncated download, not a zip at all,
    or a damaged archive. Nothing else can be checked. Exit status 2.

    Fails: a course.zip cut off half-way through its upload.
    Passes: the same zip, complete (``unzip -t`` succeeds).
    """)
declare("ZIP-CORRUPT", Severity.ERROR, "zip", """
    A member cannot be decompressed: bad CRC, truncated data, an unsupported
    compression method or encryption. An LMS import fails on it.

    Fails: an imsmanifest.xml whose stored CRC does not match its data.
    Passes: a zip written by any standard tool with deflate or store.
    """)
declare("PKG-SYMLINK", Severity.ERROR, "package", """
    A package folder contains a symbolic link. It is not followed (it may point outside the
    package) and would not survive zipping portably.

    Fails: ``course/media -> /home/me/media``
    Passes: ``course/media/`` a real folder with the files copied in.
    """)


@dataclass
class Package:
    """The files of one package, by their names relative to its root ("/"-separated)."""

    label: str
    separator: str
    files: dict[str, int] = field(default_factory=dict)  # name -> declared size
    problems: list[Diagnostic] = field(default_factory=list)

    def where(self, name: str = "") -> str:
        return f"{self.label}{self.separator}{name}" if name else self.label

    def at(self, name: str = "", line: int = 0, col: int = 0) -> Location:
        return Location(self.where(name), line, col)

    def has(self, name: str) -> bool:
        return name in self.files

    def same_but_case(self, name: str) -> list[str]:
        """Names that equal ``name`` ignoring case (for "did you mean" hints)."""
        return sorted(self._lower().get(name.lower(), []))

    def _lower(self) -> dict[str, list[str]]:
        if not hasattr(self, "_lower_cache"):
            index: dict[str, list[str]] = defaultdict(list)
            for n in self.files:
                index[n.lower()].append(n)
            self._lower_cache = index
        return self._lower_cache

    def read(self, name: str, limit: int) -> bytes | Diagnostic:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        pass


class ZipPackage(Package):
    def __init__(self, label: str, zf: zipfile.ZipFile) -> None:
        super().__init__(label, "!")
        self.zf = zf
        self.infos = zf.infolist()
        self.files = {i.filename: i.file_size for i in self.infos if not i.is_dir()}

    def read(self, name: str, limit: int) -> bytes | Diagnostic:
        info = self.zf.getinfo(name)
        if info.file_size > limit:
            return _too_big(self.at(name), info.file_size)
        try:
            with self.zf.open(info) as f:
                data = f.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
                NotImplementedError, ValueError) as e:
            return emit("ZIP-CORRUPT", self.at(name), f"cannot decompress {name}: {e}",
                        "re-create the zip with a standard tool")
        if len(data) > limit:
            return _too_big(self.at(name), len(data))
        return data

    def close(self) -> None:
        self.zf.close()


class FolderPackage(Package):
    def __init__(self, label: str, root: Path) -> None:
        super().__init__(label.rstrip("/\\") or label, "/")
        self.root = root
        for name, st in _walk(root):
            if stat.S_ISLNK(st.st_mode):
                self.problems.append(emit("PKG-SYMLINK", self.at(name),
                                          f"{name} is a symbolic link; it is not followed",
                                          "copy the linked files into the package"))
            elif stat.S_ISREG(st.st_mode):
                self.files[name] = st.st_size

    def read(self, name: str, limit: int) -> bytes | Diagnostic:
        try:
            with open(self.root / name, "rb") as f:
                data = f.read(limit + 1)
        except OSError as e:
            return emit("PKG-UNREADABLE", self.at(name), f"cannot read {name}: {e.strerror}")
        if len(data) > limit:
            return _too_big(self.at(name), len(data))
        return data


def _walk(root: Path) -> Iterator[tuple[str, os.stat_result]]:
    """(relative name, lstat) of every non-directory below root; links are not followed."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel = os.path.relpath(dirpath, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        links = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        for name in sorted(filenames) + links:
            yield prefix + name, os.lstat(os.path.join(dirpath, name))


def _too_big(loc: Location, size: int) -> Diagnostic:
    from scormbuild.safexml import too_large  # members are only ever read to parse them

    return too_large(loc.path, size)


def open_package(path: Path) -> Package | Diagnostic:
    """A Package for a zip or folder, or the reason it cannot be read at all."""
    label = str(path)
    if path.is_dir():
        return FolderPackage(label, path)
    if not path.is_file():
        return emit("PKG-UNREADABLE", Location(label), f"{label}: no such file or folder")
    return _open_zip(path, label)


def _open_zip(path: Path, label: str) -> Package | Diagnostic:
    try:
        return ZipPackage(label, zipfile.ZipFile(path))
    except UnicodeDecodeError as e:
        # zipfile decodes names flagged UTF-8 (APPNOTE 4.4.4 bit 11) strictly.
        # An error, unlike the rule's usual warning: the zip cannot be listed at all.
        return Diagnostic("ZIP-FILENAME-ENCODING", Severity.ERROR, Location(label),
                          f"a file name is flagged UTF-8 but is not valid UTF-8 ({e.reason})",
                          "re-create the zip with a tool that writes UTF-8 names")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as e:
        return emit("ZIP-UNREADABLE", Location(label), f"not a readable zip file: {e}",
                    "the file may be truncated or damaged; download or build it again")
