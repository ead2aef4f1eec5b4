"""The cmi5 and Tin Can builders: valid course structures with stable IRIs."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from scormbuild.builders.xapi import mastery_scaled
from scormbuild.model import Course, Module
from scormbuild.pipeline import build
from tests.conftest import edit, oracle

CMI5 = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
TINCAN = {"t": "http://projecttincan.com/tincan.xsd"}


def root_of(package: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(package) as zf:
        return etree.fromstring(zf.read(name))


def test_cmi5_course_with_an_au_per_module(root_factory) -> None:  # type: ignore[no-untyped-def]
    course = root_factory("two-modules")
    result = build(course, Path("out"), formats=["cmi5"])
    assert result.ok, result.diagnostics
    [built] = result.built
    assert built.path.name == "two-modules-cmi5.zip"
    assert oracle(built.path, "cmi5")[0] == 0
    root = root_of(built.path, "cmi5.xml")
    assert root.find("c:course", CMI5).get("id") == "https://example.org/courses/two-modules"
    aus = root.findall("c:au", CMI5)
    assert [(a.get("id"), a.findtext("c:url", namespaces=CMI5), a.get("moveOn")) for a in aus] == [
        ("https://example.org/courses/two-modules/first", "first/index.html", "Completed"),
        ("https://example.org/courses/two-modules/second", "second/index.html", "Completed"),
    ]
    with zipfile.ZipFile(built.path) as zf:
        assert {"first/index.html", "second/index.html", "player/player.js"} <= set(zf.namelist())


def test_cmi5_mastery_is_scaled_and_requires_a_pass(course: Path) -> None:
    [built] = build(course, Path("out"), formats=["cmi5"]).built
    [au] = root_of(built.path, "cmi5.xml").findall("c:au", CMI5)
    assert (au.get("masteryScore"), au.get("moveOn")) == ("0.5", "CompletedAndPassed")


@pytest.mark.parametrize(("percent", "text"), [(75, "0.75"), (80, "0.8"), (100, "1"), (0, "0")])
def test_mastery_scaled(percent: int, text: str) -> None:
    module = Module("m", 1, "M", (), mastery_score=percent)
    assert mastery_scaled(Course("c", "C", (module,), "https://x.test/c"), module) == text


def test_tincan_package_per_module(course: Path) -> None:
    [built] = build(course, Path("out"), formats=["tincan"]).built
    assert built.path.name == "minimal-01-basics-tincan.zip"
    assert oracle(built.path, "tincan")[0] == 0
    activity = root_of(built.path, "tincan.xml").find("t:activities/t:activity", TINCAN)
    assert activity.get("id") == "https://example.org/courses/minimal/basics"
    assert activity.get("type") == "http://adlnet.gov/expapi/activities/course"
    assert activity.findtext("t:launch", namespaces=TINCAN) == "index.html"


def test_iris_do_not_change_when_titles_do(course: Path) -> None:
    first = root_of(build(course, Path("a"), formats=["cmi5"]).built[0].path, "cmi5.xml")
    edit(course / "modules/01-basics/module.yaml", "title: Basics", "title: The basics, renamed")
    second = root_of(build(course, Path("b"), formats=["cmi5"]).built[0].path, "cmi5.xml")
    assert first.find("c:au", CMI5).get("id") == second.find("c:au", CMI5).get("id")
