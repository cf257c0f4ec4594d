"""Lab sessions: who is answering, and a quiz that saves every checked answer for them.

    from triggerpoints import quiz, start_session
    quiz("piriformis")                      # self-study: nothing is saved
    start_session()                         # lab session: a form for the name; answers go to results/
    quiz("piriformis")                      # ... or quiz("piriformis", student="Ana Silva")
"""

import html

from .. import quizzes
from . import results

_SESSION = {"student": None, "results_dir": None}


def start_session(student=None, results_dir=None):
    """Record every answer from now on under this student's name (one CSV per student).

    Without a name it shows a form instead, so students type their name once, not in code.
    """
    if student is None:
        return session_form(lambda name: start_session(name, results_dir))
    name = (student or "").strip()
    if not name:
        raise ValueError("start_session: expected a student name, found an empty string")
    _SESSION.update(student=name, results_dir=results_dir)
    return f"Lab session started for {name}: answers will be saved."


def quiz(chapter, student=None, results_dir=None):
    """A chapter's quiz; in a lab session (or given a student) each checked answer is saved."""
    student = student or _SESSION["student"]
    results_dir = results_dir or _SESSION["results_dir"]
    return quizzes.quiz(chapter, student, recorder(student, results_dir) if student else None)


def recorder(student, results_dir=None):
    """on_answer for a quiz: append each checked answer to the student's results file."""
    def record(chapter, question_id, selected, correct):
        results.record_answer(student, chapter, question_id, selected, correct, results_dir)
    return record


def session_form(start):
    """A name box and a button; `start(name)` begins the session and says what happened."""
    import ipywidgets as widgets

    name = widgets.Text(description="Your name", placeholder="as your instructor will know it")
    button = widgets.Button(description="Start lab session", button_style="primary")
    status = widgets.HTML()

    def submit(_):
        try:
            status.value = html.escape(start(name.value))
        except ValueError:
            status.value = "<p>Type your name first, then press Start lab session.</p>"

    button.on_click(submit)
    return widgets.VBox([name, button, status])
