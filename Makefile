# The two commands a fresh machine needs (see README):
#   make setup   installs everything (Debian chromium, the Python package and its test
#                tools in .venv, the npm test tools) and builds the seed course into dist/
#   make test    runs the quality gates (make lint), then the whole test suite (browser tests included)
PY ?= python3
VENV := .venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup test test-fast test-browser lint bench
setup:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }
	@[ -x $(VENV)/bin/python ] || $(PY) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[test]'
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi
	$(VENV)/bin/scormbuild build course -o dist

# The gates first (ruff, mypy --strict, eslint, tsc: all at zero), then every test.
test: lint
	$(VENV)/bin/python -m pytest -q

test-fast:
	$(VENV)/bin/python -m pytest -q -m "not browser"

test-browser:
	$(VENV)/bin/python -m pytest -q -m browser

# The quality gates, all at zero: ruff's rule set on the code, the tests and the
# benchmarks; mypy --strict on src/ (both configured in pyproject.toml); eslint on the
# player and preview scripts (eslint.config.mjs); tsc on their JSDoc types (tsconfig.json,
# templates/player/types/*.d.ts; nothing emitted).
lint:
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy
	npx --no-install eslint templates
	npx --no-install tsc -p .

bench:
	$(VENV)/bin/python bench/build.py
