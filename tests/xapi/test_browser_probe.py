"""The test LMS as a real browser sees it: a probe page served from another origin talks
to it from headless Chromium (Debian's, driven by Playwright, as tests/browser/ does)."""
from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .cmi5_rules import has_verb
from .lms import TestLMS

PROBE = Path(__file__).parent / "probe"

pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def other_origin() -> Iterator[str]:
    """The probe folder on its own 127.0.0.1 port: another origin than the LMS."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(PROBE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh context per test: no shared cache, connections or storage."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("mode", "seen"), [("503", 503), ("refuse", "network error")])
def test_cross_origin_page_does_the_cmi5_handshake(lms: TestLMS, other_origin: str, page: Any,
                                                   mode: str, seen: Any) -> None:
    launch = lms.cmi5_launch(f"{other_origin}/au.html", publisher_id="https://x.test/au",
                             preferences={})
    page.goto(launch.url)
    page.wait_for_function("window.probeReady === true", timeout=10_000)
    lms.go_down(mode)  # type: ignore[arg-type]
    page.evaluate("window.resume()")
    page.wait_for_function("window.probeDown === true", timeout=10_000)
    lms.come_up()
    page.evaluate("window.resume()")
    result = page.evaluate("window.probeResult")
    assert result == {"launchMode": "Normal", "preferencesStatus": 200, "versionHeader": "1.0.3",
                      "putStatus": 204, "duringOutage": seen, "keepaliveStatus": 200,
                      "beaconQueued": True}
    lms.wait_for_verb("terminated", registration=launch.registration)  # via sendBeacon
    verbs = [v for v in ("launched", "initialized", "experienced", "terminated")
             for st in lms.statements_for(launch.registration) if has_verb(st, v)]
    assert verbs == ["launched", "initialized", "experienced", "terminated"]
    assert lms.fetch_count(launch) == 1
    assert any(r.method == "OPTIONS" for r in lms.requests)  # a real CORS preflight happened
