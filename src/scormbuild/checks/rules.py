"""Every author problem `check` can report, documented once: id, severity, where it is
found, and a failing and a passing example — the same shape as the validator's rules
(:mod:`scormbuild.verify.registry`). tests/checks/test_rules.py keeps it complete: every
code the loader or a check emits is here, every one here is emitted, documented with
"Fails:" and "Passes:", and asserted by a test.

``stage`` is ``load`` for problems found while reading the files (shape, YAML, Markdown
structure) and the check module's ID for those found on the model (meaning).
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass

from ..diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class AuthorRule:
    id: str
    severity: Severity
    stage: str
    doc: str


RULES: dict[str, AuthorRule] = {}


def declare(rule_id: str, severity: Severity, stage: str, doc: str) -> None:
    if rule_id in RULES:
        raise ValueError(f"author rule {rule_id} declared twice")
    RULES[rule_id] = AuthorRule(rule_id, severity, stage, inspect.cleandoc(doc))


# ---------- load: files and YAML ----------
declare("course.missing", E, "load", """The course folder has no course.yaml.
    Fails: scormbuild check src/        (course.yaml is in src/course/)
    Passes: scormbuild check src/course""")
declare("file.unreadable", E, "load", """A course file cannot be read as UTF-8 text.
    Fails: a module.yaml saved as UTF-16 by a Windows editor
    Passes: the same file saved as UTF-8""")
declare("file.empty", E, "load", """course.yaml or module.yaml holds no keys (issue 14: it built "0 packages").
    Fails: a course.yaml with only a comment
    Passes: id, title, base_iri and modules written in it""")
declare("file.missing", E, "load", """A module folder or lesson file named in the YAML does not exist.
    Fails: lessons: [02-chek.md]        (the file is 02-check.md)
    Passes: lessons: [02-check.md]""")
declare("yaml.syntax", E, "load", """YAML cannot read the file or block.
    Fails: title: [Basics
    Passes: title: Basics""")
declare("yaml.tab", E, "load", """A tab indents a YAML line; YAML allows spaces only (YAML 1.2 §6.1).
    Fails: a line indented with a tab
    Passes: the same line indented with spaces""")
declare("yaml.duplicate-key", E, "load", """A key is written twice; YAML keeps only the last.
    Fails: number: 1 and number: 2 in one module.yaml
    Passes: number: 1""")
declare("yaml.boolean", E, "load", """An unquoted Yes/No/On/Off is read by YAML 1.1 as true/false, not text.
    Fails: - text: Yes
    Passes: - text: "Yes\"""")
declare("key.unknown", E, "load", """A key the format does not know, usually misspelt ("did you mean").
    Fails: duraton: 5
    Passes: duration: 5""")
declare("key.required", E, "load", """A required key is missing, or a required list is empty.
    Fails: a check block without prompt
    Passes: prompt: What is good listening?""")
declare("key.empty", E, "load", """A key is given an empty value where one is needed (issue 14: `id: ''`).
    Fails: id: ''
    Passes: id: hazards""")
declare("key.type", E, "load", """A value has the wrong type (text, number, list, mapping, true/false).
    Fails: duration: five
    Passes: duration: 5""")
declare("key.value", E, "load", """A value is not one of the allowed words.
    Fails: style: hint                  (callout)
    Passes: style: tip""")
declare("key.range", E, "load", """A number is outside its range.
    Fails: mastery_score: 150
    Passes: mastery_score: 80""")
declare("key.iri", E, "load", """base_iri is not an absolute IRI (RFC 3987 §2.2; xAPI activity ids are built under it).
    Fails: base_iri: courses/minimal
    Passes: base_iri: https://example.org/courses/minimal""")
declare("module.unknown", E, "load", """`build -m` names a module the course does not have.
    Fails: scormbuild build course -m 99
    Passes: scormbuild build course -m 13""")

# ---------- load: lesson files ----------
declare("lesson.no-front-matter", E, "load", """A lesson file does not start with a front matter.
    Fails: a lesson starting with its prose
    Passes: ---, title: Welcome, --- and then the prose""")
declare("lesson.front-matter-unclosed", E, "load", """The front matter's closing '---' is missing.
    Fails: ---, title: Welcome, and then the prose
    Passes: ---, title: Welcome, ---, and then the prose""")
