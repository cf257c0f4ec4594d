"""'Locate it': graded by distance in Python and, identically, by _static/tp-locate.js in the
book; a finished exercise reaches the quiz's answer hook (on_answer in JupyterLab, tpStore in
the book) and shows on the progress page as one of its chapter's questions."""

import json
from pathlib import Path

import pytest
from shapely.geometry import Polygon

from triggerpoints.quizzes import locate
from triggerpoints.quizzes.locateit import EXERCISES, grade, locate_model, qid, static_html

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model():
    return locate_model("quadratus_lumborum")


def _inside(model):
    p = Polygon(model["muscle"][0]).representative_point()
    return [p.x, p.y]


def test_clicks_are_graded_by_distance(model):
    assert grade(model, "muscle", _inside(model)) == {"right": True, "cm": 0, "text": "Right: that is on Quadratus lumborum."}
    far = grade(model, "muscle", [30.0, 60.0])
    assert not far["right"] and far["cm"] > 20 and far["text"].startswith("Not quite: about")
    x, y = model["points"][0]
    assert grade(model, "point", [x + 1.0, y])["right"]
    assert not grade(model, "point", [x + 8.0, y + 8.0])["right"]


def test_the_plate_is_unlabelled(model):
    """The skeleton only: no muscle, no trigger point, no name of the muscle in the picture."""
    svg = model["svg"]
    assert "<svg" in svg and "tp-muscle" not in svg and "tp-point" not in svg
    assert "quadratus" not in svg.lower()


def test_a_finished_exercise_reaches_the_quiz_answer_hook(model):
    got = []
    view = locate("piriformis", "piriformis", on_answer=lambda *a: got.append(a) or "Saved.")
    w = view.widget
    inside = _inside(w.model)
    w.click = inside
    assert not got and w.state["step"] == 1 and w.state["feedback"].startswith("Right")
    w.click = [inside[0] + 40, inside[1] + 40]
    assert got == [("piriformis", qid("piriformis"), ["muscle:right", "point:wrong"], False)]
    assert w.state["feedback"].endswith("Saved.")
    w.click = []  # try again
    assert w.state["step"] == 0


def test_every_lesson_chapter_has_one_and_the_progress_page_counts_it():
    from triggerpoints.review.pages import progress_table
    page = progress_table()._repr_html_() if hasattr(progress_table(), "_repr_html_") else str(progress_table())
    for chapter, target in EXERCISES.items():
        assert qid(target) in page, chapter


def test_the_book_grades_as_python_and_records_like_a_quiz(browser, tmp_path, model):
    """The static exercise from file://, driven by mouse and by keyboard."""
    static = ROOT / "_static"
    html = ('<!doctype html><html><head><meta charset="utf-8"></head><body>'
            f'{static_html(model, "quadratus_lumborum")}'
            f'<script src="{(static / "tp-store.js").as_uri()}"></script>'
            f'<script src="{(static / "tp-locate.js").as_uri()}"></script></body></html>')
    path = tmp_path / "locate.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        for step, xy in (("muscle", _inside(model)), ("point", [40.0, 100.0])):
            js = page.evaluate("([m, s, p]) => window.tpLocate.grade(m, s, p)", [json.loads(json.dumps(model)), step, xy])
            assert js == grade(model, step, xy)
        a, b, c, d = model["to_svg"]
        box = page.locator(".tp-locate-plate svg").bounding_box()
        vb = page.evaluate("() => document.querySelector('.tp-locate-plate svg').viewBox.baseVal.width")
        k = box["width"] / vb

        def click(x, y):
            page.mouse.click(box["x"] + (a * x + b) * k, box["y"] + (c * y + d) * k)
        click(*_inside(model))
        assert page.locator(".tp-locate-feedback").inner_text().startswith("Right")
        assert page.locator(".tp-locate-answer").count() >= 1
        click(*model["points"][0])
        assert page.locator(".tp-locate-step").inner_text() == "Done: both right."
        saved = page.evaluate("() => window.tpStore.load().data.answers")
        assert saved[qid("quadratus_lumborum")]["lastCorrect"] is True
        page.click(".tp-locate-retry")
        page.focus(".tp-locate-plate")
        page.keyboard.press("Enter")  # the cross starts mid-plate: a keyboard answer, graded
        assert page.locator(".tp-locate-feedback").inner_text() != ""
    finally:
        page.close()
