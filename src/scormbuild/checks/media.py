"""media — a video with speech has captions, and captions are WebVTT (WCAG 2.1 SC 1.2.2).

Captions are a WebVTT file in the course (`captions: files/talk.vtt`), shipped in the
package and shown by the browser as a `<track kind="captions">`. A WebVTT file starts with
the string "WEBVTT" (WebVTT §4.1, after an optional byte order mark); a SubRip (.srt) file
renamed to .vtt does not, and the browser would silently show no captions.

Fails::

    ```video
    src: files/talk.webm            # media.captions: no captions
    title: A talk
    ```

Passes::

    ```video
    src: files/talk.webm
    title: A talk
    captions: files/talk.vtt        # or, for a video without speech: speech: false
    ```
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import model as m
from ..diagnostics import Diagnostic, error

ID = "media"
WEBVTT_MAGIC = b"WEBVTT"  # WebVTT §4.1: the file body starts with it (after an optional BOM)
_BOM = b"\xef\xbb\xbf"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        for lesson in module.lessons:
            for block in lesson.blocks:
                if isinstance(block, m.Media):
                    yield from _captions(course, lesson, block)


def _captions(course: m.Course, lesson: m.Lesson, media: m.Media) -> Iterator[Diagnostic]:
    if not media.captions:
        if media.kind == "video" and media.speech:
            yield error("media.captions", media.loc, f"video '{media.src}' has no captions (WCAG 1.2.2)",
                        "add 'captions: <file>.vtt' (WebVTT), or 'speech: false' if nobody speaks in it")
        return
    path = m.asset_path(course, lesson, media.captions)
    if path.is_file() and not is_webvtt(path):  # a missing file is asset.missing's to report
        yield error("media.captions", media.loc, f"captions '{media.captions}' are not a WebVTT file",
                    "the file must start with the line 'WEBVTT' (convert .srt files to WebVTT)")


def is_webvtt(path: Path) -> bool:
    head = path.read_bytes()[:16]
    return head.removeprefix(_BOM).startswith(WEBVTT_MAGIC)
