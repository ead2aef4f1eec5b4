"""Links in course prose: links that leave the course open beside it, links to lessons
stay inside the player.

In an LMS the package runs in a frame, and a link that navigates that frame ends the SCO:
its page is gone, and Moodle makes the learner leave and re-enter the activity
(../shared/design/LMS-NOTES.md, "Runtime quirks"). So a link out of the package opens a new
browsing context (HTML `target="_blank"`; `rel="noopener"` keeps the new page from
reaching back into the player), with a cue that is both seen and read: an arrow hidden from
screen readers and the words "opens in a new tab" for them (WCAG 2.1 G201). A link to
another lesson's file (`[goals](05-goals.md)`) becomes an in-page link to that lesson
(`#sb-l-<id>`), which the player follows without leaving the page.
"""
from __future__ import annotations

import re
from typing import Any

# Leaves the package: http(s) and protocol-relative URLs. mailto:/tel: hand over to another
# program without navigating the frame, so they stay as they are.
_LEAVES = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
_LESSON_FILE = re.compile(r"^(?:\./)?([^/#?]+\.md)(?:#.*)?$")


def cue_html(cue: str) -> str:
    """What follows the text of a link that opens a new tab."""
    return f'<span class="sb-newtab"><span aria-hidden="true">\u2197</span><span class="sb-vh"> ({cue})</span></span>'


def link_open(renderer: Any, tokens: list[Any], idx: int, options: Any, env: dict[str, Any]) -> str:
    """markdown-it renderer rule: mark leaving links, point lesson links into the player."""
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    lessons: dict[str, str] = env.get("lessons") or {}
    lesson = _LESSON_FILE.match(href)
    if lesson and lesson.group(1) in lessons:
        token.attrSet("href", f"#sb-l-{lessons[lesson.group(1)]}")
    elif _LEAVES.match(href) and env.get("cue"):
        token.attrSet("target", "_blank")
        token.attrSet("rel", "noopener")
        env["open_new"] = True
    return str(renderer.renderToken(tokens, idx, options, env))


def link_close(renderer: Any, tokens: list[Any], idx: int, options: Any, env: dict[str, Any]) -> str:
    # Links do not nest (CommonMark 6.3), so one flag carries from open to close.
    cue = cue_html(env["cue"]) if env.pop("open_new", False) else ""
    return cue + str(renderer.renderToken(tokens, idx, options, env))
