"""The course model: frozen dataclasses, no I/O.

Loading builds it once; checks and builders only read it. Every node keeps the
`Location` it came from so any later stage can point the author at the source, and a
stable `id` (module and lesson ids, check ids, prompt ids) because ids become SCORM
identifiers, interaction ids and xAPI activity IRIs: they must not change when an
author edits prose.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from ..diagnostics import Location
from ..paths import real_path
from .moodle import MoodleSettings
from .record import Record

NOWHERE = Location("<none>")
B = TypeVar("B")  # a block type, for Module.blocks_of


@dataclass(frozen=True, eq=False, repr=False)
class Text(Record):
    """A run of CommonMark prose between fenced blocks."""

    markdown: str
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["text"] = "text"


@dataclass(frozen=True, eq=False, repr=False)
class Image(Record):
    src: str  # path relative to the lesson file's folder, or to the course assets/
    alt: str
    caption: str = ""
    decorative: bool = False  # WCAG 1.1.1: only purely decorative images may have alt=""
    loc: Location = NOWHERE
    id: str = ""
    alt_given: bool = True
    size: Literal["small", "medium", "full"] = "full"  # small/medium float beside the prose on wide screens
    align: Literal["left", "center", "right"] = "center"
    kind: Literal["image"] = "image"


@dataclass(frozen=True, eq=False, repr=False)
class Callout(Record):
    markdown: str
    style: Literal["note", "tip", "important", "warning"] = "note"
    title: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["callout"] = "callout"


@dataclass(frozen=True, eq=False, repr=False)
class Quote(Record):
    markdown: str
    attribution: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["quote"] = "quote"


@dataclass(frozen=True, eq=False, repr=False)
class AccordionItem(Record):
    title: str
    markdown: str
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Accordion(Record):
    items: tuple[AccordionItem, ...]
    title: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["accordion"] = "accordion"


@dataclass(frozen=True, eq=False, repr=False)
class Definition(Record):
    term: str
    markdown: str
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["definition"] = "definition"


@dataclass(frozen=True, eq=False, repr=False)
class ListBlock(Record):
    items: tuple[str, ...]  # each item is inline Markdown
    title: str = ""
    style: Literal["bullet", "numbered", "check", "columns"] = "bullet"
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["list"] = "list"


@dataclass(frozen=True, eq=False, repr=False)
class Resource(Record):
    """A file the learner downloads (journal, worksheet); shipped inside the package."""

    file: str  # path relative to the lesson file's folder, or to the course assets/
    title: str
    description: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["resource"] = "resource"


@dataclass(frozen=True, eq=False, repr=False)
class Media(Record):
    """A video or an audio file shipped in the package, played by the browser's native
    controls (keyboard operable, WCAG 2.1.1); never autoplayed (WCAG 1.4.2).

    A video with speech needs WebVTT captions (WCAG 1.2.2); a transcript (Markdown) is
    shown in a disclosure (WCAG 1.2.1 for audio, 1.2.3 for video). `required`: the lesson
    counts as done only once the media was played to its end.
    """

    id: str  # stable: it names the media in the learner state when `required`
    src: str  # path relative to the lesson file
    title: str
    captions: str = ""  # a .vtt file, relative to the lesson file
    transcript: str = ""  # Markdown
    poster: str = ""  # an image shown before a video plays
    speech: bool = True  # false: a video without speech needs no captions
    required: bool = False
    loc: Location = NOWHERE
    kind: Literal["video", "audio"] = "video"

    @property
    def files(self) -> tuple[str, ...]:
        """Every file the block ships: the media, its captions and its poster."""
        return tuple(ref for ref in (self.src, self.captions, self.poster) if ref)


@dataclass(frozen=True, eq=False, repr=False)
class Embed(Record):
    """An external player (YouTube, Vimeo, H5P, a form) behind a click-to-load placeholder:
    nothing is fetched from its host until the learner asks (privacy; offline use), and a
    fallback link opens it in a new tab."""

    url: str
    title: str  # the iframe's title (WCAG 4.1.2: a frame needs an accessible name)
    provider: str = ""  # empty: named from the host (KNOWN_PROVIDERS)
    fallback: str = ""  # Markdown shown under the placeholder
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["embed"] = "embed"

    @property
    def host(self) -> str:
        from urllib.parse import urlsplit

        return (urlsplit(self.url).hostname or "").lower()

    @property
    def provider_name(self) -> str:
        host = self.host.removeprefix("www.")
        known = next((name for suffix, name in KNOWN_PROVIDERS if host == suffix or host.endswith("." + suffix)), "")
        return self.provider or known or host


# Hosts whose players authors embed most, named as learners know them.
KNOWN_PROVIDERS = (("youtube.com", "YouTube"), ("youtube-nocookie.com", "YouTube"), ("vimeo.com", "Vimeo"),
                   ("h5p.com", "H5P"), ("h5p.org", "H5P"), ("docs.google.com", "Google Forms"),
                   ("forms.office.com", "Microsoft Forms"))


@dataclass(frozen=True, eq=False, repr=False)
class Continue(Record):
    """Everything after it in the lesson stays hidden until the learner activates it."""

    label: str = ""  # empty: the player says "Continue" in the course language
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["continue"] = "continue"


@dataclass(frozen=True, eq=False, repr=False)
class Choice(Record):
    id: str  # "a", "b", ... — stable within the check; used in interaction responses
    text: str
    correct: bool = False
    feedback: str = ""
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Pair(Record):
    """A matching check's source and the target it belongs with (several sources may share
    a target: sorting goals into two kinds is a matching check with two targets)."""

    id: str  # "1", "2", ... — the source's id in interaction responses
    source: str
    target: str
    loc: Location = NOWHERE


QuestionType = Literal["single", "multiple", "true-false", "matching", "ordering", "fill-in", "numeric", "likert"]
# Types whose learner answers are choice ids of `choices` (radios, checkboxes).
CHOICE_TYPES = ("single", "multiple", "true-false", "likert")


@dataclass(frozen=True, eq=False, repr=False)
class KnowledgeCheck(Record):
    id: str
    prompt: str
    choices: tuple[Choice, ...]  # ordering: the items in their right order; likert: the scale
    type: QuestionType = "single"
    feedback_correct: str = ""
    feedback_incorrect: str = ""
    pairs: tuple[Pair, ...] = ()  # matching
    accept: tuple[str, ...] = ()  # fill-in: the accepted answers
    case_sensitive: bool = False  # fill-in: "Hope" and "hope" differ
    spacing: Literal["exact", "collapse", "ignore"] = "collapse"  # fill-in: how spaces count
    low: float | None = None  # numeric: the accepted range, low == high for one value
    high: float | None = None
    shuffle: bool = False  # choice order shuffled per attempt (seeded, kept in the state)
    attempts: int | None = None  # tries; 0 = unlimited; None: the module's or course's
    show_correct: bool | None = None  # reveal the right answer once final; None: inherited
    loc: Location = NOWHERE
    kind: Literal["check"] = "check"

    @property
    def correct_ids(self) -> tuple[str, ...]:
        if self.type == "ordering":
            return tuple(c.id for c in self.choices)
        return tuple(c.id for c in self.choices if c.correct)

    @property
    def scored(self) -> bool:
        """A likert scale asks an opinion: answered, never right or wrong."""
        return self.type != "likert"

    @property
    def targets(self) -> tuple[tuple[str, str], ...]:
        """Matching: (target id, text), each distinct target once, in order of appearance."""
        texts = list(dict.fromkeys(p.target for p in self.pairs))
        return tuple((_letter(i), text) for i, text in enumerate(texts))

    def target_id(self, text: str) -> str:
        return next(tid for tid, t in self.targets if t == text)


def _letter(index: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[index] if index < 26 else f"t{index + 1}"


@dataclass(frozen=True, eq=False, repr=False)
class Prompt(Record):
    id: str
    text: str
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Reflection(Record):
    """One prompt or a numbered sequence of them ("1 of 3"); answers go to the journal."""

    id: str
    prompts: tuple[Prompt, ...]
    title: str = ""  # empty: the player's own title, in the course language
    intro: str = ""
    required: bool = False
    loc: Location = NOWHERE
    kind: Literal["reflection"] = "reflection"


@dataclass(frozen=True, eq=False, repr=False)
class CoreValuesAssessment(Record):
    """The learner marks which course core values are key to this module and says how."""

    id: str
    prompt: str
    title: str = ""  # empty: the player's own title, in the course language
    loc: Location = NOWHERE
    kind: Literal["core-values"] = "core-values"


@dataclass(frozen=True, eq=False, repr=False)
class WorksheetEntry(Record):
    """Where the learner fills one field of the module's worksheet (module.yaml `worksheet`)."""

    field: str
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["worksheet"] = "worksheet"


