"""Read a gzip'd tar (a Moodle .mbz) as untrusted input, without extracting anything.

The archive is read sequentially, once to list it and hash every member, and again only
for a member a rule asks for by name; nothing is written to disk. Entry rules apply while
listing (the tar counterpart of :mod:`.zipsafety`): only regular files and folders, no
absolute names, no ``..``, no links or devices; limits on entry count, total size and
expansion ratio stop a bomb before it is inflated in full.
"""
from __future__ import annotations

import gzip
import hashlib
import tarfile
import zlib
from pathlib import Path

from scormbuild.diagnostics import Diagnostic, Location, Severity
from scormbuild.safexml import MAX_XML_BYTES as MAX_XML
from scormbuild.verify.package import Package
from scormbuild.verify.registry import declare, emit

#: Limits, as for zips (zipsafety): a course backup of video-heavy SCORM packages stays far below.
MAX_TOTAL = 2 * 1024**3
MAX_ENTRIES = 100_000
#: tar adds no compression of its own; gzip of real course content stays far below 100:1.
MAX_RATIO = 100
RATIO_FLOOR = 64 * 1024**2
#: Members a rule reads into memory (the XML files) are small; package zips are bigger.
MAX_MEMBER = 512 * 1024**2
GZIP_MAGIC = b"\x1f\x8b"

declare("MBZ-UNREADABLE", Severity.ERROR, "mbz", """
    The file starts like a gzip'd tar (a Moodle .mbz) but cannot be read as one: truncated,
    damaged, or not a tar inside the gzip. Nothing else can be checked. Exit status 2.

    Fails: a course.mbz cut off half-way through its download.
    Passes: the same .mbz, complete (``tar -tzf course.mbz`` succeeds).
    """)
declare("MBZ-TAR-ENTRY", Severity.ERROR, "mbz", """
    An entry of the backup archive is not a plain file or folder (a symbolic or hard link,
    a device), or its name is absolute or climbs out with ``..``. Extracting it writes
    outside the restore folder; Moodle's own backups never contain one.

    Fails: ``../../config.php`` or a link ``files -> /etc`` in the .mbz
    Passes: ``activities/scorm_1/scorm.xml``
    """)
declare("MBZ-TAR-BOMB", Severity.ERROR, "mbz", """
    The archive declares more than scormbuild accepts: over 100,000 entries, over 2 GiB in
    total, or more than 100 times its compressed size (past 64 MiB). Listing stops there.

    Fails: a 1 MiB .mbz declaring a 4 GiB file of zeros
    Passes: a course backup of a few hundred MiB of packages
    """)


class TarPackage(Package):
    """The members of a .mbz by name; sha1 and size of each file are known after listing."""

    def __init__(self, label: str, path: Path) -> None:
        super().__init__(label, "!")
        self.path = path
        self.sha1: dict[str, str] = {}
        self._cache: dict[str, bytes] = {}

    def read(self, name: str, limit: int) -> bytes | Diagnostic:
        if name in self._cache:
            return self._cache[name]
        if self.files.get(name, 0) > limit:
            from scormbuild.safexml import too_large

            return too_large(self.where(name), self.files[name])
        try:
            with tarfile.open(self.path, "r:gz") as tar:
                for info in tar:
                    if info.name == name and info.isfile():
                        data = _read(tar, info)
                        self._cache[name] = data
                        return data
        except (tarfile.TarError, OSError, EOFError, zlib.error) as e:
            return emit("MBZ-UNREADABLE", self.at(name), f"cannot read {name}: {e}",
                        "build or download the backup again")
        return emit("MBZ-UNREADABLE", self.at(name), f"{name} is not in the backup", "")

    def read_many(self, names: set[str]) -> dict[str, bytes]:
        """Several members in one pass over the archive (each read() is a pass of its own)."""
        found = {n: self._cache[n] for n in names if n in self._cache}
        wanted = names - set(found)
        if wanted:
            with tarfile.open(self.path, "r:gz") as tar:
                for info in tar:
                    if info.name in wanted and info.isfile() and info.size <= MAX_MEMBER:
                        found[info.name] = _read(tar, info)
        return found


def is_tgz(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(2) == GZIP_MAGIC
    except OSError:
        return False


def open_tgz(path: Path) -> TarPackage | Diagnostic:
    """List and hash every member; entry problems become the package's `problems`."""
    pkg = TarPackage(str(path), path)
    budget = max(RATIO_FLOOR, MAX_RATIO * path.stat().st_size)
    try:
        with tarfile.open(path, "r:gz") as tar:
            _list(tar, pkg, min(budget, MAX_TOTAL))
    except (tarfile.TarError, OSError, EOFError, zlib.error, gzip.BadGzipFile) as e:
        return emit("MBZ-UNREADABLE", Location(str(path)), f"not a readable gzip'd tar: {e}",
                    "the file may be truncated or damaged; build or download it again")
    return pkg


def _list(tar: tarfile.TarFile, pkg: TarPackage, budget: int) -> None:
    total = 0
    for count, info in enumerate(tar, start=1):
        total += info.size
        if count > MAX_ENTRIES or total > budget:
            pkg.problems.append(emit("MBZ-TAR-BOMB", pkg.at(), f"{count:,} entries, {total:,} bytes declared: "
                                     "more than scormbuild accepts", "this looks like a decompression bomb"))
            return
        problem = _entry_problem(info)
        if problem:
            pkg.problems.append(emit("MBZ-TAR-ENTRY", pkg.at(), f"entry {info.name!r} {problem}",
                                     "a Moodle backup holds only plain files and folders under its root"))
        elif info.isfile():
            pkg.files[info.name] = info.size
            pkg.sha1[info.name] = _hash(tar, info, pkg._cache if _kept(info) else None)


def _entry_problem(info: tarfile.TarInfo) -> str:
    name = info.name
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path"
    if ".." in name.replace("\\", "/").split("/"):
        return "points outside the backup with '..'"
    if not (info.isfile() or info.isdir()):
        return "is a link or a device, not a plain file"
    return ""


def _kept(info: tarfile.TarInfo) -> bool:
    """The backup's XML files are read by every rule: keep them from the listing pass."""
    return info.name.endswith(".xml") and info.size <= MAX_XML


def _hash(tar: tarfile.TarFile, info: tarfile.TarInfo, keep: dict[str, bytes] | None) -> str:
    digest = hashlib.sha1()
    f = tar.extractfile(info)
    chunks: list[bytes] = []
    if f is not None:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
            if keep is not None:
                chunks.append(chunk)
    if keep is not None:
        keep[info.name] = b"".join(chunks)
    return digest.hexdigest()


def _read(tar: tarfile.TarFile, info: tarfile.TarInfo) -> bytes:
    f = tar.extractfile(info)
    return f.read(MAX_MEMBER + 1) if f is not None else b""

