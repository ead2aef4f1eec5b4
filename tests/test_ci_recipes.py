"""The README's CI recipes work as printed: every `scormbuild` command in them runs on a
clean course (exit 0, a report the CI can read) and on a broken one (exit 1, the problem
at its file and line, in the format that CI shows)."""
from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import CHECK, REPO, edit

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = re.search(r"^## CI recipes\n(.*?)^## ", README, re.DOTALL | re.MULTILINE)
assert SECTION is not None, "README.md has no '## CI recipes' section"
RECIPES = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", SECTION.group(1), re.DOTALL)]
PRE_COMMIT, GITHUB, GITLAB = RECIPES


def commands() -> list[str]:
    """Every scormbuild command line in the GitHub and GitLab recipes, in order."""
    lines = [step["run"] for job in GITHUB["jobs"].values() for step in job["steps"] if "run" in step]
    lines += GITLAB["course"]["script"]
    return [line for line in lines if line.startswith("scormbuild ")]


def run(line: str) -> tuple[int, str]:
    """One command as a shell runs it: `> file` sends standard output to the file."""
    from scormbuild.cli import main

    words = shlex.split(line)
    target = words[words.index(">") + 1] if ">" in words else None
    args = words[1:words.index(">")] if target else words[1:]
    result = CliRunner().invoke(main, args)
    if target:
        Path(target).write_text(result.stdout, encoding="utf-8")
        return result.exit_code, result.stdout
    return result.exit_code, result.output


def test_the_recipes_run_check_and_build_in_each_ci_format() -> None:
    assert commands() == ["scormbuild check course --output-format github",
                          "scormbuild build course -o dist --output-format sarif > scormbuild.sarif",
                          "scormbuild build course -o dist --output-format junit > scormbuild-junit.xml"]


@pytest.mark.parametrize("line", commands())
def test_on_a_clean_course_each_command_passes_with_a_readable_report(course: Path, line: str) -> None:
    code, out = run(line)
    assert code == 0, out
    if "sarif" in line:
        assert json.loads(Path("scormbuild.sarif").read_text(encoding="utf-8"))["runs"][0]["results"] == []
    if "junit" in line:
        assert ET.parse("scormbuild-junit.xml").getroot().find("testsuite").get("failures") == "0"  # type: ignore[union-attr]
    if line.split()[1] == "build":
        assert Path("dist/minimal-01-basics-scorm12.zip").is_file()


@pytest.mark.parametrize("line", commands())
def test_on_a_broken_course_each_command_fails_at_the_file_and_line(course: Path, line: str) -> None:
    edit(course / "modules/01-basics/02-check.md", "    correct: true\n    feedback: Yes.\n", "")
    code, out = run(line)
    assert code == 1
    if "github" in line:
        assert f"::error file={CHECK},line=4,title=question.no-correct::" in out
    elif "sarif" in line:
        [result] = json.loads(Path("scormbuild.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
        place = result["locations"][0]["physicalLocation"]
        assert (result["ruleId"], place["artifactLocation"]["uri"], place["region"]["startLine"]) == (
            "question.no-correct", CHECK, 4)
    else:
        [failure] = ET.parse("scormbuild-junit.xml").getroot().iter("failure")
        assert failure.get("type") == "question.no-correct" and f"{CHECK}:4:1" in (failure.text or "")
    assert not Path("dist").exists()


def test_the_pre_commit_recipe_names_the_published_hook() -> None:
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = PRE_COMMIT["repos"][0]["hooks"]
    [definition] = [h for h in published if h["id"] == hook["id"]]
    assert (definition["entry"], definition["language"], definition["pass_filenames"]) == (
        "scormbuild check", "python", False)
    assert (hook["args"], hook["files"]) == (definition["args"], definition["files"])  # the defaults, spelt out


def test_the_ci_caches_hold_what_scormbuild_keeps_between_runs() -> None:
    """The folders the recipes cache are where the cache and the memo really are."""
    from scormbuild.cache import CACHE_FOLDER

    github_paths = next(step["with"]["path"].split() for job in GITHUB["jobs"].values() for step in job["steps"]
                    if step.get("uses", "").startswith("actions/cache"))
    assert github_paths == ["dist", CACHE_FOLDER, "~/.cache/scormbuild"]
    assert GITLAB["course"]["cache"]["paths"] == ["dist/", f"{CACHE_FOLDER}/", ".cache/scormbuild/"]
    assert GITLAB["course"]["variables"]["XDG_CACHE_HOME"] == "$CI_PROJECT_DIR/.cache"
