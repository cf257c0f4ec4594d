"""The instructor's answer key, generated from the quiz banks (never kept by hand)."""

from ..display import HtmlGroup, HtmlTable
from .bank import CHAPTERS, load_bank
from .grading import TITLES

HEADERS = ("#", "Question", "Correct answer", "Why", "Kind", "Difficulty")


def _row(number, q):
    right = [a for a in q["answers"] if a["correct"]]
    return (number, q["question"], "; ".join(a["answer"] for a in right),
            " ".join(a["feedback"] for a in right), q["kind"].replace("_", " "), q["difficulty"])


def chapter_key(chapter):
    questions = load_bank(chapter)
    rows = [_row(i, q) for i, q in enumerate(questions, start=1)]
    return HtmlTable(f"Answer key: {TITLES[chapter]} ({len(rows)} questions)", HEADERS, rows)


def answer_key(chapters=CHAPTERS):
    """One table per chapter: each question, its correct answer(s) and the reason."""
    tables = [chapter_key(c) for c in chapters]
    total = sum(len(t.rows) for t in tables)
    return HtmlGroup(tables, f"Answer key: {total} questions in {len(tables)} chapters")
