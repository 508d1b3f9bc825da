# Two commands do all set-up on a fresh machine with only Python: `make demo`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium

.PHONY: install demo test lint train bench browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium, for the report's browser tests (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || test -x $(CHROMIUM) || { \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: install
	$(BIN)/blocwatch analyze examples/articles --db out/demo.duckdb --out out/report

test: install browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

train: install
	$(BIN)/python -m blocwatch.events.train

bench: install
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/actors.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/relations.py
	$(BIN)/python benchmarks/alignment_validity.py

clean:
	rm -rf out build dist .pytest_cache .ruff_cache
