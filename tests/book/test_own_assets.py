"""Our tools' own scripts and styles load only on the pages that use them (page weight: Jupyter
Book would put every file of _static/ on every page)."""

import re

import pytest
from conftest import ROOT

BOOK = ROOT / "_build" / "html"


def _assets(page):
    return set(re.findall(r'_static/(tp-[\w-]+\.(?:js|css))', (BOOK / page).read_text(encoding="utf-8")))


@pytest.mark.parametrize("page, present, absent", [
    ("notebooks/02_quadratus_lumborum.html", {"tp-quiz.js", "tp-store.js", "tp-menu.js", "tp-compare.js"},
     {"tp-finder.js", "tp-finder-page.js", "tp-finder.css", "tp-cards.js", "tp-lessons.js"}),
    ("book/pain_finder.html", {"tp-finder.js", "tp-finder-page.js", "tp-finder-hover.js", "tp-finder-views.js",
                               "tp-finder.css", "tp-menu.js"}, {"tp-cards.js", "tp-compare.js"}),
    ("book/flashcards.html", {"tp-cards.js", "tp-store.js", "tp-lessons.js"}, {"tp-finder.js", "tp-compare.js"}),
    ("book/progress.html", {"tp-lessons.js", "tp-quiz.js"}, {"tp-cards.js", "tp-compare.js"}),
])
def test_a_tools_files_load_only_where_the_tool_is(page, present, absent):
    if not (BOOK / page).is_file():
        pytest.fail(f"{BOOK / page} is missing: run `make book` first")
    found = _assets(page)
    assert present <= found, present - found
    assert not absent & found, absent & found
