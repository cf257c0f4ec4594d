"""Reference tables of the knowledge base for lessons and reference pages: muscle cards,
comparisons, causes, treatments, exercises, evidence, glossary.

Each returns a display object from `display` (deterministic, accessible HTML; no colour-only
cues, no ids that vary between runs).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..display import HtmlCard, HtmlGroup, HtmlTable
from .loader import load_knowledge_base
from .schema import CHECK_TABLES, EXCLUDED_KINDS, SOURCE_KINDS

STRENGTH_LABELS = {
    "moderate": "Moderate",
    "limited": "Limited",
    "very_limited": "Very limited",
    "indirect": "Indirect (different condition)",
    "expert_opinion": "Expert opinion",
}


# ---------------------------------------------------------------- labels

@lru_cache(maxsize=4)
def _bib_labels(bib_path: Path):
    """'liu2018drylowback' -> 'Liu et al. 2018', from the author and year fields."""
    text = bib_path.read_text(encoding="utf-8")
    labels = {}
    for key, body in re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", text, flags=re.S):
        authors = re.search(r"author\s*=\s*\{(.*)\},", body)
        year = re.search(r"year\s*=\s*\{(\d{4})\}", body)
        names = [a.split(",")[0].strip() for a in authors.group(1).split(" and ")] if authors else [key]
        names = [_plain(n) for n in names]
        who = names[0] if len(names) == 1 else (
            f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al.")
        labels[key] = f"{who} {year.group(1)}" if year else who
    return labels


def _plain(name):
    # Drop BibTeX accents and braces: Castro-S{\'a}nchez -> Castro-Sanchez.
    return re.sub(r"\\.|[{}]", "", name)


def source_label(source, kb=None):
    """A reader-facing label for a `source` value (article section or BibTeX key)."""
    kb = kb or load_knowledge_base()
    if source.startswith("article:"):
        titles = dict(zip(kb.article_sections.id, kb.article_sections.title))
        return f"Article: {titles.get(source[8:], source[8:])}"
    return _bib_labels(kb.data_dir.parent / "book" / "references.bib").get(source, source)


def _labels(frame, column="label"):
    return dict(zip(frame.id, frame[column]))


def _join(values):
    return "; ".join(dict.fromkeys(v for v in values if v)) or "none recorded"


# ---------------------------------------------------------------- helpers for lessons

def muscle_card(muscle_id):
    """Name, parts, attachments, action, nerves, aggravators and trigger points of one muscle."""
    kb = load_knowledge_base()
    muscle = _one(kb.muscles, muscle_id, "muscle", kb.muscle_ids)
    parts = kb.parts[kb.parts.muscle == muscle_id]
    aggravators = _labels(kb.aggravators)
    agg = kb.muscle_aggravators[kb.muscle_aggravators.muscle == muscle_id]
    facts = [
        ("Parts", "; ".join(parts.name)),
        ("Origin", muscle.origin), ("Insertion", muscle.insertion), ("Action", muscle.action),
        ("Innervation", muscle.innervation), ("Related nerves", muscle.related_nerves),
        ("Aggravated by", _join(_marked(aggravators[r.aggravator], r) for r in agg.itertuples())),
        ("Source", source_label(muscle.source, kb)),
    ]
    return HtmlCard(muscle["name"], facts, _part_table(kb, muscle, parts))


def _marked(label, row):
    """A zone or aggravator label, flagged when only the source article supports it."""
    return f"{label} (unconfirmed)" if row.provenance == "article" else label


def _part_table(kb, muscle, parts):
    regions = _labels(kb.regions)
    rows = []
    for part in parts.itertuples():
        tps = kb.distinct_points[kb.distinct_points.part == part.id]
        zones = kb.referral_zones[kb.referral_zones.part == part.id]
        rows.append([
            part.name,
            _join(f"{t.description.rstrip('.')} ({regions[t.region]}, {t.view} view)"
                  for t in tps.itertuples()),
            _join(_marked(regions[z.region], z) for z in zones.itertuples() if z.zone == "essential"),
            _join(_marked(regions[z.region], z) for z in zones.itertuples() if z.zone == "spillover"),
            _join(source_label(s, kb) for s in [*tps.source, *zones.source]),
        ])
    headers = ["Part", "Trigger points", "Essential referral zone", "Spillover zone", "Sources"]
    return HtmlTable(f"{muscle['name']}: trigger points and referral zones", headers, rows)


def compare_table(muscle_id):
    """How to tell this muscle from its neighbours (the article's differentiators and more)."""
    kb = load_knowledge_base()
    muscle = _one(kb.muscles, muscle_id, "muscle", kb.muscle_ids)
    names = _labels(kb.muscles, "name")
    diff = kb.differentiators
    rows = [[names[r.versus if r.muscle == muscle_id else r.muscle], r.criterion.replace("_", " "),
             r.statement, source_label(r.source, kb)]
            for r in diff[(diff.muscle == muscle_id) | (diff.versus == muscle_id)].itertuples()]
    return HtmlTable(f"Telling {muscle['name']} apart from other muscles",
                     ["Compared with", "Criterion", "How to tell", "Source"], rows)


def cause_table():
    """Causes and contributing factors of low back trigger points."""
    kb = load_knowledge_base()
    rows = [[r.name, r.category, r.description, source_label(r.source, kb)] for r in kb.causes.itertuples()]
    return HtmlTable("Causes of low back trigger points", ["Cause", "Type", "How it contributes", "Source"], rows)


def treatment_table():
    """Treatments, who may give them, and the evidence rows that bear on them."""
    kb = load_knowledge_base()
    studies = dict(zip(kb.evidence.id, kb.evidence.citation))
    rows = [[r.name, r.kind.replace("_", " "), r.description, r.who,
             _join(source_label(studies[e], kb) for e in r.evidence.split(";") if e),
             source_label(r.source, kb)] for r in kb.treatments.itertuples()]
    headers = ["Treatment", "Kind", "What it involves", "Who may give it", "Evidence", "Source"]
    return HtmlTable("Treatments for low back trigger points", headers, rows)


def exercise_table(muscle_id=None):
    """Stretches and strengthening exercises, optionally only those for one muscle."""
    kb = load_knowledge_base()
    names = _labels(kb.muscles, "name")
    exercises = kb.exercises
    caption = "Exercises"
    if muscle_id is not None:
        muscle = _one(kb.muscles, muscle_id, "muscle", kb.muscle_ids)
        exercises = exercises[exercises.target_muscles.str.split(";").apply(lambda ids: muscle_id in ids)]
        caption = f"Exercises for {muscle['name']}"
    rows = [[r.name, r.kind, _join([*(names[m] for m in r.target_muscles.split(";")), r.other_targets]),
             r.dosage, r.description, source_label(r.source, kb)] for r in exercises.itertuples()]
    return HtmlTable(caption, ["Exercise", "Type", "Targets", "Dosage", "How", "Source"], rows)


def evidence_table():
    """What the article claimed, what the studies actually show, and how strong that is."""
    kb = load_knowledge_base()
    treatments = _labels(kb.treatments, "name")
    rows = [[source_label(r.citation, kb), treatments.get(r.treatment, "trigger points in general"),
             r.article_claim, r.correction, r.finding, STRENGTH_LABELS[r.strength]]
            for r in kb.evidence.itertuples()]
    headers = ["Study", "Topic", "What the article claimed", "Correction", "What the study found",
               "Strength of evidence"]
    return HtmlTable("The research behind the treatments, checked", headers, rows)


def glossary_table():
    """Every glossary term, alphabetically."""
    kb = load_knowledge_base()
    glossary = kb.glossary.sort_values("term", key=lambda s: s.str.lower(), kind="stable")
    rows = [[r.term, r.definition, source_label(r.source, kb)] for r in glossary.itertuples()]
    return HtmlTable("Glossary", ["Term", "Meaning", "Source"], rows)


VERDICT_LABELS = {"confirmed": "confirmed", "corrected": "corrected",
                  "article_only": "article only", "unverified": "unverified"}


def _sources_text(sources, kb):
    return "; ".join(s if s.startswith("http") else source_label(s, kb) for s in sources.split())


def fact_check_table(verdict="corrected"):
    """The rows of the fact-check record (data/source_checks.csv) with one verdict."""
    kb = load_knowledge_base()
    checks = kb.source_checks[kb.source_checks["verdict"] == verdict]
    rows = [[r.checked, r.claim, r.note, _sources_text(r.source, kb), r.confidence]
            for r in checks.itertuples()]
    caption = (f"Fact check, {VERDICT_LABELS[verdict]}: {len(rows)} of "
               f"{len(kb.source_checks)} checks")
    return HtmlTable(caption, ["What was checked", "Claim", "What we found", "Sources read",
                               "Confidence"], rows)


def fact_check_summary():
    """How many rows of each checked table got each verdict, plus the lesson and reference checks."""
    kb = load_knowledge_base()
    kinds = kb.source_checks["checked"].str.split(":").str[0]
    rows = []
    for kind in [*CHECK_TABLES, "lesson", "references"]:
        verdicts = kb.source_checks.loc[kinds == kind, "verdict"]
        rows.append([kind.replace("_", " "), len(verdicts),
                     *(int((verdicts == v).sum()) for v in VERDICT_LABELS)])
    return HtmlTable("Fact check: verdicts by table", ["Checked", "Checks",
                     *(v.capitalize() for v in VERDICT_LABELS.values())], rows)


KIND_LABELS = {"paper": "Peer-reviewed paper", "manual_quoted": "Quotes the Manual or the 1983 papers",
               "professional_summary": "Professional summary", "textbook": "Textbook (the Manual, unread)",
               "commercial": "Commercial page (excluded)", "blog": "Blog (excluded)",
               "flashcards": "Flashcards (excluded)", "document_copy": "Document-sharing copy (excluded)",
               "aggregator": "Aggregator (excluded)", "spam_mixed": "Spam-mixed copy (excluded)",
               "article": "The source article"}


def best_kind(sources, kinds):
    """The weightiest kind among a check's sources (DESIGN's order), 'article' when only the article."""
    order = [*SOURCE_KINDS, *EXCLUDED_KINDS, "article"]
    found = [kinds.get(t, "article" if t.startswith("article:") else None) for t in sources.split()]
    return min((k for k in found if k), key=order.index, default="article")


def source_kind_table():
    """For each kind of source: sources registered, checks citing one, and checks it is the best of."""
    kb = load_knowledge_base()
    kinds = dict(zip(kb.sources["id"], kb.sources["kind"]))
    cited = [{kinds.get(t, "article") for t in s.split() if t in kinds or t.startswith("article:")}
             for s in kb.source_checks["source"]]
    best = [best_kind(s, kinds) for s in kb.source_checks["source"]]
    rows = [[KIND_LABELS[k], int((kb.sources["kind"] == k).sum()), sum(k in c for c in cited), best.count(k)]
            for k in [*SOURCE_KINDS, *EXCLUDED_KINDS, "article"]]
    return HtmlTable(f"Sources by kind: {len(kb.sources)} sources, {len(kb.source_checks)} checks",
                     ["Kind", "Sources", "Checks citing one", "Checks whose best source it is"], rows)


def knowledge_tables():
    """The reference page: one card (anatomy plus trigger-point table) per muscle."""
    kb = load_knowledge_base()
    cards = [muscle_card(m) for m in kb.muscle_ids]
    return HtmlGroup(cards, f"Knowledge base: {len(cards)} muscles, {len(kb.parts)} parts, "
                            f"{len(kb.distinct_points)} trigger points, {len(kb.referral_zones)} referral zones")


def _one(frame, ident, noun, known):
    rows = frame[frame.id == ident]
    if rows.empty:
        import difflib
        close = difflib.get_close_matches(str(ident), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise KeyError(f"'{ident}' is not a known {noun}{hint}; choose from: {', '.join(known)}")
    return rows.iloc[0]
