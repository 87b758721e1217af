# Two commands for a fresh machine: `make run` and `make test`. `make help` lists the rest.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# pyenv honours .python-version (3.12); fall back to python3.12 or python3 elsewhere.
PYTHON ?= $(shell command -v python3.12 || command -v python || command -v python3)
# Where `make run` serves: `make run PORT=8001` (mail links follow: SITE_URL is set to match).
HOST ?= 127.0.0.1
PORT ?= 8000
URL := http://$(HOST):$(PORT)
DATABASE := $(if $(DATABASE_URL),the database in DATABASE_URL,data/shipboard.sqlite3)
say = @printf '\n==> %s\n' "$(1)"

.DEFAULT_GOAL := help
.PHONY: help run test lint format install migrate demo clean

help: ## List the targets
	@echo "Shipboard: make run serves the demo site, make test runs the tests."
	@echo
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-z]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "Variables: make run PORT=8001 HOST=0.0.0.0; DATABASE_URL=postgres://... for PostgreSQL."

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "Shipboard needs Python 3.12 or newer (Django 6.1 requires it); found: $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.12 (pyenv honours .python-version) or run: make PYTHON=/path/to/python3.12 run"; \
	  exit 1; }
	$(call say,Creating the Python environment in $(VENV)/)
	@$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(call say,Installing Shipboard and its dependencies into $(VENV)/ (about a minute; only when pyproject.toml changes))
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the dependencies (run and test do this)

migrate: install ## Bring the database up to date
	$(call say,Migrating $(DATABASE))
	@$(PY) manage.py migrate --noinput --verbosity 0

demo: migrate ## Load the demo data (the seed comparison, then the invented sample tools)
	$(call say,Loading the demo data: fixtures/demo.json then the invented sample tools in fixtures/sample.json)
	@$(PY) manage.py loaddata demo sample

# The site and its task worker (it sends the newsletter's confirmation mail) side by side:
# one command, and one Ctrl-C stops both.
run: demo ## Serve the demo site at http://127.0.0.1:8000/ and run its task worker (Ctrl-C stops both)
	$(call say,Serving Shipboard at $(URL)/ with its task worker (Ctrl-C stops both))
	@echo "    The demo comparison: $(URL)/compare/code-llama-4-vs-mistral-8b-instruct-v3/"
	@echo "    Three invented sample tools: $(URL)/compare/lanternfish-pr-vs-quaywise-vs-tidewater-review/"
	@echo "    Mail the site sends is printed here and kept in data/mail/."
	@SITE_URL=$${SITE_URL:-$(URL)} $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	SITE_URL=$${SITE_URL:-$(URL)} $(PY) manage.py runserver $(HOST):$(PORT)

# axe-core for the accessibility tests comes from the npm registry; without npm those tests skip.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: accessibility (axe-core) tests will be skipped."; fi

test: install node_modules/.installed ## Run the whole test suite (PYTEST_ARGS="..." passes options)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Remove .venv, the development database, mail, uploads and collected static files
	rm -rf $(VENV) data media staticfiles
