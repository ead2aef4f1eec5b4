"""scormbuild: course definitions (YAML + Markdown) → validated SCORM 1.2, cmi5 and Tin Can packages."""
from __future__ import annotations

__version__ = "0.1.0"