@dataclass(frozen=True, eq=False, repr=False)
class Panel(Record):
    """A titled piece of Markdown: a tab's panel, a process step."""

    title: str
    markdown: str
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Tabs(Record):
    """APG tabs: one panel shown at a time, every panel in reading order without JS."""

    items: tuple[Panel, ...]
    title: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["tabs"] = "tabs"


@dataclass(frozen=True, eq=False, repr=False)
class Card(Record):
    front: str  # Markdown
    back: str  # Markdown
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Flashcards(Record):
    """Cards that flip from a prompt to its answer; both sides stay readable (no JS, print)."""

    cards: tuple[Card, ...]
    title: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["flashcards"] = "flashcards"


@dataclass(frozen=True, eq=False, repr=False)
class Process(Record):
    """Steps shown one at a time, "Step 1 of N", with previous/next buttons."""

    steps: tuple[Panel, ...]
    title: str = ""
    intro: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["process"] = "process"


@dataclass(frozen=True, eq=False, repr=False)
class Marker(Record):
    """A numbered point on a labelled graphic, at x/y percent of the image's width/height."""

    x: float
    y: float
    title: str
    markdown: str
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class LabelledGraphic(Record):
    src: str
    alt: str
    markers: tuple[Marker, ...]
    title: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["labelled-graphic"] = "labelled-graphic"


