# Every target sets up what it needs: uv (bootstrapped into .bootstrap/ if missing), .venv from
# uv.lock, node_modules from package-lock.json.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
BOOTSTRAP_UV := .bootstrap/bin/uv
UV := $(or $(shell command -v uv 2>/dev/null),$(BOOTSTRAP_UV))
VENV_STAMP := .venv/.synced
NODE_STAMP := node_modules/.installed
RUN := $(UV) run --locked --no-sync

SPEC := openapi/openapi.yaml

.PHONY: help setup lint test clean overlays

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BOOTSTRAP_UV):
	python3 -m venv .bootstrap
	.bootstrap/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode is compiled at install time: with PYTHONDONTWRITEBYTECODE set (as on this project's machines) every
# process would otherwise recompile its dependencies from source (make generate: about 1.5 s).
$(VENV_STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --compile-bytecode
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup: $(VENV_STAMP) $(NODE_STAMP)  ## create .venv and node_modules

lint: setup  ## spec checks, redocly lint, ruff, mypy --strict
	$(RUN) runspec check $(SPEC)
	npx --no-install redocly lint $(SPEC) --format=stylish
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy

# One spec variant per overlays/<name>.overlay.yaml, in build/<name>/openapi.yaml. --strict: a
# target that no longer selects anything in the spec is an error, not a silently stale variant.
VARIANTS := $(patsubst overlays/%.overlay.yaml,%,$(wildcard overlays/*.overlay.yaml))

overlays: setup  ## build/<name>/openapi.yaml from each overlays/<name>.overlay.yaml, then check and lint it
	for name in $(VARIANTS); do \
	  $(RUN) runspec overlay apply $(SPEC) overlays/$$name.overlay.yaml -o build/$$name/openapi.yaml --strict; \
	  $(RUN) runspec check build/$$name/openapi.yaml; \
	  npx --no-install redocly lint build/$$name/openapi.yaml --format=stylish; \
	done

# The reference server, for client development offline; more options with ARGS, e.g.
# make serve ARGS='--run-duration 2 --any-assistant' (see runspec serve --help).
.PHONY: serve
serve: setup  ## run the reference server on http://127.0.0.1:8000/v1 (ARGS=... for more options)
	$(RUN) runspec serve $(ARGS)

# The project beside its peers (official SDK, Prism, a bare route, pydantic), one table; writes
# reports/bench.md, and a full run also the README's Performance section. QUICK=1: a smoke run.
QUICK ?=
.PHONY: bench
bench: setup  ## performance beside the peers, one table (QUICK=1: a smoke run under a minute)
	@command -v wrk >/dev/null || echo "make bench: wrk is not installed, so the server rows will fail: sudo apt-get install wrk (Debian/Ubuntu; .ci/run installs it)" >&2
	$(RUN) python scripts/bench.py $(if $(filter-out 0 no false,$(QUICK)),--quick,--readme README.md)

# The contract suite: `runspec contract` (runspec/commands/contract.py). schemathesis fuzzes TARGET
# (a base URL such as https://host/v1; its key in API_KEY, read from the environment, never printed)
# against the spec, or the bundled reference server when TARGET is empty. PROFILE=quick|default|
# thorough; SEED=... replays a run; ASSISTANT_ID / THREAD_ID (comma-separated) name what the target
# has; SKIP=... conformance areas it knowingly lacks. Reports go to reports/contract/.
TARGET ?=
API_KEY ?=
PROFILE ?= default
SEED ?=
ASSISTANT_ID ?=
THREAD_ID ?=
SKIP ?=
.PHONY: contract
contract: setup  ## fuzz a server against the spec: TARGET=url API_KEY=key PROFILE=quick|default|thorough
	$(RUN) runspec contract $(if $(TARGET),'$(TARGET)') --api-key-env API_KEY --profile '$(PROFILE)' \
	  $(if $(SEED),--seed '$(SEED)') $(if $(ASSISTANT_ID),--assistant-id '$(ASSISTANT_ID)') \
	  $(if $(THREAD_ID),--thread-id '$(THREAD_ID)') $(if $(SKIP),--skip '$(SKIP)')

# dist/ for other teams: bundled spec variants, offline docs, CHANGES.md, the client's and the
# toolkit's wheels and sdists (see runspec/publish.py). BASE is the git ref CHANGES.md and the
# version policy compare with; unset, it is the newest v* tag reachable from HEAD, and with no such
# tag everything is an addition.
BASE ?=
.PHONY: publish
publish: setup  ## dist/: bundled specs, offline docs, CHANGES.md since BASE (default: newest v* tag), client, toolkit
	$(RUN) python scripts/publish.py $(if $(BASE),--base '$(BASE)')

# The Python client in generated/: `runspec generate -o generated` (the spec, through
# overlays/python-client.overlay.yaml, rendered by openapi-python-client with
# runspec/codegen/templates, then ruff; see runspec/codegen), then `uv lock` if the client's
# pyproject.toml changed. Skipped when nothing changed; a failed run leaves generated/ as it was.
.PHONY: generate check-generated
generate: setup  ## regenerate the Python client in generated/ from the spec (skipped when up to date)
	$(RUN) python scripts/generate.py --uv $(UV)

check-generated: setup  ## fail if generated/ is stale or edited by hand; ruff and mypy --strict on it
	$(RUN) python scripts/check_generated.py
	$(RUN) ruff check --no-cache --config generated/pyproject.toml generated
	$(RUN) ruff format --check --no-cache --config generated/pyproject.toml generated
	$(RUN) mypy --config-file generated/pyproject.toml generated/assistants_runs_client

test: lint check-generated  ## everything CI runs
	$(RUN) pytest

clean:  ## remove build output and caches
	rm -rf build dist reports .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './.venv/*' -not -path './node_modules/*' -prune -exec rm -rf {} +

# Other teams' tools on the published spec and its variants (runspec/consumers): validators,
# TypeScript/Python/Go/Java generators with their output compiled and every example decoded. One
# table, consumer x variant, in build/consumers/table.md. TIER=fast: the npm and PyPI consumers;
# TIER=slow: openapi-generator and the doc renderers (make test runs both, in tests/consumers);
# PEER=file adds a column for another spec cut to the same operations; README=1 rewrites the
# README's table (which make publish copies to dist/CONSUMERS.md).
TIER ?= all
PEER ?=
.PHONY: consumers
consumers: setup  ## other teams' generators, validators on the published spec (TIER=fast|slow|all, PEER=file)
	$(RUN) python scripts/consumers.py --tier '$(TIER)' --out build/consumers/table.md $(if $(PEER),--peer '$(PEER)') $(if $(README),--readme README.md)
