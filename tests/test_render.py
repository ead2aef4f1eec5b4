"""Shared rendering: what ships of the player runtime, and Markdown."""
from __future__ import annotations

from scormbuild.render import markdown_block, player_static, slim


def test_slim_drops_whole_line_comments_only() -> None:
    source = b"""/*
 * a header
 */
(function () {
  // a comment line
  var url = "http://adlnet.gov/expapi/verbs/"; // a trailing comment stays
  /* one-line block */ var x = 1;
  return url + "/* not a comment */";
})();
"""
    assert slim("a.js", source).decode() == (
        '(function () {\nvar url = "http://adlnet.gov/expapi/verbs/"; // a trailing comment stays\n'
        'var x = 1;\nreturn url + "/* not a comment */";\n})();\n')


def test_slim_leaves_other_files_alone() -> None:
    assert slim("journal.html", b"  // keep\n") == b"  // keep\n"


def test_trackers_ship_only_with_their_standard() -> None:
    scorm = set(player_static("scorm12"))
    cmi5 = set(player_static("cmi5"))
    assert "player/tracker-scorm12.js" in scorm and "player/xapi.js" not in scorm
    assert {"player/tracker-cmi5.js", "player/xapi.js"} <= cmi5 and "player/tracker-scorm12.js" not in cmi5
    assert "player/tracker-standalone.js" in scorm & cmi5


def test_scorm_runtime_stays_under_60_kb() -> None:
    """Issue 3: the player runtime (JS + CSS) a SCORM package ships is under 60 KB."""
    size = sum(len(v) for k, v in player_static("scorm12").items() if k.endswith((".js", ".css")))
    assert size < 60 * 1024, size


def test_markdown_escapes_raw_html() -> None:
    assert markdown_block("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
