"""Chapter quizzes: a live ipywidgets quiz in JupyterLab, a self-contained HTML twin in the book.

    from triggerpoints import quiz, start_session
    quiz("piriformis")                      # self-study
    start_session()                         # lab session: a form for the name; answers go to results/
    quiz("piriformis")                      # ... or quiz("piriformis", student="Ana Silva")

Option order is shuffled with a seed made from the student's name and the question id, so
each student always sees the same order. Grading and feedback come from `grade`, which the
page script `_static/tp-quiz.js` mirrors for the book.
"""

import hashlib
import html
import random

from . import quizbank
from .static import DualView, json_script

TITLES = {
    "quadratus_lumborum": "Quadratus lumborum", "erector_spinae": "Erector spinae and multifidus",
    "gluteals": "Gluteus medius and minimus", "piriformis": "Piriformis", "iliopsoas": "Iliopsoas",
    "hamstrings_adductors": "Hamstrings and adductors", "comparison": "Telling the patterns apart",
    "cases": "Case vignettes", "causes": "Causes", "treatment": "Treatment and evidence",
}
KEYS = "abcdefghij"
BOOK_SEED = "book"  # the option order every reader of the static book sees
_SESSION = {"student": None, "results_dir": None}


def start_session(student=None, results_dir=None):
    """Record every answer from now on under this student's name (one CSV per student).

    Without a name it shows a form instead, so students type their name once, not in code.
    """
    if student is None:
        from .quizwidget import session_form

        return session_form(lambda name: start_session(name, results_dir))
    name = (student or "").strip()
    if not name:
        raise ValueError("start_session: expected a student name, found an empty string")
    _SESSION.update(student=name, results_dir=results_dir)
    return f"Lab session started for {name}: answers will be saved."


def quiz(chapter, student=None, results_dir=None):
    """A chapter's quiz: the widget in JupyterLab, the static HTML twin in the book."""
    questions = quizbank.load_bank(chapter)
    student = student or _SESSION["student"]
    results_dir = results_dir or _SESSION["results_dir"]
    text = f"Quiz: {TITLES[chapter]} ({len(questions)} questions)"
    return DualView(_widget(chapter, questions, student, results_dir), static_html(chapter, questions), text)


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


# ------------------------------------------------------------------ static HTML (the book)

def static_html(chapter, questions):
    """Self-contained markup + data; _static/tp-quiz.js makes it work with no kernel."""
    body = "".join(_question_html(q, i + 1, len(questions)) for i, q in enumerate(questions))
    data = {q["id"]: {"type": q["type"], "answers": {k: {"answer": a["answer"], "feedback": a["feedback"], "correct": a["correct"]} for k, a in options(q).items()}} for q in questions}
    return (
        f'<div class="tp-quiz" data-tp-quiz="{chapter}">'
        f'<p class="tp-quiz-title"><strong>Quiz: {html.escape(TITLES[chapter])}</strong> '
        f"({len(questions)} questions; choose, then press Check answer)</p>{body}"
        f'<p class="tp-quiz-score" aria-live="polite">Answered correctly: 0 of {len(questions)}</p>'
        f'<button type="button" class="tp-quiz-reset">Start this quiz again</button>'
        f"{json_script(data, data_tp_quiz_data=chapter)}</div>"
    )


def _question_html(q, number, total):
    kind = "checkbox" if q["type"] == "many_choice" else "radio"
    opts = options(q)
    rows = "".join(
        f'<div class="tp-quiz-option"><input type="{kind}" id="tpq-{q["id"]}-{k}" name="tpq-{q["id"]}" value="{k}">'
        f' <label for="tpq-{q["id"]}-{k}">{html.escape(opts[k]["answer"])}</label></div>'
        for k in option_order(q))
    figure = f'<div class="tp-quiz-map">{quizbank.map_markup(q)}</div>' if q["kind"] == "whose_map" else ""
    hint = " (select every option that applies)" if kind == "checkbox" else ""
    return (
        f'<div class="tp-quiz-q" data-tp-qid="{q["id"]}"><fieldset>'
        f'<legend><span class="tp-quiz-num">Question {number} of {total}{hint}.</span> {html.escape(q["question"])}</legend>'
        f"{figure}{rows}</fieldset>"
        f'<div class="tp-quiz-actions"><button type="button" class="tp-quiz-check">Check answer</button> '
        f'<button type="button" class="tp-quiz-retry" hidden>Try again</button></div>'
        f'<div class="tp-quiz-feedback" aria-live="polite"></div></div>'
    )


# ------------------------------------------------------------------ the live widget

def _widget(chapter, questions, student, results_dir):
    from .quizwidget import QuizWidget  # ipywidgets only when a widget is wanted

    return QuizWidget(chapter, questions, student, results_dir).box
