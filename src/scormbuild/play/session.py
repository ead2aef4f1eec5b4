"""One `play` run: the package served by the preview's server, its LMS page in headless
Chromium, the generic learner, and what the LMS recorded.

The LMS page is the preview's (templates/preview/): scorm-again's Scorm12API/Scorm2004API
as window.API/window.API_1484_11 with every call logged, or, for cmi5 and Tin Can, the
preview's in-memory LRS and cmi5 LMS with the launch parameters they give. Nothing leaves
127.0.0.1: every other request is aborted in the browser (Playwright routing) and listed.
"""
from __future__ import annotations

import os
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..preview.hub import Hub
from ..preview.lrs import MemoryLRS, Reply
from ..preview.rebuild import Outcome, Sco
from ..preview.server import PreviewServer
from ..resources import templates_dir
from . import report as rp
from .unpack import SCORM, Unpacked

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Frame, Page, Route

CHROMIUM_ENV = "SCORMBUILD_CHROMIUM"
CHROMIUM = "/usr/bin/chromium"
AXE_ENV = "SCORMBUILD_AXE"
# Keep Debian's chromium off the network: without these it calls Google's hosts at start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
POLL = 0.05           # seconds between looks at a page that is changing
SETTLE = 3.0          # the longest wait for a page to stop changing after an action
LAUNCH_TIMEOUT = 20.0  # for the LMS page and the content's first frame
END_TIMEOUT = 5.0     # for LMSFinish/Terminate, or the last statements, after the frame goes
ACTION_TIMEOUT_MS = 3000
FIELD_TRIES = 2
REVISITS = 2       # a page state reached more often than this means the learner is going round
RESUME_STEPS = 3   # learner steps a relaunch may need before it reads its data back (a start page)
RESUME_WAIT = 3.0  # seconds to wait for that read before each of those steps
# The page state an action is judged by: the frame's URL, what it shows, what is ticked/typed.
SIGNATURE = """() => location.href + '|' + (document.body ? document.body.innerText.length : 0) + '|' +
  document.querySelectorAll('input:checked').length + '|' +
  Array.prototype.map.call(document.querySelectorAll('input, textarea, select'),
                           e => (e.value || '').length).join(',')"""


FULL_FRAME = """if (window === window.top) document.addEventListener("DOMContentLoaded", function () {
  var style = document.createElement("style");
  style.textContent = ".bar, .inspector { display: none !important; }";
  document.head.appendChild(style);
});"""


class Unavailable(Exception):
    """Playwright, Chromium or axe-core is missing: one line says what to install (exit 2)."""


class Failed(Exception):
    """The browser run itself broke off (the LMS page or the content never loaded, Chromium
    died): nothing can be judged, so exit 2 with the reason, never a traceback."""


@dataclass
class Options:
    answers: str = "first"
    resume: bool = False
    axe: bool = False
    width: int = 1280
    max_steps: int = 200
    seconds: float = 120.0


class RecordingLRS(MemoryLRS):
    """The preview's LRS, also remembering each request (the resume check looks for the
    relaunched content reading back its state document: xAPI Comm 2.3.2)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, str, dict[str, str]]] = []

    def answer(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
               body: bytes) -> Reply:
        self.requests.append((method, path, dict(query)))
        return super().answer(method, path, query, headers, body)


@dataclass
class Session:
    """The live run, for a caller that looks at the LMS side itself (the tests): called once
    the first session ended and was recorded, and again after the resume check's relaunch."""

    page: Page
    lrs: RecordingLRS | None
    url: str
    launch: int  # 1 once the first session ended and was recorded; 2 after the resume check's relaunch


Observer = Callable[[Session], None]


def chromium_path() -> str:
    path = os.environ.get(CHROMIUM_ENV) or CHROMIUM
    if not Path(path).is_file():
        raise Unavailable(f"play needs Chromium: {path} does not exist; install it (Debian: apt install chromium) "
                          f"or point {CHROMIUM_ENV} at a Chromium binary")
    return path


def require_playwright() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        raise Unavailable("play needs Playwright: pip install 'scormbuild[play]' (and Debian's chromium: "
                          "apt install chromium)") from exc


def find_axe(start: Path) -> Path:
    env = os.environ.get(AXE_ENV)
    candidates = [Path(env)] if env else [f / "node_modules" / "axe-core" / "axe.min.js"
                                          for f in (start.resolve(), *start.resolve().parents)]
    for path in candidates:
        if path.is_file():
            return path
    raise Unavailable("--axe needs the npm package axe-core: npm install axe-core "
                      f"(or point {AXE_ENV} at its axe.min.js)")


