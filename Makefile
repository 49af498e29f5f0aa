# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint format bench review crash clean help

help:
	@echo "make run     create .venv, install tdd-tui and open it"
	@echo "make test    install the test tools, lint, run the whole suite"
	@echo "make lint    ruff (lint + format check) and mypy"
	@echo "make format  apply ruff's formatting and fixes"
	@echo "make bench   speed and memory figures (benchmarks/)"
	@echo "make review  how many of a reviewer's comments the checks find, per rule"
	@echo "make crash   1,000 SIGKILLs while typing: drafts that fail to load, worst lag"
	@echo "make clean   remove .venv and caches"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "tdd-tui needs Python 3.11 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(PIP) install -e .
	@touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(PIP) install -e '.[test]'
	@touch $@

run: $(VENV)/.installed
	$(BIN)/tdd-tui $(ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.test-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The whole suite once, the slow crash harness included (plain pytest leaves it out).
test: lint
	$(BIN)/pytest -m "slow or not slow"

crash: $(VENV)/.test-installed
	$(BIN)/pytest -m slow tests/crash
	$(BIN)/python -m tests.crash.harness 1000

# Compiled first, as an installed wheel is: the figures are about the app, not the
# compiler (and some shells set PYTHONDONTWRITEBYTECODE).
bench: $(VENV)/.test-installed
	$(BIN)/python -m compileall -q tdd_tui benchmarks
	$(BIN)/python -m benchmarks

review: $(VENV)/.installed
	$(BIN)/python -m benchmarks.review

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis dist build
