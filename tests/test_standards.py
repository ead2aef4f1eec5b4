"""One table of standards (scormbuild.standards) that everything else reads.

Adding a standard must touch its entry, its builder, its tracker and its templates only:
these tests hold the CLI, the builders, the shipped runtime, the page config and the
validator's detection to that table.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from lxml import etree

from scormbuild import standards
from scormbuild.builders import available, get_builder
from scormbuild.cli import LazyGroup, main
from scormbuild.resources import templates_dir
from scormbuild.verify.detect import root_file, standard_of
from scormbuild.verify.package import open_package
from tests.conftest import REPO

STATIC = templates_dir() / "player" / "static"


def test_every_builder_is_named_after_its_entry() -> None:
    assert available() == ("scorm12", "scorm2004", "cmi5", "tincan", "moodle")
    for name in available():
        assert get_builder(name).name == name


def test_a_validate_only_standard_has_no_builder() -> None:
    validated_only = standards.Standard("aicc", "AICC", standards.Detection("course.crs"))
    assert not validated_only.builds
    with pytest.raises(KeyError, match="validated but not built"):
        validated_only.load_builder()
    with pytest.raises(KeyError):
        get_builder("scorm2005")


def test_the_cli_offers_exactly_the_built_standards() -> None:
    build = main.commands["build"]
    choices = next(p.type.choices for p in build.params if p.name == "standards")  # type: ignore[attr-defined]
    assert list(choices) == [*standards.buildable(), "all"]
    validate = LazyGroup.get_command(main, None, "validate")  # type: ignore[arg-type]
    assert validate is not None
    assert list(next(p.type.choices for p in validate.params if p.name == "standard")) == list(standards.names())  # type: ignore[attr-defined]


def test_an_unknown_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["build", "course", "-f", "scorm2005"])
    assert result.exit_code == 2
    assert "'scorm2005' is not one of 'scorm12', 'scorm2004', 'cmi5', 'tincan', 'moodle', 'all'" in result.output


@pytest.mark.parametrize("args,unwanted", [(["--help"], ("lxml", "scormbuild.builders")),
                                           (["build", "--help"], ("lxml", "scormbuild.builders"))])
def test_help_loads_no_builder_and_no_lxml(args: list[str], unwanted: tuple[str, ...]) -> None:
    code = ("import sys; from scormbuild.cli import main\n"
            f"try: main({args!r})\nexcept SystemExit: pass\n"
            f"print([m for m in sys.modules if m.split('.')[0] in {unwanted!r} or m in {unwanted!r}])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=REPO, env={"PYTHONPATH": str(REPO / "src")})
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_building_one_standard_loads_only_its_builder() -> None:
    code = ("import sys; from scormbuild.builders import get_builder; get_builder('tincan')\n"
            "print(sorted(m for m in sys.modules if m.startswith('scormbuild.builders.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(REPO / "src")})
    loaded = ["scormbuild.builders.base", "scormbuild.builders.tincan", "scormbuild.builders.xapi"]
    assert done.stdout.strip() == repr(loaded)


def test_lazy_help_is_the_command_s_own() -> None:
    for name, (module, attr, short) in LazyGroup.lazy.items():
        command = getattr(__import__(module, fromlist=[attr]), attr)
        assert (command.help or "").splitlines()[0] == short, name


def test_every_tracker_and_runtime_file_the_table_names_exists() -> None:
    for std in standards.STANDARDS:
        for name in std.shipped_runtime():
            assert (STATIC / name).is_file(), (std.name, name)


def test_every_tracker_on_disk_belongs_to_a_standard() -> None:
    """A tracker file no entry names would ship with every standard: a forgotten entry."""
    trackers = {p.name for p in STATIC.glob("tracker-*.js")}
    assert trackers <= standards.claimed_runtime()


@pytest.mark.parametrize(("file_name", "xml", "expected"), [
    ("imsmanifest.xml", '<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><metadata>'
                        "<schemaversion>1.2</schemaversion></metadata></manifest>", "scorm12"),
    ("imsmanifest.xml", '<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"/>', "scorm2004"),
    ("imsmanifest.xml", "<manifest><metadata><schemaversion>2004 4th Edition</schemaversion></metadata></manifest>",
     "scorm2004"),
    ("imsmanifest.xml", "<manifest><metadata><schemaversion>CAM 1.3</schemaversion></metadata></manifest>",
     "scorm2004"),
    ("cmi5.xml", '<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"/>', "cmi5"),
    ("cmi5.xml", "<manifest/>", "cmi5"),  # the file name is enough
    ("tincan.xml", '<tincan xmlns="http://projecttincan.com/tincan.xsd"/>', "tincan"),
    ("imsmanifest.xml", "<tincan/>", "tincan"),  # so is the root element
    ("other.xml", "<whatever/>", "scorm12"),  # nothing claims it: read as the commonest
])
def test_detection_reads_the_table(file_name: str, xml: str, expected: str) -> None:
    assert standard_of(file_name, etree.fromstring(xml)) == expected


def test_root_file_is_looked_up_per_standard(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "tincan.xml").write_text("<tincan/>")
    pkg = open_package(tmp_path)
    assert not isinstance(pkg, type(None))
    assert root_file(pkg, None) == "tincan.xml"  # type: ignore[arg-type]
    assert root_file(pkg, "tincan") == "tincan.xml"  # type: ignore[arg-type]
    assert getattr(root_file(pkg, "cmi5"), "code", None) == "PKG-NO-MANIFEST"  # type: ignore[arg-type]


def test_a_standard_without_a_root_file_is_never_detected_by_one() -> None:
    """A Moodle backup is recognised by its container (verify/mbz.is_backup)."""
    assert standards.get("moodle").detection is None
    assert "moodle" not in {standard_of(name, etree.fromstring("<moodle_backup/>"))
                            for name in ("moodle_backup.xml", "imsmanifest.xml")}
    assert standards.root_files() == ("imsmanifest.xml", "cmi5.xml", "tincan.xml")


def test_only_xapi_standards_carry_xapi_activities() -> None:
    assert [s.name for s in standards.STANDARDS if s.xapi] == ["cmi5", "tincan"]
