"""checks/media.py: a video with speech has WebVTT captions (WCAG 2.1 SC 1.2.2)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import brief, edit, messages

WATCH = "course/modules/01-media/01-watch.md"


@pytest.fixture
def media(root_factory) -> Path:  # type: ignore[no-untyped-def]
    return root_factory("media")  # type: ignore[no-any-return]


def test_the_media_course_is_clean(media: Path) -> None:
    assert brief(media) == []


def test_a_video_without_captions_is_an_error(media: Path) -> None:
    edit(media / "modules/01-media/01-watch.md", "captions: files/clip.vtt\n", "")
    assert messages(media) == [
        f"{WATCH}:6:1: error: video 'files/clip.webm' has no captions (WCAG 1.2.2) [media.captions] — "
        "add 'captions: <file>.vtt' (WebVTT), or 'speech: false' if nobody speaks in it"]


def test_a_video_without_speech_needs_no_captions(media: Path) -> None:
    edit(media / "modules/01-media/01-watch.md", "captions: files/clip.vtt\n", "speech: false\n")
    assert brief(media) == []


def test_captions_that_are_not_webvtt_are_an_error(media: Path) -> None:
    (media / "modules/01-media/files/clip.vtt").write_text("1\n00:00:00,000 --> 00:00:01,000\nHi\n")
    assert brief(media) == [("media.captions", WATCH, 6, 1)]


def test_webvtt_after_a_byte_order_mark_is_accepted(media: Path) -> None:
    (media / "modules/01-media/files/clip.vtt").write_bytes(b"\xef\xbb\xbfWEBVTT\n\n")
    assert brief(media) == []


def test_missing_media_files_are_asset_errors(media: Path) -> None:
    edit(media / "modules/01-media/01-watch.md", "poster: files/poster.svg", "poster: files/postr.svg")
    edit(media / "modules/01-media/01-watch.md", "captions: files/clip.vtt", "captions: files/clip.srt")
    assert [(c, line) for c, _, line, _ in brief(media)] == [("asset.missing", 6), ("asset.missing", 6)]


def test_audio_takes_no_poster(media: Path) -> None:
    edit(media / "modules/01-media/02-listen.md", "title: A tone\n", "title: A tone\nposter: files/poster.svg\n")
    assert [c for c, *_ in brief(media)] == ["key.unknown"]


def test_two_media_with_one_id_are_an_error(media: Path) -> None:
    edit(media / "modules/01-media/02-listen.md", "src: files/tone.webm\n", "id: clip\nsrc: files/tone.webm\n")
    assert [c for c, *_ in brief(media)] == ["id.duplicate"]
