"""The review cards as an Anki deck (`.apkg`), written with genanki.

Each note's GUID is made from its card id, and the note type and deck keep fixed ids, so
importing a newer deck into Anki updates the cards a student already has (and their
schedule) instead of adding copies. Map images are PNGs drawn by `maps.figure.map_figure`,
anonymous, with the map's alt text on the image. Every card shows its source.

    python -m triggerpoints.review.deck _build/deck/low-back-trigger-points.apkg
"""

import html
import sys
import tempfile
from pathlib import Path

from ..knowledge import loaded
from .cards import review_cards

DECK_NAME = "Low Back Trigger Points"
DECK_ID = 1_730_201_701            # fixed forever: Anki matches decks and note types by id
MODEL_ID = 1_730_201_702
GUID_SALT = "low-back-trigger-points"
FIELDS = ("CardId", "Front", "Map", "Back", "Source")
CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; color: #1a1a1a; background: #fff; }
.card img { max-width: 100%; max-height: 70vh; }
.source { font-size: 14px; color: #444; margin-top: 1em; }"""


def card_guid(card):
    """The note GUID: a function of the card id only."""
    import genanki

    return genanki.guid_for(GUID_SALT, card.id)


def _model():
    import genanki

    return genanki.Model(
        MODEL_ID, "Low Back Trigger Points card", fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Review", "qfmt": "<p>{{Front}}</p>{{Map}}",
                    "afmt": '{{FrontSide}}<hr id="answer"><p>{{Back}}</p><p class="source">Source: {{Source}}</p>'}],
        css=CSS, sort_field_index=0)


def map_image(card, folder, kb):
    """Draws the card's anonymous map as a PNG in `folder`; returns (path, <img> markup)."""
    from ..maps.figure import map_figure
    from ..maps.words import alt_text

    ids = list(card.map_ids)
    path = Path(folder) / f"tp-{card.id}.png"
    fig = map_figure(ids, anonymous=True, kb=kb)
    fig.savefig(path, format="png", dpi=110, metadata={"Software": None})
    alt = html.escape(alt_text(ids, anonymous=True, kb=kb), quote=True)
    return path, f'<img src="{path.name}" alt="{alt}">'


def build_deck(out_path, kb=None):
    """Writes the deck to `out_path`; returns the number of notes."""
    import genanki

    kb = loaded(kb)
    model, deck = _model(), genanki.Deck(DECK_ID, DECK_NAME)
    media = []
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    cards = review_cards(kb)
    with tempfile.TemporaryDirectory() as tmp:
        for card in cards:
            image = ""
            if card.map_ids:
                path, image = map_image(card, tmp, kb)
                media.append(str(path))
            fields = [card.id, html.escape(card.front), image, html.escape(card.back),
                      html.escape(card.source_text(kb))]
            deck.add_note(genanki.Note(model=model, fields=fields, guid=card_guid(card),
                                       tags=[card.kind, *card.muscles]))
        package = genanki.Package(deck)
        package.media_files = media
        package.write_to_file(str(out_path))
    return len(cards)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m triggerpoints.review.deck OUT.apkg")
    count = build_deck(sys.argv[1])
    print(f"{sys.argv[1]}: {count} cards")
