"""A chapter's quiz as self-contained HTML for the book; `_static/tp-quiz.js` makes it work."""

import html

from ..display import json_script
from .bank import map_markup
from .grading import TITLES, option_order, options


def score_text(first, end, total):
    """The one scoring vocabulary of quizzes, review and progress page (tp-quiz.js says the same)."""
    return f"Right at the first try: {first} of {total}; right in the end: {end} of {total}"


def static_html(chapter, questions):
    """Self-contained markup + data; _static/tp-quiz.js makes it work with no kernel."""
    body = "".join(_question_html(q, i + 1, len(questions)) for i, q in enumerate(questions))
    data = _data(questions)
    return (
        f'<div class="tp-quiz" data-tp-quiz="{chapter}">'
        f'<p class="tp-quiz-title"><strong>Quiz: {html.escape(TITLES[chapter])}</strong> '
        f"({len(questions)} questions; choose, then press Check answer)</p>{body}"
        f'<p class="tp-quiz-score" aria-live="polite">{score_text(0, 0, len(questions))}</p>'
        f'<button type="button" class="tp-quiz-reset">Start this quiz again</button>'
        f"{json_script(data, data_tp_quiz_data=chapter)}</div>"
    )


def review_html(questions):
    """Every question, for the progress page's review: tp-quiz.js shows only those missed."""
    body = "".join(_question_html(q, i + 1, len(questions)) for i, q in enumerate(questions))
    return (
        f'<div class="tp-quiz" data-tp-review="">'
        f'<p class="tp-quiz-none">Nothing to review: no question has been missed at the first try in this browser.</p>'
        f'{body}<p class="tp-quiz-score" aria-live="polite">{score_text(0, 0, 0)}</p>'
        f'<button type="button" class="tp-quiz-reset">Start the review again</button>'
        f"{json_script(_data(questions), data_tp_quiz_data='review')}</div>"
    )


def _data(questions):
    return {q["id"]: {"type": q["type"], "answers": {k: {"answer": a["answer"], "feedback": a["feedback"], "correct": a["correct"]} for k, a in options(q).items()}} for q in questions}


def _question_html(q, number, total):
    kind = "checkbox" if q["type"] == "many_choice" else "radio"
    opts = options(q)
    rows = "".join(
        f'<div class="tp-quiz-option"><input type="{kind}" id="tpq-{q["id"]}-{k}" name="tpq-{q["id"]}" value="{k}">'
        f' <label for="tpq-{q["id"]}-{k}">{html.escape(opts[k]["answer"])}</label></div>'
        for k in option_order(q))
    figure = f'<div class="tp-quiz-map">{map_markup(q)}</div>' if q["kind"] == "whose_map" else ""
    hint = " (select every option that applies)" if kind == "checkbox" else ""
    return (
        f'<div class="tp-quiz-q" data-tp-qid="{q["id"]}"><fieldset>'
        f'<legend><span class="tp-quiz-num">Question {number} of {total}{hint}.</span> {html.escape(q["question"])}</legend>'
        f"{figure}{rows}</fieldset>"
        f'<div class="tp-quiz-actions"><button type="button" class="tp-quiz-check">Check answer</button> '
        f'<button type="button" class="tp-quiz-retry" hidden>Try again</button></div>'
        f'<div class="tp-quiz-feedback" aria-live="polite"></div></div>'
    )
