"""Rules about the zip container itself (group ``zip``).

They read only the central directory (names, sizes, flags, attributes): no member is
decompressed, so even a zip bomb costs microseconds. Limits follow the ZIP
Application Note (APPNOTE.TXT 6.3.x, cited per rule) and the portability problems LMS
importers actually have.
"""
from __future__ import annotations

import re
import stat
import zipfile
from collections import defaultdict
from collections.abc import Iterator

from scormbuild.verify.package import ZipPackage
from scormbuild.verify.registry import Finding, Severity, rule

#: Total uncompressed size above which a package is treated as a bomb. The biggest
#: video-heavy courses seen in the wild are a few hundred MiB.
MAX_TOTAL_UNCOMPRESSED = 2 * 1024**3
#: Deflate cannot do better than ~1032:1; real course content (HTML, JS, media) stays
#: far below 100:1. Only members large enough to matter are judged by ratio.
MAX_RATIO = 100
RATIO_MIN_SIZE = 1024**2
#: More entries than any course has; each costs memory in the central directory.
MAX_ENTRIES = 100_000

_DRIVE = re.compile(r"^[A-Za-z]:")
_UTF8_FLAG = 0x800  # APPNOTE 4.4.4, general purpose bit 11
_ENCRYPTED_FLAG = 0x1  # APPNOTE 4.4.4, general purpose bit 0


def _infos(pkg: ZipPackage) -> list[zipfile.ZipInfo]:
    return pkg.infos


def _parts(name: str) -> list[str]:
    return name.replace("\\", "/").split("/")


@rule("ZIP-SLIP", Severity.ERROR, "zip")
def parent_segments(pkg: ZipPackage) -> Iterator[Finding]:
    """An entry name climbs out of the package root with ``..`` ("zip slip").

    An extractor that trusts the name writes outside its target folder; LMSs reject the
    package or, worse, do not. APPNOTE 4.4.17: names are relative paths.

    Fails: ``../../etc/cron.d/evil``
    Passes: ``content/page1.html``
    """
    for info in _infos(pkg):
        if ".." in _parts(info.filename):
            yield Finding(pkg.at(), f"entry {info.filename!r} points outside the package root",
                          "remove '..' from entry names; build the zip from inside the package folder")


@rule("ZIP-ABSOLUTE", Severity.ERROR, "zip")
def absolute_names(pkg: ZipPackage) -> Iterator[Finding]:
    """An entry name is absolute: a leading ``/`` or ``\\``, or a drive letter.

    APPNOTE 4.4.17.1: "The path stored MUST NOT contain a drive or device letter, or a
    leading slash."

    Fails: ``/var/www/index.html``, ``C:\\course\\index.html``
    Passes: ``index.html``
    """
    for info in _infos(pkg):
        name = info.filename
        if name.startswith(("/", "\\")) or _DRIVE.match(name):
            yield Finding(pkg.at(), f"entry {name!r} has an absolute path",
                          "store paths relative to the package root")


@rule("ZIP-SYMLINK", Severity.ERROR, "zip")
def symlinks(pkg: ZipPackage) -> Iterator[Finding]:
    """An entry is a symbolic link (Unix mode S_IFLNK in its external attributes).

    Extracting it can make later entries land outside the package; no LMS needs one.
    APPNOTE 4.4.15 (external file attributes, Unix host 4.4.2).

    Fails: ``media -> /etc`` stored with ``zip --symlinks``
    Passes: ``media/`` stored as a folder of real files
    """
    for info in _infos(pkg):
        if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):
            yield Finding(pkg.at(), f"entry {info.filename!r} is a symbolic link",
                          "store the files themselves (zip without --symlinks)")


@rule("ZIP-DUPLICATE", Severity.ERROR, "zip")
def duplicates(pkg: ZipPackage) -> Iterator[Finding]:
    """Two entries have the same name; which one an LMS extracts is unspecified.

    Fails: ``index.html`` stored twice (e.g. by ``zip`` appending to an old archive)
    Passes: every name once
    """
    seen: set[str] = set()
    for info in _infos(pkg):
        if info.filename in seen:
            yield Finding(pkg.at(), f"entry {info.filename!r} appears more than once",
                          "rebuild the zip from scratch instead of appending to it")
        seen.add(info.filename)


