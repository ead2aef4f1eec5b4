"""Run Ralph's LRS (`ralph.api:app`) the way `ralph runserver -b fs` does, with two changes.

1. No auto-reload: `ralph runserver` always starts uvicorn with reload=True, i.e. a file
   watcher process plus a worker; a test needs one process it can stop.
2. Ralph's file-system LRS backend (ralph-malph 5.1.0, and the 4.x source reads the same)
   writes with operation type CREATE, which refuses to touch an existing file: the first
   statement creates fs_lrs.jsonl and every later write answers 500 "Statements bulk
   indexation failed". Appending is what an LRS file needs, so the backend's default
   operation type is set to APPEND before the app is imported. Everything else (the
   statements API, its validation, 204/409 rules, queries, Basic auth) is Ralph's own.

Configuration comes from the environment (RALPH_* variables, see ralph.py).
Usage: python ralph_main.py --host 127.0.0.1 --port 8100
"""
from __future__ import annotations

import argparse

import uvicorn
from ralph.backends.data.base import BaseOperationType  # type: ignore[import-untyped]
from ralph.backends.lrs.fs import FSLRSBackend  # type: ignore[import-untyped]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND  # see 2. above
    uvicorn.run("ralph.api:app", host=args.host, port=args.port, log_level="warning",
                access_log=False)


if __name__ == "__main__":
    main()
