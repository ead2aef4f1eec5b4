"""Shared rendering: what ships of the player runtime, and Markdown."""
from __future__ import annotations

from scormbuild.render import markdown_block, player_static, slim


def test_slim_minifies_without_touching_strings_or_regexps() -> None:
    source = b"""/*
 * a header
 */
(function () {
  // a comment line
  var url = "http://adlnet.gov/expapi/verbs/"; // a trailing comment
  /* one-line block */ var x = 1;
  var re = /[/*]+/g;
  return url + "/* not a comment */" + x + re;
})();
"""
    shipped = slim("a.js", source).decode()
    assert "comment line" not in shipped and "a header" not in shipped and "trailing" not in shipped
    assert '"http://adlnet.gov/expapi/verbs/"' in shipped and '"/* not a comment */"' in shipped
    assert "/[/*]+/g" in shipped
    assert shipped == ('(function(){var url="http://adlnet.gov/expapi/verbs/";var x=1;var re=/[/*]+/g;'
                       'return url+"/* not a comment */"+x+re;})();\n')


def test_slim_minifies_css_but_keeps_its_strings() -> None:
    css = b'/* why */\n.a , .b {\n  content: " (" attr(href) ")";\n  margin : 0 auto;\n}\n'
    assert slim("p.css", css) == b'.a,.b{content:" (" attr(href) ")";margin:0 auto}\n'


def test_the_player_runtime_ships_as_one_scope() -> None:
    """runtime/*.js are concatenated inside one function: nothing leaks but window.SB."""
    js = player_static("scorm12")["player/player.js"].decode()
    assert js.startswith("(function(){") and js.rstrip().endswith("})();")
    assert "Player.prototype.followLessonLink" in js


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
