"""Left and right in the pain finder (finder.sides): the rules, and the live widget following them."""

import pytest
from test_rank import tiny_kb  # noqa: F401  (a fixture)

from triggerpoints.finder import finder_data
from triggerpoints.finder.page import live_finder
from triggerpoints.finder.sides import side_note, sides_of, with_mark
from triggerpoints.knowledge import load_knowledge_base


def test_a_mark_on_the_other_half_makes_it_both_sides():
    assert with_mark("right", "right") == "right" and with_mark("left", "left") == "left"
    assert with_mark("right", "left") == "both" and with_mark("left", "right") == "both"
    assert with_mark("both", "right") == "both"
    assert sides_of("both") == ("right", "left") and sides_of("left") == ("left",)


def test_an_unknown_side_names_the_value_and_the_choices():
    with pytest.raises(ValueError, match="'front'; use 'right', 'left' or 'both'"):
        with_mark("front", "left")


def test_pain_on_both_sides_with_a_bilateral_lead_says_so():
    data = finder_data(load_knowledge_base())
    assert side_note(data, "both", ["quadratus_lumborum", "piriformis"]) == (
        "Pain on both sides: the course article alone says the pattern of Quadratus lumborum is often on both sides.")
    assert side_note(data, "right", ["quadratus_lumborum"]) == "Patterns are drawn on the right side."
    assert side_note(data, "both", ["piriformis"]) == "Patterns are drawn on both sides."


def test_a_click_on_the_left_half_in_jupyterlab_overlays_both_sides(tiny_kb):
    finder = live_finder(finder_data(tiny_kb), kb=tiny_kb)
    assert finder.map.sides == ["right"]
    finder.map.clicked = {"regions": ["groin"], "on": True, "sides": ["left"], "n": 1}  # what the browser sends
    assert finder.boxes["regions"]["groin"].value and finder.side.value == "both"
    assert finder.map.sides == ["right", "left"]
    finder.side.value = "left"
    assert finder.map.sides == ["left"] and finder.map.marked == ["groin"]
