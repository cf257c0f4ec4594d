"""A chapter's quiz as self-contained HTML for the book; `_static/tp-quiz.js` makes it work."""

import html

from ..display import json_script
from .bank import map_markup
from .grading import TITLES, option_order, options


FIRST_TRY, IN_THE_END = "right at the first try", "right in the end"  # the one scoring vocabulary
SCORE_WORDS = f"{FIRST_TRY.capitalize()}: {{first}} of {{total}}; {IN_THE_END}: {{end}} of {{total}}"


def score_text(first, end, total):
    """A quiz's score, in the words of the review and the progress page and the live widget's."""
    return SCORE_WORDS.format(first=first, end=end, total=total)


def _score_html(total):
    """The score line; tp-quiz.js fills its words (data-tp-words) in, so the JS holds no copy."""
    return (f'<p class="tp-quiz-score" aria-live="polite" data-tp-words="{html.escape(SCORE_WORDS)}">'
            f"{score_text(0, 0, total)}</p>")


def static_html(chapter, questions):
    """Self-contained markup + data; _static/tp-quiz.js makes it work with no kernel."""
    body = "".join(_question_html(q, i + 1, len(questions)) for i, q in enumerate(questions))
    data = _data(questions)
    return (
        f'<div class="tp-quiz" data-tp-quiz="{chapter}">'
        f'<p class="tp-quiz-title"><strong>Quiz: {html.escape(TITLES[chapter])}</strong> '
        f"({len(questions)} questions; choose, then press Check answer)</p>{body}"
        f"{_score_html(len(questions))}"
        f'<button type="button" class="tp-quiz-reset">Start this quiz again</button>'
        f"{json_script(data, data_tp_quiz_data=chapter)}</div>"
    )


def review_html(questions, lessons=None, lead=""):
    """Every question, for the progress page's review: tp-quiz.js shows only those missed, and of
    those only the lessons ticked in `lead` (a lesson choice) when `lessons` {question id:
    chapter} marks each question with its lesson."""
    body = "".join(_question_html(q, i + 1, len(questions), (lessons or {}).get(q["id"]))
                   for i, q in enumerate(questions))
    return (
        f'<div class="tp-quiz" data-tp-review="">{lead}'
        f'<p class="tp-quiz-none">Nothing to review: no question has been missed at the first try in this browser.</p>'
        f'{body}{_score_html(0)}'
        f'<button type="button" class="tp-quiz-reset">Start the review again</button>'
        f"{json_script(_data(questions), data_tp_quiz_data='review')}</div>"
    )


def _data(questions):
    return {q["id"]: {"type": q["type"], "answers": {k: {"answer": a["answer"], "feedback": a["feedback"], "correct": a["correct"]} for k, a in options(q).items()}} for q in questions}


def _question_html(q, number, total, lesson=None):
    kind = "checkbox" if q["type"] == "many_choice" else "radio"
    opts = options(q)
    rows = "".join(
        f'<div class="tp-quiz-option"><input type="{kind}" id="tpq-{q["id"]}-{k}" name="tpq-{q["id"]}" value="{k}">'
        f' <label for="tpq-{q["id"]}-{k}">{html.escape(opts[k]["answer"])}</label></div>'
        for k in option_order(q))
    figure = f'<div class="tp-quiz-map">{map_markup(q)}</div>' if q["kind"] == "whose_map" else ""
    hint = " (select every option that applies)" if kind == "checkbox" else ""
    mark = f' data-tp-lessons="{lesson}"' if lesson else ""  # its lesson, for the review's lesson choice
    return (
        f'<div class="tp-quiz-q" data-tp-qid="{q["id"]}"{mark}><fieldset>'
        f'<legend><span class="tp-quiz-num">Question {number} of {total}{hint}.</span> {html.escape(q["question"])}</legend>'
        f"{figure}{rows}</fieldset>"
        f'<div class="tp-quiz-actions"><button type="button" class="tp-quiz-check">Check answer</button> '
        f'<button type="button" class="tp-quiz-retry" hidden>Try again</button></div>'
        f'<div class="tp-quiz-feedback" aria-live="polite"></div></div>'
    )
