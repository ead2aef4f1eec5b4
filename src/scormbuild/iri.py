"""IRIs (RFC 3987) as cmi5 and xAPI use them for ids: absolute, with a scheme."""
from __future__ import annotations

import re

# RFC 3987 2.2: scheme ":" ihier-part; no spaces nor the characters RFC 3986 2.2 / 2.3
# leave out of every URI ('<', '>', '"', '{', '}', '|', '\', '^', '`').
_ABSOLUTE_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>"{}|\\^`]+$')


def is_absolute_iri(value: str) -> bool:
    return bool(_ABSOLUTE_IRI.match(value))
