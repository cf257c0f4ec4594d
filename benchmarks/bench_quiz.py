"""What quiz users wait for: loading the banks, answering (one recorded row), and the
instructor's review of a class.

- bank load + validation of all ten chapters (median of repeated runs);
- record_answer: one append under flock with fsync, the cost a student pays per Check;
- gather + item analysis of a simulated class of 60 students (the largest lab we plan for);
- size of the biggest static quiz twin (comparison, with its drawn maps).
"""

import statistics
import tempfile
import time
from pathlib import Path

from triggerpoints.classroom import itemanalysis, results
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
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        record_ms = _median_ms(lambda: results.record_answer("Bench Student", "cases", "case_rower_band", ["a"], True, folder), runs=200)
        class_dir = folder / "class"
        class_dir.mkdir()
        itemanalysis.simulate_class(class_dir, n_students=60, seed=1)
        ids = quizbank.question_ids(banks)
        review_ms = _median_ms(lambda: itemanalysis.item_analysis(results.gather(class_dir, ids), banks), runs=5)
    page = static_html("comparison", banks["comparison"])
    return [
        {"name": "quiz: load and validate all banks", "value": load_ms, "unit": "ms", "budget": 100.0,
         "detail": f"median of {RUNS}; {sum(map(len, banks.values()))} questions in {len(banks)} files"},
        {"name": "quiz: record one answer", "value": record_ms, "unit": "ms", "budget": 20.0,
         "detail": "median of 200 appends (O_APPEND + flock + fsync) to one student's CSV"},
        {"name": "quiz: gather + item analysis, 60 students", "value": review_ms, "unit": "ms", "budget": 2000.0,
         "detail": "simulated class, comparison + cases chapters (39 questions), damaged rows included"},
        {"name": "quiz: comparison quiz static twin size", "value": len(page.encode()) / 1e6, "unit": "MB", "budget": 1.5,
         "detail": "static HTML of the largest quiz (27 questions, 3 drawn maps) embedded in its page"},
    ]
