"""The command line through click's CliRunner: exit codes and what the user reads."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from scormbuild.cli import main
from tests.conftest import edit


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_build_prints_each_package_and_a_summary(course: Path) -> None:
    code, out = run("build", "course", "-o", "dist")
    assert code == 0, out
    assert "built dist/minimal-01-basics-scorm12.zip (" in out
    assert "1 package built, 0 errors, 0 warnings in " in out


def test_author_errors_exit_1_with_file_line_and_fix(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "    correct: true\n    feedback: Yes.\n", "")
    code, out = run("build", "course", "-o", "dist")
    assert code == 1
    assert ("course/modules/01-basics/02-check.md:4:1: error: knowledge check 'listening' has no correct answer "
            '[question.no-correct] — mark one choice with "correct: true"') in out
    assert "0 packages built, 1 error, 0 warnings" in out
    assert not Path("dist").exists()


def test_check_command_builds_nothing(course: Path) -> None:
    code, out = run("check", "course")
    assert (code, out.strip()) == (0, "0 errors, 0 warnings")
    assert not Path("dist").exists()


def test_strict_makes_warnings_fail(course: Path) -> None:
    edit(course / "modules/01-basics/02-check.md", "```reflection", "```reflecton")
    assert run("check", "course")[0] == 0
    assert run("check", "course", "--strict")[0] == 1


def test_missing_course_is_a_usage_error(course: Path) -> None:
    code, out = run("build", "nowhere")
    assert code == 2 and "'nowhere' has no course.yaml" in out


def test_json_diagnostics(course: Path) -> None:
    edit(course / "modules/01-basics/module.yaml", "duration: 5", "duraton: 5")
    code, out = run("check", "course", "--output-format", "json")
    assert code == 1
    text = json.dumps(json.loads(out))
    assert "key.unknown" in text and "module.yaml" in text


def test_python_dash_m_runs_without_traceback(course: Path) -> None:
    (course / "course.yaml").write_bytes(b"id: [unclosed\n")
    done = subprocess.run([sys.executable, "-m", "scormbuild", "build", "course"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("course/course.yaml:2:1: error: YAML syntax error")


def scormbuild(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as an author runs it: its own process, its output through pipes."""
    return subprocess.run([sys.executable, "-m", "scormbuild", *args], capture_output=True, text=True)


def test_build_and_check_end_with_every_report_and_file_written(course: Path) -> None:
    """build and check end their process without tearing it down (cli._short_lived): what
    they print is flushed first, their exit status kept, and their files complete."""
    edit(course / "modules/01-basics/01-intro.md", "alt: A blue dot.", "alt: ''")
    failed = scormbuild("build", "course", "--output-format", "json")
    assert failed.returncode == 1
    report = json.loads(failed.stdout)
    assert [d["code"] for f in report["files"] for d in f["diagnostics"]] == ["image.no-alt"]
    edit(course / "modules/01-basics/01-intro.md", "alt: ''", "alt: A blue dot.")
    first = scormbuild("build", "course", "-s", "scorm12", "-s", "cmi5")
    assert first.returncode == 0, first.stderr
    assert "2 packages built, 0 errors, 0 warnings" in first.stdout.splitlines()[-1]
    assert len(list(Path("dist").glob("*.zip"))) == 2
    again = scormbuild("build", "course", "-s", "scorm12", "-s", "cmi5")
    assert "(2 unchanged)" in again.stdout.splitlines()[-1]  # the package cache was saved whole
    checked = scormbuild("check", "course", "--strict")
    assert (checked.returncode, checked.stdout) == (0, "0 errors, 0 warnings\n")
