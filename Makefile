# Marsad — two commands on a fresh machine:
#   make run    install, ingest the example articles, serve the UI and print its address
#   make test   install, then lint, type-check and run the whole test suite
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED := ../shared
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint typecheck pytest score benchmarks ui ui-check screenshots clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(STAMP)

run: install
	$(BIN)/marsad ingest examples/
	$(BIN)/marsad serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest -q

# The scorer's line for the samples, as information (not a gate); skipped without ../shared.
score: install
	@if [ -f $(SHARED)/tools/score.py ]; then \
	  python3 $(SHARED)/tools/score.py --quiet --cmd '$(BIN)/marsad extract --json --reference-date {date} {file}' $(SHARED)/spec/*.gold.json; \
	else echo "score: skipped, $(SHARED) is not beside the repository"; fi

test: lint typecheck pytest score

benchmarks: install
	$(BIN)/pip install -q -e '.[dev,bench]'
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/language.py
	$(BIN)/python benchmarks/ner.py
	$(BIN)/python benchmarks/gazetteer.py
	$(BIN)/python benchmarks/pipeline.py --quick

# The web UI's sources are in ui/; its build is committed under src/marsad/serve/static/, so only people
# changing the UI need Node.js and npm.
ui:
	cd ui && npm ci && npm run build

ui-check:
	cd ui && npm ci && npm run check

screenshots: install
	$(BIN)/python ui/screenshots.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
