"""Lab sessions: who is answering, and a quiz that records every checked answer for them.

    from triggerpoints import quiz, start_session
    quiz("piriformis")          # self-study: nothing is recorded (off a hub)
    start_session()             # lab: on a hub, the signed-in user; else a name form (remembered)
    quiz("piriformis")          # every checked answer is recorded; a restarted kernel shows them again

One way to record (`client`): on a hub whose spawner sets TRIGGERPOINTS_SERVICE_URL, answers go
to the hub's answers service, which learns who is calling from the hub (the server's token),
and quizzes record without start_session(); off a hub they go, through the same store, to a
SQLite file in the results folder. Either way each answer waits in the student's own settings
folder until it is recorded. Naming anyone but the signed-in user is refused on a hub.
"""

import html
from pathlib import Path

from .. import quizzes
from . import client, db, identity
from .store import default_results_dir

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
    if client.service_url():
        return Notice(_start(hub_student(student), results_dir))
    if identity.hub_user() or student is not None:
        name = identity.resolve_student(student)
        if not identity.hub_user():
            identity.remember_name(name)
        return Notice(_start(name, results_dir))
    return session_form(lambda name: _start(identity.remember_name(name), results_dir), identity.remembered_name(),
                        lambda name: _start(name, results_dir))


def hub_student(student=None):
    """The name the answers service knows this server's token by (asked once per kernel).
    If the service cannot be reached yet, the hub's name for display: the service decides."""
    if _SESSION.get("hub_name") is None:
        try:
            _SESSION["hub_name"] = client.for_hub().target.whoami()["name"]
        except (client.Wait, client.Refused, KeyError):
            return identity.resolve_student(student)
    name = _SESSION["hub_name"]
    if student is not None and student.strip() != name:
        raise identity.IdentityError(f"On this JupyterHub you are signed in as {name!r}: answers are recorded "
                                     f"under that name only, not as {student.strip()!r}.")
    return name


def local_db(results_dir=None):
    """Off a hub: the SQLite file the answers go to (its folder is made if missing)."""
    folder = Path(results_dir or default_results_dir())
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder.resolve() / 'answers.sqlite'}"


def outbox(student, results_dir=None):
    return client.for_hub() if client.service_url() else client.for_file(local_db(results_dir), student)


def _start(name, results_dir):
    _SESSION.update(student=name, results_dir=results_dir)
    sent = outbox(name, results_dir).flush()
    where = "the hub's answers service" if client.service_url() else local_db(results_dir).removeprefix("sqlite:///")
    return f"Recording answers as {name} (in {where}). {sent.message}".strip()


def active_student(student=None):
    """Who this kernel's quizzes record for, or None (self-study)."""
    if client.service_url():
        return hub_student(student)
    if student is not None:
        return identity.resolve_student(student)
    if _SESSION["student"]:
        return identity.resolve_student(_SESSION["student"])
    return None


def quiz(chapter, student=None, results_dir=None):
    """A chapter's quiz; in a lab session (or given a student) each checked answer is recorded,
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


def own_answers(student, results_dir=None):
    """The student's answers, recorded then waiting, oldest first (what a restarted kernel shows)."""
    box = outbox(student, results_dir)
    try:
        if client.service_url():
            recorded = box.target.answers()
        else:
            recorded = db.open_store(local_db(results_dir)).answers(student)
    except Exception:  # noqa: BLE001 (service or file away: the waiting answers still show)
        recorded = []
    waiting = [{**a, "selected": "|".join(a["selected"]), "correct": int(a["correct"])} for a in box.waiting()]
    return recorded + waiting


def previous_answers(student, chapter, results_dir=None):
    """{question id: {"selected": keys of the student's last answer, "first": whether the first
    answer was right}} for each question of the chapter answered."""
    out = {}
    for r in own_answers(student, results_dir):  # oldest first
        if r["chapter"] == chapter:
            first = out.get(r["question_id"], {"first": bool(int(r["correct"]))})["first"]
            out[r["question_id"]] = {"selected": r["selected"].split("|"), "first": first}
    return out


def recorder(student, results_dir=None):
    """on_answer for a quiz: record each checked answer; returns what the student should read."""
    def record(chapter, question_id, selected, correct):
        try:
            return outbox(student, results_dir).save(db.new_answer(chapter, question_id, selected, correct)).message
        except OSError as err:
            return (f"This answer could not be kept on this computer ({err.strerror or err}) nor recorded. "
                    "Note your answer and tell your instructor.")
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
