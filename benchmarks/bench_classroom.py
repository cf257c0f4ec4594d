"""What a lab session costs: the instructor's review and live view, a student's Check, memory.

- gather + item analysis of a class of 60 and of 1,000 students (39 questions each);
- one live-view refresh for 60 students, after ten of them answered since the last one;
- recording one answer: to a plain folder, and on the hub's route (an exchange folder with
  the owner checks and the pending-answers check that every save makes);
- resident memory of a student's kernel after running a whole lesson in a lab session.
"""

import os
import re
import shutil
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


def _big_class(source, dest, n):
    """n students: the 60 simulated files copied under new names (same answers, new people)."""
    files = sorted(source.glob("*/answers.csv"))
    for i in range(n):
        text = files[i % len(files)].read_text(encoding="utf-8")
        folder = dest / f"s{i:04d}"
        folder.mkdir()
        (folder / "answers.csv").write_text(re.sub(r"^Student \d+,", f"Student {i:04d},", text, flags=re.M),
                                            encoding="utf-8")


def _review(folder, banks, ids):
    from triggerpoints.classroom import itemanalysis, results

    gathered = results.gather(folder, ids)
    itemanalysis.item_analysis(gathered, banks)
    itemanalysis.wrong_answers(gathered, banks)
    itemanalysis.student_scores(gathered)


def _refresh_ms(folder, banks):
    from triggerpoints.classroom import liveview, results

    cache, times = {}, []
    liveview.class_status(folder, banks, cache=cache)
    for round_ in range(10):
        for s in range(10):
            results.record_answer(f"Student {s + 1:02d}", "cases", "case_rower_band", ["a"], True, folder)
        start = time.perf_counter()
        liveview.class_status(folder, banks, cache=cache)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _record_ms(tmp):
    from triggerpoints.classroom import exchange, store

    plain = tmp / "plain"
    plain.mkdir()
    plain_ms = _median_ms(lambda: store.record_answer("Bench Student", "cases", "case_rower_band", ["a"], True, plain), 200)
    if os.geteuid() == 0:
        hub = exchange.setup_exchange(tmp / "exchange", "root")
        route = "exchange folder (3773, setgid + sticky), owner checks, pending check"
    else:
        hub, route = plain, "plain folder (not root: no exchange), owner checks, pending check"
    os.environ["TRIGGERPOINTS_CONFIG"] = str(tmp / "settings")
    hub_ms = _median_ms(lambda: store.save_answer("alice", "cases", "case_rower_band", ["a"], True, hub), 200)
    return plain_ms, hub_ms, route


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
        small, big = tmp / "60", tmp / "1000"
        small.mkdir(), big.mkdir()
        itemanalysis.simulate_class(small, n_students=60, seed=1, damaged=False)
        _big_class(small, big, 1000)
        review_60 = _median_ms(lambda: _review(small, banks, ids), 5) / 1000
        review_1000 = _median_ms(lambda: _review(big, banks, ids), 3) / 1000
        live = tmp / "live"
        shutil.copytree(small, live)
        refresh = _refresh_ms(live, banks)
        plain_ms, hub_ms, route = _record_ms(tmp)
        rss, lesson = _kernel_rss_mb(tmp)
    questions = "comparison + cases chapters (39 questions), first attempts and retries"
    return [
        {"name": "classroom: gather + item analysis, 60 students", "value": review_60, "unit": "s", "budget": 0.2,
         "detail": f"median of 5; {questions}; item analysis, wrong answers, scores"},
        {"name": "classroom: gather + item analysis, 1000 students", "value": review_1000, "unit": "s", "budget": 2.0,
         "detail": "median of 3; the 60 simulated files copied under 1,000 names"},
        {"name": "classroom: live view refresh, 60 students", "value": refresh, "unit": "ms", "budget": 100.0,
         "detail": "median of 10 refreshes, each after 10 students answered (changed files re-read, others cached)"},
        {"name": "classroom: record one answer", "value": plain_ms, "unit": "ms", "budget": 20.0,
         "detail": "median of 200 appends (O_APPEND + flock + fsync) with the owner checks, plain folder"},
        {"name": "classroom: record one answer, hub route", "value": hub_ms, "unit": "ms", "budget": 20.0,
         "detail": f"median of 200 save_answer calls: {route}"},
        {"name": "classroom: student kernel after a lesson", "value": rss, "unit": "MB", "budget": 250.0,
         "detail": f"resident set of the kernel after running {lesson} top to bottom in a lab session (largest of {len(LESSONS)})"},
    ]
