"""What a lab session costs: the instructor's review and live view, a student's Check, memory.

- gather + item analysis of a class of 60 and of 1,000 students (39 questions each), read
  from the answers store (a SQLite file, as the service or a laptop keeps it);
- one live-view refresh for 60 students, after ten of them answered since the last one;
- recording one answer off a hub: through the outbox into the local SQLite file;
- resident memory of a student's kernel after running a whole lesson in a lab session.
The hub's route under load (300 students at once, SQLite and PostgreSQL) is bench_classroom_load.
"""

import os
import re
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ("notebooks/08_telling_them_apart.ipynb", "notebooks/10_case_lab.ipynb")
RSS_CELL = ("import re\nprint('RSS', re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status').read()).group(1))")


def _median_ms(action, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def class_store(source, url, n):
    """A store holding n students: the simulated class's answers copied under new names."""
    from triggerpoints.classroom import db, results

    rows = results.gather(source).answers.to_dict("records")
    by_student = {}
    for r in rows:
        by_student.setdefault(r["student"], []).append(r)
    classes = list(by_student.values())
    store = db.open_store(url)
    for i in range(n):
        store.record(f"Student {i:04d}", [{"id": f"s{i}-{k}", "chapter": r["chapter"], "question_id": r["question_id"],
                                           "selected": r["selected"].split("|"), "correct": bool(r["correct"]),
                                           "answered_at": r["answered_at"]} for k, r in enumerate(classes[i % len(classes)])])
    return store


def _review(source, banks, ids):
    from triggerpoints.classroom import itemanalysis, results

    gathered = results.gather(source, ids)
    itemanalysis.item_analysis(gathered, banks)
    itemanalysis.wrong_answers(gathered, banks)
    itemanalysis.student_scores(gathered)


def _refresh_ms(store, banks):
    from triggerpoints.classroom import db, liveview

    cache, times = {}, []
    liveview.class_status(store, banks, cache=cache)
    for round_ in range(10):
        for s in range(10):
            store.record(f"Student {s:04d}", [db.new_answer("cases", "case_rower_band", ["a"], True)])
        start = time.perf_counter()
        liveview.class_status(store, banks, cache=cache)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _record_ms(tmp):
    from triggerpoints.classroom import session

    os.environ["TRIGGERPOINTS_CONFIG"] = str(tmp / "settings")
    record = session.recorder("Bench Student", tmp / "local")
    return _median_ms(lambda: record("cases", "case_rower_band", ["a"], True), 200)


def _kernel_rss_mb(tmp):
    """Run each lesson top to bottom in a fresh kernel in a lab session; the largest RSS."""
    import nbformat
    from nbclient import NotebookClient

    largest, which = 0.0, ""
    for lesson in LESSONS:
        nb = nbformat.read(ROOT / lesson, as_version=4)
        start = (f"import os\nos.environ['TRIGGERPOINTS_CONFIG'] = {str(tmp / 'settings')!r}\n"
                 f"from triggerpoints import start_session\n_ = start_session('Bench Student', results_dir={str(tmp)!r})")
        nb.cells.insert(0, nbformat.v4.new_code_cell(start))
        nb.cells.append(nbformat.v4.new_code_cell(RSS_CELL))
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
        text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
        rss = int(re.search(r"RSS (\d+)", text).group(1)) / 1024
        if rss > largest:
            largest, which = rss, Path(lesson).stem
    return largest, which


def run():
    from triggerpoints.classroom import itemanalysis
    from triggerpoints.quizzes import bank as quizbank

    banks = quizbank.load_banks()
    ids = quizbank.question_ids(banks)
    with tempfile.TemporaryDirectory(prefix="tp-bench-class-") as name:
        tmp = Path(name)
        simulated = tmp / "simulated"
        simulated.mkdir()
        itemanalysis.simulate_class(simulated, n_students=60, seed=1, damaged=False)
        small = class_store(simulated, f"sqlite:///{tmp / 'class60.sqlite'}", 60)
        big = class_store(simulated, f"sqlite:///{tmp / 'class1000.sqlite'}", 1000)
        review_60 = _median_ms(lambda: _review(small, banks, ids), 5) / 1000
        review_1000 = _median_ms(lambda: _review(big, banks, ids), 3) / 1000
        refresh = _refresh_ms(small, banks)
        record_ms = _record_ms(tmp)
        rss, lesson = _kernel_rss_mb(tmp)
    questions = "comparison + cases chapters (39 questions), first attempts and retries"
    return [
        {"name": "classroom: gather + item analysis, 60 students", "value": review_60, "unit": "s", "budget": 0.2,
         "detail": f"median of 5; from a SQLite answers store; {questions}; item analysis, wrong answers, scores"},
        {"name": "classroom: gather + item analysis, 1000 students", "value": review_1000, "unit": "s", "budget": 2.0,
         "detail": "median of 3; the 60 simulated students' answers copied under 1,000 names into a SQLite store"},
        {"name": "classroom: live view refresh, 60 students", "value": refresh, "unit": "ms", "budget": 100.0,
         "detail": "median of 10 refreshes, each after 10 students answered (only the new answers read)"},
        {"name": "classroom: record one answer, off a hub", "value": record_ms, "unit": "ms", "budget": 20.0,
         "detail": "median of 200 checked answers: outbox append + fsync, then into the local SQLite file (WAL, synchronous=FULL)"},
        {"name": "classroom: student kernel after a lesson", "value": rss, "unit": "MB", "budget": 250.0,
         "detail": f"resident set of the kernel after running {lesson} top to bottom in a lab session (largest of {len(LESSONS)})"},
    ]
