"""How long loading and validating the knowledge base takes (budget: 200 ms per cold load).

"Cold" means the per-directory cache is cleared before each load, so every run reads and
checks all the CSV files and the .bib again. pandas is already imported in this process;
the fresh-process figure shows the cost a lesson's first cell pays, imports included.
"""

import statistics
import subprocess
import sys
import time

from triggerpoints.knowledge import clear_cache, load_knowledge_base

RUNS = 25
PROCESS_RUNS = 5
FRESH_PROCESS = (
    "import time; t = time.perf_counter(); "
    "from triggerpoints.knowledge import load_knowledge_base; load_knowledge_base(); "
    "print((time.perf_counter() - t) * 1000)"
)


def _median_ms(action, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def _cold_load():
    clear_cache()
    load_knowledge_base()


def _render_reference_page():
    from triggerpoints.knowledge import knowledge_tables
    knowledge_tables()._repr_html_()


def _fresh_process_ms():
    outputs = [subprocess.run([sys.executable, "-c", FRESH_PROCESS], capture_output=True, text=True,
                              check=True).stdout for _ in range(PROCESS_RUNS)]
    return statistics.median(float(o) for o in outputs)


def run():
    median, low, high = _median_ms(_cold_load, RUNS)
    load_knowledge_base()
    render, r_low, r_high = _median_ms(_render_reference_page, RUNS)
    fresh = _fresh_process_ms()
    return [
        {"name": "knowledge base cold load", "value": median, "unit": "ms", "budget": 200.0,
         "detail": f"median of {RUNS} loads with the cache cleared (min {low:.1f}, max {high:.1f} ms)"},
        {"name": "knowledge reference page render", "value": render, "unit": "ms", "budget": 200.0,
         "detail": f"knowledge_tables() to HTML, median of {RUNS} (min {r_low:.1f}, max {r_high:.1f} ms)"},
        {"name": "knowledge base load in a fresh process", "value": fresh, "unit": "ms", "budget": 1500.0,
         "detail": f"import plus first load, pandas import included, median of {PROCESS_RUNS} processes"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
