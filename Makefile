# warta — set-up, demo and tests. `make demo` and `make test` create .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint install bench clean eval model

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f .demo.duckdb
	$(BIN)/warta ingest examples --db .demo.duckdb
	$(BIN)/warta actors --top 8 --db .demo.duckdb
	$(BIN)/warta events --with JPN --db .demo.duckdb --format csv
	$(BIN)/warta timeline IDN JPN --db .demo.duckdb

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

test: lint
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/warta eval --by-type --learning-curve

model: $(STAMP)
	$(BIN)/warta train

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) .demo.jsonl .demo.duckdb .pytest_cache .ruff_cache
