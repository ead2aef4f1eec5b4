"""embed — an embed points at an http(s) address, and says that its packages are not
fully offline.

An embed's player loads from the provider's host once the learner asks for it: a package
with one needs the internet for that block (the rest of the module still plays offline).
`offline.embed` is a warning so that `build --strict` makes the choice explicit.

Fails::

    ```embed
    url: watch?v=abc              # embed.url: not an absolute http(s) address
    title: Active listening
    ```

Passes::

    ```embed
    url: https://www.youtube-nocookie.com/embed/abc
    title: Active listening       # offline.embed (warning): from www.youtube-nocookie.com
    ```
"""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from .. import model as m
from ..diagnostics import Diagnostic, error, warning

ID = "embed"


def check(course: m.Course) -> Iterator[Diagnostic]:
    for module in course.modules:
        hosts = []
        for embed in module.embeds:
            parts = urlsplit(embed.url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                yield error("embed.url", embed.loc, f"embed url '{embed.url}' is not an http(s) address",
                            "write the provider's full embed address, e.g. https://player.vimeo.com/video/123")
            else:
                hosts.append(embed.host)
        if hosts:
            yield warning("offline.embed", module.embeds[0].loc,
                          f"module '{module.id}' embeds content from {', '.join(dict.fromkeys(hosts))}: its "
                          "packages are not fully offline", "learners without internet get the fallback link; "
                          "package the file itself (a video or audio block) to play offline")