@dataclass(frozen=True, eq=False, repr=False)
class Event(Record):
    date: str
    title: str
    markdown: str = ""
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Timeline(Record):
    events: tuple[Event, ...]
    title: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["timeline"] = "timeline"


@dataclass(frozen=True, eq=False, repr=False)
class Gallery(Record):
    """An APG carousel of images: previous/next, "Image 2 of 5", never advancing by itself."""

    images: tuple[Image, ...]
    title: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["gallery"] = "gallery"


@dataclass(frozen=True, eq=False, repr=False)
class Table(Record):
    """A data table: caption, a header row (`columns`) and optionally a header column."""

    caption: str
    columns: tuple[str, ...]  # inline Markdown, the header row
    rows: tuple[tuple[str, ...], ...]  # inline Markdown cells
    row_headers: bool = False  # the first cell of each row is its header (th scope=row)
    row_locs: tuple[Location, ...] = ()
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["table"] = "table"


@dataclass(frozen=True, eq=False, repr=False)
class Button(Record):
    """A call to action: a web link (opens a new tab) or a file shipped in the package."""

    label: str
    url: str = ""
    file: str = ""  # relative to the lesson file, like a resource
    description: str = ""
    loc: Location = NOWHERE
    id: str = ""
    kind: Literal["button"] = "button"


Block = (Text | Image | Callout | Quote | Accordion | Definition | ListBlock | Resource | Media | Embed | Continue
         | KnowledgeCheck | Reflection | CoreValuesAssessment | WorksheetEntry | Tabs | Flashcards | Process
         | LabelledGraphic | Timeline | Gallery | Table | Button)


@dataclass(frozen=True, eq=False, repr=False)
class Lesson(Record):
    id: str
    title: str
    blocks: tuple[Block, ...]
    loc: Location = NOWHERE
    path: Path | None = None


