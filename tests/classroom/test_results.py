"""Lab-session results: no answer is lost or overwritten, damaged files are reported, analysis is right."""

import math
import multiprocessing
import re
from datetime import datetime, timezone

import numpy as np
import pandas as pd

import pytest

from triggerpoints.classroom import itemanalysis, results
from triggerpoints.quizzes import bank as quizbank
from isolation import own_settings  # noqa: F401  (autouse: own settings folder, off a hub)

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _write_many(args):
    """Run in a separate process: one 'notebook' answering n questions."""
    folder, student, tag, n = args
    for i in range(n):
        results.record_answer(student, "cases", f"{tag}_{i:03d}", ["a"], i % 2, folder, WHEN)
    return n


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_first_answer_creates_the_file_with_one_header(tmp_path):
    path = results.record_answer("Ana Silva", "cases", "case_rower_band", ["b"], True, tmp_path, WHEN)
    results.record_answer("Ana Silva", "cases", "case_rower_band", ["a"], False, tmp_path, WHEN)
    lines = _lines(path)
    assert lines[0] == ",".join(results.FIELDS) and len(lines) == 3
    assert lines[1] == "Ana Silva,cases,case_rower_band,b,1,2026-03-02T09:00:00+00:00"


def test_each_student_has_their_own_file_even_with_similar_names(tmp_path):
    a = results.results_path("Ann Lee", tmp_path)
    b = results.results_path("ann-lee", tmp_path)
    assert a != b and a.parent.name.startswith("ann_lee-") and a.parent.parent == tmp_path


def test_lab_session_round_trip(tmp_path):
    """Two notebooks write at once (same student and different students), the kernel restarts,
    one file is corrupted and a foreign CSV appears: every good answer is still counted."""
    ctx = multiprocessing.get_context("spawn")
    jobs = [(tmp_path, "Ana Silva", "w1", 150), (tmp_path, "Ana Silva", "w2", 150), (tmp_path, "Ben Okafor", "w3", 100)]
    with ctx.Pool(3) as pool:
        assert sum(pool.map(_write_many, jobs)) == 400
    ana = results.results_path("Ana Silva", tmp_path)
    assert _lines(ana).count(",".join(results.FIELDS)) == 1 and len(_lines(ana)) == 301

    # a "restart": a fresh process appends to the existing files
    with ctx.Pool(1) as pool:
        pool.map(_write_many, [(tmp_path, "Ana Silva", "w1", 5)])
    assert len(_lines(ana)) == 306, "nothing overwritten after a restart"

    # damage: a truncated row and a bad value in Ben's file; a foreign CSV; a binary file
    ben = results.results_path("Ben Okafor", tmp_path)
    with open(ben, "a", encoding="utf-8") as f:
        f.write("Ben Okafor,cases,w3_x,a,maybe,2026-03-02T09:00:00+00:00\nBen Okafor,cases\n")
    (tmp_path / "marks.csv").write_text("name,mark\nAna,7\n", encoding="utf-8")
    (tmp_path / "broken.csv").write_bytes(b"\xff\xfe\x00garbage")

    gathered = results.gather(tmp_path)
    counts = gathered.answers.groupby("student").size().to_dict()
    assert counts == {"Ana Silva": 305, "Ben Okafor": 100}
    problems = "\n".join(gathered.problems)
    ben_name = f"{ben.parent.name}/{ben.name}"
    assert f"{ben_name} row 102: column correct: expected 0 or 1, found 'maybe'" in problems
    assert f"{ben_name} row 103: expected 6 fields, found 2" in problems
    assert "marks.csv row 1: expected the header" in problems
    assert "broken.csv: unreadable" in problems
    assert len(gathered.problems) == 4
    # the five answers after the restart are second attempts at w1_000..w1_004
    ana_rows = gathered.answers[gathered.answers["student"] == "Ana Silva"]
    assert (ana_rows["attempt"] == 2).sum() == 5
    assert "4 problem(s)" in gathered._repr_html_()


def test_unknown_question_ids_are_reported_when_the_banks_are_given(tmp_path):
    results.record_answer("Ana", "cases", "no_such_question", ["a"], True, tmp_path, WHEN)
    results.record_answer("Ana", "cases", "case_rower_band", ["a"], True, tmp_path, WHEN)
    ids = {q["id"] for qs in quizbank.load_banks().values() for q in qs}
    gathered = results.gather(tmp_path, ids)
    assert len(gathered.answers) == 1
    assert "row 2: column question_id: 'no_such_question'" in gathered.problems[0]


def test_results_dir_can_be_set_by_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGERPOINTS_RESULTS", str(tmp_path))
    assert results.results_path("Ana").parent.parent == tmp_path


# ------------------------------------------------------------------ item analysis

