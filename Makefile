# Loket — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TS     := $(wildcard resources/i18n/*.ts)
QM     := $(TS:.ts=.qm)

.PHONY: run test lint i18n i18n-update bench clean

run: sysdeps-run $(STAMP) $(QM)
	$(BIN)/loket-admin init --if-new-demo
	$(BIN)/loket

test: sysdeps-test $(STAMP) $(QM)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

sysdeps-run:
	@sh installer/debian-deps.sh run
sysdeps-test:
	@sh installer/debian-deps.sh test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

# Compiled translations (.qm) are built, never committed.
resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

i18n: $(QM)

# Re-scan the sources for tr() strings into the .ts files (then translate them).
i18n-update: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $$(find src/loket -name '*.py') -ts $(TS)

bench: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/startup.py

clean:
	rm -rf $(VENV) build dist resources/i18n/*.qm
