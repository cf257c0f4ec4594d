"""Lab-session results: one append-only CSV per student, gathered and analysed by the instructor.

Writing: `record_answer` appends one row per checked answer with O_APPEND under an exclusive
fcntl lock, writes the header only when it creates the file, and fsyncs, so a kernel restart
or two notebooks answering at once never lose or overwrite a row.

Reading: `gather(results_dir)` reads every *.csv there; a foreign or damaged file or row is
reported by file and row and skipped, and everyone else's answers still count.
"""

import csv
import fcntl
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ..paths import RESULTS_DIR

FIELDS = ("student", "chapter", "question_id", "selected", "correct", "answered_at")


def default_results_dir():
    """results/ at the top of the course, or $TRIGGERPOINTS_RESULTS when set (e.g. a shared hub folder)."""
    return Path(os.environ.get("TRIGGERPOINTS_RESULTS") or RESULTS_DIR)


def results_path(student, results_dir=None):
    """The student's own file: a readable slug plus a short hash of the exact name (no collisions)."""
    slug = re.sub(r"[^a-z0-9]+", "_", student.strip().lower()).strip("_")[:40] or "student"
    digest = hashlib.sha256(student.strip().encode()).hexdigest()[:8]
    return Path(results_dir or default_results_dir()) / f"{slug}-{digest}.csv"


def record_answer(student, chapter, question_id, selected, correct, results_dir=None, when=None):
    """Append one answer to the student's CSV (created with a header on first use)."""
    path = results_path(student, results_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = (when or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    row = _csv_line([student.strip(), chapter, question_id, "|".join(sorted(selected)), int(bool(correct)), stamp])
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        data = (_csv_line(FIELDS) if os.fstat(fd).st_size == 0 else "") + row
        os.write(fd, data.encode("utf-8"))
        os.fsync(fd)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    return path


def _csv_line(values):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


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


def gather(results_dir=None, question_ids=None):
    """Read every student CSV in the folder. Unknown question ids are reported when given."""
    folder = Path(results_dir or default_results_dir())
    rows, problems, paths = [], [], sorted(folder.glob("*.csv"))
    for path in paths:
        good, bad = _read_file(path, question_ids)
        rows += good
        problems += bad
    answers = pd.DataFrame(rows, columns=[*FIELDS, "attempt"])
    answers["correct"] = answers["correct"].astype(int)
    return Gathered(answers, problems, len(paths))


def _read_file(path, question_ids):
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as err:
        return [], [f"{path.name}: unreadable ({err.__class__.__name__}); file skipped"]
    lines = list(csv.reader(io.StringIO(text)))
    if not lines or tuple(lines[0]) != FIELDS:
        return [], [f"{path.name} row 1: expected the header {','.join(FIELDS)}; not a quiz results file, skipped"]
    good, bad, attempts = [], [], {}
    for number, values in enumerate(lines[1:], start=2):
        problem = _row_problem(values, question_ids)
        if problem:
            bad.append(f"{path.name} row {number}: {problem}; row skipped")
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
