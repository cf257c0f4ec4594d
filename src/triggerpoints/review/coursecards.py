"""The course's whole deck: the review cards, and a card for every fact a student must recall.

Written from the knowledge base, never by hand: each part's map, each trigger point's place on
the plate, each muscle's attachments (a cloze note), each differentiator, the red flags, each
evidence result with its certainty, each treatment and exercise. Every card names the checked
facts it states (`facts`), so the deck refuses a card whose fact the record does not cover,
and the lesson it belongs to (`lesson`), so a student can study one lesson. Ids are made from
row ids, so they stay put when the data grow.
"""

import re

from ..knowledge import loaded
from ..knowledge.reference import STRENGTH_LABELS
from ..maps.words import region_label, short_name
from ..paths import ROOT
from .cards import Card, review_cards

RED_FLAGS_PAGE = ROOT / "book" / "red_flags.md"
LESSONS = {  # notebook stem -> subdeck title
    "00_welcome": "00 Welcome", "01_causes": "01 Trigger points and their causes",
    "02_quadratus_lumborum": "02 Quadratus lumborum", "03_erector_spinae": "03 Erector spinae and multifidus",
    "04_gluteals": "04 Gluteus medius and minimus", "05_piriformis": "05 Piriformis",
    "06_iliopsoas": "06 Iliopsoas", "07_hamstrings_adductors": "07 Hamstrings and adductors",
    "08_telling_them_apart": "08 Telling them apart", "09_treatment_evidence": "09 Treatment and evidence",
    "red_flags": "Red flags",
}
CRITERIA = {"referral_pattern": "the referral pattern", "location": "where the pain is",
            "aggravating_factors": "what aggravates it", "palpation": "palpation",
            "muscle_testing": "muscle testing"}


def lesson_of(chapter):
    """The notebook stem of a muscle's chapter ('gluteals' -> '04_gluteals')."""
    for stem in LESSONS:
        if stem[3:] == chapter:
            return stem
    raise KeyError(f"data/muscles.csv: chapter {chapter!r} has no lesson notebook")


def course_cards(kb=None):
    """Every card of the deck, in a fixed order, each with its facts and lesson."""
    kb = loaded(kb)
    lessons = {r.id: lesson_of(r.chapter) for r in kb.muscles.itertuples()}
    base = []
    for card in review_cards(kb):
        lesson = "08_telling_them_apart" if card.kind == "apart" else lessons[card.muscles[0]]
        base.append(_with(card, lesson=lesson))
    return [*base, *_part_maps(kb, lessons), *_point_cards(kb, lessons), *_attachments(kb, lessons),
            *_differentiators(kb), *_red_flags(), *_evidence(kb), *_treatments(kb), *_exercises(kb, lessons)]


def _with(card, **changes):
    return Card(**{**card.__dict__, **changes})


def _owner(kb):
    return dict(zip(kb.parts["id"], kb.parts["muscle"]))


def _part_maps(kb, lessons):
    """A whose-map card per part of a muscle with several parts (one-part muscles have theirs)."""
    owner, counts = _owner(kb), kb.parts["muscle"].value_counts()
    zones = kb.referral_zones
    for part in kb.parts.itertuples():
        mine = zones[zones.part == part.id]
        if counts[part.muscle] < 2 or mine.empty:
            continue
        essential = [region_label(r, kb) for r in dict.fromkeys(mine.region[mine.zone == "essential"])]
        yield Card(id=f"partmap_{part.id}", kind="partmap", front="Whose referral map is this (which part)?",
                   back=f"{part.name}. Essential zone: {', '.join(essential) or 'none drawn'}.",
                   muscles=(owner[part.id],), map_ids=(part.id,), sources=tuple(dict.fromkeys(mine.source)),
                   facts=tuple(f"referral_zones:{i}" for i in mine.id), lesson=lessons[owner[part.id]])


def _point_cards(kb, lessons):
    """Where each trigger point sits; the back shows its part's plate (lateral copies skipped:
    they are the same point seen from the side)."""
    owner, names = _owner(kb), dict(zip(kb.parts["id"], kb.parts["name"]))
    points = kb.trigger_points[kb.trigger_points.view != "lateral"]
    for tp in points.itertuples():
        siblings = points[points.part == tp.part]
        which = "its trigger point" if len(siblings) == 1 else f"trigger point {list(siblings.id).index(tp.id) + 1} of {len(siblings)}"
        yield Card(id=f"point_{tp.id}", kind="point", front=f"{names[tp.part]}: where does {which} sit?",
                   back=f"{tp.description} On the {tp.view} plate: {region_label(tp.region, kb)}.",
                   muscles=(owner[tp.part],), map_ids=(tp.part,), sources=(tp.source,),
                   facts=(f"trigger_points:{tp.id}",), lesson=lessons[owner[tp.part]])