def run(unpacked: Unpacked, site: Path, dist: Path | None, options: Options, label: str,
        observe: Observer | None = None) -> rp.Report:
    """Serve, play and report. `site` holds the package under g1/pkg/."""
    axe_path = find_axe(Path.cwd()) if options.axe else None
    lrs = None if unpacked.standard in SCORM else RecordingLRS()
    hub = Hub(unpacked.standard)
    t = unpacked.target
    sco = Sco(f"play/{t.identifier}", t.title, "g1/pkg/" + t.href,
              t.identifier if lrs is not None else "", t.move_on, t.mastery)
    hub.publish(Outcome(True, 1, (sco,), (), 0.0))
    server = PreviewServer(0, hub, site, dist, lrs)
    thread = threading.Thread(target=server.serve_forever, name="play-http", daemon=True)
    thread.start()
    try:
        return _play(unpacked, server.url, lrs, options, axe_path, label, observe)
    except Exception as exc:
        if os.environ.get("SCORMBUILD_DEBUG"):
            raise
        first = (str(exc).strip().splitlines() or [""])[0]
        raise Failed(f"the run could not complete: {type(exc).__name__}: {first}") from exc
    finally:
        hub.stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _play(unpacked: Unpacked, url: str, lrs: RecordingLRS | None, options: Options, axe_path: Path | None,
          label: str, observe: Observer | None) -> rp.Report:
    from playwright.sync_api import sync_playwright

    result = rp.Report(label, unpacked.standard, {"identifier": unpacked.target.identifier,
                                                  "title": unpacked.target.title, "href": unpacked.target.href},
                       width=options.width)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            _in_browser(browser, unpacked, url, lrs, options, axe_path, result, observe)
        finally:
            browser.close()
    return result


def _in_browser(browser: Browser, unpacked: Unpacked, url: str, lrs: RecordingLRS | None, options: Options,
                axe_path: Path | None, result: rp.Report, observe: Observer | None) -> None:
    context = browser.new_context(viewport={"width": options.width, "height": 900})
    origin = url.rstrip("/")
    context.route("**/*", lambda route: _only_here(route, origin, result.external_requests))
    page = context.new_page()
    # The content gets the whole viewport (--width is the learner's screen): the LMS page's
    # bar and inspector are for the preview's author, not for this run. Init scripts run in
    # every frame; only the top one, the LMS page, is touched.
    page.add_init_script(FULL_FRAME)
    # alert/confirm/prompt: answered as a learner presses OK (Playwright would dismiss them,
    # and a dismissed confirm() is a "Cancel" the content may take as leaving).
    page.on("dialog", lambda dialog: dialog.accept())
    page.on("console", lambda msg: _console(msg, origin, result))
    page.on("pageerror", lambda exc: result.console_errors.append(f"uncaught: {exc}"))
    page.goto(url)
    frame = _content_frame(page)
    if axe_path is not None:
        result.axe = _axe(page, frame, axe_path)
    walk = Walk(page, options)
    walk.run()
    result.steps, result.actions, result.stopped = walk.steps, walk.actions, walk.stopped
    if axe_path is not None and result.axe is not None:
        result.axe = _merge(result.axe, _axe(page, _content_frame(page), axe_path))
    _end_session(page, lrs, 1)
    _record(page, unpacked.standard, lrs, result)
    if observe is not None:
        observe(Session(page, lrs, url, launch=1))
    if options.resume:
        result.resume = _resume(page, unpacked.standard, lrs, result, options)
        if observe is not None:
            observe(Session(page, lrs, url, launch=2))
    context.close()


# ---------- the browser's view of the network ----------

def _only_here(route: Route, origin: str, blocked: list[str]) -> None:
    """Only this run's server is reachable: the package is untrusted and the run offline."""
    req = route.request
    if req.url.startswith(origin + "/") or req.url == origin:
        route.continue_()
        return
    entry = f"{req.method} {req.url}"
    if urllib.parse.urlsplit(req.url).scheme in ("http", "https", "ws", "wss", "ftp") and entry not in blocked:
        blocked.append(entry)  # once: a beacon fired every second is one finding
    route.abort("blockedbyclient")


