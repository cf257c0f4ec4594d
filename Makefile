# make book | make test | make lab | make bench — each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

.PHONY: book book-instructor test lab bench browser pdftools postgres hub hub-env execute clean constraints

# requirements.txt names the direct dependencies; constraints.txt pins every package they pull
# in, so a theme release cannot change the book underfoot (pydata-sphinx-theme 0.17 once broke
# its menu). Upgrading is deliberate: `make constraints`, then `make test`, then commit both.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -c constraints.txt -r requirements.txt -e .
	touch $@

# Resolves requirements.txt and requirements-test.txt afresh (a dry run: nothing is installed) and rewrites constraints.txt.
constraints:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	mkdir -p _build
	$(BIN)/pip install --disable-pip-version-check -q --dry-run --ignore-installed \
	  --report _build/pip-report.json -r requirements.txt -r requirements-test.txt
	$(BIN)/python tools/lock.py _build/pip-report.json constraints.txt

# Debian's chromium for the browser tests (playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's poppler-utils (pdftotext, pdffonts, pdftoppm) for the handout tests.
pdftools:
	@command -v pdftoppm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

# Debian's postgresql for the answers database's tests (they start a throwaway server with
# initdb/pg_ctl as the postgres user; without root they fall back to SQLite only and say so).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

# The real-JupyterHub test (tests/classroom/test_real_hub.py, as root): each student's server
# runs as that student, so its Python must be readable by them, and root's pyenv lives in
# /root (0700). So: a venv from Debian's python3 in a world-readable folder, with the hub and
# the course's own pins (taken from requirements.txt) and a copy of src/ and data/; the proxy
# from npm, pinned in tools/hub/package-lock.json, in tools/hub/node_modules.
HUB_DIR    ?= /opt/triggerpoints-hub
HUB_PYTHON ?= /usr/bin/python3
HUB_PINS   := jupyterhub|jupyterlab|ipykernel|ipywidgets|matplotlib|numpy|pandas|SQLAlchemy|psycopg|psycopg-binary
CHP        := tools/hub/node_modules/.bin/configurable-http-proxy
export TP_HUB_DIR := $(HUB_DIR)

hub:
	@if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory hub-env; \
	  else echo "make hub: not root, so the real-hub test will be skipped"; fi

hub-env: $(HUB_DIR)/venv/.installed $(CHP)
	rm -rf $(HUB_DIR)/course.new && mkdir -p $(HUB_DIR)/course.new
	cp -r src data $(HUB_DIR)/course.new/
	rm -rf $(HUB_DIR)/course && mv $(HUB_DIR)/course.new $(HUB_DIR)/course
	echo $(HUB_DIR)/course/src > "$$(echo $(HUB_DIR)/venv/lib/python3*/site-packages)/triggerpoints-course.pth"
	chmod -R a+rX $(HUB_DIR)

$(HUB_DIR)/venv/.installed: requirements.txt
	test -x $(HUB_PYTHON) && $(HUB_PYTHON) -c "import ensurepip, sqlite3" 2>/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null; }
	test -x $(HUB_DIR)/venv/bin/python || $(HUB_PYTHON) -m venv $(HUB_DIR)/venv
	grep -E '^($(HUB_PINS))==' requirements.txt > $(HUB_DIR)/requirements.txt
	$(HUB_DIR)/venv/bin/pip install --disable-pip-version-check -q -r $(HUB_DIR)/requirements.txt
	touch $@

$(CHP): tools/hub/package.json tools/hub/package-lock.json
	cd tools/hub && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The execution cache keys on a notebook's code only; outputs also depend on the package
# and the data, so a change there empties the cache and every notebook is re-run.
CACHE_INPUTS := $(shell find src data -type f -not -path '*/__pycache__/*' 2>/dev/null)
_build/.cache-inputs: $(CACHE_INPUTS)
	rm -rf _build/.jupyter_cache _build/.doctrees
	mkdir -p _build && touch $@

# The Anki deck of the review cards; _config.yml copies _build/deck/ into the site root.
DECK := _build/deck/low-back-trigger-points.apkg
$(DECK): $(STAMP) $(CACHE_INPUTS)
	$(BIN)/python -m triggerpoints.review.deck $@

# The whole course as one PDF (triggerpoints.book.pdf: Chromium prints each built page) is
# written into the site after the HTML build; a page that fails to print fails `make book`.
book: $(STAMP) _build/.cache-inputs $(DECK) browser
	TP_EDITION=student $(BIN)/jupyter-book build . --warningiserror --keep-going --builder html
	$(BIN)/python -m triggerpoints.book.pdf _build/html

# The instructor edition (answer key, results review) in its own folder, so no instructor
# page is ever left in the student edition's _build/html.
book-instructor: $(STAMP) _build/.cache-inputs $(DECK) browser
	TP_EDITION=instructor $(BIN)/jupyter-book build . --warningiserror --keep-going --builder html \
	  --path-output _build/instructor
	$(BIN)/python -m triggerpoints.book.pdf _build/instructor/_build/html --edition instructor

TEST_STAMP := $(VENV)/.installed-test
$(TEST_STAMP): requirements-test.txt constraints.txt $(STAMP)
	$(BIN)/pip install --disable-pip-version-check -q -c constraints.txt -r requirements-test.txt
	touch $@

test: book browser pdftools postgres hub $(LAB_SETTINGS) $(TEST_STAMP)
	$(BIN)/pytest

# JupyterLab's defaults for this course (no news prompt, no update check: the lab may be offline).
$(LAB_SETTINGS): tools/lab-overrides.json $(STAMP)
	install -D -m 644 $< $@

lab: $(LAB_SETTINGS)
	$(BIN)/jupyter lab notebooks/

bench: book postgres hub
	$(BIN)/python -m benchmarks

# Re-run every notebook in place, top to bottom in a fresh kernel (refreshes stored outputs).
execute: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python tools/execute.py $(wildcard notebooks/*.ipynb book/*.ipynb)

clean:
	rm -rf _build
