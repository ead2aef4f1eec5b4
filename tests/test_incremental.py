"""Incremental builds (issue 14 item 3): unchanged packages are re-used, never at the cost
of a stale package, a different byte, or an author error left unreported."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scormbuild import cache as cache_module
from scormbuild.cache import cache_file
from scormbuild.pipeline import BuildResult, build
from tests.conftest import edit

FIRST = "two-modules-01-first-scorm12.zip"
SECOND = "two-modules-02-second-scorm12.zip"
FIRST_LESSON = "course/modules/1-first/1-only.md"


@pytest.fixture
def two(root_factory) -> Path:  # type: ignore[no-untyped-def]
    return root_factory("two-modules")  # type: ignore[no-any-return]


def built(course: Path, out: str = "dist", **options: object) -> BuildResult:
    result = build(course, Path(out), ("scorm12",), display=course, **options)  # type: ignore[arg-type]
    assert result.ok, result.diagnostics
    return result


def stamp(path: Path) -> tuple[int, int]:
    """Which file this is: every write makes a new file (written beside, then renamed in)."""
    info = path.stat()
    return info.st_ino, info.st_mtime_ns


def contents(folder: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(Path(folder).glob("*.zip"))}


def test_a_rebuild_rewrites_only_the_package_of_the_edited_module(two: Path) -> None:
    built(two)
    before = {name: stamp(Path("dist", name)) for name in (FIRST, SECOND)}
    edit(Path(FIRST_LESSON), "Some text.", "Some other text.")
    result = built(two)
    assert [b.path.name for b in result.built] == [FIRST, SECOND]  # both still reported, in order
    assert stamp(Path("dist", SECOND)) == before[SECOND]
    assert stamp(Path("dist", FIRST)) != before[FIRST]


def test_a_cached_build_is_byte_identical_to_a_fresh_one(two: Path) -> None:
    built(two)
    edit(Path(FIRST_LESSON), "Some text.", "Some *edited* text.")
    built(two)
    built(two, "fresh", cache=False)
    assert contents("dist") == contents("fresh")


def test_a_package_edited_in_the_output_folder_is_built_again(two: Path) -> None:
    built(two)
    good = Path("dist", SECOND).read_bytes()
    Path("dist", SECOND).write_bytes(good[:-1] + b"x")  # same size, one byte changed
    built(two)
    assert Path("dist", SECOND).read_bytes() == good


def test_a_deleted_package_is_built_again(two: Path) -> None:
    built(two)
    Path("dist", FIRST).unlink()
    assert [b.path.name for b in built(two).built] == [FIRST, SECOND]
    assert Path("dist", FIRST).is_file()


def test_no_cache_rebuilds_every_package(two: Path) -> None:
    built(two)
    before = stamp(Path("dist", SECOND))
    built(two, cache=False)
    assert stamp(Path("dist", SECOND)) != before


def test_another_standard_or_bundle_is_not_taken_from_the_cache(two: Path) -> None:
    built(two)
    bundled = build(two, Path("dist"), ("scorm12",), bundle=True, display=two)
    assert [b.path.name for b in bundled.built] == ["two-modules-scorm12.zip"]
    assert Path("dist", "two-modules-scorm12.zip").is_file()


def test_the_cache_lives_beside_the_output_folder_never_in_the_course(two: Path) -> None:
    built(two)
    record = json.loads(Path(".scormbuild-cache", "dist.json").read_text(encoding="utf-8"))
    assert sorted(record["parts"]) == ["scorm12:first", "scorm12:second"]
    assert sorted(p.name for p in Path("dist").iterdir()) == [FIRST, SECOND]  # the packages alone
    assert [p.name for p in two.rglob(".scormbuild*")] == []


def test_an_unreadable_cache_file_is_an_empty_cache(two: Path) -> None:
    built(two)
    cache_file(Path("dist")).write_text("{not json", encoding="utf-8")
    before = stamp(Path("dist", FIRST))
    built(two)
    assert stamp(Path("dist", FIRST)) != before
    assert json.loads(cache_file(Path("dist")).read_text(encoding="utf-8"))["layout"] == cache_module.LAYOUT


def test_scormbuild_itself_is_part_of_the_key(two: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade, an edited template or schema, another lxml: every package is built again."""
    built(two)
    before = stamp(Path("dist", SECOND))
    monkeypatch.setattr(cache_module, "tool_digest", lambda *libraries: "another scormbuild")
    built(two)
    assert stamp(Path("dist", SECOND)) != before


