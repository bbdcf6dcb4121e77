PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f civcas.db civcas.db-wal civcas.db-shm
	$(BIN)/civcas --db civcas.db run demo/
	$(BIN)/civcas --db civcas.db incidents
	$(BIN)/civcas --db civcas.db export --format csv --out out/incidents.csv

lint: $(STAMP)
	$(BIN)/ruff check civcas tests
	$(BIN)/ruff format --check civcas tests

format: $(STAMP)
	$(BIN)/ruff format civcas tests
	$(BIN)/ruff check --fix civcas tests

test: $(STAMP) lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) civcas.db civcas.db-wal civcas.db-shm out .pytest_cache .ruff_cache
