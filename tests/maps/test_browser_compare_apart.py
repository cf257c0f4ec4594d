"""Compare mode tells the pair apart (issue 28): menus beside the figure, a box under it with the
pair's differentiators and a link to lesson 8, rendered in the browser as `book.apart` renders it."""

from triggerpoints.book.apart import LESSON, apart_html
from triggerpoints.knowledge import loaded

PAGE = "book/map_explorer.html"
X = "[data-tp-explorer]"


def _choose(page, a, b):
    page.select_option(f"{X} [data-role='compare-0']", a)
    page.select_option(f"{X} [data-role='compare-1']", b)


def test_the_compare_menus_sit_beside_the_figure(page, book_url):
    page.goto(f"{book_url}/{PAGE}")
    menus = page.locator(f"{X} fieldset:has([data-role='compare-0'])").bounding_box()
    figure = page.locator(f"{X} .tp-x-views").bounding_box()
    assert menus["x"] + menus["width"] <= figure["x"] + 1, "the menus are left of the figure"
    assert menus["y"] < figure["y"] + figure["height"], "and level with it, not below it"


def test_the_box_under_a_comparison_tells_the_pair_apart(page, book_url):
    page.goto(f"{book_url}/{PAGE}")
    box = page.locator(f"{X} .tp-x-apart")
    assert not box.is_visible(), "no box until two muscles are compared"
    _choose(page, "piriformis", "gluteus_minimus")
    assert box.is_visible()
    expected = apart_html(loaded(), "piriformis", "gluteus_minimus", f"../{LESSON}.html")
    assert box.inner_html() == expected
    figure = page.locator(f"{X} .tp-x-views").bounding_box()
    assert box.bounding_box()["y"] >= figure["y"] + figure["height"] - 1, "under the figure"
    page.locator(f"{X} [data-role='stop-compare']").click()
    page.wait_for_function("() => document.querySelector('.tp-x-apart').hidden")
    _choose(page, "erector_spinae", "quadratus_lumborum")
    page.locator(f"{X} .tp-x-apart a").click()
    page.wait_for_url(f"**/{LESSON}.html")
