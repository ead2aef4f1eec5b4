"""checks/embed.py: an embed's url is http(s), and its module's packages are not fully
offline (a warning naming the hosts)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import brief, edit, messages

TALK = "course/modules/01-embed/01-talk.md"


@pytest.fixture
def embed(root_factory) -> Path:  # type: ignore[no-untyped-def]
    return root_factory("embed")  # type: ignore[no-any-return]


def test_an_embed_warns_that_the_package_is_not_fully_offline(embed: Path) -> None:
    assert messages(embed) == [
        f"{TALK}:6:1: warning: module 'embed' embeds content from www.youtube-nocookie.com: its packages are not "
        "fully offline [offline.embed] — learners without internet get the fallback link; package the file itself "
        "(a video or audio block) to play offline"]


@pytest.mark.parametrize("url", ["watch?v=abc123", "javascript:alert(1)", "https://"])
def test_an_embed_url_that_is_not_http_is_an_error(embed: Path, url: str) -> None:
    edit(embed / "modules/01-embed/01-talk.md", "https://www.youtube-nocookie.com/embed/abc123", url)
    assert brief(embed) == [("embed.url", TALK, 6, 1)]


def test_an_embed_needs_a_title_for_its_frame(embed: Path) -> None:
    edit(embed / "modules/01-embed/01-talk.md", "title: Active listening, a talk\n", "")
    assert ("key.required", TALK, 6, 1) in brief(embed)
