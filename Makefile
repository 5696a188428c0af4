# Weefwerk: two commands. `make run` sets up and starts the server; `make test` sets
# up and runs the whole suite: on SQLite, then again on PostgreSQL when TEST_DATABASE_URL
# is set (without it that second run is skipped, and says so). Both work on a fresh
# machine with Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
STAMP := $(VENV)/.installed
# Each run of the suite goes in this many processes (pytest-xdist; a test file stays in
# one process). Most of a run waits on browsers, servers and sockets, so two overlap well
# even on two cores; WORKERS=0 runs it in this process alone.
WORKERS ?= 2
XDIST := $(if $(filter 0,$(WORKERS)),,-n $(WORKERS) --dist loadfile)

.PHONY: run test test-sqlite test-postgresql setup bench screenshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python serve.py

test: test-sqlite
	@if [ -n "$$TEST_DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgresql; \
	else echo "PostgreSQL run SKIPPED: TEST_DATABASE_URL is not set, so the suite ran on SQLite only"; fi

test-sqlite: $(STAMP)
	WEEFWERK_TEST_ENGINE=sqlite $(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

# The suite on the PostgreSQL at TEST_DATABASE_URL (tests/databases.py): every test but
# the browser tests not marked both_engines, which the SQLite run has (docs/testing.md).
test-postgresql: $(STAMP)
	@echo "The suite on PostgreSQL ($$TEST_DATABASE_URL), browser tests in the SQLite run:"
	WEEFWERK_TEST_ENGINE=postgresql $(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

# The benchmark's own extra (an asyncio Socket.IO client swarm), installed on top of setup.
BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

# The README's screenshots (docs/screenshots/): a sample evening on a server of its own,
# photographed in chromium (tools/screenshots.py). Run again to refresh them.
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) *.egg-info
