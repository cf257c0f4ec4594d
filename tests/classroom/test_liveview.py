"""The instructor's live view and the gradebook export."""

import csv
from datetime import datetime, timedelta, timezone

import pytest

from triggerpoints.classroom import liveview, results, scores
from triggerpoints.quizzes import load_banks, options
from isolation import own_settings  # noqa: F401  (autouse: own settings folder, off a hub)

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
BANKS = load_banks(["causes"])
Q1, Q2 = BANKS["causes"][0], BANKS["causes"][1]


def _keys(q, right):
    return [k for k, a in options(q).items() if a["correct"] == right]


def _class(folder):
    """Ana (now) right then Q2 wrong; Ben (2 min ago) wrong on Q1 then right; Cy an hour ago, wrong."""
    wrong1 = _keys(Q1, False)[:1]
    rows = [("Ana", Q1, _keys(Q1, True), True, 0), ("Ana", Q2, _keys(Q2, False)[:1], False, 0),
            ("Ben", Q1, wrong1, False, 2), ("Ben", Q1, _keys(Q1, True), True, 1),
            ("<b>Cy</b>", Q1, wrong1, False, 60)]
    for who, q, keys, ok, minutes in rows:
        results.record_answer(who, "causes", q["id"], keys, ok, folder, NOW - timedelta(minutes=minutes))
    return options(Q1)[wrong1[0]]["answer"]


def test_the_class_status_counts_active_students_and_first_answers(tmp_path):
    tempting = _class(tmp_path)
    status = liveview.class_status(tmp_path, BANKS, NOW)
    assert repr(status).startswith("3 students, 2 active, 4 first answers")
    students = {row[0]: row for row in status.students.rows}
    assert students["Ana"][1:] == ["yes", "10:00:00", "2", "1"]
    assert students["Ben"][1:] == ["yes", "09:59:00", "1", "0"], "Ben's retry is practice"
    assert students["<b>Cy</b>"][1] == "no"
    questions = {row[0]: row for row in status.questions.rows}
    assert questions[Q1["id"]][1:] == ["3", "0.33", f"{tempting} (chosen 2 times)"]
    page = status._repr_html_()
    assert "&lt;b&gt;Cy&lt;/b&gt;" in page and "<b>Cy</b>" not in page


def test_a_refresh_reads_only_the_files_that_changed(tmp_path, monkeypatch):
    _class(tmp_path)
    cache = {}
    liveview.class_status(tmp_path, BANKS, NOW, cache)
    reads = []
    real = results._read_file
    monkeypatch.setattr(results, "_read_file", lambda path, *a: reads.append(path.parent.name) or real(path, *a))
    results.record_answer("Ana", "causes", Q2["id"], _keys(Q2, True), True, tmp_path, NOW)
    status = liveview.class_status(tmp_path, BANKS, NOW, cache)
    assert reads == [results.results_path("Ana", tmp_path).parent.name]
    assert repr(status).startswith("3 students, 2 active, 4 first answers")


def test_the_live_view_refreshes_and_pauses(tmp_path):
    _class(tmp_path)
    view = liveview.live_view(tmp_path, every=3600)
    (refresh, pause), output = view.children[0].children, view.children[1]
    assert "3 students" in output.value
    results.record_answer("Dee", "causes", Q1["id"], _keys(Q1, True), True, tmp_path)
    refresh.click()
    assert "4 students" in output.value
    pause.value = True
    assert pause.description == "Resume refreshing"


def test_the_live_view_refuses_a_missing_or_unreadable_folder(tmp_path, monkeypatch):
    with pytest.raises(FileNotFoundError):
        liveview.class_status(tmp_path / "missing", BANKS)
    monkeypatch.setattr(liveview.os, "access", lambda *a: False)
    with pytest.raises(PermissionError, match="Only instructors"):
        liveview.live_view(tmp_path)


@pytest.mark.parametrize("lms, header", [
    ("moodle", ["Username", "Full name", "Quiz"]),
    ("canvas", ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Quiz"]),
])
def test_scores_export_for_the_gradebooks(tmp_path, lms, header):
    _class(tmp_path)
    results.record_answer("=cmd|x", "causes", Q1["id"], _keys(Q1, True), True, tmp_path, NOW)
    path = scores.export_scores(results.gather(tmp_path), tmp_path / "out.csv", lms, item="Quiz")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0] == header
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Ana"][-1] == "50.0" and by_name["Ben"][-1] == "0.0" and "'=cmd|x" in by_name
    if lms == "canvas":
        assert by_name["Ana"][3] == "Ana" and by_name["Ana"][1] == ""
    with pytest.raises(ValueError, match="moodle, canvas"):
        scores.export_scores(results.gather(tmp_path), tmp_path / "x.csv", "blackboard")
