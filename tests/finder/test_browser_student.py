"""The pain finder as a student meets it (issue 28): the tool first, the chart large with the
candidates beside it, a summary in view on a phone, areas named, no text selected while drawing,
unlikely muscles apart, the bits folded away."""

from test_browser_finder import FINDER, PAGE, POINT_IN_REGION, click_region, finder  # noqa: F401

MARKS = ("lower_back", "sacroiliac", "calf")


def _box(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box, f"{selector} is not shown"
    return box


def test_the_tool_is_the_first_thing_under_the_title(finder):
    assert _box(finder, f"{FINDER} svg.tp-map")["y"] < 900, "the chart starts on the first screen"
    assert "How to use it" in finder.locator("article h1 + p, article section > p").first.inner_text()


def test_on_a_wide_page_the_chart_is_large_and_the_candidates_sit_beside_it(finder):
    for region in MARKS:
        finder.click(f"{FINDER} label:has(input[value='{region}'])")
    chart, results = _box(finder, f"{FINDER} svg.tp-map"), _box(finder, f"{FINDER} [data-tp-finder-results]")
    assert chart["height"] >= 500, f"chart {chart['height']:.0f} px tall"
    assert results["x"] >= chart["x"] + chart["width"] - 1, "the candidates are to the right of the chart"
    chart_top = chart["y"]
    finder.evaluate(f"window.scrollBy(0, {chart_top + chart['height'] / 2})")
    first = _box(finder, f"{FINDER} .tp-finder-ranking li")
    assert 0 <= first["y"] < 900, "the first candidate stays in view while the chart is scrolled"


def test_on_a_phone_a_summary_of_the_candidates_stays_in_view(finder):
    finder.set_viewport_size({"width": 390, "height": 844})
    for region in MARKS:
        finder.click(f"{FINDER} label:has(input[value='{region}'])")
    summary = finder.locator(f"{FINDER} [data-tp-finder-summary]")
    assert "Quadratus lumborum" in summary.inner_text()
    finder.locator(f"{FINDER} svg.tp-map").scroll_into_view_if_needed()
    box = summary.bounding_box()
    assert box and box["y"] + box["height"] <= 844 + 1 and box["y"] >= 0, "the summary is on the screen"


def test_each_area_is_named_on_hover_tap_and_focus(finder):
    point = finder.evaluate(POINT_IN_REGION, "sacroiliac")
    finder.mouse.move(*point)
    name = finder.locator(f"{FINDER} .tp-finder-area-name")
    assert name.inner_text() == "Area: " + _label("sacroiliac")
    finder.locator(f"{FINDER} input[value='calf']").focus()
    assert name.inner_text() == "Area: " + _label("calf")
    assert finder.locator(f"{FINDER} .tp-region.tp-finder-named[data-region='calf']").count() >= 1


def _label(region):
    from triggerpoints.finder import finder_data

    return next(r["label"] for r in finder_data()["regions"] if r["id"] == region)


def test_drawing_never_selects_the_pages_text(finder):
    svg = _box(finder, f"{FINDER} svg.tp-map")
    finder.mouse.move(svg["x"] + svg["width"] * 0.3, svg["y"] + svg["height"] * 0.4)
    finder.mouse.down()
    finder.mouse.move(svg["x"] + svg["width"] + 200, svg["y"] + svg["height"] + 200, steps=12)
    finder.mouse.up()
    assert finder.evaluate("String(window.getSelection())") == ""


def test_muscles_the_marks_count_against_are_listed_apart_as_unlikely(finder):
    from triggerpoints.finder import finder_data, rank_rows

    for region in MARKS:
        finder.click(f"{FINDER} label:has(input[value='{region}'])")
    rows, _ = rank_rows(finder_data(), list(MARKS), [])
    ranked = finder.locator(f"{FINDER} .tp-finder-ranking li").evaluate_all(
        "els => els.map(e => e.getAttribute('data-muscle'))")
    unlikely = finder.locator(f"{FINDER} .tp-finder-unlikely li").evaluate_all(
        "els => els.map(e => e.getAttribute('data-muscle'))")
    assert ranked == [r["muscle"] for r in rows if r["score"] > 0]
    assert unlikely == [r["muscle"] for r in rows if r["score"] <= 0] and unlikely
    assert "Unlikely" in finder.inner_text(f"{FINDER} .tp-finder-unlikely-title")


def test_the_bits_are_folded_in_a_detail(finder):
    finder.click(f"{FINDER} label:has(input[value='lower_back'])")
    why = finder.locator(f"{FINDER} .tp-finder-why")
    assert "bits" not in why.inner_text()
    bits = finder.locator(f"{FINDER} details.tp-finder-bits")
    assert not bits.locator("p").is_visible()
    bits.locator("summary").click()
    assert "bits" in bits.locator("p").inner_text()


KEY = "tp-course-progress"
RECORD = {"format": "low-back-trigger-points/progress", "version": 1, "answers": {}, "visits": {}, "cards": {}}


def _stored(page):
    import json

    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def test_marks_and_answers_are_remembered_in_the_browser(finder):
    finder.click(f"{FINDER} label:has(input[value='lower_back'])")
    finder.click(f"{FINDER} label:has(input[value='walking'])")
    question = finder.locator(f"{FINDER} [data-tp-finder-question]")
    asked = question.get_attribute("data-id")
    finder.click(f"{FINDER} [data-tp-finder-answer='no']")
    kept = _stored(finder)["finders"]["pain_finder.html#finder"]
    assert kept["answers"]["regions"]["lower_back"] == "yes" and asked in {**kept["answers"]["regions"], **kept["answers"]["aggravators"]}
    finder.reload()
    finder.wait_for_selector(f"{FINDER}[data-tp-finder-ready]")
    assert finder.locator(f"{FINDER} input[value='lower_back']").is_checked()
    assert finder.locator(f"{FINDER} input[value='walking']").is_checked()
    assert "no" in finder.locator(f"{FINDER} .tp-finder-answered").inner_text()
    assert "from last time are back (3)" in finder.locator(f"{FINDER} .tp-finder-kept").inner_text()
    finder.click(f"{FINDER} [data-tp-finder-clear]")
    assert _stored(finder)["finders"]["pain_finder.html#finder"]["answers"] == {"regions": {}, "aggravators": {}}


def test_damaged_storage_is_ignored_with_a_notice_and_left_alone(page, book_url):
    page.add_init_script(f"localStorage.setItem('{KEY}', '{{not json')")
    page.goto(f"{book_url}/{PAGE}")
    page.wait_for_selector(f"{FINDER}[data-tp-finder-ready]")
    assert "could not be read" in page.locator(f"{FINDER} .tp-store-notice").inner_text()
    page.click(f"{FINDER} label:has(input[value='lower_back'])")
    assert page.locator(f"{FINDER} .tp-finder-ranking li").count() > 0, "the finder still works"
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == "{not json", "nothing overwritten"


def test_a_mark_for_an_area_the_course_no_longer_has_is_dropped_and_said(page, book_url):
    import json

    record = {**RECORD, "finders": {"pain_finder.html#finder": {
        "answers": {"regions": {"lower_back": "yes", "old_area": "yes"}, "aggravators": {}}, "side": "left"}}}
    page.add_init_script(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(record))})")
    page.goto(f"{book_url}/{PAGE}")
    page.wait_for_selector(f"{FINDER}[data-tp-finder-ready]")
    said = page.locator(f"{FINDER} .tp-finder-kept").inner_text()
    assert "back (1)" in said and "no longer has them: old_area" in said
    assert page.locator(f"{FINDER} input[value='lower_back']").is_checked()
    assert page.locator(f"{FINDER} input[name='side'][value='left']").is_checked()


def test_the_chart_has_a_side_view_whose_areas_mark_the_same_boxes(finder):
    """Issue 23 item 5: a lateral view on the finder's chart (one pair of figures at a time, large)."""
    views = finder.locator(f"{FINDER} .tp-finder-views")
    assert views.get_attribute("role") == "radiogroup"
    finder.check(f"{FINDER} .tp-finder-views input[value='side']")
    svg = finder.locator(f"{FINDER} svg.tp-map")
    assert svg.get_attribute("data-tp-finder-view") == "side"
    assert svg.bounding_box()["height"] >= 500
    point = finder.evaluate(POINT_IN_REGION.replace(".tp-region[data-region=", ".tp-region[data-view=\"lateral\"][data-region="),
                            "lateral_thigh")
    assert point, "the side view's lateral thigh can be clicked"
    finder.mouse.click(*point)
    assert finder.locator(f"{FINDER} input[value='lateral_thigh']").is_checked()
    finder.check(f"{FINDER} .tp-finder-views input[value='front']")
    assert svg.get_attribute("data-tp-finder-view") == "front"
