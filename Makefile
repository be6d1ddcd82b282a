# Koers: two commands do all set-up. `make run` starts the dashboard on the bundled sample data,
# `make test` runs the whole test suite (lint + tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
export KOERS_DB ?= data/koers.duckdb

.PHONY: run test lint format sample bench clean

$(BIN)/activate: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/activate

$(VENV)/.dev-installed: $(BIN)/activate requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# The app loads the sample exports through the importer on first start when no store exists.
run: $(BIN)/activate
	$(BIN)/streamlit run app.py --server.port $(PORT) --browser.gatherUsageStats false --server.headless true

test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

sample: $(BIN)/activate
	$(BIN)/python -m analytics sample

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