declare("fence.unclosed", E, "load", """A fenced block is never closed: the rest of the lesson is inside it.
    Fails: ```check ... and no closing ```
    Passes: ```check ... ```""")
declare("block.empty", E, "load", """A fenced block has no YAML body (only `continue` may be empty).
    Fails: ```quote followed directly by ```
    Passes: ```quote, text: Listening is an art., ```""")
declare("block.unknown", W, "load", """A fence's info string is close to a block type: it will show as code.
    Fails: ```reflecton
    Passes: ```reflection""")

# ---------- checks on the model ----------
declare("id.invalid", E, "ids", """An id has characters ids cannot have (they become SCORM identifiers and IRIs).
    Fails: id: Eye Contact
    Passes: id: eye-contact""")
declare("id.duplicate", E, "ids", """Two things in one scope share an id.
    Fails: two checks with id: listening in one module
    Passes: id: listening and id: eye-contact""")
declare("question.few-choices", E, "questions", """A knowledge check has fewer than two choices.
    Fails: choices: [{text: Yes, correct: true}]
    Passes: choices: [{text: Yes, correct: true}, {text: No}]""")
declare("question.no-correct", E, "questions", """A knowledge check has no correct choice.
    Fails: choices: [{text: A}, {text: B}]
    Passes: choices: [{text: A, correct: true}, {text: B}]""")
declare("question.many-correct", E, "questions", """A single or true-false check has more than one correct choice.
    Fails: type: single with two choices marked correct: true
    Passes: type: multiple with the same choices""")
declare("matching.no-partner", E, "matching", """A matching pair lacks its source or its target: it cannot be graded.
    Fails: pairs: [{source: I want to feel rested}]      (no target)
    Passes: pairs: [{source: I want to feel rested, target: Moving towards}, ...]""")
declare("matching.one-target", E, "matching", """A matching check's pairs share fewer than two targets: it asks nothing.
    Fails: every pair with target: Moving towards
    Passes: target: Moving towards and target: Moving away from a problem""")
declare("ordering.one-item", E, "ordering", """An ordering check has fewer than two items: there is no order to find.
    Fails: type: ordering with choices: [Explore your vision]
    Passes: choices: [Explore your vision, Name a goal]""")
declare("fill-in.no-answer", E, "fill-in", """A fill-in check accepts no answer, so it can never be answered right.
    Fails: type: fill-in with no accept
    Passes: accept: [reciprocal, two-way]""")
declare("numeric.no-answer", E, "numeric", """A numeric check gives neither an answer nor a range.
    Fails: type: numeric with no answer, min or max
    Passes: answer: 7, or min: 2 with max: 4""")
declare("numeric.empty-range", E, "numeric", """A numeric check's min is above its max: no number is right.
    Fails: min: 4 and max: 2
    Passes: min: 2 and max: 4""")
declare("image.no-alt", E, "images", """An image (block or prose) has no text alternative (WCAG 2.1 SC 1.1.1).
    Fails: src: files/dot.svg           (no alt), or ![](files/dot.svg)
    Passes: alt: A blue dot. (or decorative: true), or ![A blue dot](files/dot.svg)""")
declare("media.captions", E, "media", """A video with speech has no captions, or they are not WebVTT (WCAG SC 1.2.2).
    Fails: ```video with src: files/talk.webm and no captions
    Passes: captions: files/talk.vtt (a file starting with WEBVTT), or speech: false""")
declare("theme.contrast", E, "theme", """A theme colour is too light for its use (WCAG SC 1.4.3: 4.5:1, 1.4.11: 3:1).
    Fails: colors: {primary: "#6fa8dc"}   (2.33:1; the fix names the nearest passing shade)
    Passes: colors: {primary: "#0b5cad"}  (6.66:1 on white)""")
declare("theme.css-contrast", E, "theme", """A colour pair in the theme's custom CSS is too faint
    (WCAG SC 1.4.3: 4.5:1, 1.4.11: 3:1): a rule's color with its own background, or a player
    property (--sb-muted…) against what player.css draws it on.
    Fails: .note { color: white; background: gold; }   (1.40:1; the fix names a passing shade)
    Passes: .note { color: #1f2328; background: gold; }""")
