"""Drawing the pain on the book's finder map: strokes mark what they cover; undo and clear."""

from test_browser_finder import FINDER, checked, click_region, finder  # noqa: F401 (finder: fixture)

# The longest horizontal run of points inside a region, at the height where it is widest.
RUN_IN_REGION = """(region) => {
  const el = document.querySelector('section[data-tp-finder] svg.tp-map .tp-region[data-region="' + region + '"]');
  el.scrollIntoView({block: 'center'});
  const box = el.getBoundingClientRect(), inside = (x, y) => document.elementsFromPoint(x, y)
    .some(e => e.closest && e.closest('.tp-region') === el);
  let best = null;
  for (let j = 1; j < 16; j++) {
    const y = box.top + box.height * j / 16, xs = [];
    for (let x = box.left; x <= box.right; x += 1) if (inside(x, y)) xs.push(x);
    if (xs.length && (!best || xs.length > best[2])) best = [xs[0], y, xs.length, xs[xs.length - 1]];
  }
  const map = el.closest('svg').getBoundingClientRect();
  return best && {x0: best[0], x1: best[3], y: best[1], least: window.TPFinderDraw.COVER * map.width};
}"""


# A vertical line that starts inside region a and runs on down through region b (both shapes
# of a two-sided region are tried): [x, top, bottom] or null.
DOWN_THROUGH = """([a, b]) => {
  const svg = document.querySelector('section[data-tp-finder] svg.tp-map');
  const ra = svg.querySelector('.tp-region[data-region="' + a + '"]');
  const rb = svg.querySelector('.tp-region[data-region="' + b + '"]');
  ra.scrollIntoView({block: 'center'});
  const hit = (x, y, el) => document.elementsFromPoint(x, y).some(e => e.closest && e.closest('.tp-region') === el);
  const box = ra.getBoundingClientRect(), bb = rb.getBoundingClientRect();
  for (let x = box.left + 1; x < box.right; x += 1) {
    let top = null, inB = 0;
    for (let y = box.top; y < bb.bottom + 4; y += 1) {  // past b, so the line is seen to leave it
      if (top === null && hit(x, y, ra)) top = y;
      if (top !== null && hit(x, y, rb)) inB += 1;
      else if (inB > 0) { if (inB >= 3) return [x, top, y]; inB = 0; }
    }
  }
  return null;
}"""


def run(page, region):
    found = page.evaluate(RUN_IN_REGION, region)
    assert found, f"no point of {region!r} on the map"
    return found


def stroke(page, points):
    page.mouse.move(*points[0])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(x, y, steps=8)
    page.mouse.up()


def draw_status(page):
    return page.text_content(f"{FINDER} [data-tp-finder-draw-status]")


def test_a_stroke_across_an_area_marks_it_and_undo_takes_it_back(finder):
    r = run(finder, "anterior_thigh")
    assert r["x1"] - r["x0"] > r["least"] + 2, "the map is too small for this test"
    stroke(finder, [(r["x0"] + 1, r["y"]), (r["x1"] - 1, r["y"])])
    assert "anterior_thigh" in checked(finder, "region")
    assert "marked" in draw_status(finder)
    assert finder.locator(f"{FINDER} .tp-finder-stroke").count() == 1
    finder.click(f"{FINDER} [data-tp-finder-undo]")
    assert "anterior_thigh" not in checked(finder, "region")
    assert finder.locator(f"{FINDER} .tp-finder-stroke").count() == 0
    assert checked(finder, "region") == []
    assert finder.is_disabled(f"{FINDER} [data-tp-finder-undo]")


def test_a_stroke_marks_every_area_it_runs_through(finder):
    line = finder.evaluate(DOWN_THROUGH, ["posterior_thigh", "back_of_knee"])
    assert line, "no straight line from the back of the thigh through the back of the knee"
    x, top, bottom = line
    stroke(finder, [(x, top + 1), (x, bottom + 2)])
    marked = checked(finder, "region")
    assert {"posterior_thigh", "back_of_knee"} <= set(marked)
    finder.click(f"{FINDER} [data-tp-finder-clear-strokes]")
    assert checked(finder, "region") == []


def test_a_graze_into_an_area_marks_nothing(finder):
    r = run(finder, "upper_back")
    # From outside the body, a few px in (from the spine side the stroke would cross the left side's area).
    stroke(finder, [(r["x1"] + 14, r["y"]), (r["x1"] - r["least"] * 0.4, r["y"])])
    assert "upper_back" not in checked(finder, "region")
    assert finder.locator(f"{FINDER} .tp-finder-stroke").count() == 1


def test_undo_keeps_a_mark_the_stroke_did_not_add(finder):
    finder.click(f"{FINDER} label:has(input[value='upper_back'])")
    r = run(finder, "upper_back")
    stroke(finder, [(r["x0"] + 1, r["y"]), (r["x1"] - 1, r["y"])])
    finder.click(f"{FINDER} [data-tp-finder-undo]")
    assert checked(finder, "region") == ["upper_back"]  # the stroke added nothing, so undo removes nothing


def test_a_pen_stroke_marks_too(finder):
    r = run(finder, "upper_back")
    finder.evaluate("""(r) => {
      const svg = document.querySelector('section[data-tp-finder] svg.tp-map');
      const at = (type, x) => svg.dispatchEvent(new PointerEvent(type, {pointerId: 7, pointerType: 'pen',
        isPrimary: true, clientX: x, clientY: r.y, button: 0, buttons: 1, bubbles: true}));
      at('pointerdown', r.x0 + 1);
      for (let i = 1; i <= 20; i++) at('pointermove', r.x0 + 1 + (r.x1 - r.x0 - 2) * i / 20);
      at('pointerup', r.x1 - 1);
    }""", r)
    assert checked(finder, "region") == ["upper_back"]


def test_drawing_off_leaves_clicks_working(finder):
    finder.click(f"{FINDER} [data-tp-finder-draw-mode]")
    assert finder.get_attribute(f"{FINDER} [data-tp-finder-draw-mode]", "aria-pressed") == "false"
    r = run(finder, "upper_back")
    stroke(finder, [(r["x0"] + 1, r["y"]), (r["x1"] - 1, r["y"])])
    assert finder.locator(f"{FINDER} .tp-finder-stroke").count() == 0  # no stroke drawn
    before = checked(finder, "region")
    click_region(finder, "groin")
    assert checked(finder, "region") == sorted(before + ["groin"], key=lambda r: r != "upper_back")


def test_the_map_does_not_scroll_under_a_finger_while_drawing(finder):
    action = finder.evaluate("getComputedStyle(document.querySelector('section[data-tp-finder] svg.tp-map')).touchAction")
    assert action == "none"
    finder.click(f"{FINDER} [data-tp-finder-draw-mode]")
    action = finder.evaluate("getComputedStyle(document.querySelector('section[data-tp-finder] svg.tp-map')).touchAction")
    assert action == "auto"
