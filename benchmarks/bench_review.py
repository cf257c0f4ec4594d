"""Self-study costs: storing one answer in the browser, rendering My progress with every
question answered, and what the Anki deck adds to a cold build.

- store one answer: mean of 200 `tpStore.recordAnswer` calls in Chromium, with every
  other question already stored (the record is rewritten whole on each answer);
- progress page: the time its DOMContentLoaded handlers take (table, missed list, the
  review quiz of every missed question) with all questions answered, half missed at the
  first try; median of 5 loads; `tpProgress.render()` alone in the detail;
- deck: `python -m triggerpoints.review.deck` in a fresh process (imports, 27 map PNGs,
  packaging), the step `make book` adds.
"""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from triggerpoints.quizzes.bank import load_banks

ROOT = Path(__file__).resolve().parents[1]
STORE_BUDGET_MS = 1.0
RENDER_BUDGET_MS = 100.0
DECK_BUDGET_S = 15.0


def every_answer():
    answers = {}
    for i, q in enumerate(q for qs in load_banks().values() for q in qs):
        answers[q["id"]] = {"chapter": q["chapter"], "selected": ["a"], "firstCorrect": i % 2 == 0,
                            "lastCorrect": True, "attempts": 1 + i % 3, "at": 1_780_000_000_000 + i}
    chapters = {q["chapter"]: 1_780_000_000_000 for qs in load_banks().values() for q in qs}
    return {"format": "low-back-trigger-points/progress", "version": 1, "answers": answers,
            "visits": chapters, "cards": {}}


def browser_figures():
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS

    page_uri = (ROOT / "_build" / "html" / "book" / "progress.html").as_uri()
    stored = json.dumps(json.dumps(every_answer()))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context().new_page()
        page.goto(page_uri, wait_until="load")
        page.evaluate(f"localStorage.setItem('tp-course-progress', {stored})")
        loads = []
        for _ in range(5):
            page.reload(wait_until="load")
            loads.append(page.evaluate("(() => { const n = performance.getEntriesByType('navigation')[0];"
                                       " return n.domContentLoadedEventEnd - n.domContentLoadedEventStart; })()"))
        render = page.evaluate("""(() => { const t = [];
            for (let i = 0; i < 50; i++) { const s = performance.now(); tpProgress.render(); t.push(performance.now() - s); }
            t.sort((a, b) => a - b); return t[25]; })()""")
        # The browser's clock is coarse (0.1 ms), so time 200 answers together and divide.
        store = page.evaluate("""(() => { const s = performance.now();
            for (let i = 0; i < 200; i++) { tpStore.recordAnswer('ql_ribs', 'quadratus_lumborum', ['b'], i % 2 === 0); }
            return (performance.now() - s) / 200; })()""")
        shown = page.locator("[data-tp-review] .tp-quiz-q:not([hidden])").count()
        browser.close()
    return statistics.median(loads), render, store, shown


def deck_seconds():
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "triggerpoints.review.deck", str(Path(tmp) / "deck.apkg")],
                       check=True, capture_output=True)
        return time.perf_counter() - start


def run():
    page_ms, render_ms, store_ms, shown = browser_figures()
    answered = len(every_answer()["answers"])
    return [
        {"name": "store one quiz answer in the browser", "value": store_ms, "unit": "ms", "budget": STORE_BUDGET_MS,
         "detail": f"mean of 200 tpStore.recordAnswer calls with {answered} answers stored"},
        {"name": "My progress renders, every question answered", "value": page_ms, "unit": "ms",
         "budget": RENDER_BUDGET_MS,
         "detail": f"DOMContentLoaded handlers, median of 5 loads; {shown} missed questions in the review; "
                   f"tpProgress.render() alone {render_ms:.2f} ms"},
        {"name": "Anki deck added to the cold build", "value": deck_seconds(), "unit": "s", "budget": DECK_BUDGET_S,
         "detail": "python -m triggerpoints.review.deck in a fresh process"},
    ]
