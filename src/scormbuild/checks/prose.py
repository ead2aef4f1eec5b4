"""prose — images and raw HTML in a lesson's Markdown prose reach the learner as meant.

Issue 14: a `![alt](path)` in prose shipped as a broken image, and raw HTML was shown to
learners as literal text (the renderer escapes it, so nothing an author types can break
the player). The same holds for the Markdown inside blocks (a callout's text, feedback,
an accordion item), where images are not packaged. An image in prose is packaged like an
`image` block, so its file must exist
inside the course folder and it needs alt text (WCAG 2.1 SC 1.1.1); the player runs
offline, so it cannot be a web address. Raw HTML is an error: write Markdown or a block.

Fails::

    ![](files/wheel.svg)                       # image.no-alt
    ![The wheel](files/wheeel.svg)             # asset.missing (did you mean 'wheel.svg'?)
    ![The wheel](https://example.org/w.png)    # image.external
    <b>Important</b>                           # markdown.html
    text: See ![the wheel](files/wheel.svg)    # in a callout: image.not-prose (not packaged)

Passes::

    ![The recovery wheel, with eight spokes](files/wheel.svg)
    **Important**
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..diagnostics import Diagnostic, Location, error
from ..prose import ProseImage, RawHtml, scan
from .assets import missing

ID = "prose"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for value in course.core_values:
        for markdown in (value.definition, *value.in_action):
            yield from _in_block(markdown, value.loc, "core value")
    for module in course.modules:
        for markdown in _module_markdown(module):
            yield from _in_block(markdown, module.loc, "module.yaml")
        for lesson in module.lessons:
            for block in lesson.blocks:
                if isinstance(block, m.Text):
                    yield from _text(course, lesson, block)
                for markdown, loc in _block_markdown(block):
                    yield from _in_block(markdown, loc, block.kind)


def _text(course: m.Course, lesson: m.Lesson, block: m.Text) -> Iterator[Diagnostic]:
    images, html = scan(block.markdown)
    for image in images:
        yield from _image(course, lesson, image, _at(block.loc, image.line, image.col))
    for raw in html:
        yield _html(raw, _at(block.loc, raw.line, raw.col))


def _block_markdown(block: m.Block) -> Iterator[tuple[str, Location]]:
    """The Markdown a block renders besides its prose, with the nearest known location."""
    if isinstance(block, (m.Callout, m.Quote, m.Definition)):
        yield block.markdown, block.loc
    elif isinstance(block, m.Accordion):
        yield from ((item.markdown, item.loc) for item in block.items)
    elif isinstance(block, m.KnowledgeCheck):
        yield from ((text, block.loc) for text in (block.feedback_correct, block.feedback_incorrect) if text)
        yield from ((c.feedback, c.loc) for c in block.choices if c.feedback)
    elif isinstance(block, m.Reflection) and block.intro:
        yield block.intro, block.loc


def _module_markdown(module: m.Module) -> Iterator[str]:
    """module.yaml's Markdown: description, objectives, references, next steps, worksheet texts."""
    yield module.description
    yield from (*module.objectives, *module.references, *module.next_steps)
    if module.worksheet is not None:
        yield module.worksheet.intro
        yield from (f.hint for f in module.worksheet.fields)


def _in_block(markdown: str, loc: Location, kind: str) -> Iterator[Diagnostic]:
    images, html = scan(markdown)
    for raw in html:
        yield _html(raw, loc)
    for image in images:
        where = kind if kind.endswith((".yaml", "value")) else f"{kind} block's text"
        yield error("image.not-prose", loc, f"image '{image.src}' in a {where} is not packaged",
                    "put it in an image block, or in the lesson's prose")


def _at(loc: Location, line: int, col: int) -> Location:
    return Location(loc.path, loc.line + line, col)


def _image(course: m.Course, lesson: m.Lesson, image: ProseImage, loc: Location) -> Iterator[Diagnostic]:
    if not image.alt.strip():
        yield error("image.no-alt", loc, f"image '{image.src}' has no alt text",
                    "write what the image shows between the brackets: ![The recovery wheel](files/wheel.svg)")
    if image.src.startswith(("http://", "https://", "//")):
        yield error("image.external", loc, f"image '{image.src}' is a web address; the player runs offline",
                    "download the file into the course folder and point to it there")
    elif image.is_local:
        yield from missing(m.asset_path(course, lesson, image.src), loc, image.src, course.root.resolve())


def _html(raw: RawHtml, loc: Location) -> Diagnostic:
    return error("markdown.html", loc, f"raw HTML '{raw.html}' would be shown to learners as text",
                 "write it in Markdown (**bold**, *italic*, lists) or use a block (callout, image, list)")
