"""What a handout says, assembled from the knowledge base, the case bank and the red-flag page.

Plain records (strings and lists), no drawing: `sheets` and `lab` lay them out. Every sentence
comes from data/ or book/ (the course's own words), so a handout never disagrees with the book.
"""

import re
from dataclasses import dataclass

from ..knowledge import loaded, source_label
from ..maps.words import join_words, region_label
from ..paths import ROOT
from ..quizzes.bank import load_bank
from ..review.coursecards import red_flags as review_red_flags

RED_FLAGS_PAGE = ROOT / "book" / "red_flags.md"
BIB = ROOT / "book" / "references.bib"
LICENCE = ("Low Back Trigger Points, the Low Back Trigger Points team. Course content CC BY 4.0: "
           "creativecommons.org/licenses/by/4.0. Educational, not a diagnosis.")


class HandoutError(ValueError):
    """A source a handout is built from is missing something; the message names file and what."""


@dataclass
class MuscleSheet:
    group: str
    title: str
    muscles: list          # muscle ids
    parts: list            # part ids
    where: list            # (part name, essential regions, spillover regions, trigger-point places)
    aggravators: list      # (muscle name, [labels])
    differences: list      # (neighbour name, [statements])
    self_care: list        # (exercise name, kind, dosage, how)
    sources: list          # reader-facing labels, DOI added where the record has one


def _labels(frame, column):
    return dict(zip(frame["id"], frame[column]))


def _short(name):
    return name.split(" (")[0]


def muscle_sheet(group, title, muscles, kb=None):
    kb = loaded(kb)
    names = {m: _short(n) for m, n in _labels(kb.muscles, "name").items()}
    parts = kb.parts[kb.parts["muscle"].isin(muscles)]
    used = list(kb.muscles.loc[kb.muscles["id"].isin(muscles), "source"]) + list(parts["source"])
    where = []
    for part in parts.itertuples():
        zones = kb.referral_zones[kb.referral_zones["part"] == part.id]
        points = kb.distinct_points[kb.distinct_points["part"] == part.id]
        used += list(zones["source"]) + list(points["source"])
        where.append((part.name,
                      [region_label(r, kb) for r in zones.loc[zones["zone"] == "essential", "region"]],
                      [region_label(r, kb) for r in zones.loc[zones["zone"] == "spillover", "region"]],
                      list(points["description"])))
    agg_labels = _labels(kb.aggravators, "label")
    aggravators = []
    for m in muscles:
        rows = kb.muscle_aggravators[kb.muscle_aggravators["muscle"] == m]
        used += list(rows["source"])
        labels = [agg_labels[a] for a in rows["aggravator"]]
        aggravators.append((names[m], [labels[0], *(_lower_first(t) for t in labels[1:])] if labels else []))
    return MuscleSheet(group, title, list(muscles), list(parts["id"]), where, aggravators,
                       _differences(kb, muscles, names, used), _self_care(kb, muscles, used),
                       _source_list(used, kb))


def _lower_first(text):
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def part_title(part, kb=None):
    """'QL superficial (lateral) fibres', 'Erector spinae: iliocostalis lumborum': the part's own
    name, with its muscle's in front when the part's name does not say it."""
    kb = loaded(kb)
    row = kb.parts[kb.parts["id"] == part].iloc[0]
    muscle = _short(kb.muscles.loc[kb.muscles["id"] == row["muscle"], "name"].iloc[0])
    first = muscle.split()[0].lower()
    named = first in row["name"].lower() or (first == "quadratus" and row["name"].startswith("QL"))
    return row["name"] if named else f"{muscle}: {_lower_first(row['name'])}"


def _differences(kb, muscles, names, used):
    """[(neighbour, [statements])]: every statement written from this group's side, then, for a
    neighbour those leave out, its own clearest one (location or referral first), so the sheet
    names each neighbour once and stays one page."""
    diff = kb.differentiators
    own = diff[diff["muscle"].isin(muscles) & ~diff["versus"].isin(muscles)]
    out = {}
    for r in own.itertuples():
        out.setdefault(names[r.versus], []).append(r.statement)
        used.append(r.source)
    other = diff[diff["versus"].isin(muscles) & ~diff["muscle"].isin(muscles)]
    order = {"location": 0, "referral_pattern": 1}
    for r in sorted(other.itertuples(), key=lambda r: order.get(r.criterion, 2)):
        if names[r.muscle] not in out:
            out[names[r.muscle]] = [r.statement]
            used.append(r.source)
    return list(out.items())


def _self_care(kb, muscles, used):
    out = []
    for r in kb.exercises.itertuples():
        if set(r.target_muscles.split(";")) & set(muscles):
            used.append(r.source)
            out.append((r.name, r.kind, r.dosage, r.description))
    return out


def _dois():
    text = BIB.read_text(encoding="utf-8")
    return {key: doi for key, body in re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", text, flags=re.S)
            for doi in re.findall(r"doi\s*=\s*\{([^}]*)\}", body)}


def _source_list(sources, kb):
    dois = _dois()
    out = []
    for s in dict.fromkeys(sources):
        label = source_label(s, kb)
        out.append(f"{label}, doi:{dois[s]}" if s in dois else label)
    return sorted(dict.fromkeys(out), key=lambda t: (t.startswith("Article"), t))


def red_flags(page=RED_FLAGS_PAGE):
    """(emergency items, see-a-doctor-soon items) from the book's red-flag page, so the
    handouts carry the same list the book (and the deck) does."""
    try:
        return review_red_flags(page)
    except ValueError as error:
        raise HandoutError(str(error)) from None


def cases():
    """The case vignettes: (id, history, candidate muscles in alphabetical order, so the order
    gives nothing away, and the answers with their feedback for the instructor's sheet)."""
    out = []
    for q in load_bank("cases"):
        options = sorted(a["answer"] for a in q["answers"])
        right = [a for a in q["answers"] if a["correct"]]
        wrong = [a for a in q["answers"] if not a["correct"]]
        out.append({"id": q["id"], "history": q["question"], "options": options,
                    "answer": "; ".join(a["answer"] for a in right),
                    "why": " ".join(a["feedback"] for a in right),
                    "others": [(a["answer"], a["feedback"]) for a in wrong]})
    return out
