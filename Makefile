# Sentinel: one command to set up, one to run the demo, one to test. Each installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
STAMP := $(VENV)/.synced

.PHONY: setup demo test test-fast lint typecheck bench web-setup clean

setup: $(STAMP) web-setup

$(STAMP): pyproject.toml uv.lock setup.py
	@command -v uv >/dev/null 2>&1 || [ -x "$(UV)" ] || $(PYTHON) -m pip install --quiet --user "uv==$(UV_VERSION)" || $(PYTHON) -m pip install --quiet "uv==$(UV_VERSION)"
	@UV_BIN=$$(command -v uv || echo "$(UV)"); "$$UV_BIN" sync --frozen --all-groups --compile-bytecode --python $(PYTHON)
	@touch $(STAMP)

web-setup:
	@if [ -f web/package-lock.json ]; then \
	  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then npm ci --prefix web --no-audit --no-fund; fi; \
	fi

demo: setup
	@if [ -f web/package.json ]; then npm run --prefix web build; fi
	$(BIN)/sentinel demo

test: setup lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q
	@if [ -f web/package.json ]; then npm test --prefix web; fi

test-fast: setup
	$(BIN)/python -m pytest -q -m "not spark and not browser"

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy glue_scripts/sentinel_etl sentinel api sentinel_assets

bench: setup
	$(BIN)/python benchmarks/raw_to_gold.py

clean:
	rm -rf $(VENV) .sentinel web/node_modules web/dist