def _console(msg: ConsoleMessage, origin: str, result: rp.Report) -> None:
    if msg.type != "error":
        return
    where = str(msg.location.get("url", "")) if msg.location else ""
    # A request this run blocked is listed under external requests, not twice; the LMS
    # page's own favicon is nothing of the package's. The LRS's answers are judged by the
    # LRS (API errors): a 404 for a State or Profile document never written is the answer
    # xAPI Comm 2.3.2 prescribes, though Chromium logs every 404 as an error.
    path = where.removeprefix(origin)
    if not where.startswith(origin) or path == "/favicon.ico" or path.startswith(("/lrs/", "/lms/")):
        return
    result.console_errors.append(f"{msg.text} ({where.removeprefix(origin)})")


def _content_frame(page: Page) -> Frame:
    """The content's frame, once the LMS page has opened it (the preview page's iframe)."""
    handle = page.wait_for_selector("#frame-holder iframe", timeout=LAUNCH_TIMEOUT * 1000)
    frame = handle.content_frame() if handle is not None else None
    if frame is None:
        raise RuntimeError("the LMS page opened no content frame")
    frame.wait_for_load_state("load", timeout=LAUNCH_TIMEOUT * 1000)
    return frame


def content_frames(page: Page) -> list[Frame]:
    """Every frame of the content, the innermost first (a launch page's own content frame
    holds the questions; its navigation bar is one level up)."""
    return [f for f in reversed(page.frames) if f is not page.main_frame and not f.is_detached()]


# ---------- the generic learner ----------

class Walk:
    """A bounded walk: at most `max_steps` actions and `seconds` of time; a control that
    changed nothing on a given page state is not used again on that state."""

    def __init__(self, page: Page, options: Options) -> None:
        self.page, self.options = page, options
        self.script = (templates_dir() / "play" / "learner.js").read_text(encoding="utf-8")
        self.steps = 0
        self.actions: list[str] = []
        self.stopped = ""
        self.tried: dict[str, set[str]] = {}
        self.used: Counter[tuple[str, str]] = Counter()
        self.seen: Counter[str] = Counter()  # page states reached, by signature

    def run(self) -> None:
        deadline = time.monotonic() + self.options.seconds
        while True:
            if self.steps >= self.options.max_steps:
                self.stopped = f"the step bound ({self.options.max_steps} steps)"
                return
            if time.monotonic() > deadline:
                self.stopped = f"the time bound ({self.options.seconds:g} s)"
                return
            if not self._step():
                self.stopped = "nothing left to answer, submit or go on with (no start/next/continue/submit control)"
                return

    def _step(self) -> bool:
        for frame in content_frames(self.page):
            try:
                before = _signature(self.page, frame)
                state = f"{frame.name}|{before}"
                skip = self.tried.get(state, set()) | self._worn(frame.url)
                action = frame.evaluate(self.script, {"answers": self.options.answers, "skip": sorted(skip)})
            except Exception:  # a frame navigating or gone: the next step sees the new page
                continue
            if not action:
                continue
            uses = self.used[(frame.url, str(action["key"]))]
            self.used[(frame.url, str(action["key"]))] += 1
            if action["kind"] == "fill" and uses:
                action["value"] = "1"  # the page emptied the words: a field that takes only a number
            done = self._do(frame, action)
            self.steps += 1
            after = _settled(self.page, frame, before)
            self.seen[after] += 1
            # A control that changed nothing, or that leads back to a page state already seen
            # REVISITS times (two controls sending the learner to and fro), is not used again
            # on this state.
            if not done or after == before or self.seen[after] > REVISITS:
                self.tried.setdefault(state, set()).add(str(action["key"]))
            return True
        return False

    def _worn(self, url: str) -> set[str]:
        """Fields and choices already used FIELD_TRIES times on this page: a page that keeps
        emptying a field (or unticking a box) is not fed forever. Buttons are judged by the
        page state alone (a Next may rightly be pressed on every page)."""
        return {key for (where, key), n in self.used.items()
                if where == url and n >= FIELD_TRIES and not key.startswith("click:")}

    def _do(self, frame: Frame, action: dict[str, Any]) -> bool:
        kind, name = str(action["kind"]), str(action.get("name") or "")
        marks = [frame.locator(f'[data-scormbuild-play="{m}"]') for m in action["marks"]]
        note = f" ({action['note']})" if action.get("note") else ""
        verb = {"check": "chose", "fill": "typed into", "select": "selected in", "click": "pressed"}[kind]
        try:
            for loc in marks:
                if kind == "check":
                    loc.check(timeout=ACTION_TIMEOUT_MS)
                elif kind == "fill":
                    loc.fill(str(action["value"]), timeout=ACTION_TIMEOUT_MS)
                elif kind == "select":
                    loc.select_option(str(action["value"]), timeout=ACTION_TIMEOUT_MS)
                else:
                    loc.click(timeout=ACTION_TIMEOUT_MS)
        except Exception as exc:
            self.actions.append(f"could not use {name!r}: {str(exc).splitlines()[0]}")
            return False
        self.actions.append(f"{verb} {name!r}{note}")
        return True


