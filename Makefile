# cxdash: every target sets up what it needs, so each works on a fresh machine by itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8501
PYTEST_WORKERS ?= 2

.PHONY: setup run demo test browser browser-deps bench lint format typecheck check clean

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "cxdash needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/python -m cxdash demo --if-missing
	$(BIN)/python -m cxdash.ui.serve --server.address $(HOST) --server.port $(PORT)

demo: setup
	$(BIN)/python -m cxdash demo --force

browser-deps:
	@bash scripts/ensure_browser.sh

test: setup browser-deps
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

browser: setup browser-deps
	$(BIN)/python -m pytest -m browser

bench: setup
	$(BIN)/python -m bench

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: setup
	$(BIN)/mypy

check: lint typecheck
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -m "not browser"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
