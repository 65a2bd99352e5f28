# Two commands set up a fresh machine: `make serve` (site + checker on http://127.0.0.1:8000) and `make test`.
# Every target installs what it lacks, so a clean clone needs nothing else.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Pyodide 0.29 runs Python 3.13: the same host version lets `pyodide py-compile` pre-compile our wheels.
HOST_PYTHON ?= $(firstword $(wildcard /root/.pyenv/versions/3.13*/bin/python3.13) $(shell command -v python3.13 2>/dev/null) python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help setup chromium engines build serve test lint typecheck bench accuracy fuzz requirements screenshots clean

help:
	@echo "make serve   build the site and the checker, serve them on http://$(HOST):$(PORT)"
	@echo "make test    install what is missing, then run every test (browser tests included)"
	@echo "make build   the deployable static site in site/"
	@echo "make bench   performance figures (medians, with baselines)"
	@echo "make accuracy  the checker against every quote corpus: verdicts, per-rule hits, misses, false positives"
	@echo "make screenshots  README screenshots (home page, checker with a report; desktop and phone) from the built site"
	@echo "make fuzz    long property-based fuzzing of the checker (FUZZ_EXAMPLES=..., default 20000 per target)"

$(VENV)/.installed: requirements/dev.txt pyproject.toml
	test -x $(PY) || $(HOST_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-virtualenv --require-hashes -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# npm verifies the tarball against the integrity value recorded in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Firefox ESR and WebKitGTK (its WebDriver, MiniBrowser, and Xvfb for a display) for tests/engines/, from Debian;
# ENGINES_FROM=playwright takes Playwright's own builds instead (GitHub's Ubuntu runners), none installs nothing.
ENGINES_FROM ?= debian
export ENGINES_FROM
engines:
ifeq ($(ENGINES_FROM),playwright)
	$(PY) -m playwright install --with-deps firefox webkit
else ifeq ($(ENGINES_FROM),debian)
	@command -v firefox-esr >/dev/null 2>&1 && command -v WebKitWebDriver >/dev/null 2>&1 && command -v Xvfb >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb; }
endif

build: setup
	$(PY) -m mkdocs build --strict

serve: build
	$(PY) tests/site_server.py site --host $(HOST) --port $(PORT)

lint: setup
	$(PY) -m ruff check checker site_hooks tests bench tools
	$(PY) -m ruff format --check checker site_hooks tests bench tools
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.workers.json
	node_modules/.bin/tsc -p tsconfig.node.json

typecheck: setup
	$(PY) -m mypy

test: setup chromium engines lint typecheck
	$(PY) -m pytest $(PYTEST_ARGS)

# The bench reuses the tests' site server and support package (tests/ on PYTHONPATH), never their conftest.
bench: setup chromium build
	PYTHONPATH=tests $(PY) bench/run.py
	$(PY) bench/cli_jobs.py

# How right the checker is on every corpus under tests/ (text quotes and their PDF twins, made with Chromium,
# reportlab and fpdf2): verdict accuracy, per-rule true positives / misses / false positives, every failure.
# ACCURACY_ARGS=--json for machines, --no-pdf to skip the twins.
ACCURACY_ARGS ?=
accuracy: setup chromium
	$(PY) bench/accuracy.py $(ACCURACY_ARGS)

# Long fuzzing run (hypothesis profile "fuzz", tests/hardening/test_fuzz.py): never raises, offsets inside the
# text, deterministic. Prints the figures. FUZZ_EXAMPLES sets the number of inputs per target.
FUZZ_EXAMPLES ?= 20000
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/hardening/test_fuzz.py -p no:cacheprovider -q -s --hypothesis-show-statistics

# The README's screenshots, taken in Chromium from the site as built, so they never go stale.
screenshots: setup chromium build
	$(PY) tools/screenshots.py site screenshots

# Re-pin the development dependencies after editing requirements/dev.in: every package, with its hashes.
requirements: setup
	$(VENV)/bin/uv pip compile requirements/dev.in --universal --generate-hashes --python-version 3.13 \
		--custom-compile-command "make requirements" --quiet -o requirements/dev.txt

clean:
	rm -rf site build dist .pytest_cache .mypy_cache .ruff_cache
