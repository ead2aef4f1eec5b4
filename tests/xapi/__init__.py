"""Test infrastructure for the xAPI outputs (cmi5, Tin Can): a real LMS/LRS on 127.0.0.1.

- `fixtures.py`   the pytest fixtures `lms`, `memory_lms`, `ralph`, `xapi_validator`.
- `lms.py`        TestLMS: launches, request log, accepted statements, outages, waiting.
- `launch.py`     the cmi5 / Tin Can launch URL, LMS.LaunchData, the "launched" statement.
- `resources.py`  what it answers: fetch URL, statements, State, Agent/Activity Profile.
- `server.py`     the HTTP layer: keep-alive, CORS, version header, alternate syntax.
- `store.py`      where statements live (memory, or forwarded to Ralph) and documents.
- `ralph_lrs.py`  starts Ralph (PyPI `ralph-malph`, a real LRS); `ralph_main.py` runs it.
- `validate.py`   statements checked by Learning Locker's npm `xapi-validation`
                  (through `validate_statements.mjs`, one node run per batch).
- `cmi5_rules.py` the cmi5 rules over one registration's statements.
- `probe/au.html` a protocol probe page for test_browser_probe.py (not the player).
"""
