# Everything sets itself up: virtual environments are created on first use.
#   make test      check-generated, lint, mypy --strict, pyright, the type tests, pytest on Python 3.9 to 3.13,
#                  make contract, make compat
#   make contract  every SDK method, sync and async, against Prism mocking openapi/ (tests/contract)
#   make compat    side by side with zai-sdk 0.2.3 in benchmarks/.env: import surface, behaviour, programs (tests/compat)
#   make demo      the examples, against a local Z.ai-compatible server unless ZAI_API_KEY is set
#   make generate  regenerate generated/zai_api from openapi/openapi.yaml and templates/
#   make bench     client CPU, import time, async throughput and the batch runner against raw httpx (benchmarks/results.md)
#   make spec-drift UPSTREAM=<file or URL> [DRIFT_ARGS="--json --all"]
#                  what an upstream OpenAPI document has that openapi/ does not account for (openapi/README.md)

SHELL := /bin/sh
PYTHON_VERSIONS := 3.9 3.10 3.11 3.12 3.13
DEV := .venv
PY := $(DEV)/bin/python
UV := $(DEV)/bin/uv
UV_VERSION := 0.13.9
SOURCES := zai tests scripts examples benchmarks
BENCH_ENV := benchmarks/.env

.PHONY: all setup generate check-generated lint lint-spec spec-drift typecheck typetest pytest contract compat checks test demo bench clean

all: test

$(DEV)/.ok: requirements/dev.txt requirements/test.txt pyproject.toml
	@echo "==> setting up $(DEV) (development tools)"
	@python=$$(scripts/find-python 3.11 || scripts/find-python 3.12 || scripts/find-python 3.13) && \
		[ -x $(PY) ] || $$python -m venv $(DEV)
	@$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION) 2>/dev/null || \
		$(PY) -m pip install --quiet uv==$(UV_VERSION)
	@$(UV) pip install --quiet --python $(PY) -r requirements/dev.txt -e .
	@touch $@

.venvs/%/.ok: requirements/test.txt requirements/typecheck.txt pyproject.toml $(DEV)/.ok
	@echo "==> setting up .venvs/$* (Python $*)"
	@$(UV) venv --quiet --allow-existing --python "$$(scripts/find-python $*)" .venvs/$*
	@$(UV) pip install --quiet --python .venvs/$*/bin/python -r requirements/test.txt -e .
	@if [ "$*" = "3.9" ]; then $(UV) pip install --quiet --python .venvs/$*/bin/python -r requirements/typecheck.txt; fi
	@touch $@

tools/node_modules/.ok: tools/package.json tools/package-lock.json
	@echo "==> installing the Node tools (Redocly, Prism, pyright)"
	@cd tools && npm ci --no-audit --no-fund --silent
	@touch $@

setup: $(DEV)/.ok $(foreach v,$(PYTHON_VERSIONS),.venvs/$(v)/.ok) tools/node_modules/.ok

generate: $(DEV)/.ok
	@echo "==> generating generated/zai_api"
	@$(PY) scripts/generate.py

check-generated: $(DEV)/.ok
	@echo "==> checking that generated/ matches openapi/ and templates/"
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
		$(PY) scripts/generate.py --output "$$tmp/zai_api" && \
		diff -r -x __pycache__ generated/zai_api "$$tmp/zai_api" || \
		{ echo "generated/ is stale or edited by hand: run 'make generate'" >&2; exit 1; }
	@! grep -rl --include='*.py' UntrustedString generated/ || { echo "UntrustedString leaked into generated code" >&2; exit 1; }

lint-spec: $(DEV)/.ok tools/node_modules/.ok
	@echo "==> OpenAPI lint (Redocly), YAML portability and operation coverage"
	@out=$$(tools/node_modules/.bin/redocly lint openapi/openapi.yaml --config openapi/redocly.yaml 2>&1); \
		status=$$?; printf '%s\n' "$$out" | grep -E "error|valid|warnings\." ; exit $$status
	@$(PY) scripts/check_yaml.py
	@$(PY) scripts/check_coverage.py

spec-drift: $(DEV)/.ok
	@test -n "$(UPSTREAM)" || { echo 'usage: make spec-drift UPSTREAM=<file or URL> [DRIFT_ARGS="--json --all --subset"]' >&2; exit 2; }
	@$(PY) scripts/spec_drift.py "$(UPSTREAM)" $(DRIFT_ARGS)

lint: $(DEV)/.ok
	@echo "==> ruff"
	@$(DEV)/bin/ruff check $(SOURCES)
	@$(DEV)/bin/ruff format --check --quiet $(SOURCES)

