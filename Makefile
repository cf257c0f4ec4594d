# make book | make test | make lab | make bench — each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

.PHONY: book test lab bench browser pdftools execute clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt -e .
	touch $@

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

book: $(STAMP) _build/.cache-inputs $(DECK)
	$(BIN)/jupyter-book build . --warningiserror --keep-going --builder html

test: book browser pdftools $(LAB_SETTINGS)
	$(BIN)/pytest

# JupyterLab's defaults for this course (no news prompt, no update check: the lab may be offline).
$(LAB_SETTINGS): tools/lab-overrides.json $(STAMP)
	install -D -m 644 $< $@

lab: $(LAB_SETTINGS)
	$(BIN)/jupyter lab notebooks/

bench: book
	$(BIN)/python -m benchmarks

# Re-run every notebook in place, top to bottom in a fresh kernel (refreshes stored outputs).
execute: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python tools/execute.py $(wildcard notebooks/*.ipynb book/*.ipynb)

clean:
	rm -rf _build
