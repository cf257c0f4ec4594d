"""Lab sessions: who is recording (hub user or a remembered name), banner, restore."""

import subprocess
import sys

import pytest

from triggerpoints.classroom import db, identity, session
from triggerpoints.quizzes import options
from isolation import own_settings  # noqa: F401  (autouse: own settings folder, off a hub)


def _answer(widget, index=0, right=True):
    view = widget.views[index]
    keys = [k for k in view.order if options(view.question)[k]["correct"] == right]
    if view.question["type"] == "many_choice":
        for k, box in zip(view.order, view.boxes):
            box.value = k in keys
    else:
        view.radio.value = keys[0]
    view.check.click()
    return view


def test_start_session_sets_the_student_for_later_quizzes(tmp_path):
    with pytest.raises(ValueError):
        session.start_session("  ")
    notice = session.start_session("Ben Okafor", results_dir=tmp_path)
    assert repr(notice).startswith("Recording answers as Ben Okafor")
    dual = session.quiz("causes")
    assert "Recording answers as <strong>Ben Okafor</strong>" in dual.widget.children[1].value


@pytest.mark.parametrize("first", ["", "from triggerpoints.classroom import start_session; "])
def test_the_package_level_quiz_is_callable_whatever_was_imported_first(first):
    code = first + 'from triggerpoints import quiz; print(quiz("causes").text)'
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("Quiz: Causes")


def test_start_session_without_a_name_shows_a_form_that_starts_it(tmp_path):
    form = session.start_session(results_dir=tmp_path)
    name, button, status = form.children
    button.click()
    assert "Type your name first" in status.value and session._SESSION["student"] is None
    name.value = "Chiara Rossi"
    button.click()
    assert "Recording answers as Chiara Rossi" in status.value and button.description == "Change name"
    assert session._SESSION == {"student": "Chiara Rossi", "results_dir": tmp_path}


def test_the_typed_name_survives_a_kernel_restart_and_can_be_changed(tmp_path, own_settings):
    session.start_session("Chiara Rossi", results_dir=tmp_path)
    # a restarted kernel is a new process: it finds the name in the student's settings
    code = "from triggerpoints.classroom import identity; print(identity.remembered_name())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "Chiara Rossi"
    assert (own_settings / "student.json").stat().st_mode & 0o077 == 0, "settings readable by others"
    session._SESSION.update(student=None)
    name, button, status = session.start_session(results_dir=tmp_path).children
    assert name.value == "Chiara Rossi" and "Recording answers as Chiara Rossi" in status.value
    name.value = "Chiara M. Rossi"
    button.click()
    assert identity.remembered_name() == "Chiara M. Rossi" == session._SESSION["student"]


def test_a_damaged_settings_file_counts_as_no_name(own_settings):
    (own_settings / "student.json").write_text("{not json")
    assert identity.remembered_name() is None


def test_on_a_hub_the_signed_in_user_records_and_no_one_else(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    assert repr(session.start_session(results_dir=tmp_path)).startswith("Recording answers as alice")
    for attempt in (lambda: session.start_session("bob"), lambda: session.quiz("causes", student="bob"),
                    lambda: identity.resolve_student("bob")):
        with pytest.raises(PermissionError, match="signed in as 'alice'"):
            attempt()
    widget = session.quiz_widget("causes", student="alice")
    assert "Recording answers as <strong>alice</strong>" in widget.banner.value
    _answer(widget)
    assert [r["student"] for r in session.own_answers("alice", tmp_path)] == ["alice"]
    assert {r["student"] for r in db.open_store(session.local_db(tmp_path)).answers()} == {"alice"}


def test_a_restarted_kernel_shows_what_the_student_already_answered(tmp_path):
    session.start_session("Ana Silva", results_dir=tmp_path)
    first = session.quiz_widget("causes")
    _answer(first, 0, right=False)
    _answer(first, 1, right=True)
    _answer(first, 2, right=False).retry.click()
    _answer(first, 2, right=True)
    n = len(first.views)
    # the book's words (quizzes.static.score_text): a retry is right in the end, not at the first try
    assert first.score.value == f"<p>Right at the first try: 1 of {n}; right in the end: 2 of {n}</p>"
    again = session.quiz_widget("causes")  # as after a restart: built from the saved file
    wrong, right = again.views[0], again.views[1]
    assert "earlier session" in wrong.feedback.value and "Not quite" in wrong.feedback.value
    assert wrong.radio.disabled and not wrong.correct
    assert right.correct and "Correct." in right.feedback.value
    assert again.score.value == first.score.value, "the first tries are remembered across a restart"
    assert len(session.own_answers("Ana Silva", tmp_path)) == 4, "showing them again records nothing"
    assert session.quiz_widget("causes", student="Ben").views[0].feedback.value == ""


NASTY = ['<img src=x onerror=alert(1)>', "../../etc/passwd", "a/b\\c", "Zoë & <b>Ana</b>"]


@pytest.mark.parametrize("name", NASTY)
def test_names_with_markup_or_separators_never_reach_a_path_or_page_unescaped(tmp_path, name):
    session.start_session(name, results_dir=tmp_path)
    widget = session.quiz_widget("causes")
    assert "<b>" not in widget.banner.value and "<img" not in widget.banner.value
    assert "<img" not in session.Notice(name)._repr_html_()
    _answer(widget)
    assert [r["student"] for r in session.own_answers(name, tmp_path)] == [name]
    assert all(p.name.startswith("answers.sqlite") for p in tmp_path.iterdir()), "the name made no file or folder"


@pytest.mark.parametrize("name", ["Ana\x00", "Ana\nBen", "Ana\x1b[31m", "x" * 81])
def test_control_characters_and_overlong_names_are_refused(tmp_path, name):
    with pytest.raises(ValueError, match="student name"):
        session.start_session(name, results_dir=tmp_path)
