# Knoten: `make run` starts the app, `make test` runs every check. Nothing else to install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: messages run test lint typecheck check-migrations test-sqlite test-postgres test-browser docs-images bench install clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
	  echo "Knoten needs Python 3.11 or newer, but '$(PYTHON)' is: $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.11+ and run again, or point make at it: make PYTHON=python3.12 run"; \
	  exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

run: install
	$(BIN)/knoten serve

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy

check-migrations: install
	KNOTEN_DATA_DIR=$(CURDIR)/.test-data $(BIN)/python -m django makemigrations --check --dry-run --settings knoten.settings

# --dist loadgroup: the browser tests (tests/browser, marked xdist_group) run together in
# one worker, with one server and one Chromium; the other tests spread as usual. Without
# Debian's Chromium they are skipped, and the run says why.
CHROMIUM ?= $(or $(KNOTEN_CHROMIUM),/usr/bin/chromium)
PYTEST_XDIST := -n 2 --dist loadgroup

test-sqlite: install
	@[ -x "$(CHROMIUM)" ] || echo "Browser tests skipped: no Chromium at $(CHROMIUM) (apt-get install chromium; .ci/run does)."
	KNOTEN_DATA_DIR=$(CURDIR)/.test-data KNOTEN_DATABASE_URL= KNOTEN_CHROMIUM=$(CHROMIUM) $(BIN)/pytest $(PYTEST_XDIST)

# The browser tests alone; screenshots land in .test-artifacts/screenshots/.
test-browser: install
	KNOTEN_DATA_DIR=$(CURDIR)/.test-data KNOTEN_DATABASE_URL= KNOTEN_CHROMIUM=$(CHROMIUM) $(BIN)/pytest tests/browser

# The screenshots the README and docs/ show (docs/images/home.png, person.png,
# network.png), taken by the browser tests that show those pages; `make test` leaves them.
docs-images: install
	KNOTEN_DOCS_IMAGES=1 KNOTEN_DATA_DIR=$(CURDIR)/.test-data KNOTEN_DATABASE_URL= KNOTEN_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -q tests/browser/test_accessibility.py tests/browser/test_glance.py tests/browser/test_network_page.py -k "serious or glance or drawing"

# PostgreSQL runs when KNOTEN_TEST_DATABASE_URL names a server that answers; otherwise the
# run is skipped with the reason, and `make test` still passes on SQLite alone.
test-postgres: install
	@if [ -z "$$KNOTEN_TEST_DATABASE_URL" ]; then \
	  echo "PostgreSQL run skipped: KNOTEN_TEST_DATABASE_URL is not set."; \
	elif ! $(BIN)/python -c 'import os, psycopg; psycopg.connect(os.environ["KNOTEN_TEST_DATABASE_URL"], connect_timeout=3).close()' 2>/dev/null; then \
	  echo "PostgreSQL run skipped: no server answers at $$KNOTEN_TEST_DATABASE_URL."; \
	else \
	  KNOTEN_DATA_DIR=$(CURDIR)/.test-data KNOTEN_DATABASE_URL=$$KNOTEN_TEST_DATABASE_URL $(BIN)/pytest $(PYTEST_XDIST); \
	fi

test: lint typecheck check-migrations test-sqlite test-postgres

# After changing what the pages say: extract the strings, translate the new ones in
# src/knoten/locale/de/LC_MESSAGES/django.po, and compile (the .mo file is committed,
# so a machine without GNU gettext shows German too). tests/test_translations.py checks.
messages: install
	cd src/knoten && KNOTEN_DATA_DIR=$(CURDIR)/.test-data ../../$(BIN)/python -m django makemessages -l de --no-wrap --no-obsolete --settings knoten.settings
	cd src/knoten && KNOTEN_DATA_DIR=$(CURDIR)/.test-data ../../$(BIN)/python -m django compilemessages -l de --settings knoten.settings

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .test-data .bench-data .test-artifacts
