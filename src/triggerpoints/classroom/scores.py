"""Scores as a CSV file that Moodle's or Canvas's gradebook imports.

The score is each student's percentage right at the first try (0-100; retries are practice),
over the questions they answered. The student column holds the name answers were recorded
under: on a hub that is the login name, which is what both gradebooks can match on.

- Moodle (Grades > Import > CSV file): columns `Username`, `Full name`, then the grade item.
  At import, map "Username" to the user field "username" and the grade column to a grade item
  with a maximum of 100.
- Canvas (Grades > Import): columns `Student`, `ID`, `SIS User ID`, `SIS Login ID`, `Section`,
  then the assignment. Canvas matches a row by ID, SIS User ID or SIS Login ID; the login name
  goes in `SIS Login ID`, the others stay empty, and the assignment should be worth 100 points.
"""

import csv
from pathlib import Path

from .itemanalysis import student_scores

LAYOUTS = {
    "moodle": lambda item: ("Username", "Full name", item),
    "canvas": lambda item: ("Student", "ID", "SIS User ID", "SIS Login ID", "Section", item),
}


def export_scores(gathered, path, lms="moodle", item="Low back trigger points quiz"):
    """Write one row per student for `lms` ('moodle' or 'canvas'); returns the path."""
    if lms not in LAYOUTS:
        raise ValueError(f"export_scores: lms expected one of {', '.join(LAYOUTS)}, found {lms!r}")
    rows = [_row(lms, r["student"], f"{r['percent']:.1f}") for r in student_scores(gathered).to_dict("records")]
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(LAYOUTS[lms](item))
        writer.writerows(rows)
    return path


def _row(lms, student, score):
    login = _safe_cell(student)
    return (login, login, score) if lms == "moodle" else (login, "", "", login, "", score)


def _safe_cell(text):
    """A spreadsheet runs a cell that starts with = + - @ as a formula: make it text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
