"""The live explorer in a real JupyterLab: the side switch reaches the kernel, the left side's
layers show, and the status line stays one live region that a screen reader announces."""

import nbformat
import pytest
from conftest import jupyter_lab, run_notebook_in_lab

READY = "[class*='tp-live-'] p.tp-x-status[aria-live='polite']"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab-explorer")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'from triggerpoints import explore\nexplore(["quadratus_lumborum"])')])
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    nbformat.write(nb, root / "explorer.ipynb")
    with jupyter_lab(root) as url:
        yield url


def test_the_side_switch_shows_the_left_side_and_the_status_is_announced(lab, browser):
    page = run_notebook_in_lab(browser, lab, "explorer.ipynb", READY)
    try:
        status = page.locator(READY)
        page.evaluate("s => { window.tpStatus = document.querySelector(s); }", READY)
        assert "right side" in status.inner_text()
        left = page.locator("[id$='-z-quadratus_lumborum-essential-posterior-left']")
        assert left.evaluate("el => getComputedStyle(el).display") == "none"
        page.locator(".widget-toggle-buttons button", has_text="Both sides").click()
        page.wait_for_function("s => document.querySelector(s).textContent.includes('both sides')", arg=READY)
        # The box's side class and the status line are two widgets' messages: either may land first.
        shown = "s => getComputedStyle(document.querySelector(s)).display !== 'none'"
        page.wait_for_function(shown, arg="[id$='-z-quadratus_lumborum-essential-posterior-left']", timeout=5000)
        assert "often on both sides" in status.inner_text()
        # The same element, changed in place: a live region that is replaced is not announced.
        assert page.evaluate("s => window.tpStatus === document.querySelector(s)", READY)
    finally:
        page.close()


def test_one_trigger_point_shows_alone_in_the_live_widget(lab, browser):
    """Issue 24: the QL deep fibres' trigger-point menu, set by keyboard in JupyterLab, shows that
    point's X alone and no whole-QL shape, and the status line says which point is shown."""
    page = run_notebook_in_lab(browser, lab, "explorer.ipynb", READY)
    try:
        def display(key):
            return page.locator(f"[id$='-{key}']").first.evaluate("el => getComputedStyle(el).display")
        assert display("t-tp_ql_deep_lower") != "none" and display("z-quadratus_lumborum-essential-posterior") != "none"
        menu = page.locator(".widget-dropdown select").filter(
            has=page.locator("option", has_text="near the L3 transverse process"))
        menu.focus()
        for key in ("Space", "ArrowDown", "Enter"):  # open the menu, the next choice, take it (keyboard only)
            menu.press(key)
        assert "L3" in menu.input_value()  # ipywidgets' options carry their labels as values
        page.wait_for_function("s => document.querySelector(s).textContent.includes('one trigger point of QL deep')",
                               arg=READY)
        assert display("t-tp_ql_deep_upper") != "none" and display("t-tp_ql_deep_lower") == "none"
        assert display("z-quadratus_lumborum-essential-posterior") == "none"
        assert "near the L3 transverse process (its X alone)" in page.locator(READY).inner_text()
    finally:
        page.close()
