"""How fast the pain finder answers (budgets: 5 ms median per rank_muscles call and per
ranking + next question in Python; one frame, 16.7 ms, for the same in the browser).

The finder's view of the knowledge base is built once per knowledge base and cached, so a
query only scores nine muscles and builds a small DataFrame. Queries are random but seeded:
1-6 pain areas and 0-3 aggravating activities, the size of a real case. Also measured: the
one-off build of that view, the static page twin (body map included) and its size. In
headless Chromium, on the built book page: TPFinder.advise() alone, and a click on a box to the
re-rendered list, panel and map overlay (the page's whole update), each median of 200.
"""

import random
import statistics
import time

from pathlib import Path

from triggerpoints.finder import finder_data, pain_finder, rank_muscles
from triggerpoints.finder.advice import advise, checked_answers
from triggerpoints.finder.rank import _CACHE
from triggerpoints.knowledge import load_knowledge_base

QUERIES = 300
BUILD_RUNS = 20


def _queries(kb, count, seed=7):
    rng = random.Random(seed)
    regions, aggravators = list(kb.region_ids), list(kb.aggravator_ids)
    return [(rng.sample(regions, rng.randint(1, 6)), rng.sample(aggravators, rng.randint(0, 3)))
            for _ in range(count)]


def _timed_ms(action):
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _cold_data_ms(kb):
    def build():
        _CACHE.clear()
        finder_data(kb)
    return statistics.median(_timed_ms(build) for _ in range(BUILD_RUNS))


def _answers(kb, count, seed=11):
    """Random answer sets: 1-6 areas yes, 0-3 activities yes, 0-3 areas or activities no."""
    rng = random.Random(seed)
    out = []
    for regions, aggravators in _queries(kb, count, seed):
        denied = rng.sample([r for r in kb.region_ids if r not in regions], rng.randint(0, 3))
        out.append({"regions": {**dict.fromkeys(regions, "yes"), **dict.fromkeys(denied, "no")},
                    "aggravators": dict.fromkeys(aggravators, "yes")})
    return out


BROWSER_JS = """([cases, runs]) => {
  const section = document.querySelector('section[data-tp-finder]');
  const data = JSON.parse(section.querySelector('script[data-tp-finder-data]').textContent);
  const advise = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    window.TPFinder.advise(data, cases[i % cases.length]);
    advise.push(performance.now() - t0);
  }
  const boxes = Array.from(section.querySelectorAll('input[name="region"]')).slice(0, 12);
  const update = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    boxes[i % boxes.length].click();  // change -> advise -> list, panel, overlay
    section.getBoundingClientRect();  // and the style + layout it costs
    update.push(performance.now() - t0);
  }
  return {advise, update};
}"""


def measure_browser(cases, runs=200):
    """TPFinder.advise() and a whole page update, in headless Chromium on the built page (ms)."""
    from playwright.sync_api import sync_playwright
    page_file = Path(__file__).resolve().parents[1] / "_build" / "html" / "book" / "pain_finder.html"
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_selector("[data-tp-finder-ready]")
        times = page.evaluate(BROWSER_JS, [cases, runs])
        browser.close()
    return times


def run():
    kb = load_knowledge_base()
    build_ms = _cold_data_ms(kb)
    finder_data(kb)
    times = [_timed_ms(lambda q=q: rank_muscles(*q, kb=kb)) for q in _queries(kb, QUERIES)]
    median, p95 = statistics.median(times), statistics.quantiles(times, n=20)[-1]
    data, cases = finder_data(kb), _answers(kb, QUERIES)
    advice = [_timed_ms(lambda c=c: advise(data, checked_answers(data, c))) for c in cases]
    browser = measure_browser(cases)
    start = time.perf_counter()
    page = pain_finder(kb=kb)._repr_mimebundle_()["text/html"]
    twin_s = time.perf_counter() - start
    return [
        {"name": "pain finder: rank_muscles median", "value": median, "unit": "ms", "budget": 5.0,
         "detail": f"{QUERIES} seeded random queries (1-6 areas, 0-3 aggravators); "
                   f"95th percentile {p95:.2f} ms, max {max(times):.2f} ms"},
        {"name": "pain finder: ranking + next question median (Python)", "value": statistics.median(advice),
         "unit": "ms", "budget": 5.0,
         "detail": f"{QUERIES} seeded answer sets (1-6 areas and 0-3 activities yes, 0-3 areas no), "
                   f"advise() with answer checking; max {max(advice):.2f} ms"},
        {"name": "pain finder: ranking + next question median (browser)",
         "value": statistics.median(browser["advise"]), "unit": "ms", "budget": 16.7,
         "detail": f"TPFinder.advise() in headless Chromium, same answer sets; "
                   f"max {max(browser['advise']):.2f} ms"},
        {"name": "pain finder: page update per answer median (browser)",
         "value": statistics.median(browser["update"]), "unit": "ms", "budget": 16.7,
         "detail": "a box ticked -> ranking, lead, next question, list, panel and map overlay "
                   f"re-rendered and laid out; max {max(browser['update']):.2f} ms"},
        {"name": "pain finder: data build per knowledge base", "value": build_ms, "unit": "ms",
         "budget": 50.0, "detail": f"median of {BUILD_RUNS} cold builds of finder_data (cached after)"},
        {"name": "pain finder: page twin render", "value": twin_s, "unit": "s", "budget": 3.0,
         "detail": "pain_finder(): widget, static HTML and the body map with every muscle's zones"},
        {"name": "pain finder: page twin size", "value": len(page.encode()) / 1e6, "unit": "MB",
         "budget": 1.0, "detail": "static HTML embedded in book/pain_finder.html (map SVG + JSON data)"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
