"""Moodle backups (.mbz): one broken backup per rule, each built from a clean one by one
edit and yielding exactly its rule; the archive itself is read as hostile input."""
from __future__ import annotations

import hashlib
import io
import re
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import ROOTS

from scormbuild.builders.moodle import MoodleBuilder
from scormbuild.moodle.mbz import mbz_bytes
from scormbuild.pipeline import load_and_check
from scormbuild.verify import tarpackage, validate_path

Files = dict[str, bytes]


@pytest.fixture(scope="module")
def clean() -> Files:
    course, diags = load_and_check(ROOTS / "minimal")
    assert course is not None and not diags
    [package] = MoodleBuilder().packages(course, bundle=False)
    return package.files


def write(tmp_path: Path, files: Files, name: str = "course.mbz") -> Path:
    path = tmp_path / name
    path.write_bytes(mbz_bytes(files))
    return path


def codes(path: Path) -> list[str]:
    return [d.code for d in validate_path(path)]


def sub(name: str, old: str, new: str) -> Callable[[Files], Files]:
    def edit(files: Files) -> Files:
        text = files[name].decode()
        assert old in text, f"{old!r} not in {name}"
        return {**files, name: text.replace(old, new, 1).encode()}
    return edit


def without(name: str) -> Callable[[Files], Files]:
    return lambda files: {k: v for k, v in files.items() if k != name}


def stored(files: Files, area: str) -> str:
    """The files/ path of the first row of `area` (package | content) in files.xml."""
    rows = re.findall(r"<contenthash>(\w+)</contenthash>.*?<filearea>(\w+)</filearea>", files["files.xml"].decode(),
                      re.DOTALL)
    digest = next(h for h, a in rows if a == area)
    return f"files/{digest[:2]}/{digest}"


def test_the_clean_backup_is_clean(tmp_path: Path, clean: Files) -> None:
    assert validate_path(write(tmp_path, clean)) == []


CASES = [
    ("MBZ-NO-BACKUP-XML", without("moodle_backup.xml")),
    ("MBZ-NO-BACKUP-XML", sub("moodle_backup.xml", "<moodle_backup>", "<!-- " + "x" * 200 + " -->\n<moodle_backup>")),
    ("MBZ-CONTENTS-MISSING", without("activities/scorm_1/scorm.xml")),
    ("MBZ-CONTENTS-MISSING", without("sections/section_2/section.xml")),
    ("MBZ-ID-MISMATCH", sub("activities/scorm_1/module.xml", '<module id="1"', '<module id="7"')),
    ("MBZ-ID-MISMATCH", sub("activities/scorm_1/scorm.xml", 'moduleid="1"', 'moduleid="3"')),
    ("MBZ-ID-MISMATCH", sub("sections/section_2/section.xml", '<section id="2">', '<section id="9">')),
    ("MBZ-INFOREF", sub("activities/scorm_1/inforef.xml", "<fileref>", "<fileref>\n    <file><id>999</id></file>")),
    ("MBZ-SCORM-PACKAGE", sub("activities/scorm_1/scorm.xml", "<reference>minimal-", "<reference>renamed-")),
    ("MBZ-SCORM-PACKAGE", lambda f: {**f, "activities/scorm_1/scorm.xml": re.sub(
        rb"<sha1hash>\w+</sha1hash>", b"<sha1hash>0000</sha1hash>", f["activities/scorm_1/scorm.xml"])}),
]


@pytest.mark.parametrize(("rule", "edit"), CASES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(CASES)])
def test_each_broken_backup_yields_exactly_its_rule(tmp_path: Path, clean: Files, rule: str, edit) -> None:  # type: ignore[no-untyped-def]
    assert codes(write(tmp_path, edit(clean))) == [rule]


def test_a_listed_file_that_is_not_stored(tmp_path: Path, clean: Files) -> None:
    [d] = validate_path(write(tmp_path, without(stored(clean, "content"))(clean)))
    assert d.code == "MBZ-FILE-MISSING" and d.location.path.endswith("!files.xml") and d.location.line > 0


