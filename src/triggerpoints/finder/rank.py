"""The pain finder: from marked pain areas and aggravating activities to candidate muscles.

The scoring is simple enough to teach. A muscle explains a marked area when one of its
parts refers pain there (its strongest zone counts, essential over spillover):

    score = 2 x essential areas + 1 x spillover areas + 1 x article-only areas
            + 1 x matching aggravators - 1 x marked areas it does not explain
            - 1 x areas of its essential zone answered "no"
            - 1 x its aggravators answered "no"

An answer "no" is an explicit absence (the next-question panel asks for them, `advice`): it
counts against a muscle whose pattern predicted "yes". An area merely left unmarked counts
for nothing.

An area that only the source article puts in a muscle's pattern (no classic or secondary
source) counts like a spillover zone, whatever zone the article gives it, and the reason
says so: an unconfirmed zone may widen the list but never outranks a confirmed one.
Muscles that explain nothing marked are left out. Ties go to the muscle with more
essential areas, then more matching aggravators, then the course order of the muscles.

`finder_data(kb)` turns the knowledge base into one JSON-ready dict; the Python ranking
and the static book's `_static/tp-finder.js` both rank from that same dict.
"""

from __future__ import annotations

import difflib
import html

import pandas as pd

from ..knowledge import loaded

WEIGHTS = {"essential": 2, "spillover": 1, "article": 1, "aggravator": 1, "unexplained": -1,
           "absent_essential": -1, "absent_aggravator": -1}
OVERLAY_TOP = 3
ZONE_STRENGTH = {"essential": 2, "spillover": 1}
# Book pages sit one folder deep (book/, notebooks/), so this link works from any of them.
RED_FLAGS_HTML = "../book/red_flags.html"
RED_FLAGS_LAB = "../book/red_flags.md"
NOTE = (
    "Candidates for study, not a diagnosis: muscles whose referral patterns and "
    "aggravating activities match what was marked, best match first."
)
RED_FLAGS_LEAD = "Pain with any red flag needs a clinician first: read the"
RED_FLAGS_TEXT = f"{RED_FLAGS_LEAD} red flags page."
MESSAGES = {
    "empty": "Mark at least one pain area or aggravating activity to see candidate muscles.",
    "no_match": "No muscle in this course refers to the marked areas or is provoked by "
    "the marked activities.",
    "found": "Candidate muscles for study, best match first. Matches: {n}.",
}
COLUMNS = ["muscle", "name", "parts", "score", "essential", "spillover", "article",
           "aggravators", "unexplained", "reason"]

_CACHE = {}

# The advice's constants (advice.py explains the rule): they ride in finder_data for the JS.
LEADERS = 3
LEAD_GAP = 3
ANSWER_MODEL = {"essential": 0.9, "spillover": 0.5, "aggravator": 0.8, "none": 0.1}
CRITERIA = ("location", "referral_pattern", "aggravating_factors", "muscle_testing", "palpation")


def advice_data(kb):
    """What the advice rule needs beyond the ranking: its constants and the differentiators."""
    table = getattr(kb, "differentiators", None)
    rows = [] if table is None else [
        {"muscle": d.muscle, "versus": d.versus, "criterion": d.criterion, "statement": d.statement}
        for d in table.itertuples()]
    return {"leaders": LEADERS, "lead_gap": LEAD_GAP, "answer_model": dict(ANSWER_MODEL),
            "criteria": list(CRITERIA), "differentiators": rows}


class FinderError(ValueError):
    """A query named a region or aggravator the knowledge base does not know."""


class Ranking(pd.DataFrame):
    """A ranking of candidate muscles (a DataFrame) that always shows its caveat."""

    _metadata = []

    @property
    def _constructor(self):
        return Ranking

    @property
    def message(self):
        return self.attrs.get("message", "")

    def _repr_html_(self):
        """The caveat and a readable table: rank, muscle, parts, score and why."""
        if len(self):
            head = "".join(f'<th scope="col">{h}</th>' for h in ("Rank", "Muscle", "Parts", "Score", "Why"))
            body = f'<caption>{html.escape(self.message)}</caption><thead><tr>{head}</tr></thead>'
            shown = f'<table class="tp-table tp-finder-table">{body}<tbody>{self._rows_html()}</tbody></table>'
        else:
            shown = f"<p>{html.escape(self.message)}</p>"
        return (f'<div class="tp-finder-ranking-table">{shown}<p>{html.escape(NOTE)} '
                f'{html.escape(RED_FLAGS_LEAD)} <a href="{RED_FLAGS_HTML}">red flags page</a> '
                "(book/red_flags.md among the course files).</p></div>")

    def _rows_html(self):
        names = self.attrs.get("part_names", {})
        cells = [[self.index[i], r.name, ", ".join(names.get(p, p) for p in r.parts), r.score, r.reason]
                 for i, r in enumerate(self.itertuples())]
        return "".join(f'<tr><th scope="row">{rank}</th>' + "".join(
            f"<td>{html.escape(str(c))}</td>" for c in rest) + "</tr>" for rank, *rest in cells)

    def __repr__(self):
        table = super().__repr__() if len(self) else "(no candidates)"
        return f"{self.message}\n{table}\n{NOTE} {RED_FLAGS_TEXT} (book/red_flags.md)"


