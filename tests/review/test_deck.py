"""The Anki deck: every card, its map image and source, and note GUIDs that stay put."""

import json
import sqlite3
import zipfile

import pytest

from triggerpoints.review import review_cards
from triggerpoints.review.deck import FIELDS, build_deck, card_guid
from triggerpoints.review.pages import DECK_FILE


def read_deck(path, tmp_path):
    with zipfile.ZipFile(path) as z:
        media = json.loads(z.read("media"))
        files = {name: z.read(key) for key, name in media.items()}
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(tmp_path / "c.anki2")
    notes = {guid: dict(zip(FIELDS, flds.split("\x1f"))) for guid, flds in con.execute("select guid, flds from notes")}
    con.close()
    return notes, files


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    out = []
    for run in ("first", "second"):
        folder = tmp_path_factory.mktemp(run)
        count = build_deck(folder / DECK_FILE)
        out.append((count, *read_deck(folder / DECK_FILE, folder)))
    return out


def test_the_deck_holds_every_card(two_builds):
    count, notes, _ = two_builds[0]
    cards = review_cards()
    assert count == len(cards) == len(notes)
    assert sorted(n["CardId"] for n in notes.values()) == sorted(c.id for c in cards)


def test_note_guids_are_the_same_in_two_builds_and_follow_the_card_id(two_builds):
    (_, first, _), (_, second, _) = two_builds
    assert set(first) == set(second)
    assert {g: n["CardId"] for g, n in first.items()} == {g: n["CardId"] for g, n in second.items()}
    for card in review_cards():
        assert first[card_guid(card)]["CardId"] == card.id


def test_every_map_card_shows_its_png_with_alt_text_and_every_card_its_source(two_builds):
    _, notes, files = two_builds[0]
    maps = [n for n in notes.values() if n["CardId"].startswith("map_")]
    assert maps and len(files) == len(maps)
    for note in maps:
        name = note["Map"].split('src="')[1].split('"')[0]
        assert files[name][:8] == b"\x89PNG\r\n\x1a\n" and len(files[name]) > 10_000
        assert 'alt="Body map' in note["Map"] and "This muscle" in note["Map"]
    assert all(n["Source"].strip() for n in notes.values())
    assert all(not n["Map"] for n in notes.values() if not n["CardId"].startswith("map_"))


def test_the_built_book_offers_the_deck(book_dir):
    deck = book_dir / DECK_FILE
    assert deck.is_file() and zipfile.is_zipfile(deck)
    for page in ("book/intro.html", "book/progress.html"):
        assert f'href="../{DECK_FILE}"' in (book_dir / page).read_text(encoding="utf-8")
