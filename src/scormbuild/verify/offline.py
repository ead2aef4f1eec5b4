"""Whether a package plays offline: pages and styles that load from other hosts.

Not a conformance rule (no standard requires offline content), so it is reported as
information: an LMS on a closed network, or a learner on a train, gets a package whose
CDN script or embedded player never arrives. scormbuild's own packages load nothing from
the network except an embed block's player, once the learner asks (``data-embed-src``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from scormbuild.verify.package import Package
from scormbuild.verify.registry import Finding, Severity, rule

MAX_PAGE_BYTES = 4 * 1024 * 1024  # a page or style sheet read for external references
# A resource the browser fetches by itself: src/poster/data of media, frames, scripts and
# objects, a style sheet's href; not <a href> (a link the learner follows).
_TAG_REF = re.compile(
    r"""<(?:script|iframe|frame|img|video|audio|source|track|object|embed|link)\b[^>]*?\s"""
    r"""(?:src|poster|data|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I)
_EMBED_REF = re.compile(r"""\sdata-embed-src\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I)
_CSS_REF = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"')\s]+)""", re.I)
_HOST = re.compile(r"^(?:https?:)?//([^/:?#]+)", re.I)


def external_hosts(name: str, text: str) -> list[str]:
    """The hosts a page or style sheet makes the browser (or, for embeds, the learner) load from."""
    if name.lower().endswith(".css"):
        refs = _CSS_REF.findall(text)
    else:
        refs = _TAG_REF.findall(text) + _EMBED_REF.findall(text) + _CSS_REF.findall(text)
    hosts = (_HOST.match(ref) for ref in refs)
    return list(dict.fromkeys(h.group(1).lower() for h in hosts if h))


@rule("PKG-NOT-OFFLINE", Severity.INFO, "content")
def not_offline(pkg: Package) -> Iterator[Finding]:
    """A page or style sheet loads scripts, frames, media or styles from another host: the
    package does not fully work offline or on a closed network (information, not an error).

    Fails: ``<script src="https://cdn.example.com/lib.js">``, or an embed block's player
    (``data-embed-src="https://www.youtube-nocookie.com/embed/abc"``)
    Passes: ``<script src="player/player.js">``; a link ``<a href="https://example.org">``
    """
    for name in sorted(pkg.files):
        if not name.lower().endswith((".html", ".htm", ".css")):
            continue
        data = pkg.read(name, MAX_PAGE_BYTES)
        if not isinstance(data, bytes):
            continue
        hosts = external_hosts(name, data.decode("utf-8", "replace"))
        if hosts:
            yield Finding(pkg.at(name), f"{name} loads content from {', '.join(hosts)}: the package is not "
                          "fully offline", "package the files themselves if learners may have no internet")
