"""Lab-session results, gathered and analysed by the instructor (writing is in `store`).

`gather(results_dir)` reads every student's `<folder>/answers.csv` (and, from older sessions,
any flat *.csv); a foreign or damaged file or row is reported by file and row and skipped,
and everyone else's answers still count. On a hub's exchange (marked by `exchange.MARKER`)
a row naming a student other than the Unix owner of its folder is reported and skipped, so
nobody's answers can be recorded under someone else's name.
"""

import csv
import io
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from .store import (FIELDS, NotYourFolder, default_results_dir, owner_name, record_answer,  # noqa: F401
                    results_path, save_answer)

MARKER = ".tp-exchange"


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


def gather(results_dir=None, question_ids=None, cache=None):
    """Read every student CSV in the folder. Unknown question ids are reported when given.

    With a `cache` dict kept between calls (the live view's refreshes), a file whose size and
    modification time are unchanged is not read again.
    """
    folder = Path(results_dir or default_results_dir())
    paths = sorted([*folder.glob("*/answers.csv"), *folder.glob("*.csv")])
    prefix = _user_prefix(folder)  # None off an exchange: no owner check
    rows, problems = [], []
    for path in paths:
        good, bad = _read_cached(path, question_ids, folder, prefix, cache)
        rows += good
        problems += bad
    answers = pd.DataFrame(rows, columns=[*FIELDS, "attempt"])
    answers["correct"] = answers["correct"].astype(int)
    return Gathered(answers, problems, len(paths))


def _user_prefix(folder):
    """On an exchange, what comes before a hub name in its Unix name; None off an exchange."""
    try:
        return str(json.loads((folder / MARKER).read_text(encoding="utf-8")).get("user_prefix", ""))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError):
        return ""


def _read_cached(path, question_ids, folder, prefix, cache):
    if cache is None:
        return _read_file(path, question_ids, folder, prefix)
    try:
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size, info.st_uid)
    except OSError:
        stamp = None
    if stamp is None or cache.get(path, (None,))[0] != stamp:
        cache[path] = (stamp, *_read_file(path, question_ids, folder, prefix))
    return cache[path][1:]


def _read_file(path, question_ids, folder, prefix):
    name = path.relative_to(folder).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
        owner = owner_name(os.stat(path.parent if path.parent != folder else path).st_uid) if prefix is not None else None
    except (UnicodeDecodeError, OSError) as err:
        return [], [f"{name}: unreadable ({err.__class__.__name__}); file skipped"]
    lines = list(csv.reader(io.StringIO(text)))
    if not lines or tuple(lines[0]) != FIELDS:
        return [], [f"{name} row 1: expected the header {','.join(FIELDS)}; not a quiz results file, skipped"]
    good, bad, attempts = [], [], {}
    for number, values in enumerate(lines[1:], start=2):
        problem = _row_problem(values, question_ids)
        if not problem and owner is not None and prefix + values[0] != owner:
            problem = f"column student: {values[0]!r} in a folder owned by {owner!r}"
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