# ---------------------------------------------------------------- data for both rankers

def finder_data(kb=None):
    """The finder's view of the knowledge base, as a JSON-ready dict (cached per kb)."""
    kb = loaded(kb)
    hit = _CACHE.get(id(kb))
    if hit is None or hit[0] is not kb:
        if len(_CACHE) > 8:  # knowledge bases reloaded many times (tests): keep memory bounded
            _CACHE.clear()
        hit = _CACHE[id(kb)] = (kb, _build_data(kb))
    return hit[1]


def _phrase(label):
    return label[:1].lower() + label[1:]


def _build_data(kb):
    return {
        **advice_data(kb),
        "weights": dict(WEIGHTS),
        "overlay_top": OVERLAY_TOP,
        "messages": dict(MESSAGES),
        "regions": [{"id": r.id, "label": r.label, "view": r.view, "phrase": "the " + _phrase(r.label)}
                    for r in kb.regions.itertuples()],
        "aggravators": [{"id": a.id, "label": a.label, "kind": a.kind, "phrase": _phrase(a.label)}
                        for a in kb.aggravators.itertuples()],
        "parts": [{"id": p.id, "muscle": p.muscle, "name": p.name} for p in kb.parts.itertuples()],
        "muscles": [_muscle_entry(kb, m) for m in kb.muscles.itertuples()],
        "bilateral": _bilateral(kb),
    }


def _bilateral(kb):
    """{muscle: True if only the course article calls its pattern often bilateral} (data/bilateral.csv)."""
    owner = dict(zip(kb.parts["id"], kb.parts["muscle"]))
    out = {}
    for r in kb.bilateral.itertuples():
        out[owner[r.part]] = out.get(owner[r.part], True) and r.provenance == "article"
    return out


def _muscle_entry(kb, muscle):
    parts = [p for p, owner in zip(kb.parts["id"], kb.parts["muscle"]) if owner == muscle.id]
    zones, article, zone_parts = {}, set(), {}
    for z in kb.referral_zones[kb.referral_zones["part"].isin(parts)].itertuples():
        if getattr(z, "provenance", "classic") == "article":
            article.add(z.region)
        elif ZONE_STRENGTH[z.zone] > ZONE_STRENGTH.get(zones.get(z.region), 0):
            zones[z.region] = z.zone
        zone_parts.setdefault(z.region, set()).add(z.part)
    links = kb.muscle_aggravators
    provoking = set(links.loc[links["muscle"] == muscle.id, "aggravator"])
    return {
        "id": muscle.id,
        "name": muscle.name,
        "short": muscle.name.split(" (")[0],
        "parts": parts,
        "zones": zones,  # the strongest classic or secondary zone per region
        "article_only": [r for r in kb.region_ids if r in article and r not in zones],
        "zone_parts": {r: [p for p in parts if p in ps] for r, ps in zone_parts.items()},
        "aggravators": [a for a in kb.aggravator_ids if a in provoking],
    }


# ---------------------------------------------------------------- ranking

def rank_muscles(regions=(), aggravators=(), *, absent_regions=(), absent_aggravators=(), kb=None):
    """Rank the muscles that could refer pain to `regions` and are provoked by `aggravators`.

    `absent_regions` / `absent_aggravators`: areas and activities answered "no" (an explicit
    absence, which counts against the muscles that predicted them; see the module docstring).

    Returns a `Ranking` (a pandas DataFrame, index `rank` from 1) with columns muscle,
    name, parts, score, essential, spillover, article (areas only the source article supports),
    aggravators, unexplained and reason.
    It lists candidates for study, never a diagnosis. Unknown ids raise FinderError;
    an empty query gives an empty ranking whose `.message` says what to do.
    """
    data = finder_data(kb)
    regions = checked_ids(regions, data["regions"], "region")
    aggravators = checked_ids(aggravators, data["aggravators"], "aggravator")
    absent_regions = checked_ids(absent_regions, data["regions"], "region")
    absent_aggravators = checked_ids(absent_aggravators, data["aggravators"], "aggravator")
    rows, message = rank_rows(data, regions, aggravators, absent_regions, absent_aggravators)
    ranking = _ranking(rows, message)
    ranking.attrs["part_names"] = {p["id"]: p["name"] for p in data["parts"] if p["id"] in
                                   {q for row in rows for q in row["parts"]}}
    return ranking


