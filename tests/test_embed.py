"""The embed block (issue 15 item 3): a click-to-load placeholder, no request to the
provider in the page as built, a fallback link, code shipped only with embeds."""
from __future__ import annotations

import re

import pytest

from scormbuild import model as m
from scormbuild.builders.base import module_files, module_parts
from scormbuild.pipeline import load_and_check


@pytest.fixture
def course(root_factory) -> m.Course:  # type: ignore[no-untyped-def]
    loaded, problems = load_and_check(root_factory("embed"))
    assert loaded is not None and [d.code for d in problems] == ["offline.embed"]
    return loaded


def page(course: m.Course) -> str:
    return module_files(course, course.modules[0], "scorm12")["index.html"].decode()


def test_the_provider_is_named_from_the_host_unless_the_author_names_it(course: m.Course) -> None:
    [embed] = course.modules[0].embeds
    assert (embed.host, embed.provider_name) == ("www.youtube-nocookie.com", "YouTube")
    assert m.Embed("https://forms.example.org/f/1", "A form").provider_name == "forms.example.org"
    assert m.Embed("https://h5p.org/node/1", "A quiz", provider="Our H5P").provider_name == "Our H5P"


def test_the_page_loads_nothing_from_the_provider(course: m.Course) -> None:
    html = page(course)
    assert "<iframe" not in html
    uses = re.findall(r'(\S+)="https://www\.youtube-nocookie\.com[^"]*"', html)
    assert sorted(uses) == ["data-embed-src", "href"]  # the deferred frame and the fallback link


def test_the_placeholder_names_the_provider_and_host_and_offers_the_fallback(course: m.Course) -> None:
    html = page(course)
    assert ('<button type="button" class="sb-btn sb-btn--primary" data-embed-load>Load YouTube content '
            "(from www.youtube-nocookie.com)</button>") in html
    assert 'data-embed-title="Active listening, a talk"' in html
    assert "<em>transcript</em>" in html
    assert re.search(r'<a href="https://www\.youtube-nocookie\.com/embed/abc123" target="_blank" rel="noopener">'
                     r"Open it on YouTube<span class=\"sb-newtab\">", html)


def test_embed_code_ships_only_with_embeds(course: m.Course) -> None:
    assert module_parts(course.modules[0]) == ("embed.js", "embed.css")


def test_a_provider_known_only_by_its_host_is_not_named_twice(course: m.Course) -> None:
    from dataclasses import replace

    lesson = course.modules[0].lessons[0]
    blocks = tuple(replace(b, url="https://forms.example.org/f/1") if isinstance(b, m.Embed) else b
                   for b in lesson.blocks)
    module = replace(course.modules[0], lessons=(replace(lesson, blocks=blocks),))
    html = module_files(course, module, "scorm12")["index.html"].decode()
    assert "data-embed-load>Load the content from forms.example.org</button>" in html
