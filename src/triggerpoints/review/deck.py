"""The course's cards as an Anki deck (`.apkg`), written with genanki, a subdeck per lesson.

Each note's GUID is made from its card id, and the note type and deck keep fixed ids, so
importing a newer deck into Anki updates the cards a student already has (and their
schedule) instead of adding copies. Map images are PNGs drawn by `maps.figure.map_figure`,
anonymous, with the map's alt text on the image. Every card shows its source line, built from
the fact-check record with excluded kinds of source left out (`sources.source_line`).

    python -m triggerpoints.review.deck _build/deck/low-back-trigger-points.apkg
"""

import hashlib
import html
import sys
import tempfile
from pathlib import Path

from ..knowledge import loaded
from .coursecards import LESSONS, course_cards
from .sources import source_line

DECK_NAME = "Low Back Trigger Points"
DECK_ID = 1_730_201_701            # fixed forever: Anki matches decks and note types by id
MODEL_ID = 1_730_201_702
CLOZE_MODEL_ID = 1_730_201_703
GUID_SALT = "low-back-trigger-points"
FIELDS = ("CardId", "Front", "Map", "Back", "Source")
CLOZE_FIELDS = ("CardId", "Text", "Source")
CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; color: #1a1a1a; background: #fff; }
.card img { max-width: 100%; max-height: 70vh; }
.cloze { font-weight: bold; color: #0a4f8c; }
.source { font-size: 14px; color: #444; margin-top: 1em; }
.nightMode .card, .card.nightMode { color: #eee; background: #1e1e1e; }
.nightMode .source { color: #ccc; }
.nightMode .cloze { color: #8cc4ff; }
.nightMode img { background: #fff; }"""


class DeckError(ValueError):
    """A card cannot be written: names the card and the fact (or file) at fault."""


def card_guid(card):
    """The note GUID: a function of the card id only."""
    import genanki

    return genanki.guid_for(GUID_SALT, card.id)


def subdeck_id(lesson):
    """A fixed id per lesson subdeck, from its notebook stem (Anki matches decks by id)."""
    return DECK_ID + 1 + int(hashlib.sha1(lesson.encode()).hexdigest()[:6], 16)


def _models():
    import genanki

    basic = genanki.Model(
        MODEL_ID, "Low Back Trigger Points card", fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Review", "qfmt": "<p>{{Front}}</p>{{Map}}",
                    "afmt": '{{FrontSide}}<hr id="answer"><p>{{Back}}</p><p class="source">Source: {{Source}}</p>'}],
        css=CSS, sort_field_index=0)
    cloze = genanki.Model(
        CLOZE_MODEL_ID, "Low Back Trigger Points cloze", fields=[{"name": f} for f in CLOZE_FIELDS],
        templates=[{"name": "Cloze", "qfmt": "<p>{{cloze:Text}}</p>",
                    "afmt": '<p>{{cloze:Text}}</p><p class="source">Source: {{Source}}</p>'}],
        css=CSS, model_type=genanki.Model.CLOZE, sort_field_index=0)
    return basic, cloze


def map_image(card, folder, kb):
    """Draws the card's anonymous map as a PNG in `folder` (once per map); returns (path, <img>)."""
    from ..maps.figure import map_figure
    from ..maps.words import alt_text

    ids = list(card.map_ids)
    path = Path(folder) / f"tp-map-{'-'.join(ids)}.png"
    if not path.exists():
        fig = map_figure(ids, anonymous=True, kb=kb)
        fig.savefig(path, format="png", dpi=110, metadata={"Software": None})
        import matplotlib.pyplot as plt

        plt.close(fig)
    alt = html.escape(alt_text(ids, anonymous=True, kb=kb), quote=True)
    return path, f'<img src="{path.name}" alt="{alt}">'


def _note(card, models, kb, folder, media, image=map_image):
    import genanki

    basic, cloze = models
    source = html.escape(source_line(card, kb))
    if card.cloze:
        fields, model = [card.id, html.escape(card.cloze), source], cloze
    else:
        picture = ""
        if card.map_ids:
            path, picture = image(card, folder, kb)
            if not Path(path).is_file():
                raise DeckError(f"card {card.id}: fact {card.facts[0] if card.facts else '?'}: "
                                f"media file {Path(path).name} is missing")
            media.setdefault(Path(path).name, str(path))
        fields, model = [card.id, html.escape(card.front), picture, html.escape(card.back), source], basic
    return genanki.Note(model=model, fields=fields, guid=card_guid(card), tags=[card.kind, *card.muscles])


def build_deck(out_path, kb=None, cards=None, image=map_image):
    """Writes the deck, one subdeck per lesson, to `out_path`; returns the number of notes.
    Raises DeckError naming the card and the fact if a fact has no check or a map is missing."""
    import genanki

    from .sources import SourceError

    kb = loaded(kb)
    models, media = _models(), {}
    decks = {stem: genanki.Deck(subdeck_id(stem), f"{DECK_NAME}::{title}") for stem, title in LESSONS.items()}
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    cards = course_cards(kb) if cards is None else cards
    with tempfile.TemporaryDirectory() as tmp:
        for card in cards:
            try:
                note = _note(card, models, kb, tmp, media, image)
            except SourceError as error:
                raise DeckError(str(error)) from None
            decks[card.lesson].add_note(note)
        package = genanki.Package([d for d in decks.values() if d.notes])
        package.media_files = list(media.values())
        package.write_to_file(str(out_path))
    return len(cards)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m triggerpoints.review.deck OUT.apkg")
    count = build_deck(sys.argv[1])
    print(f"{sys.argv[1]}: {count} cards")