@rule("ZIP-CASE-CLASH", Severity.ERROR, "zip")
def case_clashes(pkg: ZipPackage) -> Iterator[Finding]:
    """Two entries differ only in letter case.

    On a case-insensitive file system (Windows, macOS, many LMS file stores) one
    overwrites the other.

    Fails: ``Index.html`` and ``index.html``
    Passes: ``index.html`` and ``index2.html``
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for name in dict.fromkeys(i.filename for i in _infos(pkg)):
        groups[name.lower()].append(name)
    for names in groups.values():
        if len(names) > 1:
            yield Finding(pkg.at(), f"entries {', '.join(map(repr, names))} differ only in case",
                          "rename one of them; LMS servers are often case-insensitive")


@rule("ZIP-BOMB", Severity.ERROR, "zip")
def bombs(pkg: ZipPackage) -> Iterator[Finding]:
    """The declared sizes are those of a decompression bomb.

    Judged from the central directory alone: more than 2 GiB in total once
    uncompressed, more than 100,000 entries, or a member over 1 MiB compressed more than
    100:1 (deflate of real course content stays far below that). Nothing is inflated.

    Fails: ``imsmanifest.xml`` declared 1 GiB, stored in 1 MiB (zeros, 1000:1)
    Passes: a course of HTML, images and video, 300 MiB in total
    """
    infos = _infos(pkg)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED or len(infos) > MAX_ENTRIES:
        yield Finding(pkg.at(), f"{len(infos):,} entries, {total:,} bytes uncompressed: "
                      "more than scormbuild accepts", "this looks like a zip bomb")
    for info in infos:
        if info.file_size >= RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            yield Finding(pkg.at(), f"entry {info.filename!r} expands {ratio}:1 to "
                          f"{info.file_size:,} bytes", "this looks like a zip bomb")


@rule("ZIP-ENCRYPTED", Severity.ERROR, "zip")
def encrypted(pkg: ZipPackage) -> Iterator[Finding]:
    """An entry is encrypted (APPNOTE 4.4.4 bit 0); no LMS can read it.

    Fails: a zip made with ``zip -e``
    Passes: the same zip without a password
    """
    for info in _infos(pkg):
        if info.flag_bits & _ENCRYPTED_FLAG:
            yield Finding(pkg.at(), f"entry {info.filename!r} is encrypted",
                          "zip the package without a password")


@rule("ZIP-FILENAME-ENCODING", Severity.WARNING, "zip")
def legacy_names(pkg: ZipPackage) -> Iterator[Finding]:
    """A non-ASCII entry name is not flagged UTF-8 (APPNOTE 4.4.4 bit 11, appendix D).

    Without the flag the name is in the archiver's legacy code page (IBM 437 by the
    specification, whatever Windows used in practice): LMSs extract it under a mangled
    name and the manifest's hrefs no longer match. A name flagged UTF-8 that is not valid
    UTF-8 is reported with this id as an error.

    Fails: ``café.html`` written by an old Windows archiver
    Passes: ``café.html`` written with the UTF-8 flag (Python's zipfile, Info-ZIP 3)
    """
    for info in _infos(pkg):
        if not info.flag_bits & _UTF8_FLAG and not info.filename.isascii():
            yield Finding(pkg.at(), f"entry {info.filename!r} has a non-ASCII name in a legacy "
                          "code page", "re-create the zip with UTF-8 file names, or use ASCII names")


@rule("ZIP-BACKSLASH", Severity.WARNING, "zip")
def backslashes(pkg: ZipPackage) -> Iterator[Finding]:
    """An entry name uses ``\\`` as a separator (APPNOTE 4.4.17.1: forward slashes only).

    On Linux LMS servers the name becomes one file called ``images\\logo.png``.

    Fails: ``images\\logo.png``
    Passes: ``images/logo.png``
    """
    for info in _infos(pkg):
        if "\\" in info.filename:
            yield Finding(pkg.at(), f"entry {info.filename!r} uses backslashes",
                          "use '/' as the path separator")
