# graphkit: the README's two commands are `make demo` and `make test`.
# Each target does its own set-up in a virtualenv (.venv).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.graphkit-installed
BENCH_SIZE ?= small
export BENCH_SIZE

.PHONY: help venv demo test test-unit mutate lint format bench bench-html bench-report bench-load bench-resolve bench-extract bench-scale system-deps neo4j-start neo4j-stop clean

help:
	@echo "make demo    build out/graph.html and out/report.md from data/ (no server needed)"
	@echo "make test    run every test; starts a local Neo4j 5.26 unless NEO4J_URI is set"
	@echo "make lint    ruff check and format check"
	@echo "make mutate  mutation testing of the rule modules (MODULES=\"dates careers\" for some)"
	@echo "make bench   all benchmarks (BENCH_SIZE=small|full)"
	@echo "make bench-scale  bulk import, incremental reloads and the 1M-node report (BENCH_SIZE=small|full)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

venv: $(STAMP)

demo: venv
	$(BIN)/graphkit demo data -o out

test: venv
	scripts/test

test-unit: venv
	$(BIN)/pytest -m "not integration"

# Mutation testing (mutmut, from the dev extra) of the rule modules listed in
# pyproject.toml's [tool.mutmut] only_mutate, against the unit tests only (no server).
# `make mutate MODULES="dates careers"` for some of them (short names or paths).
# A table per module, then one JSON line; the survivors' diffs go to mutants/survivors/.
MODULES ?=
mutate: venv
	@$(BIN)/python -c 'import mutmut' 2>/dev/null || $(BIN)/pip install -q -e '.[dev]'
	$(BIN)/python scripts/mutate $(MODULES)

lint: venv
	$(BIN)/ruff check graphkit tests bench
	$(BIN)/ruff format --check graphkit tests bench
	$(BIN)/lint-imports

format: venv
	$(BIN)/ruff check --fix graphkit tests bench
	$(BIN)/ruff format graphkit tests bench

system-deps:
	scripts/system-deps

bench: bench-html bench-report bench-load bench-resolve bench-extract

bench-html: venv system-deps
	$(BIN)/python bench/bench_html.py

bench-report: venv
	$(BIN)/python bench/bench_report.py

bench-resolve: venv
	$(BIN)/python bench/bench_resolve.py

bench-extract: venv
	$(BIN)/python bench/bench_extract.py

# A load is one transaction: the full dataset (~400k rows) needs more than the
# default 1 GB heap of the local server.
bench-load: venv system-deps
	GRAPHKIT_NEO4J_HEAP=$${GRAPHKIT_NEO4J_HEAP:-4g} scripts/with-neo4j $(BIN)/python bench/bench_load.py

# Bulk import, incremental reloads and the 1M-node report, on a private local Neo4j
# (scripts/neo4j-local in a temporary folder: the bulk import replaces its store).
# BENCH_SIZE=small: 1,000,000 relationships; full: 10,000,000.
bench-scale: venv system-deps
	$(BIN)/python bench/bench_scale.py

neo4j-start:
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop

clean:
	rm -rf out .pytest_cache .ruff_cache .hypothesis mutants
