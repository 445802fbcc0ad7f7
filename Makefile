# Accord: `make run` serves the site, `make test` runs lint and the whole suite.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

# A Python >= 3.12 (3.13 preferred): under pyenv or on PATH, each candidate checked by running
# it (a pyenv shim can exist for a version that is not installed).
PYTHON := $(shell for v in 3.13 3.12; do \
	for c in $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$v*/bin/python3 2>/dev/null) $$(command -v python$$v); do \
	  "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo "$$c" && exit 0; done; done)

.PHONY: run test lint bench clean browser-deps

$(BIN)/activate:
	@if [ -z "$(PYTHON)" ]; then echo "Accord needs Python 3.13 or 3.12: none found on PATH or under pyenv." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Front-end libraries (network view, map) come from npm at install time, pinned by
# package-lock.json, and are served by Accord from accord/core/static/vendor/ (not committed).
VENDOR := accord/core/static/vendor
VENDOR_FILES := cytoscape/dist/cytoscape.min.js d3-array/dist/d3-array.min.js \
	d3-geo/dist/d3-geo.min.js topojson-client/dist/topojson-client.min.js \
	world-atlas/countries-110m.json

$(VENDOR)/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Accord needs npm (Node.js) to install its front-end libraries." >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cd node_modules && cp $(VENDOR_FILES) ../$(VENDOR)/
	touch $@

$(VENV)/.installed: $(BIN)/activate pyproject.toml $(VENDOR)/.installed
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e ".[test]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/accord migrate --no-input
	@if [ ! -f var/.demo-loaded ]; then $(BIN)/accord load_demo && $(BIN)/accord find_duplicates --format csv >/dev/null && touch var/.demo-loaded; fi
	$(BIN)/accord ensure_admin
	$(BIN)/accord serve --host 127.0.0.1 --port 8000

# Debian's chromium drives the browser tests; installed here when missing (never downloaded
# by Playwright itself).
browser-deps:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing and cannot be installed here: browser tests will be skipped"; fi; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/accord makemigrations --check --dry-run >/dev/null

test: $(VENV)/.installed-test browser-deps lint
	$(BIN)/python -m pytest -n auto -q
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== again on PostgreSQL ($(PG_URL)) =="; \
	  DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -n auto -q; \
	else echo "PostgreSQL not reachable at $(PG_URL): ran on SQLite only."; fi

bench: $(VENV)/.installed-test
	BENCH_SCALE=$${BENCH_SCALE:-1} bash bench/run.sh

clean:
	rm -rf $(VENV) var bench/data node_modules $(VENDOR)