@dataclass(frozen=True, eq=False, repr=False)
class WorksheetField(Record):
    id: str
    label: str
    hint: str = ""  # Markdown: what to write, shown under the label
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Worksheet(Record):
    """A module's fillable worksheet (e.g. goal planning): fields filled across lessons,
    viewed, printed and downloaded as one page."""

    title: str
    fields: tuple[WorksheetField, ...]
    intro: str = ""
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Module(Record):
    id: str
    number: int
    title: str
    lessons: tuple[Lesson, ...]
    description: str = ""
    objectives: tuple[str, ...] = ()
    duration_minutes: int = 0
    references: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()
    mastery_score: int | None = None  # percent, 0–100; None: completion only
    worksheet: Worksheet | None = None
    attempts: int | None = None  # default tries for its checks; None: the course's
    show_correct: bool | None = None
    loc: Location = NOWHERE
    dir: Path | None = None
    partial: bool = False  # module.yaml could not be read: only its lessons are known (checked, never built)
    mastery_loc: Location = NOWHERE  # where mastery_score is written, for author messages

    def blocks_of(self, kind: type[B]) -> tuple[B, ...]:
        """The module's blocks of one type, in reading order."""
        return tuple(b for lesson in self.lessons for b in lesson.blocks if isinstance(b, kind))

    @property
    def checks(self) -> tuple[KnowledgeCheck, ...]:
        return self.blocks_of(KnowledgeCheck)

    @property
    def scored_checks(self) -> tuple[KnowledgeCheck, ...]:
        return tuple(c for c in self.checks if c.scored)

    @property
    def reflections(self) -> tuple[Reflection, ...]:
        return self.blocks_of(Reflection)

    @property
    def media(self) -> tuple[Media, ...]:
        return self.blocks_of(Media)

    @property
    def embeds(self) -> tuple[Embed, ...]:
        return self.blocks_of(Embed)


@dataclass(frozen=True, eq=False, repr=False)
class CoreValue(Record):
    id: str
    name: str
    definition: str  # Markdown
    in_action: tuple[str, ...] = ()  # Markdown items: what the value looks like in practice
    overarching: bool = False
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Scorm2004Sequencing(Record):
    """How a SCORM 2004 LMS may move between modules (SN 3.2 sequencing control modes).

    choice: the learner may pick any module from the LMS's table of contents; flow: the LMS
    offers continue/previous; forced_order: a module opens only once the one before it is
    completed (a precondition rule on a shared global objective, SN 3.4 / 3.10).
    """

    choice: bool = True
    flow: bool = True
    forced_order: bool = False
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class StringOverride(Record):
    """course.yaml `strings:`: one player UI string replaced for this course."""

    key: str
    text: str
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Font(Record):
    """A font file in the course, declared with @font-face (no CDN: the player is offline)."""

    family: str
    src: str  # relative to the course folder
    weight: int = 400
    style: Literal["normal", "italic"] = "normal"
    loc: Location = NOWHERE


@dataclass(frozen=True, eq=False, repr=False)
class Theme(Record):
    """course.yaml `theme:`: branding. Files are relative to the course folder; colours are
    #rrggbb and checked for contrast (checks/theme.py, WCAG 1.4.3 and 1.4.11)."""

    logo: str = ""
    logo_alt: str = ""  # empty: the logo sits beside the course title, so it is decorative
    cover: str = ""  # the module start page's image
    cover_alt: str = ""
    primary: str = ""  # links, buttons, the primary buttons' background (white text on it)
    accent: str = ""  # the focus ring
    fonts: tuple[Font, ...] = ()  # the first font's family is the player's font
    custom_css: str = ""  # a CSS file appended after the player's style
    primary_loc: Location = NOWHERE
    accent_loc: Location = NOWHERE
    loc: Location = NOWHERE

    @property
    def files(self) -> tuple[str, ...]:
        """Every course file the theme ships."""
        refs = (self.logo, self.cover, *(font.src for font in self.fonts), self.custom_css)
        return tuple(ref for ref in refs if ref)


