"""Item analysis of gathered lab results: difficulty, discrimination, wrong answers, scores.

Every statistic uses each student's FIRST attempt at a question (later attempts are practice).
Difficulty is the proportion correct; discrimination is given two ways: the point-biserial
correlation between the item and the student's score on the other items (rest score), and
the upper-lower index (proportion correct in the top 27% of students minus the bottom 27%).
"""

import html
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd

from ..quizzes import bank as quizbank
from . import results
from .labels import place_labels, text_box


def first_attempts(gathered):
    answers = gathered.answers if hasattr(gathered, "answers") else gathered
    return answers[answers["attempt"] == 1]


def student_scores(gathered):
    """One row per student: questions answered, correct at first try, percent."""
    first = first_attempts(gathered)
    table = first.groupby("student")["correct"].agg(answered="count", correct="sum").reset_index()
    table["percent"] = (100 * table["correct"] / table["answered"]).round(1)
    return table.sort_values(["percent", "student"], ascending=[False, True], ignore_index=True)


def item_analysis(gathered, banks=None):
    """One row per question: n, difficulty (p), point-biserial and upper-lower discrimination.
    Computed on a students x questions matrix (NaN where a student did not answer)."""
    first = first_attempts(gathered)
    wide = first.pivot_table(index="student", columns="question_id", values="correct", aggfunc="first")
    marks = wide.to_numpy(dtype=float)
    took = ~np.isnan(marks)
    score = np.where(took, marks, 0.0)
    totals, answered = score.sum(axis=1), took.sum(axis=1)
    upper, lower = _extreme_groups(pd.Series(totals / answered, index=wide.index))
    upper, lower = wide.index.isin(upper), wide.index.isin(lower)
    with np.errstate(invalid="ignore", divide="ignore"):
        rest = (totals[:, None] - score) / (answered[:, None] - 1)  # the rest score, per item
    rows = [_item_row(qid, score[took[:, j], j], rest[took[:, j], j], took[:, j], upper, lower)
            for j, qid in enumerate(wide.columns)]
    table = pd.DataFrame(rows, columns=["question_id", "n", "difficulty", "point_biserial", "upper_lower"])
    if banks is not None:
        chapter = {q["id"]: q["chapter"] for qs in banks.values() for q in qs}
        table.insert(1, "chapter", table["question_id"].map(chapter))
    return table.sort_values("question_id", ignore_index=True)


def _extreme_groups(proportion):
    n = max(1, int(round(0.27 * len(proportion))))
    ranked = proportion.sort_values(kind="mergesort")
    return set(ranked.index[-n:]), set(ranked.index[:n])


def _item_row(qid, item, rest, took, upper, lower):
    return {
        "question_id": qid, "n": len(item), "difficulty": round(float(item.mean()), 2),
        "point_biserial": _rounded_corr(item, rest[~np.isnan(rest)], ~np.isnan(rest)),
        "upper_lower": round(_mean(item[upper[took]]) - _mean(item[lower[took]]), 2),
    }


def _mean(values):
    return float(values.mean()) if len(values) else float("nan")


def _rounded_corr(item, rest, ok):
    item = item[ok]
    if len(item) < 3 or item.std() == 0 or rest.std() == 0:
        return float("nan")
    return round(float(np.corrcoef(item, rest)[0, 1]), 2)


def wrong_answers(gathered, banks, top=1):
    """Per question, the most frequent wrong first-attempt selection(s), named by option text
    (ties go to the selection that sorts first)."""
    first = first_attempts(gathered)
    wrong = first[first["correct"] == 0]
    columns = ["question_id", "wrong_answer", "times_chosen", "share_of_wrong"]
    if wrong.empty:
        return pd.DataFrame(columns=columns)
    text = {q["id"]: dict(zip("abcdefghij", (a["answer"] for a in q["answers"]))) for qs in banks.values() for q in qs}
    counts = wrong.groupby(["question_id", "selected"]).size().rename("n").reset_index()
    counts["total"] = counts.groupby("question_id")["n"].transform("sum")
    counts = counts.sort_values(["question_id", "n", "selected"], ascending=[True, False, True], kind="mergesort")
    rows = [{"question_id": qid, "wrong_answer": " + ".join(text.get(qid, {}).get(k, k) for k in selected.split("|")),
             "times_chosen": int(n), "share_of_wrong": round(n / total, 2)}
            for qid, selected, n, total in counts.groupby("question_id").head(top).itertuples(index=False)]
    return pd.DataFrame(rows, columns=columns)


# ------------------------------------------------------------------ a simulated class

