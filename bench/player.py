"""The learner player's weight and its LMS traffic.

    python bench/player.py          sizes of the runtime shipped in every package (JS + CSS)
    python bench/player.py --run    also plays module 13 in headless Chromium against
                                    scorm-again and counts the SCORM API calls and commits

Target (issue 3): JS + CSS under 60 KB, unminified. What is counted is what a SCORM 1.2
package ships: the builder's selection (one tracker adapter besides the standalone
fallback, no xAPI code) in its shipped form (whole-line comments stripped).
"""
from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "templates" / "player" / "static"
TARGET_KB = 60


def shipped(standard: str) -> dict[str, bytes]:
    """The runtime files exactly as a package of `standard` carries them (the builder's own
    selection and slimming: scormbuild.render.player_static), by their name."""
    sys.path.insert(0, str(ROOT / "src"))
    from scormbuild.render import player_static

    return {path.split("/", 1)[1]: data for path, data in sorted(player_static(standard).items())}


def source_size(name: str) -> int:
    """Bytes of source behind a shipped file: player.js is the runtime/ parts joined."""
    if name == "player.js":
        return sum(p.stat().st_size for p in (STATIC.parent / "runtime").glob("*.js"))
    return (STATIC / name).stat().st_size


def report_sizes(standard: str = "scorm12") -> int:
    total = gz = source = 0
    for name, data in shipped(standard).items():
        total += len(data)
        gz += len(gzip.compress(data, 9))
        size = source_size(name)
        source += size
        print(f"  {name:<24} {len(data) / 1024:6.1f} KB shipped ({size / 1024:.1f} KB source)")
    verdict = "ok" if total / 1024 < TARGET_KB else "OVER"
    print(f"player runtime ({standard}): {total / 1024:.1f} KB JS+CSS shipped ({gz / 1024:.1f} KB gzipped; "
          f"{source / 1024:.1f} KB of source), target < {TARGET_KB} KB: {verdict}")
    # Issue 12: the check UI and each question type's code ship only with modules using them.
    from scormbuild.render import OPTIONAL_PARTS, player_static

    extra = player_static(standard, OPTIONAL_PARTS)
    for name in OPTIONAL_PARTS:
        print(f"  + {name:<22} {len(extra['player/' + name]) / 1024:6.1f} KB shipped, only with modules that use it")
    return total


def report_run() -> None:
    """Play module 13 fully (every check, 300 characters in every reflection and worksheet field)
    and count calls."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "src"))
    import shutil

    from playwright.sync_api import sync_playwright
    from tests.browser.conftest import HERE, NODE, Site, build_module
    from tests.browser.learner import Learner, Plan
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    from scormbuild.load import load_course

    course, _ = load_course(ROOT / "course")
    module = next(m for m in course.modules if m.id == "goal-planning")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "lms").mkdir()
        shutil.copy(HERE / "lms" / "lms.html", root / "lms" / "lms.html")
        shutil.copy(NODE / "scorm-again" / "dist" / "scorm12.js", root / "lms" / "scorm12.js")
        site = Site(root)
        site.add_package(module.id, build_module(ROOT / "course", module.id, root / "dist"))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(site.lms_url(module.id))
            frame = page.wait_for_selector("iframe").content_frame()
            learner = Learner(frame, course, module, Plan(reflection_chars=300))
            learner.wait_ready()
            learner.play()
            learner.next()
            learner.exit()
            log = page.evaluate("window.__lmsLog")
            suspend = page.evaluate("API.cmi.suspend_data")
            browser.close()
        site.server.shutdown()
    calls = Counter(e["fn"] for e in log)
    errors = sum(1 for e in log if e["error"] != "0")
    fields = len(module.worksheet.fields) if module.worksheet else 0
    print(f"full run of module 13 ({len(module.lessons)} lessons, {len(module.checks)} checks, "
          f"{sum(len(r.prompts) for r in module.reflections)} reflection prompts and {fields} worksheet "
          f"fields × 300 chars):")
    print(f"  API calls {len(log)}: " + ", ".join(f"{k} {v}" for k, v in sorted(calls.items())))
    print(f"  commits {calls['LMSCommit']}, errors {errors}, final suspend_data {len(suspend)} / 4096 chars")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", action="store_true", help="play module 13 and count LMS API calls")
    args = parser.parse_args()
    report_sizes()
    if args.run:
        report_run()


if __name__ == "__main__":
    main()
