"""One builder per standard; they share rendering (render.py) and module pages (base.py)."""
from __future__ import annotations

from .base import Builder, Package

FORMATS = ("scorm12", "scorm2004", "cmi5", "tincan", "moodle")


def get_builder(name: str) -> Builder:
    # Imported on demand: building one standard loads only its builder.
    if name == "scorm12":
        from .scorm12 import Scorm12Builder

        return Scorm12Builder()
    if name == "scorm2004":
        from .scorm2004 import Scorm2004Builder

        return Scorm2004Builder()
    if name == "cmi5":
        from .cmi5 import Cmi5Builder

        return Cmi5Builder()
    if name == "tincan":
        from .tincan import TinCanBuilder

        return TinCanBuilder()
    if name == "moodle":  # a Moodle course backup (.mbz) of SCORM 1.2 activities
        from .moodle import MoodleBuilder

        return MoodleBuilder()
    raise KeyError(name)


def available() -> tuple[str, ...]:
    return FORMATS


__all__ = ["Builder", "Package", "FORMATS", "get_builder", "available"]
