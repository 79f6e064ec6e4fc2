# The two set-up commands of the README:
#   make example   build the bundled example into outputs/ (creates .venv on first use)
#   make test      run the whole test suite (also installs Debian's chromium for the view tests)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: example test install install-test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

example: install
	$(BIN)/graphbuilder build examples/ -o outputs

test: install-test
	bash scripts/install-browser.sh
	$(BIN)/pytest

lint: install-test
	$(BIN)/ruff check graphbuilder tests benchmarks

clean:
	rm -rf outputs/graph.* outputs/manifest.json .pytest_cache
