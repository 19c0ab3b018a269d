# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo deploy test test-postgres lint install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## What a server needs besides the install: the schema, the reference data and the static
## files for WhiteNoise.
## Run with the production environment (README: Production).
deploy: $(STAMP)
	$(BIN)/welzijn migrate --noinput
	$(BIN)/welzijn reference_load
	$(BIN)/welzijn collectstatic --noinput --verbosity 0
	$(BIN)/welzijn check --deploy --fail-level WARNING

## Migrate a SQLite database under var/, load reference and demo data (Synthetic Ghent
## installed: WELZIJN_SYNTH=1), serve on :8000.
## Debug mode on, with a key that is public: never like this on a server.
demo: export WELZIJN_DEBUG = 1
demo: export WELZIJN_SECRET_KEY = demo-only-not-secret-welzijn-demo-key
demo: export WELZIJN_SYNTH = 1
SYNTH_SCALE ?= 0.01
demo: $(STAMP)
	mkdir -p var
	$(BIN)/welzijn migrate --verbosity 0
	$(BIN)/welzijn demo_setup --scale $(SYNTH_SCALE)
	$(BIN)/welzijn runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

## The whole suite on SQLite (no PostgreSQL needed), style checks included; one worker per
## core (pytest-xdist), each with its own test database.
test: lint
	$(BIN)/pytest -n auto

## The suite against PostgreSQL; DATABASE_URL must point at the server (see .ci/run).
## Without the browser tests and the URL x role x office matrix: they drive the same views
## (through Chromium, or as every role), which adds nothing that depends on the database, and
## they run in `make test` (on SQLite). The forms' fuzzing, which meets the database's own
## limits (lengths, constraints), runs on both.
test-postgres: $(STAMP)
	$(BIN)/pytest -n auto --create-db -m "not browser and not access_matrix"

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
