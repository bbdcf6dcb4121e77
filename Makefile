# The interpreter the virtual environment is built on: the distribution's CPython where it can build
# one (faster: see tools/venv_python), else python3 on PATH. `make PYTHON=...` chooses another.
PYTHON ?= $(shell tools/venv_python)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The modules setup.py compiles with mypyc: editing one rebuilds them on the next make.
COMPILED_SOURCES := civcas/geo.py $(wildcard civcas/extract/*.py)
COMPILED_OBJECTS := civcas/*.so civcas/extract/*.so *__mypyc.*.so

.PHONY: demo test lint format clean pure

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml setup.py $(COMPILED_SOURCES)
	rm -f $(COMPILED_OBJECTS)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Drop the compiled modules and run the plain ones (identical results, slower): quick edit-test turns.
pure:
	rm -f $(COMPILED_OBJECTS)
	touch $(STAMP)

demo: $(STAMP)
	rm -f civcas.db civcas.db-wal civcas.db-shm
	$(BIN)/civcas --db civcas.db run demo/
	$(BIN)/civcas --db civcas.db incidents
	$(BIN)/civcas --db civcas.db export --format csv --out out/incidents.csv

lint: $(STAMP)
	$(BIN)/ruff check civcas tests
	$(BIN)/ruff format --check civcas tests
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format civcas tests
	$(BIN)/ruff check --fix civcas tests

test: $(STAMP) lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) civcas.db civcas.db-wal civcas.db-shm out .pytest_cache .ruff_cache .mypy_cache build
	rm -f $(COMPILED_OBJECTS)
