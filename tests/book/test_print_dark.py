"""Printing a page gives a clean document, and dark mode is designed, both in Chromium.

- print: no sidebar, header or controls; the maps print as they are on screen at that moment
  (an explorer's ticks included); a web link shows its address; the cells that only import
  are folded on screen and gone on paper;
- dark mode (pydata-sphinx-theme's html[data-theme="dark"]): the widgets take the theme's
  colours, the maps keep a light paper ground, and axe finds no colour-contrast violation,
  as in light mode.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

WIDGET_PAGES = ["notebooks/02_quadratus_lumborum.html", "book/map_explorer.html", "book/pain_finder.html",
                "book/quiz_practice.html", "book/progress.html", "book/flashcards.html",
                "book/knowledge_base.html", "notebooks/08_telling_them_apart.html"]
HIDDEN_IN_PRINT = [".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".prev-next-area",
                   ".header-article", "button", "input[type=checkbox]", "input[type=radio]", "select",
                   ".tp-import-cell"]
VISIBLE = """sel => [...document.querySelectorAll(sel)].filter(e => {
    const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 &&
    getComputedStyle(e).visibility !== 'hidden'; }).length"""


def contrast_violations(page):
    options = {"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"],
               "preload": False}
    found = Axe().run(page, options=options).response["violations"]
    return [f"{n['target']}: {n['failureSummary'][:160]}" for v in found for n in v["nodes"]]


def go(page, url, theme="light"):
    page.goto(url, wait_until="load")
    page.evaluate("t => { document.documentElement.dataset.theme = t; document.documentElement.dataset.mode = t; }", theme)
    page.wait_for_timeout(150)


@pytest.mark.parametrize("name", WIDGET_PAGES)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_colour_contrast_violation_in_either_mode(page, book_url, name, theme):
    go(page, f"{book_url}/{name}", theme)
    problems = contrast_violations(page)
    assert not problems, f"{name} ({theme}):\n" + "\n".join(problems[:10])


def test_dark_mode_widgets_follow_the_theme_and_maps_keep_a_light_paper(page, book_url):
    go(page, f"{book_url}/book/map_explorer.html", "dark")
    colours = page.evaluate("""() => {
        const bg = e => getComputedStyle(e).backgroundColor;
        return { page: bg(document.body), map: bg(document.querySelector('.tp-explorer svg.tp-map')),
                 text: getComputedStyle(document.querySelector('.tp-x-controls')).color,
                 scheme: getComputedStyle(document.querySelector('.tp-explorer')).colorScheme }; }""")
    assert colours["map"] == "rgb(251, 250, 247)", "the map keeps its light paper"
    assert colours["page"] != colours["map"] and colours["scheme"] == "dark"
    light = [int(c) for c in colours["text"][4:-1].split(",")]
    assert sum(light) > 3 * 150, f"controls' text is light on the dark page: {colours['text']}"
    go(page, f"{book_url}/book/map_explorer.html", "light")
    assert page.evaluate("getComputedStyle(document.querySelector('.tp-explorer')).colorScheme") != "dark"


@pytest.mark.parametrize("name", ["notebooks/02_quadratus_lumborum.html", "book/pain_finder.html", "book/quiz_practice.html"])
def test_print_leaves_out_the_site_and_the_controls_and_keeps_the_maps(page, book_url, name):
    go(page, f"{book_url}/{name}")
    assert page.evaluate(VISIBLE, "svg.tp-map") > 0
    page.emulate_media(media="print")
    page.wait_for_timeout(50)
    shown = {sel: page.evaluate(VISIBLE, sel) for sel in HIDDEN_IN_PRINT}
    assert not any(shown.values()), {k: v for k, v in shown.items() if v}
    assert page.evaluate(VISIBLE, "svg.tp-map") > 0, "the maps print"
    after = page.evaluate("""() => [...document.querySelectorAll('article a[href^="http"]')].filter(a => !a.querySelector('img,svg'))
        .map(a => getComputedStyle(a, '::after').content)""")
    assert all("http" in c for c in after), "a web link prints its address"
    assert after or "lesson" not in page.title().lower(), "a lesson has web links (its references)"


def test_an_explorer_prints_in_the_state_the_reader_left_it(page, book_url):
    go(page, f"{book_url}/book/map_explorer.html")
    shown = """() => [...document.querySelectorAll('.tp-explorer svg.tp-map :is(.tp-zone, .tp-muscle, .tp-point)')]
        .filter(e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0).length"""
    before = page.evaluate(shown)
    page.locator(".tp-x-muscle input[type=checkbox]").first.click()
    page.wait_for_timeout(100)
    changed = page.evaluate(shown)
    assert changed != before, "the tick changed the map"
    page.emulate_media(media="print")
    page.wait_for_timeout(50)
    assert page.evaluate(shown) == changed, "print shows the map as the reader left it"


def test_cells_that_only_import_are_folded_on_screen(page, book_url, book_dir):
    for lesson in sorted((book_dir / "notebooks").glob("0*.html")):
        html = lesson.read_text(encoding="utf-8")
        assert html.count("tp-import-cell") == 1 and "Show the import" in html, lesson.name
    go(page, f"{book_url}/notebooks/02_quadratus_lumborum.html")
    code = page.locator(".tp-import-cell pre").first
    assert not code.is_visible(), "the import is folded"
    assert page.locator(".cell:not(.tp-import-cell) pre", has_text='show_map("ql_superficial")').first.is_visible(), \
        "the one-line calls stay visible"
    page.locator(".tp-import-cell summary").first.click()
    assert code.is_visible(), "and unfolds on request"
