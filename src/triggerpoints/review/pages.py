"""The book's "My progress" and flashcards pages as static HTML.

The pages hold only what every reader gets (the chapters, the questions, the cards); what one
reader has done lives in their browser and is filled in by `_static/tp-progress.js` (progress)
and `_static/tp-cards.js` (flashcards), both through `_static/tp-store.js`.
"""

import html

from ..display import json_script
from ..knowledge import loaded
from ..quizzes.bank import load_banks, map_markup
from ..quizzes.grading import TITLES
from ..quizzes.static import FIRST_TRY, IN_THE_END, review_html
from .cards import review_cards

DECK_FILE = "low-back-trigger-points.apkg"
PRACTICE_PAGE = "quiz_practice.html"   # every question, relative to the progress page
LEITNER_DAYS = (0, 1, 3, 7, 14)        # box 1..5: days until a card is due again


class Page:
    """A block of page HTML with a one-line text summary (what nbval compares)."""

    def __init__(self, markup, text):
        self.markup, self.text = markup, text

    def _repr_html_(self):
        return self.markup

    def __repr__(self):
        return self.text


def _noscript(what):
    return f"<noscript><p>{what} needs JavaScript, which is off in this browser.</p></noscript>"


def progress_table():
    """Per chapter: questions, answered, right at the first try, right in the end, last visit; notices above."""
    from ..quizzes.locateit import EXERCISES, qid, task
    banks = {c: [*qs, *([{"id": qid(EXERCISES[c]), "question": task(EXERCISES[c])}] if c in EXERCISES else [])]
             for c, qs in load_banks().items()}  # a lesson's 'locate it' counts as one of its questions
    index = {"chapters": [[c, TITLES[c], len(qs)] for c, qs in banks.items()],
             "questions": {q["id"]: [c, q["question"]] for c, qs in banks.items() for q in qs},
             "practice": PRACTICE_PAGE}
    rows = "".join(
        f'<tr data-tp-chapter="{c}"><th scope="row">{html.escape(TITLES[c])}</th><td>{len(qs)}</td>'
        f'<td data-tp-cell="answered">0</td><td data-tp-cell="first">0</td><td data-tp-cell="end">0</td>'
        '<td data-tp-cell="visit">never</td></tr>'
        for c, qs in banks.items())
    heads = "".join(f'<th scope="col">{h}</th>' for h in
                    ("Chapter", "Questions", "Answered", FIRST_TRY.capitalize(), IN_THE_END.capitalize(), "Last visit"))
    markup = (
        f'<div class="tp-progress" data-tp-progress="table" data-tp-words="{FIRST_TRY}|{IN_THE_END}">'
        '<div class="tp-progress-notices"></div>'
        f'{_noscript("This page")}<p class="tp-progress-summary">No answers are stored in this browser yet.</p>'
        f'<table class="tp-table tp-progress-table"><caption>Your quiz answers, chapter by chapter</caption>'
        f"<thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"
        f"{json_script(index, data_tp_progress_index='')}</div>")
    return Page(markup, f"Progress table: {len(banks)} chapters, {len(index['questions'])} questions")


def missed_questions():
    """The questions missed at the first try, each linked to where it can be tried again."""
    markup = ('<div class="tp-progress" data-tp-progress="missed">'
              '<p class="tp-progress-missed-none">No question has been missed at the first try.</p>'
              '<ol class="tp-progress-missed"></ol></div>')
    return Page(markup, "Missed questions (filled in from this browser's answers)")


def review_missed():
    """A quiz of just the missed questions, on the page, limited to the lessons ticked above it
    (the flashcards' lesson choice)."""
    banks = load_banks()
    questions = [q for qs in banks.values() for q in qs]
    lessons = {q["id"]: c for c, qs in banks.items() for q in qs}
    choice = lesson_choice(set(banks), "Lessons to review")
    return Page(review_html(questions, lessons, choice), f"Review of missed questions (from {len(questions)} questions)")


