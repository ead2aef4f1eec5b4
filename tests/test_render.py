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


def test_knowledge_check_code_ships_only_with_modules_that_have_checks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: the question code a module does not use stays out of its package."""
    import zipfile

    from scormbuild.pipeline import build
    from tests.conftest import ROOTS

    every = {"checks.js", "shuffle.js", "question-select.js", "question-text.js", "question-likert.js"}
    for root, parts in (("minimal", {"checks.js"}), ("two-modules", set()), ("questions", every)):
        result = build(ROOTS / root, tmp_path / root, formats=("scorm12", "cmi5"))
        assert result.built
        for package in result.built:
            with zipfile.ZipFile(package.path) as zf:
                names = zf.namelist()
                pages = [zf.read(n).decode() for n in names if n.endswith("index.html")]
            assert {n.split("/")[-1] for n in names if n.startswith("player/")} & every == parts, (root, package.standard)
            assert all({p for p in every if f'player/{p}"' in page} == parts for page in pages)


def test_core_runtime_and_check_code_sizes() -> None:
    """The core stays in its budget; the check UI (shipped only where used) is small."""
    core = sum(len(v) for k, v in player_static("scorm12").items() if k.endswith((".js", ".css")))
    checks = len(player_static("scorm12", ["checks.js"])["player/checks.js"])
    assert core < 60 * 1024 and checks < 6 * 1024, (core, checks)