def test_a_stored_file_whose_bytes_are_not_its_hash(tmp_path: Path, clean: Files) -> None:
    name = stored(clean, "content")
    found = validate_path(write(tmp_path, {**clean, name: clean[name] + b"tampered"}))
    assert [(d.code, d.location.path.rsplit("!", 1)[1]) for d in found] == [
        ("MBZ-FILE-HASH", "files.xml"), ("MBZ-FILE-HASH", name)]  # its size, then its hash


def test_the_scorm_package_inside_is_validated_with_its_own_rules(tmp_path: Path, clean: Files) -> None:
    """A package whose manifest points at a missing launch file, stored consistently (hash,
    size, sha1hash all updated): the SCORM 1.2 rule reports it, located inside the package."""
    old = stored(clean, "package")
    with zipfile.ZipFile(io.BytesIO(clean[old])) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["imsmanifest.xml"] = members["imsmanifest.xml"].replace(b'href="index.html"', b'href="start.html"', 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    new, digest, before = buffer.getvalue(), hashlib.sha1(buffer.getvalue()).hexdigest(), old.rsplit("/", 1)[1]
    files = {k: v for k, v in clean.items() if k != old}
    files[f"files/{digest[:2]}/{digest}"] = new
    files["files.xml"] = files["files.xml"].replace(before.encode(), digest.encode()).replace(
        f"<filesize>{len(clean[old])}</filesize>".encode(), f"<filesize>{len(new)}</filesize>".encode(), 1)
    scorm_xml = "activities/scorm_1/scorm.xml"
    files[scorm_xml] = files[scorm_xml].replace(before.encode(), digest.encode())
    found = validate_path(write(tmp_path, files))
    assert "SCORM12-HREF-MISSING" in [d.code for d in found]
    assert all(d.code.startswith("SCORM12-") for d in found)
    assert found[0].location.path == f"{tmp_path / 'course.mbz'}!files/{digest[:2]}/{digest}!imsmanifest.xml"


def tar_with(tmp_path: Path, clean: Files, extra: Callable[[tarfile.TarFile], None]) -> Path:
    path = tmp_path / "hostile.mbz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in clean.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        extra(tar)
    return path


def test_links_and_escaping_names_are_refused(tmp_path: Path, clean: Files) -> None:
    def hostile(tar: tarfile.TarFile) -> None:
        link = tarfile.TarInfo("files/ee/link")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
        escape = tarfile.TarInfo("../../evil.php")
        escape.size = 3
        tar.addfile(escape, io.BytesIO(b"<?p"))

    found = validate_path(tar_with(tmp_path, clean, hostile))
    assert [(d.code, "link" in d.message or ".." in d.message) for d in found] == [("MBZ-TAR-ENTRY", True)] * 2


def test_a_backup_past_the_limits_is_not_read_further(tmp_path: Path, clean: Files,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tarpackage, "MAX_ENTRIES", 10)
    assert "MBZ-TAR-BOMB" in codes(write(tmp_path, clean))


def test_a_truncated_backup_cannot_be_read(tmp_path: Path, clean: Files) -> None:
    path = write(tmp_path, clean)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert codes(path) == ["MBZ-UNREADABLE"]


def test_a_zip_format_backup_is_checked_too(tmp_path: Path, clean: Files) -> None:
    """Moodle restores zip .mbz files as well (older sites wrote them)."""
    path = tmp_path / "old.mbz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in clean.items():
            zf.writestr(name, data)
    assert validate_path(path) == []
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("files/aa/aaaa", b"not its hash")
    assert codes(path) == ["MBZ-FILE-HASH"]


def test_the_command_line_recognises_a_backup(tmp_path: Path, clean: Files) -> None:
    from click.testing import CliRunner

    from scormbuild.cli import main

    result = CliRunner().invoke(main, ["validate", str(write(tmp_path, clean))])
    assert result.exit_code == 0, result.output
    truncated = tmp_path / "cut.mbz"
    truncated.write_bytes(write(tmp_path, clean).read_bytes()[:500])
    assert CliRunner().invoke(main, ["validate", str(truncated)]).exit_code == 2
