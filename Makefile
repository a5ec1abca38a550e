# Oefenfeed: `make run` serves the demo site, `make test` runs the whole suite. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= oefenfeed.settings.dev

.PHONY: run test lint format bench bench-burst setup setup-test assets messages migrate demo clean

run: setup assets messages migrate demo
	@echo "Oefenfeed runs on http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	$(BIN)/uvicorn oefenfeed.asgi:application --app-dir site --host $(HOST) --port $(PORT) --ws-ping-interval 20

test: setup-test assets messages
	$(BIN)/python manage.py check --settings=oefenfeed.settings.test
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=oefenfeed.settings.test
	DJANGO_SETTINGS_MODULE=oefenfeed.settings.test $(BIN)/pytest

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# BURST_ARGS, e.g. `make bench-burst BURST_ARGS="--postgres --workers 2"`; `bench/burst.py --help` lists them.
bench: setup-test assets
	DJANGO_SETTINGS_MODULE=oefenfeed.settings.test $(BIN)/python bench/run.py
	$(BIN)/python bench/burst.py $(BURST_ARGS)

bench-burst: setup-test assets
	$(BIN)/python bench/burst.py $(BURST_ARGS)

setup: $(BIN)/.runtime-installed
setup-test: $(BIN)/.test-installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(BIN)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.test-installed: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(BIN)/.runtime-installed $@

assets: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	# --ignore-scripts: h5p-standalone's install hook insists on yarn; it ships its built files anyway.
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The .mo files are committed; recompile them when gettext's msgfmt is there (it is optional).
messages:
	@if command -v msgfmt >/dev/null; then $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0; fi

migrate: setup
	$(BIN)/python manage.py migrate --noinput -v0

demo: migrate
	$(BIN)/python manage.py seed_demo --if-empty

clean:
	rm -rf $(VENV) node_modules var static_collected