# Each heavy check is a job for scripts/parallel.py, which runs jobs side by side on the machine's
# cores and prints each one's output when it ends. `make test` runs them all in one pool.
MYPY_JOB := "mypy --strict (Python 3.9 target)=.venvs/3.9/bin/mypy"
PYRIGHT_JOB := "pyright --strict (Python 3.9 target)=tools/node_modules/.bin/pyright"
# The type tests (tests/typing): correct programs must check clean and each marked wrong call must be
# reported, by mypy and by pyright, each run once over all the files. Once, not once per Python.
TYPETEST_JOB := "type tests (tests/typing)=$(PY) tests/typing/check.py"
# The whole suite runs on the oldest and the newest Python; the versions between skip the tests
# marked `exhaustive` (property tests over every model, stress tests, docs and packaging), which
# exercise no version-specific code. HYPOTHESIS_PROFILE=thorough runs many more examples.
FULL_VERSIONS := 3.9 3.13
PYTEST := -m pytest -q -p no:cacheprovider --ignore=tests/contract --ignore=tests/compat
PYTEST_FULL_JOBS := $(foreach v,$(FULL_VERSIONS),"pytest on Python $(v)=.venvs/$(v)/bin/python $(PYTEST)")
PYTEST_FOCUSED_JOBS := $(foreach v,$(filter-out $(FULL_VERSIONS),$(PYTHON_VERSIONS)),\
	"pytest on Python $(v) (without exhaustive tests)=.venvs/$(v)/bin/python $(PYTEST) -m 'not exhaustive'")
# Prism (tools/package.json) is started and stopped by the tests; ZAI_CONTRACT_TESTS=1 makes a missing Prism a failure.
CONTRACT_JOB := "contract tests against Prism (Python 3.11)=ZAI_CONTRACT_TESTS=1 .venvs/3.11/bin/python -m pytest -q -p no:cacheprovider tests/contract"
# zai-sdk 0.2.3 runs in the side environment (it has our module name); ZAI_SDK_PYTHON names its
# interpreter and ZAI_COMPAT_TESTS=1 makes a missing side environment a failure instead of a skip.
COMPAT_JOB := "side-by-side tests against zai-sdk 0.2.3 (Python 3.11)=ZAI_COMPAT_TESTS=1 ZAI_SDK_PYTHON='$(CURDIR)/$(BENCH_ENV)/bin/python' .venvs/3.11/bin/python -m pytest -q -p no:cacheprovider tests/compat"

typecheck: .venvs/3.9/.ok tools/node_modules/.ok
	@$(PY) scripts/parallel.py $(MYPY_JOB) $(PYRIGHT_JOB)

typetest: $(DEV)/.ok .venvs/3.9/.ok tools/node_modules/.ok
	@$(PY) scripts/parallel.py $(TYPETEST_JOB)

pytest: $(foreach v,$(PYTHON_VERSIONS),.venvs/$(v)/.ok)
	@$(PY) scripts/parallel.py $(PYTEST_FULL_JOBS) $(PYTEST_FOCUSED_JOBS)

contract: .venvs/3.11/.ok tools/node_modules/.ok
	@$(PY) scripts/parallel.py $(CONTRACT_JOB)

compat: .venvs/3.11/.ok $(BENCH_ENV)/.ok
	@$(PY) scripts/parallel.py $(COMPAT_JOB)

# Every heavy check in one pool, the longest first, so both cores stay busy to the end.
checks: setup $(BENCH_ENV)/.ok
	@$(PY) scripts/parallel.py $(PYTEST_FULL_JOBS) $(PYRIGHT_JOB) $(MYPY_JOB) \
		$(PYTEST_FOCUSED_JOBS) $(TYPETEST_JOB) $(COMPAT_JOB) $(CONTRACT_JOB)

# Stages run one after another; the summary at the end says where the time went.
test:
	@scripts/stages setup check-generated lint-spec lint checks

demo: .venvs/3.11/.ok
	@.venvs/3.11/bin/python examples/run_all.py

# The side environment for comparisons: zai-sdk 0.2.3 has our module name (`zai`), so it lives apart.
# A failed install is reported and the benchmark goes on without it.
$(BENCH_ENV)/.ok: benchmarks/requirements.txt $(DEV)/.ok
	@echo "==> setting up $(BENCH_ENV) (zai-sdk 0.2.3 and openai, for comparison)"
	@$(UV) venv --quiet --allow-existing --python "$$(scripts/find-python 3.11)" $(BENCH_ENV) && \
		$(UV) pip install --quiet --python $(BENCH_ENV)/bin/python -r benchmarks/requirements.txt && touch $@ || \
		echo "could not set up $(BENCH_ENV): zai-sdk 0.2.3 and openai will be reported as not installed" >&2

bench: .venvs/3.11/.ok $(BENCH_ENV)/.ok
	@echo "==> benchmarks (a few minutes; results in benchmarks/results.md)"
	@.venvs/3.11/bin/python benchmarks/bench.py --dev-python $(PY) --side-python $(BENCH_ENV)/bin/python

clean:
	rm -rf $(DEV) .venvs .mypy_cache .ruff_cache benchmarks/.env
