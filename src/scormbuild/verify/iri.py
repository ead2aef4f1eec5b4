"""Re-export: the IRI rule lives in scormbuild.iri, so the author checks can use it
without importing the validator."""
from __future__ import annotations

from scormbuild.iri import is_absolute_iri

__all__ = ["is_absolute_iri"]
