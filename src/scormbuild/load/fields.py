"""Typed reads from a located YAML mapping, collecting every problem instead of raising.

One `Fields` wraps one mapping (course.yaml, module.yaml, a front matter, a block's
body). Reading a key marks it as known; `finish()` then reports the keys nobody read,
with "did you mean …?" when a known key is close — the most common author slip.
"""
from __future__ import annotations

import builtins  # the getters are named str and bool: in the class, annotations say builtins.str
import difflib
from typing import Any

from ..diagnostics import Diagnostic, Location, error, warning
from .yamlpos import Node


class Fields:
    def __init__(self, node: Node | None, where: str, diags: list[Diagnostic], loc: Location) -> None:
        self.where = where  # e.g. "module.yaml", "check block" — used in messages
        self.diags = diags
        self.loc = loc  # where 'missing key' problems point: the block's fence, the file's top
        self.node = node if node is not None and node.is_map else Node({}, self.loc)
        self._known: set[str] = set()
        # A value that is not a mapping is reported once, not again as each missing key.
        self._quiet = node is not None and not node.is_map
        if node is not None and isinstance(node.value, bool) and node.raw:
            self._err("yaml.boolean", node.loc,
                      f"'{node.raw}' is read by YAML as {str(node.value).lower()}, not as text",
                      f'put it in quotes: "{node.raw}"')
        elif node is not None and not node.is_map:
            self._err("key.type", node.loc, f"{where} must be a mapping of keys to values",
                      "write it as 'key: value' lines")

    # -- typed getters ----------------------------------------------------------
    def str(self, key: builtins.str, required: builtins.bool = False, default: builtins.str = "") -> builtins.str:
        node = self._get(key, required)
        if node is None:
            return default
        if isinstance(node.value, (str, int, float)) and not isinstance(node.value, bool):
            text = str(node.value).strip()
            if not text and (required or default):
                # Issue 14: `id: ''` built '-01-hazards-scorm12.zip'; an empty value is never meant.
                self._err("key.empty", node.loc, f"'{key}' is empty in {self.where}",
                          f"write a value after '{key}:'")
                return default
            return text
        self._type(key, node, "a text value")
        return default

    def int(self, key: builtins.str, required: builtins.bool = False, default: int | None = None,
            lo: int | None = None, hi: int | None = None) -> int | None:
        node = self._get(key, required)
        if node is None:
            return default
        if not isinstance(node.value, int) or isinstance(node.value, bool):
            self._type(key, node, "a whole number")
            return default
        if (lo is not None and node.value < lo) or (hi is not None and node.value > hi):
            self._err("key.range", node.loc, f"'{key}' is {node.value}, outside {lo}–{hi}",
                      f"use a number from {lo} to {hi}")
            return default
        return node.value

    def bool(self, key: builtins.str, default: builtins.bool = False) -> builtins.bool:
        node = self._get(key, False)
        if node is None:
            return default
        if isinstance(node.value, bool):
            return node.value
        self._type(key, node, "true or false")
        return default

    def maybe_bool(self, key: builtins.str) -> bool | None:
        """true/false, or None when the key is absent (the setting is inherited)."""
        return self.bool(key) if self.has(key) else self._mark(key)

    def attempts(self, key: builtins.str = "attempts") -> int | None:
        """A number of tries (1 or more) or 'unlimited' (0); None when absent (inherited)."""
        node = self._get(key, False)
        if node is None:
            return None
        if node.value == "unlimited":
            return 0
        if isinstance(node.value, int) and not isinstance(node.value, bool) and node.value >= 1:
            return node.value
        self._err("key.value", node.loc, f"'{key}' is '{node.value}', not a number of tries",
                  f"write '{key}: 2' (any whole number from 1) or '{key}: unlimited'")
        return None

    def _mark(self, key: builtins.str) -> None:
        self._known.add(key)
        return None

    def choice(self, key: builtins.str, options: tuple[builtins.str, ...], default: builtins.str) -> builtins.str:
        value = self.str(key, default=default)
        if value not in options:
            near = difflib.get_close_matches(value, options, n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"use one of: {', '.join(options)}"
            self._err("key.value", self.key_value_loc(key),
                      f"'{key}' is '{value}', not one of {', '.join(options)}", hint)
            return default
        return value

    def list(self, key: builtins.str, required: builtins.bool = False) -> list[Node]:
        node = self._get(key, required)
        if node is None:
            return []
        if not node.is_list:
            self._type(key, node, "a list (lines starting with '- ')")
            return []
        if required and not node.value:
            self._err("key.required", node.loc, f"'{key}' is empty in {self.where}",
                      f"add at least one item to '{key}'")
        items: list[Node] = node.value
        return items

    def str_list(self, key: builtins.str, required: builtins.bool = False) -> tuple[builtins.str, ...]:
        items = []
        for item in self.list(key, required):
            if isinstance(item.value, (str, int, float)) and not isinstance(item.value, bool):
                items.append(str(item.value).strip())
            elif isinstance(item.value, bool) and item.raw:
                self._err("yaml.boolean", item.loc, f"'{item.raw}' is read by YAML as {str(item.value).lower()}, "
                          "not as text", f'put it in quotes: - "{item.raw}"')
            elif item.is_map and len(item.value) == 1:
                # "- Author (2014). Title: subtitle" is read by YAML as a one-key mapping.
                self._err("key.type", item.loc, f"this item of '{key}' contains ': ' and was read as a key",
                          "put the whole item in double quotes")
            else:
                self._err("key.type", item.loc, f"each item of '{key}' must be text", "write '- some text'")
        return tuple(items)

    def map(self, key: builtins.str) -> Node | None:
        return self._get(key, False)

    def key_value_loc(self, key: builtins.str) -> Location:
        node = self.node.get(key)
        return node.loc if node is not None else self.loc

    def has(self, key: builtins.str) -> builtins.bool:
        return self.node.get(key) is not None

    # -- closing ----------------------------------------------------------------
    def finish(self) -> None:
        """Report every key that was never read: unknown, probably misspelt."""
        for key, loc in self.node.keys:
            if key in self._known:
                continue
            near = difflib.get_close_matches(key, sorted(self._known), n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'?" if near else f"known keys: {', '.join(sorted(self._known))}"
            self.diags.append(error("key.unknown", loc, f"unknown key '{key}' in {self.where}", hint))

    # -- internals ----------------------------------------------------------------
    def _get(self, key: builtins.str, required: builtins.bool) -> Node | None:
        self._known.add(key)
        node = self.node.get(key)
        if node is None or node.value is None:
            if required and not self._quiet:
                self._err("key.required", self.loc, f"{self.where} has no '{key}'", f"add '{key}: ...'")
            return None
        return node

    def _type(self, key: builtins.str, node: Node, expected: builtins.str) -> None:
        if isinstance(node.value, bool) and expected == "a text value" and node.raw:
            # YAML 1.1 (PyYAML) reads Yes/No/On/Off as booleans: `text: Yes` is not text.
            self._err("yaml.boolean", node.loc, f"'{key}: {node.raw}' is read by YAML as {str(node.value).lower()}, "
                      "not as text", f'put it in quotes: {key}: "{node.raw}"')
            return
        self._err("key.type", node.loc, f"'{key}' must be {expected}", f"write '{key}' as {expected}")

    def _err(self, code: builtins.str, loc: Location, message: builtins.str, hint: builtins.str) -> None:
        self.diags.append(error(code, loc, message, hint))

    def warn(self, code: builtins.str, loc: Location, message: builtins.str, hint: builtins.str) -> None:
        self.diags.append(warning(code, loc, message, hint))

    def known(self, *keys: builtins.str) -> None:
        """Declare keys as accepted without reading them here (read elsewhere)."""
        self._known.update(keys)


def scalar_text(node: Node) -> str | None:
    value: Any = node.value
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    return None
