# Sentinel: one command to set up, one to run the demo, one to test. Each installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
STAMP := $(VENV)/.synced

.PHONY: browser setup demo test test-fast lint typecheck bench web-setup lambda-package synth clean

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

# End-to-end tests drive Debian's Chromium (browser downloads are not an option here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing chromium (apt-get)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || { echo "could not install chromium: run 'apt-get install chromium' as root"; exit 1; }; \
	fi

test: setup browser lint typecheck synth
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q
	@if [ -f web/package.json ]; then npm run --prefix web check:api && npm test --prefix web; fi

test-fast: setup
	$(BIN)/python -m pytest -q -m "not spark and not browser"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy glue_scripts/sentinel_etl sentinel api sentinel_assets

bench: setup
	$(BIN)/python benchmarks/end_to_end.py

# The API's Lambda bundle: the api package, the settings it imports, and its runtime dependencies built
# for the Lambda runtime (Python 3.12 on Amazon Linux 2023, x86_64) at the versions uv.lock pins.
# boto3/botocore come with the Lambda runtime.
LAMBDA_DEPS := fastapi mangum pydantic pydantic-settings pyathena sqlglot "pyjwt[crypto]" pyarrow
lambda-package: $(STAMP)
	@rm -rf build/lambda && mkdir -p build/lambda/sentinel build/lambda/sentinel_etl
	@UV_BIN=$$(command -v uv || echo "$(UV)"); "$$UV_BIN" export --frozen --no-hashes --all-groups --no-emit-project --quiet -o build/lambda-constraints.txt && \
	  "$$UV_BIN" pip install --quiet --target build/lambda --python-version 3.12 --python-platform x86_64-manylinux_2_28 \
	    --only-binary :all: -c build/lambda-constraints.txt $(LAMBDA_DEPS)
	@rm -rf build/lambda/boto3* build/lambda/botocore* build/lambda/s3transfer* build/lambda/bin
	@# The API and what it imports below it: settings, the query engines, the money constants.
	@cp -r api build/lambda/ && cp sentinel/__init__.py sentinel/settings.py build/lambda/sentinel/ && \
	  cp -r sentinel/engines build/lambda/sentinel/ && \
	  cp glue_scripts/sentinel_etl/__init__.py glue_scripts/sentinel_etl/money.py build/lambda/sentinel_etl/ && \
	  mkdir -p build/lambda/sentinel_etl/anomalies && cp glue_scripts/sentinel_etl/anomalies/__init__.py \
	    glue_scripts/sentinel_etl/anomalies/baseline.py glue_scripts/sentinel_etl/anomalies/detection.py \
	    glue_scripts/sentinel_etl/anomalies/rules.py build/lambda/sentinel_etl/anomalies/
	@find build/lambda -name __pycache__ -prune -exec rm -rf {} +
	@du -sh build/lambda

synth: lambda-package
	@npm ci --prefix infra --no-audit --no-fund --loglevel=error
	cd infra && JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 npx cdk synth --quiet

clean:
	rm -rf $(VENV) .sentinel web/node_modules web/dist
