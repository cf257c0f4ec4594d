"""The pain finder in the built book (book/pain_finder.html): mouse, keyboard, same ranking as Python."""

import pytest

from triggerpoints import rank_muscles
from triggerpoints.finder import finder_data, rank_rows
from triggerpoints.finder.page import list_html
from triggerpoints.knowledge import load_knowledge_base

PAGE = "book/pain_finder.html"
FINDER = "section[data-tp-finder]"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A point of the map where the topmost shape belongs to the region (regions overlap and are
# clipped to the body outline, so the centre of a region's box is not always on it).
POINT_IN_REGION = """(region) => {
  const el = document.querySelector('section[data-tp-finder] svg.tp-map .tp-region[data-region="' + region + '"]');
  el.scrollIntoView({block: 'center'});
  const box = el.getBoundingClientRect();
  for (let i = 1; i < 24; i++) for (let j = 1; j < 24; j++) {
    const x = box.left + box.width * i / 24, y = box.top + box.height * j / 24;
    const hit = document.elementFromPoint(x, y), owner = hit && hit.closest('[data-region]');
    if (owner && owner.getAttribute('data-region') === region) return [x, y];
  }
  return null;
}"""


@pytest.fixture
def finder(page, book_url):
    page.goto(f"{book_url}/{PAGE}")
    page.wait_for_selector(f"{FINDER}[data-tp-finder-ready]")
    return page


def click_region(page, region):
    point = page.evaluate(POINT_IN_REGION, region)
    assert point, f"no clickable point of {region!r} on the map"
    page.mouse.click(*point)


def shown_ranking(page):
    return page.eval_on_selector_all(
        f"{FINDER} [data-tp-finder-list] li",  # the candidates, then those listed as unlikely
        "items => items.map(li => [li.dataset.muscle, Number(li.dataset.score),"
        " li.querySelector('.tp-finder-reason').textContent])")


def checked(page, name):
    return page.eval_on_selector_all(f'{FINDER} input[name="{name}"]:checked', "boxes => boxes.map(b => b.value)")


def expected_ranking(regions, aggravators):
    ranking = rank_muscles(regions, aggravators)
    return [[m, int(s), r] for m, s, r in zip(ranking["muscle"], ranking["score"], ranking["reason"])]


def status(page):
    return page.text_content(f"{FINDER} .tp-finder-status")


def test_empty_finder_asks_for_marks_and_links_red_flags(finder, book_dir):
    assert "Mark at least one" in status(finder)
    links = finder.eval_on_selector_all(f"{FINDER} a", "as => as.map(a => a.getAttribute('href'))")
    assert "../book/red_flags.html" in links
    assert (book_dir / "book" / "red_flags.html").is_file()
    assert "not a diagnosis" in finder.text_content(f"{FINDER} [data-tp-finder-results]")


def test_mouse_on_the_map_and_the_boxes_gives_the_python_ranking(finder):
    for region in ("mid_buttock", "posterior_hip", "posterior_thigh"):
        click_region(finder, region)
    finder.click(f"{FINDER} label:has(input[value='prolonged_sitting'])")
    finder.click(f"{FINDER} label:has(input[value='hip_external_rotation'])")
    regions, aggravators = checked(finder, "region"), checked(finder, "aggravator")
    assert regions == ["mid_buttock", "posterior_hip", "posterior_thigh"]
    assert aggravators == ["prolonged_sitting", "hip_external_rotation"]
    shown = shown_ranking(finder)
    assert shown == expected_ranking(regions, aggravators)
    assert shown[0][0] == "piriformis"


def test_a_second_click_on_the_map_unmarks_the_area(finder):
    click_region(finder, "groin")
    assert checked(finder, "region") == ["groin"]
    click_region(finder, "groin")
    assert checked(finder, "region") == []
    assert "Mark at least one" in status(finder)


def test_keyboard_alone_gives_the_python_ranking(finder):
    finder.focus(f"{FINDER} input[value='lower_back']")
    finder.keyboard.press("Space")
    finder.keyboard.press("Tab")  # the next box: iliac crest
    finder.keyboard.press("Space")
    finder.focus(f"{FINDER} input[value='side_bending']")
    finder.keyboard.press("Space")
    assert checked(finder, "region") == ["lower_back", "iliac_crest"]
    assert checked(finder, "aggravator") == ["side_bending"]
    shown = shown_ranking(finder)
    assert shown == expected_ranking(["lower_back", "iliac_crest"], ["side_bending"])
    assert shown[0][0] == "quadratus_lumborum"
    outline = finder.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "the focused checkbox has no visible focus outline"


def test_clear_button_works_by_keyboard(finder):
    finder.click(f"{FINDER} label:has(input[value='groin'])")
    assert shown_ranking(finder)
    finder.focus(f"{FINDER} [data-tp-finder-clear]")
    finder.keyboard.press("Enter")
    assert checked(finder, "region") == [] and not shown_ranking(finder)
    assert "Mark at least one" in status(finder)


def test_the_top_candidates_maps_are_overlaid(finder):
    for region in ("groin", "anterior_thigh"):
        finder.click(f"{FINDER} label:has(input[value='{region}'])")
    top = [m for m, score, _ in shown_ranking(finder) if score > 0][:3]  # unlikely ones are not drawn
    shown = finder.eval_on_selector_all(
        f"{FINDER} svg.tp-map .tp-zone", "zs => zs.filter(z => getComputedStyle(z).display !== 'none')"
        ".map(z => z.dataset.muscle)")
    assert shown and set(shown) == set(top)
    marked = finder.eval_on_selector_all(f"{FINDER} .tp-region.tp-finder-marked", "rs => rs.map(r => r.dataset.region)")
    assert set(marked) == {"anterior_thigh", "groin"}  # on each figure that shows them (front, side)
    label = finder.get_attribute(f"{FINDER} svg.tp-map", "aria-label")
    phrase = {r["id"]: r["phrase"] for r in finder_data()["regions"]}
    assert f"Marked: {phrase['groin']} and {phrase['anterior_thigh']}." in label
    keys = finder.eval_on_selector_all(f"{FINDER} [data-tp-finder-keys] li:not([hidden])",
                                       "ls => ls.map(l => l.dataset.muscle)")
    assert keys == top


def test_results_are_announced_in_a_live_region(finder):
    live = finder.get_attribute(f"{FINDER} [data-tp-finder-results]", "aria-live")
    assert live == "polite"
    finder.click(f"{FINDER} label:has(input[value='calf'])")
    assert finder.is_visible(f"{FINDER} [data-tp-finder-results] .tp-finder-ranking")


def test_no_accessibility_violation_with_results_and_overlay(finder):
    from axe_playwright_python.sync_playwright import Axe

    click_region(finder, "sacroiliac")
    finder.click(f"{FINDER} label:has(input[value='walking'])")
    # preload=False: axe would otherwise re-fetch every stylesheet (404s over http, CORS on file:)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"], "preload": False}
    violations = Axe().run(finder, context=FINDER, options=options).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_the_browser_renders_the_same_list_markup_as_python(finder):
    for region in ("lower_back", "sacroiliac", "calf"):
        finder.click(f"{FINDER} label:has(input[value='{region}'])")
    finder.click(f"{FINDER} label:has(input[value='walking'])")
    data = finder_data()
    rows, message = rank_rows(data, ["lower_back", "sacroiliac", "calf"], ["walking"])
    assert finder.inner_html(f"{FINDER} [data-tp-finder-list]") == list_html(data, rows, message)


def test_pages_without_a_finder_are_left_alone(page, book_url):
    page.goto(f"{book_url}/book/red_flags.html")
    # a page without a finder does not even load its scripts (book.extension.OWN_TOOLS)
    assert page.evaluate("typeof window.TPFinder") == "undefined"
    assert page.query_selector("[data-tp-finder]") is None and page.query_selector("script[src*='tp-finder']") is None


POINT_ON_SIDE = POINT_IN_REGION.replace("(region) => {", "([region, side]) => {").replace(
    """'"]');""", """'"][data-side="' + side + '"]');""", 1).replace(
    "owner.getAttribute('data-region') === region", "owner.getAttribute('data-region') === region && owner.getAttribute('data-side') === side")


def shown_sides(page, cls):
    return page.eval_on_selector_all(f"{FINDER} svg .{cls}", "els => [...new Set(els.map(e => e.dataset.side || 'right'))].sort()")


def test_a_click_on_the_left_half_marks_it_and_the_overlay_follows_the_side(finder):
    assert "data-side" in POINT_ON_SIDE
    finder.mouse.click(*finder.evaluate(POINT_ON_SIDE, ["lower_back", "left"]))
    assert checked(finder, "region") == ["lower_back"]
    assert finder.is_checked(f"{FINDER} input[name=side][value=both]")  # it was the right side
    assert shown_sides(finder, "tp-finder-shown") == ["left", "right"]
    assert "often on both sides" in finder.text_content(f"{FINDER} [data-tp-finder-side-note]")
    finder.focus(f"{FINDER} input[name=side][value=left]")  # the keyboard route: the side choice
    finder.keyboard.press("Space")
    assert shown_sides(finder, "tp-finder-shown") == ["left"] and shown_sides(finder, "tp-finder-marked") == ["left"]
    assert finder.text_content(f"{FINDER} [data-tp-finder-side-note]") == "Patterns are drawn on the left side."
    assert "left side" in finder.get_attribute(f"{FINDER} svg.tp-map", "aria-label")


def test_the_sides_rules_match_python(finder):
    from triggerpoints.finder.sides import side_note, with_mark
    data = finder_data(load_knowledge_base())
    for choice in ("right", "left", "both"):
        for side in ("right", "left"):
            assert finder.evaluate("([c, s]) => window.TPFinderPage.withMark(c, s)", [choice, side]) == with_mark(choice, side)
        for top in (["quadratus_lumborum", "erector_spinae"], ["piriformis"], ["erector_spinae", "gluteus_medius"]):
            js = finder.evaluate("([d, c, t]) => window.TPFinderPage.sideNote(d, c, t)", [data, choice, top])
            assert js == side_note(data, choice, top), (choice, top)