def _signature(page: Page, frame: Frame) -> str:
    """The state an action is judged by: every frame's URL (a launch page's Next changes its
    content frame, not itself) and what `frame` shows."""
    return " ".join(f.url for f in page.frames) + "|" + str(frame.evaluate(SIGNATURE))


def _settled(page: Page, frame: Frame, before: str) -> str:
    """The page's signature after an action: first until it differs from `before` (a click
    that loads a page shows the old one for a while), then until two looks agree with every
    frame loaded; each phase at most SETTLE s. Polled, never a fixed sleep."""
    deadline = time.monotonic() + SETTLE
    now = before
    while now == before and time.monotonic() < deadline:
        time.sleep(POLL)
        now = _look(page, frame)
    deadline = time.monotonic() + SETTLE
    while time.monotonic() < deadline:
        time.sleep(POLL)
        again = _look(page, frame)
        if again and again == now and _loaded(page):
            return now
        now = again
    return now


def _loaded(page: Page) -> bool:
    """Every frame of the content has finished loading: a launch page whose content frame is
    still loading the next page has not shown it yet (on a busy machine, for a while)."""
    try:
        return all(f.evaluate("document.readyState") == "complete" for f in content_frames(page))
    except Exception:  # a frame navigating: not loaded
        return False


def _look(page: Page, frame: Frame) -> str:
    try:
        return _signature(page, frame)
    except Exception:  # navigating: no signature yet
        return ""


# ---------- ending the session and reading the LMS ----------

def _end_session(page: Page, lrs: RecordingLRS | None, launch: int) -> None:
    """End the session as an LMS moving on from the activity does: the content's frame is
    navigated away (the content gets beforeunload, pagehide and unload, where SCOs call
    LMSFinish/Terminate and xAPI content sends "terminated"), then removed; and wait for
    what it sends."""
    page.evaluate("() => { const f = document.querySelector('#frame-holder iframe'); if (f) f.src = 'about:blank'; }")
    _wait_end(page, lrs, launch)
    page.evaluate("() => { const f = document.querySelector('#frame-holder iframe'); if (f) f.remove(); }")
    _wait_end(page, lrs, launch)


def _wait_end(page: Page, lrs: RecordingLRS | None, launch: int) -> None:
    deadline = time.monotonic() + END_TIMEOUT
    while time.monotonic() < deadline:
        if lrs is None and page.evaluate(
                "() => (window.preview.calls || []).some(c => /Finish$|Terminate$/.test(c.fn))"):
            return
        if lrs is not None and _ended(lrs, launch):
            return
        time.sleep(POLL)


def _ended(lrs: RecordingLRS, launch: int) -> bool:
    ends = sum(1 for s in lrs.statements if rp._verb(s) in ("terminated", "suspended", "exited"))
    return ends >= launch


def _record(page: Page, standard: str, lrs: RecordingLRS | None, result: rp.Report) -> None:
    if lrs is None:
        cmi, calls = _scorm_data(page)
        result.lms = rp.scorm_summary(standard, cmi, calls)
        result.api_errors = rp.api_errors(calls, standard)
    else:
        result.lms = rp.xapi_summary(list(lrs.statements), dict(lrs.documents))
        result.api_errors = [f"LRS: {e}" for e in lrs.errors]


def _scorm_data(page: Page) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    got = page.evaluate("""() => {
        const all = JSON.parse(JSON.stringify(window.preview.api.renderCMIToJSONObject()));
        return {cmi: all.cmi || all, calls: window.preview.calls};
    }""")
    return dict(got["cmi"]), list(got["calls"])


# ---------- the resume check ----------

def _resume(page: Page, standard: str, lrs: RecordingLRS | None, result: rp.Report, options: Options) -> rp.Resume:
    """Relaunch with what the LMS stored (the preview page hands it back as an LMS does at a
    relaunch) and check the content read its bookmark back."""
    if lrs is None:
        return _resume_scorm(page, standard, result, options)
    return _resume_xapi(page, lrs, options)


