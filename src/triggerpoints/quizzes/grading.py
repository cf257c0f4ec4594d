"""Grading a quiz answer: option order, the verdict and the feedback on every option.

Option order is shuffled with a seed made from the student's name and the question id, so
each student always sees the same order. The page script `_static/tp-quiz.js` mirrors
`grade` and `feedback_html` for the book.
"""

import hashlib
import html
import random

TITLES = {
    "quadratus_lumborum": "Quadratus lumborum", "erector_spinae": "Erector spinae and multifidus",
    "gluteals": "Gluteus medius and minimus", "piriformis": "Piriformis", "iliopsoas": "Iliopsoas",
    "hamstrings_adductors": "Hamstrings and adductors", "comparison": "Telling the patterns apart",
    "cases": "Case vignettes", "causes": "Causes", "treatment": "Treatment and evidence",
}
KEYS = "abcdefghij"
BOOK_SEED = "book"  # the option order every reader of the static book sees


def option_order(question, student=None):
    """The option keys in display order: a fixed shuffle per student and question."""
    digest = hashlib.sha256(f"{student or BOOK_SEED}\x1f{question['id']}".encode()).hexdigest()
    keys = list(KEYS[: len(question["answers"])])
    random.Random(int(digest[:16], 16)).shuffle(keys)
    return keys


def options(question):
    """{key: answer dict}, keys a, b, c... in bank order (stable across shuffles)."""
    return dict(zip(KEYS, question["answers"]))


def grade(question, selected, order=None):
    """Judge a selection of option keys; the feedback to show, in display order."""
    opts, order = options(question), order or list(options(question))
    right = {k for k, a in opts.items() if a["correct"]}
    correct = set(selected) == right
    chosen = [k for k in order if k in selected]
    others = [k for k in order if k not in selected] if correct else []
    item = lambda k: {"key": k, "answer": opts[k]["answer"], "feedback": opts[k]["feedback"], "correct": opts[k]["correct"]}
    return {"correct": correct, "verdict": verdict(question, correct),
            "chosen": [item(k) for k in chosen], "others": [item(k) for k in others]}


def verdict(question, correct):
    if correct:
        return "Correct."
    if question["type"] == "many_choice":
        return "Not quite: your selection misses a correct option or includes a wrong one. Read the feedback, then try again."
    return "Not quite. Read the feedback, then try again."


def feedback_html(result):
    """The feedback block, identical in structure to what tp-quiz.js writes."""
    def items(rows):
        return "".join(
            f'<li><span class="tp-quiz-mark">{"Right option" if r["correct"] else "Wrong option"}:</span> '
            f'<strong>{html.escape(r["answer"])}</strong>. {html.escape(r["feedback"])}</li>' for r in rows)
    parts = [f'<p class="tp-quiz-verdict">{result["verdict"]}</p>', f"<ul>{items(result['chosen'])}</ul>"]
    if result["others"]:
        parts.append(f'<p>Why not the others?</p><ul>{items(result["others"])}</ul>')
    return "".join(parts)
