"""Compare mode tells the pair apart (issue 28): menus beside the figure, a box under it with the
pair's differentiators and a link to lesson 8, rendered in the browser as `book.apart` renders it;
parts can be compared as well as whole muscles."""

import re

from triggerpoints.book.apart import LESSON, apart_html
from triggerpoints.knowledge import loaded
from triggerpoints.maps.comparing import compare_options
from triggerpoints.maps.explorer_model import describe, visible_keys

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


def test_a_part_can_be_compared_and_told_apart(page, book_url):
    page.goto(f"{book_url}/{PAGE}")
    root = page.locator(X)
    root.get_by_label("First muscle or part").select_option(label="Gluteus minimus — posterior part")
    root.get_by_label("Second muscle or part").select_option(label="Piriformis")
    state = root.evaluate("r => r.tpState")
    assert state["compare"] == ["gluteus_minimus_posterior", "piriformis"]
    model = root.evaluate("r => window.tpExplorer.expand(JSON.parse(r.querySelector('script[data-tp-model]').textContent).model)")
    for i in (0, 1):  # the widget's menus, from the same model (the page holds only 'none' and the chosen)
        offered = root.locator(f"[data-role='compare-{i}'] option").evaluate_all("os => os.map(o => [o.text, o.value])")
        assert offered == [list(o) for o in compare_options(model)]
    assert root.evaluate("r => r.tpVisibleKeys") == visible_keys(model, state)
    status = root.locator(".tp-x-status").inner_text()
    assert status == describe(model, state) and "Only Gluteus minimus — posterior part (hatched /):" in status
    shown = root.evaluate("r => r.tpVisibleKeys")
    assert "m-gluteus_minimus_posterior-posterior" in shown and not [k for k in shown if "gluteus_minimus_anterior" in k]
    box = root.locator(".tp-x-apart")
    assert box.is_visible()
    assert box.inner_html() == apart_html(loaded(), "gluteus_minimus_posterior", "piriformis", f"../{LESSON}.html")
    assert "below, those of Gluteus minimus" in box.inner_text() and "deep in the buttock" in box.inner_text()


def test_each_criterion_is_one_heading_in_the_box(page, book_url):
    page.goto(f"{book_url}/{PAGE}")
    _choose(page, "quadratus_lumborum", "erector_spinae")
    heads = page.locator(f"{X} .tp-x-apart dt").all_inner_texts()
    assert len(heads) == len(set(heads)) and "How the pain spreads" in heads, heads
    assert "Muscle test" not in heads, "the table names no muscle test for this pair"
    assert re.search(r"Palpation\n.*\n.*agree poorly", page.locator(f"{X} .tp-x-apart dl").inner_text())
