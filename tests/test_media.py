"""Video and audio blocks (issue 15 item 2): model, page, packaging, player config."""
from __future__ import annotations

import re

import pytest

from scormbuild import model as m
from scormbuild.builders.base import module_files, module_parts
from scormbuild.pipeline import load_and_check
from scormbuild.player_config import player_config
from tests.conftest import REPO


@pytest.fixture
def course(root_factory) -> m.Course:  # type: ignore[no-untyped-def]
    loaded, problems = load_and_check(root_factory("media"))
    assert loaded is not None and problems == []
    return loaded


def test_video_and_audio_are_read_with_their_files(course: m.Course) -> None:
    video, audio = course.modules[0].media
    assert (video.kind, video.id, video.src, video.captions, video.poster, video.required) == (
        "video", "clip", "files/clip.webm", "files/clip.vtt", "files/poster.svg", True)
    assert video.files == ("files/clip.webm", "files/clip.vtt", "files/poster.svg")
    # The id defaults to the file name; audio has no poster and needs no captions.
    assert (audio.kind, audio.id, audio.poster, audio.speech, audio.required) == ("audio", "tone", "", False, False)


def page_and_files(course: m.Course) -> tuple[str, dict[str, bytes]]:
    files = module_files(course, course.modules[0], "scorm12")
    return files["index.html"].decode(), files


def test_the_video_plays_only_when_asked_with_captions_on(course: m.Course) -> None:
    html, _ = page_and_files(course)
    video = re.search(r"<video [^>]*>", html)
    assert video is not None
    tag = video.group(0)
    # Native controls (WCAG 2.1.1), nothing but metadata before Play, never autoplay (WCAG 1.4.2).
    assert " controls " in tag and 'preload="metadata"' in tag and "autoplay" not in html
    assert 'poster="assets/modules/01-media/files/poster.svg"' in tag
    assert ('<track kind="captions" src="assets/modules/01-media/files/clip.vtt" srclang="en" '
            'label="Captions" default>') in html


def test_the_transcript_is_a_disclosure_and_required_media_say_so(course: m.Course) -> None:
    html, _ = page_and_files(course)
    assert html.count('<details class="sb-transcript">') == 2
    assert "<summary>Transcript</summary>" in html and "<strong>one second</strong>" in html
    assert html.count("data-media-status") == 1  # the required video only
    assert 'role="status" data-media-status>Play it to the end to complete this lesson.</p>' in html


def test_media_files_are_packaged(course: m.Course) -> None:
    _, files = page_and_files(course)
    folder = REPO / "tests/roots/media/modules/01-media/files"
    for name in ("clip.webm", "clip.vtt", "poster.svg", "tone.webm"):
        assert files[f"assets/modules/01-media/files/{name}"] == (folder / name).read_bytes()


def test_media_code_and_style_ship_only_with_media(course: m.Course) -> None:
    html, _ = page_and_files(course)
    assert module_parts(course.modules[0]) == ("media.js", "media.css")
    assert '<link rel="stylesheet" href="player/media.css">' in html and '<script src="player/media.js">' in html
    seed, _ = load_and_check(REPO / "course")
    assert seed is not None and all(not module_parts(mod) or "media.js" not in module_parts(mod)
                                    for mod in seed.modules)


def test_required_media_are_in_the_config_with_a_state_code(course: m.Course) -> None:
    config = player_config(course, course.modules[0], "scorm12")
    assert config["media"] == [{"id": "clip", "lesson": 0}]
    assert list(config["stateKeys"]["m"]) == ["clip"]


def test_modules_without_required_media_keep_their_config(course: m.Course) -> None:
    seed, _ = load_and_check(REPO / "course")
    assert seed is not None
    config = player_config(seed, seed.modules[0], "scorm12")
    assert "media" not in config and "m" not in config["stateKeys"]
