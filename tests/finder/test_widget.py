"""The live finder in JupyterLab (finder.widget): boxes, map clicks and strokes, the next question."""

from conftest import ROOT, bones_drawn
from test_rank import design_kb, tiny_kb  # noqa: F401  (tiny_kb is a fixture)

from triggerpoints.finder import finder_data, pain_finder
from triggerpoints.finder.mapwidget import SCRIPTS, FinderMap, module_source
from triggerpoints.finder.page import live_finder


def test_the_cell_shows_the_widget_with_its_map(tiny_kb):
    view = pain_finder(kb=tiny_kb).widget
    maps = [c for row in view.children for c in getattr(row, "children", [row]) if isinstance(c, FinderMap)]
    assert len(maps) == 1 and 'data-tp-finder-map' in maps[0].markup and "<svg" in maps[0].markup


def test_ticking_a_box_reranks_and_moves_the_map(tiny_kb):
    finder = live_finder(finder_data(tiny_kb), kb=tiny_kb)
    assert "Mark at least one" in finder.results.value and finder.map.marked == []
    finder.boxes["regions"]["calf"].value = True
    assert 'data-muscle="gamma"' in finder.results.value and "red_flags.md" in finder.results.value
    assert finder.map.marked == ["calf"] and finder.map.top == ["gamma", "delta"]
    assert "Calf: yes." in finder.panel.value


def test_a_click_on_the_map_marks_and_unmarks_the_area(tiny_kb):
    finder = live_finder(finder_data(tiny_kb), kb=tiny_kb)
    finder.map.clicked = {"regions": ["groin"], "on": True, "n": 1}  # what the browser sends
    assert finder.boxes["regions"]["groin"].value and finder.map.marked == ["groin"]
    finder.map.clicked = {"regions": ["groin"], "on": False, "n": 2}
    assert not finder.boxes["regions"]["groin"].value and finder.map.marked == []


def test_a_stroke_marks_every_area_it_covered(tiny_kb):
    finder = live_finder(finder_data(tiny_kb), kb=tiny_kb)
    finder.map.clicked = {"regions": ["lower_back", "sacroiliac"], "on": True, "n": 1}
    assert finder.map.marked == ["lower_back", "sacroiliac"]
    assert finder.result["rows"][0]["muscle"] == "alpha"


def test_the_answer_buttons_answer_the_next_question_and_no_counts():
    finder = live_finder(finder_data(design_kb()), ["groin", "lower_back"], kb=design_kb())
    asked = finder.result["next"]
    scores = {r["muscle"]: r["score"] for r in finder.result["rows"]}
    yes, no, unsure = finder.buttons
    assert asked["question"] in finder.panel.value and asked["why"] in finder.panel.value
    no.click()
    assert finder.answers()[asked["kind"]][asked["id"]] == "no"
    after = {r["muscle"]: r["score"] for r in finder.result["rows"]}
    assert after != scores  # the explicit absence counts against the leaders that predicted it
    assert finder.result["next"]["id"] != asked["id"] and "Answered no or not sure" in finder.panel.value
    assert finder.map.absent == ([asked["id"]] if asked["kind"] == "regions" else [])


def test_a_contradictory_answer_keeps_the_last_and_shows_it():
    finder = live_finder(finder_data(design_kb()), ["groin"], kb=design_kb())
    finder.set_answer("regions", "anterior_thigh", "yes")
    assert finder.boxes["regions"]["anterior_thigh"].value
    finder.set_answer("regions", "anterior_thigh", "no")
    assert not finder.boxes["regions"]["anterior_thigh"].value
    assert finder.answers()["regions"]["anterior_thigh"] == "no"
    assert "Anterior thigh: no (replaces your earlier yes)." in finder.panel.value
    finder.boxes["regions"]["anterior_thigh"].value = True  # ticking the box is a yes again
    assert finder.answers()["regions"]["anterior_thigh"] == "yes"
    assert "Anterior thigh: yes (replaces your earlier no)." in finder.panel.value


def test_forget_clears_the_no_and_not_sure_answers():
    finder = live_finder(finder_data(design_kb()), ["groin"], kb=design_kb())
    finder.set_answer("aggravators", "hip_flexion", "unsure")
    assert not finder.forget.disabled
    finder.forget.click()
    assert finder.answers() == {"regions": {"groin": "yes"}, "aggravators": {}}


def test_the_map_script_is_the_books_own_and_stays_offline():
    source = module_source()
    assert "export default { render }" in source
    for name in SCRIPTS:  # the book's scripts, verbatim: the two worlds cannot drift apart
        assert (ROOT / "_static" / name).read_text(encoding="utf-8") in source
    for forbidden in ("http://", "https://", "fetch(", "import(", "XMLHttpRequest"):
        assert forbidden not in source


def test_the_chart_has_the_skeleton_under_its_areas():
    """Bones under the areas, as on every other map: the crest, the sacrum, the trochanter orient a mark."""
    from triggerpoints.finder.page import finder_map_svg
    from triggerpoints.knowledge import loaded
    from triggerpoints.maps.anatomy import anatomy_for
    bones = sum(lm.draw for view in anatomy_for().values() for lm in view["landmarks"].values())
    assert bones_drawn(finder_map_svg(loaded(None))) >= bones
