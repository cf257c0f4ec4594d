"""Lab-session results, gathered for the instructor (recording is in `session` and `client`).

`gather(source)` reads the class from wherever it is kept:
- on a hub (TRIGGERPOINTS_SERVICE_URL set, or a service URL given): the answers service, with
  the instructor's own server token; the service refuses anyone outside the instructors' group;
- a database URL (`sqlite:///...`, `postgresql+psycopg://...`) or an open `db.Store`;
- a folder: its `answers.sqlite` (what lab sessions off a hub write) plus any CSV files in the
  older per-student layout (`<folder>/answers.csv`, flat *.csv; the simulated class uses it).
A damaged file or row is reported by file and row and skipped; everyone else's answers count.
"""

import csv
import io
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from . import client, db
from .store import FIELDS, NotYourFolder, default_results_dir, record_answer, results_path  # noqa: F401


# ------------------------------------------------------------------ gathering

@dataclass
class Gathered:
    """All valid answers, plus the problems found (file, row, what was wrong)."""

    answers: pd.DataFrame
    problems: list = field(default_factory=list)
    files: int = 0

    def _repr_html_(self):
        head = (f"<p>Read {self.files} result file(s): {len(self.answers)} answers from "
                f"{self.answers['student'].nunique()} student(s).</p>")
        if not self.problems:
            return head + "<p>No problems found.</p>"
        items = "".join(f"<li>{_esc(p)}</li>" for p in self.problems)
        return head + f"<p>{len(self.problems)} problem(s); these rows were skipped:</p><ul>{items}</ul>"

    def __repr__(self):
        return f"Gathered({len(self.answers)} answers, {len(self.problems)} problems)"


def gather(source=None, question_ids=None, cache=None):
    """Every answer of the class. Unknown question ids are reported when given.

    With a `cache` dict kept between calls (the live view's refreshes), only what is new is
    read again: answers past the last one seen, or files whose size and time changed.
    """
    source = default_source() if source is None else source
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        source = client.Service(source, os.environ.get("JUPYTERHUB_API_TOKEN", ""))
    if isinstance(source, str) and "://" in source:
        source = db.open_store(source)
    if isinstance(source, (client.Service, db.Store)):
        return _from_store(source, question_ids, cache)
    folder = Path(source)
    paths = sorted([*folder.glob("*/answers.csv"), *folder.glob("*.csv")])
    rows, problems = [], []
    if (folder / "answers.sqlite").is_file():
        stored = _from_store(db.open_store(f"sqlite:///{(folder / 'answers.sqlite').resolve()}"), question_ids, cache)
        rows, problems = stored.answers.drop(columns="attempt").values.tolist(), stored.problems
    for path in paths:
        good, bad = _read_cached(path, question_ids, folder, cache)
        rows += [r[:len(FIELDS)] for r in good]
        problems += bad
    return Gathered(_numbered(rows), problems, len(paths) + (folder / "answers.sqlite").is_file())


def default_source():
    """The hub's answers service when this server knows one, else the course's results folder."""
    return client.service_url() or default_results_dir()


def from_rows(rows, question_ids=None, state=None):
    """Gathered from stored rows (dicts, oldest first). The store checked every field when it
    recorded them; an answer to a question no bank holds is reported by its seq and skipped.
    `state` (a dict kept between calls) holds the rows already read: only new ones are added."""
    state = {} if state is None else state
    counts = state.setdefault("counts", {})
    numbered = []
    for r in rows:  # attempts counted here, row by row: far cheaper than a groupby over the class
        key = (r["student"], r["question_id"])
        counts[key] = counts.get(key, 0) + 1
        numbered.append((r["student"], r["chapter"], r["question_id"], r["selected"], int(r["correct"]),
                         r["answered_at"], counts[key], r.get("seq", 0)))
    new = pd.DataFrame(numbered, columns=[*FIELDS, "attempt", "seq"])
    table = pd.concat([state["frame"], new], ignore_index=True) if "frame" in state and len(new) else state.get("frame", new)
    state["frame"] = table
    problems = []
    if question_ids is not None:
        unknown = ~table["question_id"].isin(list(question_ids))
        problems = [f"answer {r['seq']} ({r['student']}): column question_id: {r['question_id']!r} is not a question "
                    f"in the banks; skipped" for r in table[unknown].to_dict("records")]
        table = table[~unknown]
    answers = table.drop(columns="seq").reset_index(drop=True)
    answers["correct"] = answers["correct"].astype(int)
    return Gathered(answers, problems, 0)


def _from_store(store, question_ids, cache):
    """All rows of a store or the service; with a cache, only those past the last seq seen."""
    key = ("store", getattr(store, "url", None) or str(store.engine.url))
    state = cache.setdefault(key, {}) if cache is not None else {}
    since = state.get("since", 0)
    new = store.answers(everyone=True, since=since) if isinstance(store, client.Service) else store.answers(since=since)
    if new:
        state["since"] = new[-1]["seq"]
    return from_rows(new, question_ids, state)


def _numbered(rows):
    """The answers table, each row numbered by attempt at its question (in the order given)."""
    answers = pd.DataFrame(rows, columns=list(FIELDS))
    answers["correct"] = answers["correct"].astype(int)
    answers["attempt"] = answers.groupby(["student", "question_id"]).cumcount() + 1
    return answers


def _read_cached(path, question_ids, folder, cache):
    if cache is None:
        return _read_file(path, question_ids, folder)
    try:
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size, info.st_uid)
    except OSError:
        stamp = None
    if stamp is None or cache.get(path, (None,))[0] != stamp:
        cache[path] = (stamp, *_read_file(path, question_ids, folder))
    return cache[path][1:]


def _read_file(path, question_ids, folder):
    name = path.relative_to(folder).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as err:
        return [], [f"{name}: unreadable ({err.__class__.__name__}); file skipped"]
    lines = list(csv.reader(io.StringIO(text)))
    if not lines or tuple(lines[0]) != FIELDS:
        return [], [f"{name} row 1: expected the header {','.join(FIELDS)}; not a quiz results file, skipped"]
    good, bad, attempts = [], [], {}
    for number, values in enumerate(lines[1:], start=2):
        problem = _row_problem(values, question_ids)
        if problem:
            bad.append(f"{name} row {number}: {problem}; row skipped")
            continue
        key = (values[0], values[2])
        attempts[key] = attempts.get(key, 0) + 1
        good.append([*values, attempts[key]])
    return good, bad


def _row_problem(values, question_ids):
    if len(values) != len(FIELDS):
        return f"expected {len(FIELDS)} fields, found {len(values)}"
    record = dict(zip(FIELDS, values))
    if record["correct"] not in ("0", "1"):
        return f"column correct: expected 0 or 1, found {record['correct']!r}"
    if not record["student"] or not record["selected"]:
        return "columns student and selected must not be empty"
    if question_ids is not None and record["question_id"] not in question_ids:
        return f"column question_id: {record['question_id']!r} is not a question in the banks"
    try:
        datetime.fromisoformat(record["answered_at"])
    except ValueError:
        return f"column answered_at: expected an ISO date and time, found {record['answered_at']!r}"
    return None


def _esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