def manage_answers():
    """Export, import and erase, with an in-page confirmation before anything is replaced."""
    markup = (
        '<div class="tp-progress tp-progress-manage" data-tp-progress="manage">'
        '<p><button type="button" class="tp-progress-export">Save my answers to a file</button></p>'
        '<p><label for="tp-progress-import">Load answers saved earlier to a file:</label> '
        '<input type="file" id="tp-progress-import" class="tp-progress-import" accept=".json,application/json"></p>'
        '<p><button type="button" class="tp-progress-erase">Erase my answers</button></p>'
        '<div class="tp-progress-confirm" role="group" aria-labelledby="tp-progress-confirm-text" hidden>'
        '<p id="tp-progress-confirm-text"></p>'
        '<button type="button" class="tp-progress-yes"></button> '
        '<button type="button" class="tp-progress-no">Cancel</button></div>'
        '<p class="tp-progress-message" role="status"></p>'
        f'<p>Study away from the book: <a href="../{DECK_FILE}" download>the Anki deck of every card</a> '
        "(import it into Anki; a newer deck updates your cards instead of adding copies).</p></div>")
    return Page(markup, "Export, import or erase your answers; the Anki deck")


def flashcards(kb=None):
    """Every review card, shown one at a time by tp-cards.js on a Leitner schedule."""
    kb = loaded(kb)
    cards = review_cards(kb)
    chapters = dict(zip(kb.muscles["id"], kb.muscles["chapter"]))
    lessons = {c.id: list(dict.fromkeys(chapters[m] for m in c.muscles)) for c in cards}
    items = "".join(_card_html(c, kb, lessons[c.id]) for c in cards)
    days = {str(box): d for box, d in enumerate(LEITNER_DAYS, start=1)}
    markup = (
        '<div class="tp-cards" data-tp-cards=""><div class="tp-cards-notices"></div>'
        f'{_noscript("Flashcard practice")}'
        f"{lesson_choice({ch for chs in lessons.values() for ch in chs}, 'Lessons to practise')}"
        '<p class="tp-cards-status" role="status" aria-live="polite">Loading the flashcards.</p>'
        f"{items}"
        '<div class="tp-cards-actions">'
        '<button type="button" class="tp-cards-show">Show answer</button> '
        '<button type="button" class="tp-cards-knew" hidden>I knew it</button> '
        '<button type="button" class="tp-cards-again" hidden>Not yet</button> '
        '<button type="button" class="tp-cards-all" hidden>Practise every card now</button></div>'
        '<p class="tp-cards-message" role="status"></p>'
        '<ul class="tp-cards-boxes" aria-label="Cards in each box"></ul>'
        f"{json_script(days, data_tp_cards_days='')}</div>")
    return Page(markup, f"Flashcards: {len(cards)} cards in Leitner boxes")


def lesson_choice(used, legend):
    """A box per lesson in `used`, all ticked: the flashcards and the review hold only the items
    (data-tp-lessons) of the lessons ticked (`_static/tp-lessons.js`, on these pages only)."""
    boxes = "".join(
        f'<label><input type="checkbox" class="tp-lesson" value="{ch}" checked> {html.escape(title)}</label> '
        for ch, title in TITLES.items() if ch in used)
    return f'<fieldset class="tp-lessons"><legend>{html.escape(legend)}</legend>{boxes}</fieldset>'


def _card_html(card, kb, lessons):
    figure = f'<div class="tp-card-map">{map_markup({"map": {"ids": list(card.map_ids)}})}</div>' if card.map_ids else ""
    return (
        f'<section class="tp-card-item" data-tp-card="{card.id}" data-tp-lessons="{" ".join(lessons)}" '
        'aria-label="Flashcard" hidden>'
        f'<p class="tp-card-front"><strong>{html.escape(card.front)}</strong></p>{figure}'
        f'<div class="tp-card-back" hidden><p>{html.escape(card.back)}</p>'
        f'<p class="tp-card-source">Source: {html.escape(card.source_text(kb))}</p></div></section>')
