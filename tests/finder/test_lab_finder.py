"""The live finder in a real JupyterLab: a click on the map reaches the kernel and comes back.

Starts `jupyter lab` on loopback with a throwaway notebook, runs `pain_finder()`, clicks an area
of the anywidget map in Chromium and waits for the kernel's answer: the area's checkbox ticked
and the ranking re-rendered (both are ipywidgets the kernel updates). Then a stroke.
"""


import nbformat
import pytest
from conftest import jupyter_lab, run_notebook_in_lab
from test_browser_draw import RUN_IN_REGION

MAP = ".tp-finder-lab[data-tp-finder-lab-ready] svg.tp-map"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from triggerpoints import pain_finder\npain_finder()")])
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    nbformat.write(nb, root / "finder.ipynb")
    with jupyter_lab(root) as url:
        yield url


@pytest.fixture
def lab_finder(lab, browser):
    page = run_notebook_in_lab(browser, lab, "finder.ipynb", MAP)
    yield page
    page.close()


def box_checked(page, label):
    """The kernel-side checkbox of an area, as JupyterLab shows it (None if there is none)."""
    return page.evaluate("""(label) => {
      const span = Array.from(document.querySelectorAll('.widget-checkbox span[title]'))
        .find(s => s.getAttribute('title') === label);
      return span ? span.closest('label').querySelector('input').checked : null;
    }""", label)


def test_a_click_and_a_stroke_on_the_lab_map_reach_the_kernel(lab_finder):
    page = lab_finder
    assert box_checked(page, "Groin") is False
    point = page.evaluate(RUN_IN_REGION.replace("section[data-tp-finder]", ".tp-finder-lab"), "groin")
    assert point, "no point of the groin on the lab map"
    page.mouse.click((point["x0"] + point["x1"]) / 2, point["y"])
    page.wait_for_function("() => document.querySelector('.tp-finder-ranking li') !== null", timeout=30000)
    assert box_checked(page, "Groin") is True  # the kernel ticked it
    # The ranking and the map are separate widgets: the mark may arrive a moment after the list.
    page.wait_for_selector(f"{MAP} .tp-region.tp-finder-marked[data-region='groin']", state="attached", timeout=10000)
    assert page.locator(f"{MAP} .tp-region.tp-finder-marked[data-region='groin']").count() == 1
    assert page.locator(".tp-finder-lead").first.text_content()  # the lead statement came back too
    # then a stroke (one JupyterLab session for both: each start costs half a minute)
    r = page.evaluate(RUN_IN_REGION.replace("section[data-tp-finder]", ".tp-finder-lab"), "upper_back")
    page.mouse.move(r["x0"] + 1, r["y"])
    page.mouse.down()
    page.mouse.move(r["x1"] - 1, r["y"], steps=12)
    page.mouse.up()
    page.wait_for_function("""() => Array.from(document.querySelectorAll('.widget-checkbox span[title="Upper back"]'))
      .some(s => s.closest('label').querySelector('input').checked)""", timeout=30000)
    page.wait_for_selector(f"{MAP} .tp-region.tp-finder-marked[data-region='upper_back']", state="attached", timeout=10000)
    assert page.locator(f"{MAP} .tp-region.tp-finder-marked[data-region='upper_back']").count() == 1
    assert page.locator(f"{MAP} .tp-finder-stroke").count() == 1  # drawn, not clicked