def _attachments(kb, lessons):
    for m in kb.muscles.itertuples():
        yield Card(id=f"attach_{m.id}", kind="attachments", front="", back="", muscles=(m.id,),
                   cloze=f"{short_name(m.name)} runs from {{{{c1::{_lower(m.origin)}}}}} "
                         f"to {{{{c2::{_lower(m.insertion)}}}}}.",
                   sources=(m.source,), facts=(f"muscles:{m.id}",), lesson=lessons[m.id])


def _lower(text):
    return text if re.match(r"^[A-Z][A-Z0-9]|^[A-Z][a-z]+ (major|minor|medius|magnus|femoris)", text) else text[:1].lower() + text[1:]


def _differentiators(kb):
    names = {r.id: short_name(r.name) for r in kb.muscles.itertuples()}
    for d in kb.differentiators.itertuples():
        yield Card(id=f"diff_{d.id}", kind="differentiator",
                   front=f"{names[d.muscle]} or {names[d.versus]}: how does {CRITERIA[d.criterion]} tell them apart?",
                   back=d.statement, muscles=(d.muscle, d.versus), sources=(d.source,),
                   facts=(f"differentiators:{d.id}",), lesson="08_telling_them_apart")


def red_flags(page=RED_FLAGS_PAGE):
    """(emergency items, see-a-doctor-soon items) from the book's red-flag page."""
    text = page.read_text(encoding="utf-8")
    danger = re.search(r"```\{danger\}(.*?)```", text, flags=re.S)
    soon = re.search(r"^## See a doctor soon[^\n]*\n(.*?)(?=^## )", text, flags=re.S | re.M)
    if not danger or not soon:
        raise ValueError(f"{page}: expected a ```{{danger}} block and a '## See a doctor soon' "
                         "section, each with a bullet list")
    lists = [_bullets(danger.group(1)), _bullets(soon.group(1))]
    if not all(lists):
        raise ValueError(f"{page}: the red-flag lists are empty")
    return lists


def _bullets(text):
    items = re.findall(r"^- (.*?)(?=^- |^\s*$|\Z)", text, flags=re.S | re.M)
    return [re.sub(r"\s+", " ", re.sub(r"[*`]", "", i)).strip().rstrip(";.") for i in items]


def _red_flags():
    emergency, soon = red_flags()
    answers = ((emergency, "emergency", "Emergency care now (an emergency department or the local emergency number)."),
               (soon, "soon", "See a doctor soon, within days."))
    for items, key, answer in answers:
        for item in items:
            slug = "_".join(re.findall(r"[a-z]+", item.lower())[:4])
            yield Card(id=f"redflag_{key}_{slug}", kind="redflag",
                       front=f"Back pain with: {item}. What should the person do?",
                       back=f"{answer} Not a case for trigger point self-care.", muscles=(),
                       sources=("finucane2020redflags",), facts=("lesson:red_flags",), lesson="red_flags")


def _evidence(kb):
    from ..knowledge import source_label

    for e in kb.evidence.itertuples():
        who = source_label(e.citation, kb)
        yield Card(id=f"evidence_{e.id}", kind="evidence",
                   front=f"{who} ({e.treatment.replace('_', ' ')}): what did it find, and how certain is it?",
                   back=f"{e.finding} Certainty: {STRENGTH_LABELS[e.strength].lower()}.", muscles=(),
                   sources=(e.citation, e.source), facts=(f"evidence:{e.id}",), lesson="09_treatment_evidence")


def _treatments(kb):
    for t in kb.treatments.itertuples():
        yield Card(id=f"treatment_{t.id}", kind="treatment", front=f"What is {t.name.lower()}, and who gives it?",
                   back=f"{t.description} Who: {t.who}.", muscles=(), sources=(t.source,),
                   facts=(f"treatments:{t.id}",), lesson="09_treatment_evidence")


def _exercises(kb, lessons):
    names = {r.id: short_name(r.name) for r in kb.muscles.itertuples()}
    for x in kb.exercises.itertuples():
        targets = [m for m in x.target_muscles.split(";") if m]
        lesson = lessons[targets[0]] if targets and targets[0] in lessons else "09_treatment_evidence"
        yield Card(id=f"exercise_{x.id}", kind="exercise", front=f"{x.name}: how is it done, for which muscle, and how long?",
                   back=f"{x.description} For: {', '.join(names.get(m, m) for m in targets) or x.other_targets}. Dosage: {x.dosage}.",
                   muscles=tuple(m for m in targets if m in names), sources=(x.source,),
                   facts=(f"exercises:{x.id}",), lesson=lesson)
