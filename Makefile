# Loket — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
TS     := $(wildcard resources/i18n/*.ts)
QT_TS  := $(wildcard resources/i18n/qt/*.ts)
QM     := $(TS:.ts=.qm) $(QT_TS:.ts=.qm)

.PHONY: run test lint i18n i18n-update bench clean sysdeps-run sysdeps-test bundle dist dist-test

## run: set up, create the demo database on first run, start the GUI
run: sysdeps-run $(RUN_STAMP) $(QM)
	$(BIN)/loket-admin demo --if-new
	$(BIN)/loket

## test: set up; lint, type checks, the whole test suite (headless), then build the bundle and smoke-test it
test: sysdeps-test $(TEST_STAMP) $(QM)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest
	$(MAKE) dist-test

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# Debian packages (Qt's system libraries, PostgreSQL for the tests), only when missing.
sysdeps-run:
	@sh installer/debian-deps.sh run
sysdeps-test:
	@sh installer/debian-deps.sh test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(RUN_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(TEST_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[test,server]"
	touch $@ $(RUN_STAMP)

# Compiled translations (.qm) are built here, never committed.
resources/i18n/%.qm: resources/i18n/%.ts $(RUN_STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@
# Qt's own strings in Indonesian, kept by hand (lupdate does not touch resources/i18n/qt/)
resources/i18n/qt/%.qm: resources/i18n/qt/%.ts $(RUN_STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

i18n: $(QM)

# Collect new tr() strings into the .ts files; then translate them (Qt Linguist or by hand).
i18n-update: $(RUN_STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $$(find src/loket -name '*.py' | sort) -ts $(TS)

## bundle: the one-folder bundle of loket and loket-admin (PyInstaller) in dist/loket
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' src/loket/__init__.py)
bundle: sysdeps-run $(RUN_STAMP) $(QM)
	$(BIN)/pip install -q "pyinstaller>=6.10"
	rm -rf dist/loket build/pyinstaller
	$(BIN)/pyinstaller --noconfirm --log-level ERROR --distpath dist \
		--workpath build/pyinstaller installer/pyinstaller/loket.spec
	@du -sh dist/loket

## dist: the bundle, a tarball and a Debian package in dist/
dist: bundle
	tar -C dist -czf dist/loket-$(VERSION)-linux-x86_64.tar.gz loket
	sh installer/debian/build-deb.sh dist/loket $(VERSION) dist
	@du -sh dist/*.tar.gz dist/*.deb

## dist-test: smoke-test the bundle itself, not the source (part of `make test`)
dist-test: bundle
	$(BIN)/python installer/smoke_test.py dist/loket

bench: $(RUN_STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/startup.py

clean:
	rm -rf $(VENV) build dist resources/i18n/*.qm resources/i18n/qt/*.qm
