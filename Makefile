# ECER — two commands: `make demo` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Bytecode at set-up: a fresh environment does not compile every module on every run (with
# PYTHONDONTWRITEBYTECODE nothing is ever cached, and `ecer --help` compiled ~600 modules each time).
export UV_COMPILE_BYTECODE := 1
COMPILE_SRC = $(VENV)/bin/python -m compileall -q -j 0 src

.PHONY: demo test setup setup-test env assets fonts bench bench-quick lint mutation mutation-sample clean

demo: setup ## set up, build the demo store, assess, write reports to out/, serve (ECER_NO_SERVE=1: stop after reports)
	$(VENV)/bin/ecer demo --out out

test: setup-test ## set up (incl. the Spark extra) and run the whole suite
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/python -m pytest -q

setup: env assets fonts

setup-test: assets fonts
	$(UV) sync --frozen --python $(PYTHON) --extra dev --extra spark
	$(COMPILE_SRC)

env: $(UV)
	$(UV) sync --frozen --python $(PYTHON) --extra dev
	$(COMPILE_SRC)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

assets: $(UV) ## third-party JS (ECharts, China map, swagger-ui) from the npm lock into the static folder
	bash scripts/build_web_assets.sh

fonts: ## a CJK font for the PDF report (Debian fonts-noto-cjk, installed when set-up runs as root)
	@fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; } \
	      || echo "warning: could not install fonts-noto-cjk; the PDF report will be refused (E_PDF_NO_CJK_FONT)" >&2; \
	  else echo "note: no CJK font; as root: apt-get install fonts-noto-cjk (else the PDF report is refused, E_PDF_NO_CJK_FONT)" >&2; fi; }

mutation: setup-test ## mutation testing of the core and the ingest validators, then the core's score (slow; docs/mutation.md)
	$(VENV)/bin/python scripts/mutation.py run --max-children $${MUTATION_WORKERS:-1}
	$(VENV)/bin/python scripts/mutation.py score --scope src/ecer/core/
	$(VENV)/bin/python scripts/mutation.py score --scope src/ecer/ingest/

mutation-sample: setup-test ## a stratified random sample of mutants (N=400, SEED=20261202, SCOPE=src/ecer/core/), its score and 95 % CI
	$(VENV)/bin/python scripts/mutation.py sample $${N:-400} --seed $${SEED:-20261202} --scope $${SCOPE:-src/ecer/core/} --max-children $${MUTATION_WORKERS:-1}

bench: env ## every benchmark (ingest 1 M/10 M, assessment 3,000/30,000, CLI start, server): writes benchmarks/results.md and the README's table (long: about an hour)
	$(VENV)/bin/python benchmarks/results.py --readme benchmarks/README.md --command "make bench"

bench-quick: env ## the same jobs at small sizes, one run each, into out/bench-quick/ (checks the writer, tests/test_bench_results.py)
	$(VENV)/bin/python benchmarks/results.py --quick --out out/bench-quick/results.md --command "make bench-quick"

lint:
	$(VENV)/bin/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) $(TOOLS) node_modules out mutants src/ecer/web/static/vendor
