# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-postgres lint install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Migrate a SQLite database under var/, load reference and demo data, serve on :8000.
demo: $(STAMP)
	mkdir -p var
	$(BIN)/welzijn migrate --verbosity 0
	$(BIN)/welzijn demo_setup
	$(BIN)/welzijn runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

## The whole suite on SQLite (no PostgreSQL needed), style checks included.
test: lint
	$(BIN)/pytest

## The suite against PostgreSQL; DATABASE_URL must point at the server (see .ci/run).
test-postgres: $(STAMP)
	$(BIN)/pytest --create-db

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
