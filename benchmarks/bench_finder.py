"""How fast the pain finder answers (budget: 5 ms median per rank_muscles call).

The finder's view of the knowledge base is built once per knowledge base and cached, so a
query only scores nine muscles and builds a small DataFrame. Queries are random but seeded:
1-6 pain areas and 0-3 aggravating activities, the size of a real case. Also measured: the
one-off build of that view, the static page twin (body map included) and its size.
"""

import random
import statistics
import time

from triggerpoints.finder import finder_data, pain_finder, rank_muscles
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


def run():
    kb = load_knowledge_base()
    build_ms = _cold_data_ms(kb)
    finder_data(kb)
    times = [_timed_ms(lambda q=q: rank_muscles(*q, kb=kb)) for q in _queries(kb, QUERIES)]
    median, p95 = statistics.median(times), statistics.quantiles(times, n=20)[-1]
    start = time.perf_counter()
    page = pain_finder(kb=kb)._repr_mimebundle_()["text/html"]
    twin_s = time.perf_counter() - start
    return [
        {"name": "pain finder: rank_muscles median", "value": median, "unit": "ms", "budget": 5.0,
         "detail": f"{QUERIES} seeded random queries (1-6 areas, 0-3 aggravators); "
                   f"95th percentile {p95:.2f} ms, max {max(times):.2f} ms"},
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
