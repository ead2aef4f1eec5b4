"""Fixtures for tests under tests/xapi/: see fixtures.py for what each gives."""
from __future__ import annotations

from .fixtures import lms, memory_lms, ralph, ralph_or_reason, xapi_validator  # noqa: F401