def rank_rows(data, regions, aggravators, absent_regions=(), absent_aggravators=()):
    """The ranking as plain dicts plus a status message (the algorithm of tp-finder.js).

    Ids must be valid (`checked_ids`); an id both present and absent counts as present.
    """
    if not regions and not aggravators:
        return [], data["messages"]["empty"]
    absent = ([r for r in absent_regions if r not in regions],
              [a for a in absent_aggravators if a not in aggravators])
    rows = [row for muscle in data["muscles"]
            if (row := _score(data, muscle, regions, aggravators, absent))]
    order = {m["id"]: i for i, m in enumerate(data["muscles"])}
    rows.sort(key=lambda r: (-r["score"], -len(r["essential"]), -len(r["aggravators"]),
                             order[r["muscle"]]))
    if not rows:
        return [], data["messages"]["no_match"]
    return rows, data["messages"]["found"].replace("{n}", str(len(rows)))


def _score(data, muscle, regions, aggravators, absent=((), ())):
    zones = muscle["zones"]
    essential = [r for r in regions if zones.get(r) == "essential"]
    spillover = [r for r in regions if zones.get(r) == "spillover"]
    article = [r for r in regions if r in muscle["article_only"]]
    unexplained = [r for r in regions if r not in zones and r not in article]
    provoking = [a for a in aggravators if a in muscle["aggravators"]]
    if not (essential or spillover or article or provoking):
        return None
    absent_regions = [r for r in absent[0] if zones.get(r) == "essential"]
    absent_aggravators = [a for a in absent[1] if a in muscle["aggravators"]]
    w = data["weights"]
    explained = essential + spillover + article
    return {
        "muscle": muscle["id"],
        "name": muscle["name"],
        "parts": [p for p in muscle["parts"]
                  if any(p in muscle["zone_parts"][r] for r in explained)],
        "score": (w["essential"] * len(essential) + w["spillover"] * len(spillover)
                  + w["article"] * len(article) + w["aggravator"] * len(provoking)
                  + w["unexplained"] * len(unexplained)
                  + w["absent_essential"] * len(absent_regions)
                  + w["absent_aggravator"] * len(absent_aggravators)),
        "essential": essential,
        "spillover": spillover,
        "article": article,
        "aggravators": provoking,
        "unexplained": unexplained,
        "absent_regions": absent_regions,
        "absent_aggravators": absent_aggravators,
        "reason": _reason(data, muscle["short"], [essential, spillover, article, provoking, unexplained,
                                                  absent_regions, absent_aggravators]),
    }


def join_list(items):
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


REASONS = [("essential zone covers ", "regions"), ("spillover zone reaches ", "regions"),
           ("unconfirmed zones add ", "regions"), ("provoked by ", "aggravators"),
           ("does not explain ", "regions"), ("no pain reported in its essential zone: ", "regions"),
           ("not made worse by ", "aggravators")]


def _reason(data, name, groups):
    """One sentence: each non-empty group of ids (in REASONS order) as a clause."""
    phrase = {kind: {v["id"]: v["phrase"] for v in data[kind]} for kind in ("regions", "aggravators")}
    clauses = [lead + join_list(phrase[kind][i] for i in ids)
               for (lead, kind), ids in zip(REASONS, groups) if ids]
    return f"{name}: {'; '.join(clauses)}."


def checked_ids(ids, vocabulary, kind):
    """Validate ids against a vocabulary; return them de-duplicated, in knowledge-base order."""
    if ids is None:
        ids = []
    elif isinstance(ids, str):
        ids = [ids]
    valid = [v["id"] for v in vocabulary]
    unknown = [i for i in ids if i not in valid]
    if unknown:
        raise FinderError(_unknown_message(unknown, valid, kind))
    wanted = set(ids)
    return [v for v in valid if v in wanted]


def _unknown_message(unknown, valid, kind):
    lines = []
    for item in unknown:
        close = difflib.get_close_matches(str(item), valid, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        lines.append(f"unknown {kind} id {item!r}{hint}")
    return "; ".join(lines) + f". Valid {kind} ids: " + ", ".join(valid)


def _ranking(rows, message):
    frame = Ranking([{c: _cell(row[c]) for c in COLUMNS} for row in rows], columns=COLUMNS)
    frame.index = pd.RangeIndex(1, len(rows) + 1, name="rank")
    frame.attrs.update(message=message, note=NOTE, red_flags="book/red_flags.md")
    return frame


def _cell(value):
    return tuple(value) if isinstance(value, list) else value
