"""Lab sessions: the student named once, later quizzes record under that name."""

import pytest


def test_start_session_sets_the_student_for_later_quizzes(tmp_path, monkeypatch):
    from triggerpoints.classroom import session as quizmod

    monkeypatch.setattr(quizmod, "_SESSION", {"student": None, "results_dir": None})
    with pytest.raises(ValueError):
        quizmod.start_session("  ")
    quizmod.start_session("Ben Okafor", results_dir=tmp_path)
    dual = quizmod.quiz("causes")
    assert "Ben Okafor" in dual.widget.children[0].value


@pytest.mark.parametrize("first", ["", "from triggerpoints.classroom import start_session; "])
def test_the_package_level_quiz_is_callable_whatever_was_imported_first(first):
    import subprocess
    import sys

    code = first + 'from triggerpoints import quiz; print(quiz("causes").text)'
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("Quiz: Causes")


def test_start_session_without_a_name_shows_a_form_that_starts_it(tmp_path, monkeypatch):
    from triggerpoints.classroom import session as quizmod

    monkeypatch.setattr(quizmod, "_SESSION", {"student": None, "results_dir": None})
    form = quizmod.start_session(results_dir=tmp_path)
    name, button, status = form.children
    button.click()
    assert "Type your name first" in status.value and quizmod._SESSION["student"] is None
    name.value = "Chiara Rossi"
    button.click()
    assert "Chiara Rossi" in status.value
    assert quizmod._SESSION == {"student": "Chiara Rossi", "results_dir": tmp_path}
