"""What quiz users wait for: loading the banks and the biggest static quiz twin.

- bank load + validation of all ten chapters (median of repeated runs);
- size of the biggest static quiz twin (comparison, with its drawn maps).

Recording an answer and the instructor's review of a class are measured, against the
classroom issue's budgets, in bench_classroom.
"""

import statistics
import time

from triggerpoints.quizzes import bank as quizbank
from triggerpoints.quizzes.static import static_html

RUNS = 20


def _median_ms(action, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run():
    load_ms = _median_ms(quizbank.load_banks)
    banks = quizbank.load_banks()
    page = static_html("comparison", banks["comparison"])
    return [
        {"name": "quiz: load and validate all banks", "value": load_ms, "unit": "ms", "budget": 100.0,
         "detail": f"median of {RUNS}; {sum(map(len, banks.values()))} questions in {len(banks)} files"},
        {"name": "quiz: comparison quiz static twin size", "value": len(page.encode()) / 1e6, "unit": "MB", "budget": 1.5,
         "detail": "static HTML of the largest quiz (27 questions, 3 drawn maps) embedded in its page"},
    ]
