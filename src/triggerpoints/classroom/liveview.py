"""The instructor's live view of a lab in progress, refreshed every few seconds.

    from triggerpoints.classroom.liveview import live_view
    live_view()            # the class folder ($TRIGGERPOINTS_RESULTS); only instructors can read it

Two tables: who is active (answered in the last five minutes) and how far each student is;
for each question, how many answered, the difficulty so far (proportion right at the first
try) and the most tempting wrong answer. Only a reader of the class folder can open it: on a
hub's exchange that is the instructors' group (students cannot list it), so the view is
refused to students by the file system, not by a flag.
"""

import html
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..display import HtmlGroup, HtmlTable
from ..quizzes import bank as quizbank
from . import itemanalysis, results

ACTIVE = timedelta(minutes=5)


@dataclass
class ClassStatus:
    """One snapshot of the class: a students table and a questions table."""

    students: HtmlTable
    questions: HtmlTable
    summary: str

    def _repr_html_(self):
        return f'<p role="status">{html.escape(self.summary)}</p>' + HtmlGroup([self.students, self.questions], self.summary)._repr_html_()

    def __repr__(self):
        return self.summary


def class_status(results_dir=None, banks=None, now=None, cache=None):
    """The class as it stands: who is active, and each question's answers so far.
    Keep `cache` (a dict) between calls so that unchanged files are not read again."""
    folder = instructor_folder(results_dir)
    banks = banks or quizbank.load_banks()
    gathered = results.gather(folder, quizbank.question_ids(banks), cache)
    now = now or datetime.now(timezone.utc)
    first = itemanalysis.first_attempts(gathered)
    last_seen = gathered.answers.groupby("student")["answered_at"].max().to_dict()
    done = first.groupby("student")["correct"].agg(["count", "sum"]).to_dict("index")
    recent = {name: now - datetime.fromisoformat(t) <= ACTIVE for name, t in last_seen.items()}
    active = sum(recent.values())
    students = HtmlTable(f"Students ({active} active in the last 5 minutes of {len(last_seen)})",
                         ("Student", "Active", "Last answer (UTC)", "Answered", "Right at first try"),
                         [(name, "yes" if recent[name] else "no", t[11:19], done.get(name, {}).get("count", 0),
                           done.get(name, {}).get("sum", 0)) for name, t in last_seen.items()])
    questions = HtmlTable("Questions so far (first attempts)", ("Question", "Answered", "Difficulty so far",
                                                                 "Most tempting wrong answer"), _question_rows(gathered, banks))
    problems = f"; {len(gathered.problems)} damaged row(s) skipped" if gathered.problems else ""
    summary = f"{len(last_seen)} students, {active} active, {len(first)} first answers at {now:%H:%M:%S} UTC{problems}"
    return ClassStatus(students, questions, summary)


def _question_rows(gathered, banks):
    first = itemanalysis.first_attempts(gathered)
    by_question = first.groupby("question_id")["correct"].agg(["count", "mean"]).to_dict("index")
    wrong = {r["question_id"]: f"{r['wrong_answer']} (chosen {r['times_chosen']} times)"
             for r in itemanalysis.wrong_answers(gathered, banks).to_dict("records")}
    return [(qid, int(row["count"]), f"{row['mean']:.2f}", wrong.get(qid, "none yet")) for qid, row in by_question.items()]


def instructor_folder(results_dir=None):
    """The class folder, if this user may read it (PermissionError otherwise)."""
    folder = Path(results_dir or results.default_results_dir())
    if not folder.is_dir():
        raise FileNotFoundError(f"the class folder {folder} does not exist")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise PermissionError(f"Only instructors can open the live class view: you cannot read {folder}.")
    return folder


def live_view(results_dir=None, every=5.0):
    """A widget that refreshes the class status every `every` seconds until stopped."""
    import ipywidgets as widgets

    folder, banks, cache = instructor_folder(results_dir), quizbank.load_banks(), {}
    output = widgets.HTML()
    stop = widgets.ToggleButton(description="Pause refreshing", value=False)
    now = widgets.Button(description="Refresh now")
    paused = threading.Event()

    def refresh(_=None):
        try:
            output.value = class_status(folder, banks, cache=cache)._repr_html_()
        except OSError as err:
            output.value = f'<p role="alert">{html.escape(str(err))}</p>'

    def loop():
        while not paused.wait(every):
            refresh()

    def toggle(change):
        if change["new"]:
            paused.set()
            stop.description = "Resume refreshing"
        else:
            paused.clear()
            stop.description = "Pause refreshing"
            threading.Thread(target=loop, daemon=True).start()

    now.on_click(refresh)
    stop.observe(toggle, "value")
    refresh()
    threading.Thread(target=loop, daemon=True).start()
    return widgets.VBox([widgets.HBox([now, stop]), output])
