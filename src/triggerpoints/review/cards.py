"""Flashcards written from the knowledge base, three kinds:

- `map`: an anonymous referral map; the answer is the muscle.
- `aggravators`: a muscle; the answer is what provokes its trigger points.
- `apart`: two muscles; the answer is the body regions in one's essential zone that the
  other never reaches, with the knowledge base's own statement of the difference.

Each card keeps the `source` values of the rows it was written from. Card ids are built
from the ids of those rows (never a counter), so they stay put when the data grow.
"""

from dataclasses import dataclass, field

from ..knowledge import loaded, source_label
from ..maps.words import join_words, region_label, short_name

APART_CRITERIA = ("location", "referral_pattern")


@dataclass(frozen=True)
class Card:
    id: str                     # stable: the Anki note GUID and the browser's key
    kind: str                   # map | aggravators | apart
    front: str                  # plain text
    back: str                   # plain text
    muscles: tuple
    map_ids: tuple = ()         # muscles drawn (anonymously) on the front, for `map` cards
    sources: tuple = field(default=())
    facts: tuple = ()           # the checked facts it states: "table:row id" or "lesson:page"
    lesson: str = ""            # the lesson's notebook stem, for the deck's subdecks
    cloze: str = ""             # cloze text ({{c1::...}}) for cloze notes; front/back then unused

    def source_text(self, kb=None):
        return "; ".join(dict.fromkeys(source_label(s, kb) for s in self.sources))


def review_cards(kb=None):
    """Every card, in a fixed order: maps, then aggravators, then pairs to tell apart."""
    kb = loaded(kb)
    return [*_map_cards(kb), *_aggravator_cards(kb), *_apart_cards(kb)]


def _names(kb):
    return {r.id: short_name(r.name) for r in kb.muscles.itertuples()}


def _zones(kb):
    """{muscle: {"essential": {region: [sources]}, "all": {region, ...}}} from referral_zones."""
    owner = dict(zip(kb.parts["id"], kb.parts["muscle"]))
    out = {}
    for r in kb.referral_zones.itertuples():
        mine = out.setdefault(owner[r.part], {"essential": {}, "all": set(), "ids": {}})
        mine["all"].add(r.region)
        if r.zone == "essential":
            mine["essential"].setdefault(r.region, []).append(r.source)
            mine["ids"].setdefault(r.region, []).append(r.id)
    return out


def _map_cards(kb):
    names, zones = _names(kb), _zones(kb)
    rows = kb.referral_zones.merge(kb.parts[["id", "muscle"]].rename(columns={"id": "part"}), on="part")
    for muscle in kb.muscle_ids:
        if muscle not in zones:
            continue
        essential = join_words(region_label(r, kb) for r in zones[muscle]["essential"])
        yield Card(
            id=f"map_{muscle}", kind="map", front="Whose referral map is this?",
            back=f"{names[muscle]}. Essential zone: {essential}.", muscles=(muscle,),
            map_ids=(muscle,), sources=tuple(dict.fromkeys(rows.loc[rows.muscle == muscle, "source"])),
            facts=tuple(f"referral_zones:{i}" for i in rows.loc[rows.muscle == muscle, "id"]))


def _aggravator_cards(kb):
    names = _names(kb)
    labels = dict(zip(kb.aggravators["id"], kb.aggravators["label"]))
    links = kb.muscle_aggravators
    for muscle in kb.muscle_ids:
        mine = links[links.muscle == muscle]
        if mine.empty:
            continue
        what = join_words(labels[a].lower() for a in mine.aggravator)
        yield Card(
            id=f"aggravators_{muscle}", kind="aggravators",
            front=f"What aggravates {names[muscle].lower()} trigger points?",
            back=what[:1].upper() + what[1:] + ".", muscles=(muscle,),
            sources=tuple(dict.fromkeys(mine.source)), facts=tuple(f"muscle_aggravators:{i}" for i in mine.id))


def _apart_cards(kb):
    names, zones = _names(kb), _zones(kb)
    rows = kb.differentiators[kb.differentiators.criterion.isin(APART_CRITERIA)]
    pairs = dict.fromkeys(tuple(sorted((r.muscle, r.versus), key=kb.muscle_ids.index)) for r in rows.itertuples())
    for a, b in pairs:
        if a not in zones or b not in zones:
            continue
        only = {m: [r for r in zones[m]["essential"] if r not in zones[o]["all"]] for m, o in ((a, b), (b, a))}
        if not only[a] and not only[b]:
            continue
        said = rows[((rows.muscle == a) & (rows.versus == b)) | ((rows.muscle == b) & (rows.versus == a))]
        lines = [f"Only {names[m]} (essential zone): {join_words(region_label(r, kb) for r in only[m])}."
                 for m in (a, b) if only[m]]
        zone_sources = [s for m in (a, b) for r in only[m] for s in zones[m]["essential"][r]]
        zone_ids = [z for m in (a, b) for r in only[m] for z in zones[m]["ids"][r]]
        yield Card(
            id=f"apart_{a}_{b}", kind="apart",
            front=f"Which zone tells {names[a]} from {names[b]}?",
            back=" ".join(lines + list(dict.fromkeys(said.statement))), muscles=(a, b),
            sources=tuple(dict.fromkeys([*said.source, *zone_sources])),
            facts=tuple(dict.fromkeys([*(f"differentiators:{i}" for i in said.id),
                                       *(f"referral_zones:{z}" for z in zone_ids)])))
