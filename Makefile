# Improvement Desk: the two commands a new user needs are
#
#   make run            set everything up and open the app (make run DEMO=1: demo board)
#   make test           set everything up and run the whole test suite
#
# Also: make lint (static checks only), make bench, make clean.
# Variables: DEMO=1, ARGS="...", PYTEST_ARGS="...", PYTHON=python3.x (for a new .venv).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

VENV := .venv
BIN := $(VENV)/bin
BOOTSTRAP := bash scripts/bootstrap.sh

# DEMO=1 (any value but empty, 0, no or false) opens the demo board.
DEMO_FLAG := $(if $(filter-out 0 no false,$(DEMO)),--demo,)

define STATIC_CHECKS
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
endef

.PHONY: run test lint bench clean

run:
	@$(BOOTSTRAP) run
	$(BIN)/improvement-desk $(DEMO_FLAG) $(ARGS)

test:
	@$(BOOTSTRAP) test
	$(STATIC_CHECKS)
	QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 $(BIN)/pytest $(PYTEST_ARGS)

lint:
	@$(BOOTSTRAP) test
	$(STATIC_CHECKS)

bench:
	@$(BOOTSTRAP) test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache build dist
	find . -depth \( -name __pycache__ -o -name '*.egg-info' \) -type d -exec rm -rf {} +