def test_an_asset_of_the_module_is_part_of_its_key(course: Path) -> None:
    built(course)
    name = "minimal-01-basics-scorm12.zip"
    before = stamp(Path("dist", name))
    journal = course / "assets" / "journal.html"
    journal.write_text(journal.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    built(course)
    assert stamp(Path("dist", name)) != before


def test_course_yaml_is_part_of_every_key(two: Path) -> None:
    built(two)
    before = stamp(Path("dist", SECOND))
    edit(two / "course.yaml", "title: Two modules", "title: Two modules, renamed")
    built(two)
    assert stamp(Path("dist", SECOND)) != before


def test_a_part_that_did_not_build_clean_is_forgotten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a clean package is re-used: a hit has no verify diagnostic to report again."""
    monkeypatch.chdir(tmp_path)  # not the checkout, whose dist/ may have a cache of its own
    entry = cache_module.Entry("x.zip", "0" * 64, 1, "x")
    store = cache_module.PackageCache(Path("dist"))
    store.record("scorm12:first", "k", [entry])
    store.record("scorm12:first", "k", None)
    assert store.slots == {}


def test_jobs_build_the_same_bytes_and_report_them_in_the_same_order(two: Path) -> None:
    one = built(two, "one", jobs=1, cache=False)
    many = built(two, "many", jobs=2, cache=False)
    assert [b.path.name for b in many.built] == [b.path.name for b in one.built] == [FIRST, SECOND]
    assert contents("many") == contents("one")


def test_jobs_zero_means_one_process_per_cpu() -> None:
    from scormbuild.parts import _workers

    assert _workers(3) == 3
    assert _workers(0) >= 1


def test_progress_is_told_each_part_in_plan_order(two: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    built(two, progress=lambda done, total, what: seen.append((done, total, what)))
    assert seen == [(1, 2, "scorm12 first"), (2, 2, "scorm12 second")]
    seen.clear()
    edit(Path(FIRST_LESSON), "Some text.", "Other text.")
    built(two, progress=lambda done, total, what: seen.append((done, total, what)))
    assert seen == [(2, 2, "scorm12 first")]  # the second module's package came from the cache


def test_a_file_in_the_module_folder_is_part_of_its_key(course: Path) -> None:
    built(course)
    name = "minimal-01-basics-scorm12.zip"
    before = stamp(Path("dist", name))
    image = course / "modules/01-basics/files/dot.svg"
    image.write_text(image.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    built(course)
    assert stamp(Path("dist", name)) != before


def test_the_cli_says_how_many_packages_were_unchanged(two: Path) -> None:
    from click.testing import CliRunner

    from scormbuild.cli import main

    first = CliRunner().invoke(main, ["build", "course", "-o", "dist"])
    assert "2 packages built, 0 errors, 0 warnings in " in first.output and "unchanged" not in first.output
    edit(Path(FIRST_LESSON), "Some text.", "Some new text.")
    again = CliRunner().invoke(main, ["build", "course", "-o", "dist"])
    assert again.exit_code == 0
    assert f"built dist/{FIRST} (" in again.output and f"built dist/{SECOND} (" in again.output
    assert again.output.rstrip().endswith(" s (1 unchanged)")


def test_a_whole_course_package_is_rebuilt_on_any_edit_a_module_package_only_on_its_own(two: Path) -> None:
    """cmi5 packages the whole course; Tin Can a package per module (README: Rebuilds)."""
    names = {"cmi5": "two-modules-cmi5.zip", "first": "two-modules-01-first-tincan.zip",
             "second": "two-modules-02-second-tincan.zip"}
    assert build(two, Path("dist"), ("cmi5", "tincan"), display=two).ok
    before = {key: stamp(Path("dist", name)) for key, name in names.items()}
    edit(Path(FIRST_LESSON), "Some text.", "Some changed text.")
    assert build(two, Path("dist"), ("cmi5", "tincan"), display=two).ok
    after = {key: stamp(Path("dist", name)) for key, name in names.items()}
    assert [key for key in names if after[key] != before[key]] == ["cmi5", "first"]