def _answers(table):
    """A gathered-like frame from {student: {question: correct}} (first attempts)."""
    rows = [{"student": s, "chapter": "cases", "question_id": q, "selected": "a", "correct": c,
             "answered_at": "", "attempt": 1} for s, qs in table.items() for q, c in qs.items()]
    return pd.DataFrame(rows)


def test_difficulty_and_discrimination_match_hand_calculation():
    table = {f"s{i}": {"q1": int(i >= 2), "q2": int(i >= 4), "q3": int(i % 2 == 0)} for i in range(8)}
    analysis = itemanalysis.item_analysis(_answers(table)).set_index("question_id")
    assert analysis.loc["q1", "difficulty"] == 0.75 and analysis.loc["q2", "difficulty"] == 0.5
    # point-biserial of q1 against the rest score (q2 + q3) / 2
    q1 = np.array([table[f"s{i}"]["q1"] for i in range(8)], float)
    rest = np.array([(table[f"s{i}"]["q2"] + table[f"s{i}"]["q3"]) / 2 for i in range(8)])
    assert analysis.loc["q1", "point_biserial"] == round(float(np.corrcoef(q1, rest)[0, 1]), 2)
    # upper-lower 27%: 2 students each; top (s6, s7) all right on q2, bottom (s0, s1) all wrong
    assert analysis.loc["q2", "upper_lower"] == 1.0
    assert analysis["n"].tolist() == [8, 8, 8]


def test_an_item_everyone_gets_right_has_no_discrimination():
    table = {f"s{i}": {"q1": 1, "q2": int(i > 2)} for i in range(6)}
    analysis = itemanalysis.item_analysis(_answers(table)).set_index("question_id")
    assert analysis.loc["q1", "difficulty"] == 1.0 and math.isnan(analysis.loc["q1", "point_biserial"])


def test_only_first_attempts_count(tmp_path):
    results.record_answer("Ana", "cases", "case_rower_band", ["a"], False, tmp_path, WHEN)
    results.record_answer("Ana", "cases", "case_rower_band", ["b"], True, tmp_path, WHEN)
    scores = itemanalysis.student_scores(results.gather(tmp_path))
    assert scores.to_dict("records") == [{"student": "Ana", "answered": 1, "correct": 0, "percent": 0.0}]


def test_simulated_class_is_deterministic_and_reports_its_damage(tmp_path):
    banks = quizbank.load_banks()
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    itemanalysis.simulate_class(a, n_students=12, seed=5)
    itemanalysis.simulate_class(b, n_students=12, seed=5)
    ga, gb = results.gather(a), results.gather(b)
    pd.testing.assert_frame_equal(itemanalysis.item_analysis(ga, banks), itemanalysis.item_analysis(gb, banks))
    assert len(ga.problems) == 3 and ga.answers["student"].nunique() == 12
    wrong = itemanalysis.wrong_answers(ga, banks)
    assert set(wrong.columns) == {"question_id", "wrong_answer", "times_chosen", "share_of_wrong"}
    options = {a["answer"] for qs in banks.values() for q in qs for a in q["answers"]}
    assert all(part in options for text in wrong["wrong_answer"] for part in text.split(" + "))


def test_plots_have_alt_text_and_are_deterministic(tmp_path):
    itemanalysis.simulate_class(tmp_path, n_students=10, seed=1)
    gathered = results.gather(tmp_path)
    first = itemanalysis.plot_items(itemanalysis.item_analysis(gathered))
    again = itemanalysis.plot_items(itemanalysis.item_analysis(gathered))
    html = first._repr_html_()
    assert 'role="img" aria-label="Scatter plot of' in html and "<figcaption>" in html
    assert html == again._repr_html_()
    scores = itemanalysis.plot_scores(itemanalysis.student_scores(gathered))
    assert scores.alt.startswith("Histogram of 10 students")
    ids = [set(re.findall(r'\bid="([^"]+)"', f.svg)) for f in (first, scores)]
    assert ids[0] and ids[1] and not ids[0] & ids[1], "the two charts of the page share ids"


@pytest.mark.parametrize("bad", ["", "   "])
def test_the_slug_never_empties(tmp_path, bad):
    assert results.results_path(bad + "???", tmp_path).parent.name.startswith("student-")


def test_scatter_labels_overlap_neither_each_other_nor_the_axes_edge():
    crowded = pd.DataFrame({"question_id": [f"crowded_question_{i:02d}" for i in range(10)],
                            "difficulty": [0.50 + 0.01 * (i % 3) for i in range(10)],
                            "point_biserial": [0.05 + 0.01 * (i // 3) for i in range(10)]})
    figure = itemanalysis.plot_items(crowded)
    boxes = figure.label_boxes
    assert len(boxes) == 10
    clashes = [(i, j) for i in range(10) for j in range(i + 1, 10) if boxes[i].overlaps(boxes[j])]
    assert not clashes, f"labels {clashes} overlap"
    assert len(re.findall(r">crowded_question_\d\d<", figure.svg)) == 10, "every label drawn as text"
