"""The instructor's live view of a lab in progress, refreshed every few seconds.

    from triggerpoints.classroom.liveview import live_view
    live_view()            # on a hub: the answers service (instructors only); else results/

Two tables: who is active (answered in the last five minutes) and how far each student is;
for each question, how many answered, the difficulty so far (proportion right at the first
try) and the most tempting wrong answer. On a hub the answers service refuses everyone's
answers to anyone outside the instructors' group (the hub says who is in it), so a student's
live view fails with the service's 403, not a flag in this module. The service's own page
(`/services/answers/`) shows the same view to instructors in a browser.
"""

import html
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..display import HtmlGroup, HtmlTable
from ..quizzes import bank as quizbank
from . import client, itemanalysis, results

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


def class_status(source=None, banks=None, now=None, cache=None):
    """The class as it stands: who is active, and each question's answers so far.
    Keep `cache` (a dict) between calls so that only new answers are read again."""
    source = instructor_source(source)
    banks = banks or quizbank.load_banks()
    gathered = results.gather(source, quizbank.question_ids(banks), cache)
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


def instructor_source(source=None):
    """The service, a store or a database URL as given; a folder only if this user may read it."""
    source = results.default_source() if source is None else source
    if not isinstance(source, (str, Path)) or "://" in str(source):
        return source
    folder = Path(source)
    if not folder.is_dir():
        raise FileNotFoundError(f"the class folder {folder} does not exist")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise PermissionError(f"Only instructors can open the live class view: you cannot read {folder}.")
    return folder


def live_view(source=None, every=5.0):
    """A widget that refreshes the class status every `every` seconds until stopped."""
    import ipywidgets as widgets

    folder, banks, cache = instructor_source(source), quizbank.load_banks(), {}
    output = widgets.HTML()
    stop = widgets.ToggleButton(description="Pause refreshing", value=False)
    now = widgets.Button(description="Refresh now")
    paused = threading.Event()

    def refresh(_=None):
        try:
            output.value = class_status(folder, banks, cache=cache)._repr_html_()
        except (OSError, client.Wait, client.Refused) as err:
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