def simulate_class(results_dir, n_students=30, seed=2026, chapters=("comparison", "cases"), damaged=True):
    """Write a seeded, made-up class's answers into results_dir (for demonstrations and tests).

    Each student has an ability and each question a difficulty (logistic model); wrong answers
    favour the first distractors. With `damaged`, one file gets a broken row and a foreign CSV
    is added, to show how gather() reports and skips them.
    """
    rng = np.random.default_rng(seed)
    banks = quizbank.load_banks(chapters)
    questions = [q for ch in chapters for q in banks[ch]]
    hardness = {q["id"]: {"easy": -1.0, "medium": 0.0, "hard": 1.0}[q["difficulty"]] + rng.normal(0, 0.5) for q in questions}
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    for s in range(n_students):
        student, ability = f"Student {s + 1:02d}", rng.normal(0.6, 1.0)
        for i, q in enumerate(questions):
            when = start + timedelta(minutes=s, seconds=20 * i)
            _simulate_answer(rng, student, q, ability - hardness[q["id"]], results_dir, when)
    if damaged:
        _damage(results_dir)
    return results_dir


def demo_class(n_students=30, seed=2026):
    """A simulated class in a fresh temporary folder (never in results/): returns the folder."""
    import tempfile
    from pathlib import Path

    return simulate_class(Path(tempfile.mkdtemp(prefix="tp-demo-class-")), n_students, seed)


def _simulate_answer(rng, student, q, logit, results_dir, when):
    keys = "abcdefghij"[: len(q["answers"])]
    right = [k for k, a in zip(keys, q["answers"]) if a["correct"]]
    wrong = [k for k in keys if k not in right]
    ok = rng.random() < 1 / (1 + np.exp(-logit))
    if ok:
        chosen = right
    elif q["type"] == "many_choice":
        chosen = right[:-1] + [wrong[0]]
    else:
        weights = np.array([3.0, 1.5, 1.0, 0.5][: len(wrong)])
        chosen = [wrong[rng.choice(len(wrong), p=weights / weights.sum())]]
    results.record_answer(student, q["chapter"], q["id"], chosen, ok, results_dir, when)
    if not ok and rng.random() < 0.5:  # a retry, counted as practice only
        results.record_answer(student, q["chapter"], q["id"], right, True, results_dir, when + timedelta(seconds=10))


def _damage(results_dir):
    path = results.results_path("Student 03", results_dir)
    with open(path, "a", encoding="utf-8") as f:
        f.write("Student 03,cases,case_rower_band,a,yes,2026-03-02T09:40:00+00:00\n")
        f.write("Student 03,cases,case_desk_neck\n")
    (results_dir / "gradebook_export.csv").write_text("name,grade\nStudent 01,B\n", encoding="utf-8")


# ------------------------------------------------------------------ plots

class Figure:
    """A plot as inline SVG with alt text (role="img", aria-label and title) and a caption.
    Written like the body maps, so the ids of each chart are its own: a page shows two."""

    def __init__(self, fig, alt, caption):
        from ..maps.svg import figure_svg, svg_prefix
        self.svg = figure_svg(fig, svg_prefix("results", caption), alt)
        self.alt, self.caption = alt, caption

    def _repr_html_(self):
        return f'<figure class="tp-results-figure">{self.svg}<figcaption>{html.escape(self.caption)}</figcaption></figure>'


    def __repr__(self):
        return f"Figure: {self.caption}"


def plot_items(analysis):
    """Difficulty against point-biserial discrimination, one labelled dot per question."""
    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure(figsize=(7, 4.5), layout="constrained")
    ax = fig.add_subplot()
    ax.axhspan(-1, 0.2, color="#eeeeee", zorder=0)
    ax.scatter(analysis["difficulty"], analysis["point_biserial"], color="#0072B2", zorder=2)
    ax.set(xlim=(0, 1.05), ylim=(-0.4, 1), xlabel="Difficulty (proportion correct at first try)",
           ylabel="Discrimination (point-biserial)", title="Item analysis")
    weak = analysis[analysis["point_biserial"] < 0.2]
    labels = place_labels(ax, weak["difficulty"], weak["point_biserial"], weak["question_id"])
    alt = (f"Scatter plot of {len(analysis)} questions: difficulty from {analysis['difficulty'].min():.2f} to "
           f"{analysis['difficulty'].max():.2f}; {len(weak)} question(s) discriminate weakly (below 0.2, shaded band)"
           + (f": {', '.join(weak['question_id'])}." if len(weak) else "."))
    figure = Figure(fig, alt, "Difficulty and discrimination of each question; labelled dots need review.")
    figure.label_boxes = [text_box(label) for label in labels]
    return figure


def plot_scores(scores):
    """Histogram of the students' first-try percentages."""
    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure(figsize=(7, 3.5), layout="constrained")
    ax = fig.add_subplot()
    ax.hist(scores["percent"], bins=range(0, 101, 10), color="#009E73", edgecolor="black")
    ax.set(xlabel="Score at first try (%)", ylabel="Students", title="Student scores")
    alt = (f"Histogram of {len(scores)} students' scores: median {scores['percent'].median():.0f}%, "
           f"range {scores['percent'].min():.0f}% to {scores['percent'].max():.0f}%.")
    return Figure(fig, alt, "Distribution of student scores (first attempts only).")