declare("theme.css-contrast-assumed", W, "theme", """A custom CSS rule sets only a text colour (or only a
    background) that is too faint against the page background (--sb-bg) or body text (--sb-ink)
    in effect. A warning: another rule may give the element a background of its own.
    Fails: .note { color: #777777; }     (4.47:1 on the page's white; the fix names a passing shade)
    Passes: .note { color: #57606a; }    (6.39:1)""")
declare("theme.css-syntax", W, "theme", """The theme's custom CSS has a syntax error; browsers skip that part.
    Fails: .note { color #777; }         (no colon: the declaration is dropped)
    Passes: .note { color: #57606a; }""")
declare("language.unsupported", E, "language", """The player has no UI strings for the course language.
    Fails: language: pt                 (there is no Portuguese catalogue)
    Passes: language: fr-CA             (the French catalogue)""")
declare("strings.unknown", E, "language", """A `strings:` override names a string the player does not have.
    Fails: strings: {journl: My notebook}
    Passes: strings: {journal: My notebook}""")
declare("embed.url", E, "embed", """An embed block's url is not an absolute http(s) address.
    Fails: url: watch?v=abc
    Passes: url: https://www.youtube-nocookie.com/embed/abc""")
declare("offline.embed", W, "embed", """A module embeds external content: its packages are not fully offline.
    Fails: an embed block (the warning names the hosts; build --strict stops)
    Passes: a video block with the file in the course""")
declare("graphic.marker-outside", E, "graphics", """A labelled graphic's marker is off its image
    (x or y outside 0–100 %).
    Fails: - {x: 120, y: 40, title: Contents}
    Passes: - {x: 12, y: 40, title: Contents}""")
declare("table.cell-count", E, "tables", """A table row has more or fewer cells than the table has columns.
    Fails: columns: [Area, Helps]   rows: [[Sleep]]
    Passes: columns: [Area, Helps]   rows: [[Sleep, A walk], [Friends, ""]]""")
declare("image.external", E, "prose", """An image in prose is a web address; the player runs offline.
    Fails: ![A dot](https://example.org/dot.png)
    Passes: ![A dot](files/dot.png)""")
declare("image.not-prose", E, "prose", """An image in a block's Markdown (a callout's text, feedback): not packaged.
    Fails: text: See ![the wheel](files/wheel.svg)      (in a callout)
    Passes: an image block, or the image in the lesson's prose""")
declare("markdown.html", E, "prose", """Raw HTML in prose would be shown to learners as text.
    Fails: Welcome to <b>the basics</b>.
    Passes: Welcome to **the basics**.""")
declare("asset.missing", E, "assets", """An image or download names a file that does not exist.
    Fails: src: files/dott.svg
    Passes: src: files/dot.svg""")
declare("asset.outside", E, "assets", """An image or download is outside the course folder, so not in the package.
    Fails: file: ../../../secret.txt
    Passes: file: ../../assets/journal.html""")
declare("lesson.empty", E, "lessons", """A lesson has nothing to show.
    Fails: a lesson with only its front matter
    Passes: a lesson with prose or a block""")
declare("core-values.none", E, "core-values", """A core-values block in a course with no core values (an empty box).
    Fails: ```core-values with no core_values in course.yaml
    Passes: core_values: [{id: curiosity, name: Curiosity, definition: ...}]""")
declare("mastery.no-checks", E, "mastery", """A module has a mastery score but no knowledge check to score.
    Fails: mastery_score: 75 in a module without check blocks
    Passes: no mastery_score, or a check block""")
declare("pass-mark.unreachable", E, "pass-mark", """A pass mark, but only likert checks (never scored): unreachable.
    Fails: mastery_score: 75 in a module whose only check is type: likert
    Passes: a scored check (single, matching, numeric, ...) beside it, or no mastery_score""")
declare("worksheet.unknown-field", E, "worksheet", """A worksheet block names a field the module's worksheet lacks.
    Fails: field: visoin
    Passes: field: vision""")
declare("state-budget", W, "state-budget", """A module's typical reflections would not fit in SCORM 1.2 suspend_data.
    Fails: a module with 70 reflection prompts
    Passes: module 13 of the seed course (27 prompts)""")