@dataclass(frozen=True, eq=False, repr=False)
class Course(Record):
    id: str
    title: str
    modules: tuple[Module, ...]
    base_iri: str
    description: str = ""
    language: str = "en"
    version: str = "1.0.0"
    publisher: str = ""
    credits: tuple[str, ...] = ()
    core_values: tuple[CoreValue, ...] = ()
    mastery_score: int | None = None  # default for modules that set none
    reflections: Literal["lms", "local"] = "lms"
    sequencing: Scorm2004Sequencing = Scorm2004Sequencing()  # course.yaml scorm2004.sequencing
    attempts: int = 1  # tries per knowledge check; 0 = unlimited
    show_correct: bool = True  # once a check is final, show its right answer
    retake: bool = False  # a failed module offers "Retake the checks"
    counts: Literal["last", "best"] = "last"  # which retake's score the LMS gets
    loc: Location = NOWHERE
    root: Path = field(default_factory=Path)
    moodle: MoodleSettings = field(default_factory=MoodleSettings)  # the `moodle` builder's activity settings
    theme: Theme | None = None  # course.yaml `theme:` (issue 15): branding
    strings: tuple[StringOverride, ...] = ()  # course.yaml `strings:`: player UI strings replaced
    language_loc: Location = NOWHERE
    partial: bool = False  # course.yaml could not be read: only the module folders are known (checked, never built)


def asset_ref(block: Block) -> str | None:
    """The file an image, a download, a labelled graphic or a media block points at, as the author wrote it."""
    if isinstance(block, (Image, LabelledGraphic, Media)):
        return block.src
    if isinstance(block, Button):
        return block.file or None
    return block.file if isinstance(block, Resource) else None


def asset_refs(block: Block) -> tuple[str, ...]:
    """Every file a block ships: one for most, each image of a gallery, a media block's
    captions and poster too."""
    if isinstance(block, Media):
        return block.files
    if isinstance(block, Gallery):
        return tuple(image.src for image in block.images)
    ref = asset_ref(block)
    return (ref,) if ref else ()


def asset_path(course: Course, lesson: Lesson, ref: str) -> Path:
    """Where an asset reference leads: relative to the lesson file (like a Markdown link)."""
    base = lesson.path.parent if lesson.path else course.root
    return real_path(base / ref)


def module_iri(course: Course, module: Module) -> str:
    """The module's activity IRI: under base_iri, from ids only, so retitling never moves it
    (xAPI 1.0.3 §2.4.4.1; cmi5 AU ids). Child activities (lessons, checks…) sit under it."""
    return f"{course.base_iri}/{module.id}"


def objective_ids(course: Course, module: Module) -> tuple[str, ...]:
    """SCORM 2004 objective ids of the module's learning objectives, by position (the
    objectives are text without ids): IRIs under the module's, as imsss:objective
    objectiveID (xs:anyURI, CAM 5.1.7) and cmi.objectives.n.id (RTE 4.2.17) both want."""
    return tuple(f"{module_iri(course, module)}/objectives/{n}" for n in range(1, len(module.objectives) + 1))


def completed_objective(course: Course, module: Module) -> str:
    """The SCORM 2004 objective a module marks satisfied once it is completed: what a
    forced order reads (the next module's precondition, SN 3.4.2) through a global objective."""
    return f"{module_iri(course, module)}/completed"


def attempts_for(course: Course, module: Module, check: KnowledgeCheck) -> int:
    """Tries the learner has at a check (0: unlimited): the check's, else the module's,
    else the course's setting."""
    for value in (check.attempts, module.attempts):
        if value is not None:
            return value
    return course.attempts


def show_correct_for(course: Course, module: Module, check: KnowledgeCheck) -> bool:
    for value in (check.show_correct, module.show_correct):
        if value is not None:
            return value
    return course.show_correct


def mastery_for(course: Course, module: Module) -> int | None:
    """The module's own mastery score, else the course default when the module is scored."""
    if module.mastery_score is not None:
        return module.mastery_score
    return course.mastery_score if module.scored_checks else None
