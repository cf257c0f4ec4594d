"""Lab sessions: who is answering, and a quiz that saves every checked answer for them.

    from triggerpoints import quiz, start_session
    quiz("piriformis")          # self-study: nothing is saved
    start_session()             # lab: on a hub, the signed-in user; else a name form (remembered)
    quiz("piriformis")          # every checked answer is saved; a restarted kernel shows them again

On a JupyterHub whose spawner sets TRIGGERPOINTS_RESULTS (the exchange), quizzes record for
the signed-in user without start_session(). Naming anyone else is refused on a hub.
"""

import html
import os

from .. import quizzes
from . import identity, store

_SESSION = {"student": None, "results_dir": None}


class Notice:
    """A short message as a cell output: escaped HTML in a page, plain text elsewhere."""

    def __init__(self, text):
        self.text = text

    def _repr_html_(self):
        return f'<p class="tp-session" role="status">{html.escape(self.text)}</p>'

    def __repr__(self):
        return self.text


def start_session(student=None, results_dir=None):
    """Record every checked answer from now on, for the hub user or the (remembered) name.

    Off a hub without a name it shows a form, filled with the name remembered from an
    earlier session (already started with it), where the student can type another.
    """
    if identity.hub_user() or student is not None:
        name = identity.resolve_student(student)
        if not identity.hub_user():
            identity.remember_name(name)
        return Notice(_start(name, results_dir))
    return session_form(lambda name: _start(identity.remember_name(name), results_dir), identity.remembered_name(),
                        lambda name: _start(name, results_dir))


def _start(name, results_dir):
    _SESSION.update(student=name, results_dir=results_dir)
    saved = store.flush_pending(name, results_dir)
    where = store.student_dir(name, results_dir).parent
    return f"Recording answers as {name} (in {where}). {saved.message}".strip()


def active_student(student=None):
    """Who this kernel's quizzes record for, or None (self-study)."""
    if student is not None:
        return identity.resolve_student(student)
    if _SESSION["student"]:
        return identity.resolve_student(_SESSION["student"])
    if identity.hub_user() and os.environ.get("TRIGGERPOINTS_RESULTS"):
        return identity.resolve_student()
    return None


def quiz(chapter, student=None, results_dir=None):
    """A chapter's quiz; in a lab session (or given a student) each checked answer is saved,
    and the student's earlier answers to it are shown again."""
    name = active_student(student)
    results_dir = results_dir or _SESSION["results_dir"]
    if name is None:
        return quizzes.quiz(chapter)
    return quizzes.quiz(chapter, name, recorder(name, results_dir), previous_answers(name, chapter, results_dir))


def locate(chapter, student=None, results_dir=None):
    """A lesson's 'locate it' exercise, recorded like a quiz answer in a lab session."""
    from ..quizzes.locateit import EXERCISES
    name = active_student(student)
    on_answer = recorder(name, results_dir or _SESSION["results_dir"]) if name else None
    return quizzes.locate(EXERCISES[chapter], chapter, on_answer)


def quiz_widget(chapter, student=None, results_dir=None):
    """The live QuizWidget itself (what quiz() shows in JupyterLab), for scripts and tests."""
    from ..quizzes.widget import QuizWidget

    name = active_student(student)
    results_dir = results_dir or _SESSION["results_dir"]
    on_answer = recorder(name, results_dir) if name else None
    previous = previous_answers(name, chapter, results_dir) if name else None
    return QuizWidget(chapter, quizzes.load_bank(chapter), name, on_answer, previous)


def previous_answers(student, chapter, results_dir=None):
    """{question id: selected keys} of the student's last answer to each question."""
    return {r["question_id"]: r["selected"].split("|") for r in store.own_answers(student, results_dir)
            if r["chapter"] == chapter}


def recorder(student, results_dir=None):
    """on_answer for a quiz: save each checked answer; returns what the student should read."""
    def record(chapter, question_id, selected, correct):
        try:
            return store.save_answer(student, chapter, question_id, selected, correct, results_dir).message
        except OSError as err:
            return str(err)
    return record


def session_form(start, remembered=None, resume=None):
    """A name box and a button; `start(name)` begins the session and says what happened."""
    import ipywidgets as widgets

    name = widgets.Text(value=remembered or "", description="Your name", placeholder="as your instructor will know it")
    button = widgets.Button(description="Change name" if remembered else "Start lab session", button_style="primary")
    status = widgets.HTML()

    def submit(_):
        try:
            status.value = html.escape(start(name.value))
            button.description = "Change name"
        except ValueError as err:
            status.value = f"<p>Type your name first, then press {button.description} ({html.escape(str(err))}).</p>"

    button.on_click(submit)
    if remembered:
        status.value = html.escape(resume(remembered))
    return widgets.VBox([name, button, status])
