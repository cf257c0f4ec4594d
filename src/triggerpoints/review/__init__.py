"""Spaced review: flashcards from the knowledge base, the Anki deck, the progress page.

- `cards`: the cards (whose map is this? what aggravates this muscle? which zone tells these
  two apart?), each with a stable id and its sources, written from the knowledge base.
- `deck`: the same cards as an Anki package (`.apkg`, genanki), map images drawn by the
  maps' own drawing code; note GUIDs come from the card ids, so a newer deck updates cards.
- `pages`: the blocks of the book's "My progress" and flashcards pages (static HTML; the browser
  side is `_static/tp-store.js`, `tp-progress.js`, `tp-cards.js`).

Sits above knowledge, maps and quizzes; none of them imports it.
"""

from .cards import Card, review_cards
from .pages import flashcards, manage_answers, missed_questions, progress_table, review_missed

__all__ = ["Card", "flashcards", "manage_answers", "missed_questions", "progress_table",
           "review_cards", "review_missed"]