def _resume_scorm(page: Page, standard: str, result: rp.Report, options: Options) -> rp.Resume:
    v12 = standard == "scorm12"
    location, suspend = result.lms.get("location", ""), result.lms.get("suspend_data_length", 0)
    if not location and not suspend:
        return rp.Resume(False, True, "nothing to resume: the first session stored no bookmark and no suspend_data")
    page.reload()
    _content_frame(page)
    wanted = ("cmi.core.lesson_location", "cmi.suspend_data") if v12 else ("cmi.location", "cmi.suspend_data")

    def reads() -> list[str]:
        return list(page.evaluate("""wanted => window.preview.calls.filter(c => /GetValue$/.test(c.fn) &&
            wanted.indexOf(c.args[0]) >= 0 && c.ret !== '').map(c => c.args[0])""", list(wanted)))

    steps = _until(page, options, lambda: bool(reads()))[1]
    entry = page.evaluate("v12 => v12 ? window.preview.api.cmi.core.entry : window.preview.api.cmi.entry", v12)
    read = reads()
    _end_session(page, None, 2)
    calls = _scorm_data(page)[1]
    result.api_errors += [f"(relaunch) {e}" for e in rp.api_errors(calls, standard)]
    if entry != "resume":
        return rp.Resume(True, False, f"the relaunch's entry is {entry!r}, not 'resume'")
    if not read:
        return rp.Resume(True, False, "relaunched with entry 'resume', but the content read back neither "
                         f"{' nor '.join(wanted)}")
    back = ", ".join(sorted(set(read)))
    return rp.Resume(True, True, f"relaunched with entry 'resume'; the content read back {back}{_after(steps)}")


def _until(page: Page, options: Options, seen: Callable[[], bool]) -> tuple[bool, int]:
    """Poll for `seen`; when the relaunched content waits for the learner (a start page
    before the session opens), take a learner step, at most RESUME_STEPS of them.
    (Whether it was seen, and the learner steps taken.)"""
    walk = Walk(page, options)
    for _ in range(RESUME_STEPS + 1):
        deadline = time.monotonic() + RESUME_WAIT
        while time.monotonic() < deadline:
            if seen():
                return True, walk.steps
            time.sleep(POLL)
        walk.options = Options(options.answers, max_steps=walk.steps + 1)
        walk.run()
    return seen(), walk.steps


def _after(steps: int) -> str:
    return f" after {steps} learner step{'s' * (steps != 1)}" if steps else " at once"


def _resume_xapi(page: Page, lrs: RecordingLRS, options: Options) -> rp.Resume:
    saved = [key for key in lrs.documents if key[0] == "activities/state" and key[-1] != "LMS.LaunchData"]
    if not saved:
        return rp.Resume(False, True, "nothing to resume: the first session wrote no State API document")
    seen = len(lrs.requests)
    page.reload()
    _content_frame(page)
    ids = {key[-1] for key in saved}
    read, steps = _until(page, options, lambda: any(m == "GET" and p.endswith("activities/state")
                                                     and q.get("stateId") in ids for m, p, q in lrs.requests[seen:]))
    _end_session(page, lrs, 2)
    if not read:
        return rp.Resume(True, False, f"the relaunch never read its state document ({', '.join(sorted(ids))})")
    return rp.Resume(True, True, f"the relaunch read its state document back ({', '.join(sorted(ids))})"
                     + _after(steps))


# ---------- accessibility ----------

def _axe(page: Page, frame: Frame, axe_path: Path) -> list[dict[str, Any]]:
    """WCAG 2.1 A/AA violations of the content as shown (axe-core), its inner frames too:
    axe-core tests a frame only where it runs itself, so it is put in every content frame."""
    deadline = time.monotonic() + SETTLE
    while not _loaded(page) and time.monotonic() < deadline:
        time.sleep(POLL)
    for each in content_frames(page):
        try:
            if not each.evaluate("typeof window.axe !== 'undefined'"):
                each.add_script_tag(path=str(axe_path))
        except Exception:  # a frame gone meanwhile: nothing to test there
            continue
    found = frame.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
             .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))""", WCAG_TAGS)
    return [dict(v) for v in found]


def _merge(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {v["id"]: v for v in first}
    for v in second:
        if v["id"] in by_id:
            by_id[v["id"]]["nodes"] = list(dict.fromkeys([*by_id[v["id"]]["nodes"], *v["nodes"]]))[:5]
        else:
            by_id[v["id"]] = v
    return list(by_id.values())
