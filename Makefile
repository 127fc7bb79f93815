PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench build validate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/plangraph build
	$(BIN)/plangraph validate
	$(BIN)/plangraph summary
	$(BIN)/plangraph serve

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

build: $(STAMP)
	$(BIN)/plangraph build

validate: $(STAMP)
	$(BIN)/plangraph validate

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
