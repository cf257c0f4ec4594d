"""The review cards say what the knowledge base says, and keep their ids and sources."""

import re

import pytest

from triggerpoints.knowledge import source_label
from triggerpoints.maps.words import region_label
from triggerpoints.review import review_cards
from triggerpoints.review.pages import flashcards


@pytest.fixture(scope="module")
def cards(kb):
    return review_cards(kb)


def _muscle_zones(kb):
    owner = dict(zip(kb.parts["id"], kb.parts["muscle"]))
    zones = {}
    for r in kb.referral_zones.itertuples():
        zones.setdefault(owner[r.part], []).append((r.region, r.zone))
    return zones


def test_every_mapped_muscle_has_a_whose_map_card(kb, cards):
    mapped = set(_muscle_zones(kb))
    assert {c.map_ids[0] for c in cards if c.kind == "map"} == mapped
    assert all(c.front == "Whose referral map is this?" and c.back.startswith(c.back.split(".")[0]) for c in cards if c.kind == "map")


def test_aggravator_cards_list_exactly_the_knowledge_base_links(kb, cards):
    labels = dict(zip(kb.aggravators["id"], kb.aggravators["label"]))
    links = kb.muscle_aggravators
    by_muscle = {c.muscles[0]: c for c in cards if c.kind == "aggravators"}
    assert set(by_muscle) == set(links.muscle)
    for muscle, card in by_muscle.items():
        # Every linked label is on the card, and once they are taken out only the separators of
        # the list are left: nothing else is named (labels may contain each other, e.g. "walking").
        rest = card.back.lower()
        for label in sorted((labels[a].lower() for a in links.aggravator[links.muscle == muscle]), key=len, reverse=True):
            assert label in rest, (muscle, label)
            rest = rest.replace(label, "|", 1)
        assert re.fullmatch(r"\|((, | and )\|)*\.", rest), (muscle, card.back)


def test_apart_cards_name_only_regions_one_muscle_has_and_the_other_lacks(kb, cards):
    zones = _muscle_zones(kb)
    apart = [c for c in cards if c.kind == "apart"]
    assert len(apart) >= 10
    for card in apart:
        a, b = card.muscles
        for mine, other in ((a, b), (b, a)):
            for region, zone in zones[mine]:
                label = region_label(region, kb)
                others = {r for r, _ in zones[other]}
                if zone == "essential" and region not in others:
                    assert label in card.back, (card.id, region)
        for region in {r for r, _ in zones[a]} & {r for r, _ in zones[b]}:
            assert f": {region_label(region, kb)}" not in card.back, (card.id, region, "shared by both")


def test_ids_are_unique_and_made_from_the_data_not_the_order(kb, cards):
    ids = [c.id for c in cards]
    assert len(ids) == len(set(ids))
    assert all(c.id.startswith(f"{c.kind}_") and all(m in c.id for m in c.muscles) for c in cards)


def test_every_card_carries_a_known_source(kb, cards):
    known = set(kb.bib_keys) | {f"article:{s}" for s in kb.article_sections.id}
    for card in cards:
        assert card.sources and set(card.sources) <= known, card.id
        assert card.source_text(kb) == "; ".join(dict.fromkeys(source_label(s, kb) for s in card.sources))


def test_the_flashcards_page_holds_every_card_once_with_its_map_and_source(kb, cards):
    page = flashcards(kb)._repr_html_()
    for card in cards:
        assert page.count(f'data-tp-card="{card.id}"') == 1
    assert page.count('role="img"') == sum(1 for c in cards if c.kind == "map")
    assert page.count('class="tp-card-source">Source: ') == len(cards)
    assert "data-muscle" not in page, "a map card's answer must not be in its markup"
