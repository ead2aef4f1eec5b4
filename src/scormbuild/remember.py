"""Pure functions whose results are kept from one run to the next (load.memo saves them).

A `Remembered` function answers from this run's results, else from an earlier run's,
else computes. Its arguments must be hashable and, with its results, picklable. Only the
results of pure functions of their arguments belong here, and load.memo trusts earlier
results only under the same scormbuild and libraries (`cache.tool_digest`).

Each run starts with `start`, which also bounds memory: a long-running process (a
preview server) keeps one run's results, not every text ever rendered.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")
Key = tuple[Hashable, ...]


class Remembered(Generic[V]):
    def __init__(self, compute: Callable[..., V]) -> None:
        self.compute = compute
        self.__doc__ = compute.__doc__
        self.known: dict[Key, V] = {}  # from an earlier run
        self.asked: dict[Key, V] = {}  # asked for in this run

    def __call__(self, *args: Hashable) -> V:
        found = self.asked.get(args)
        if found is None:
            found = self.known.get(args)
            if found is None:
                found = self.compute(*args)
            self.asked[args] = found
        return found

    def start(self, known: dict[Key, V]) -> None:
        """A new run, knowing an earlier run's results."""
        self.known, self.asked = known, {}
