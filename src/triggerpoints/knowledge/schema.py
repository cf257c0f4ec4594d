"""What the knowledge base is made of: the tables, their columns and enumerations, the errors.

Each table of data/ is described once here (`TABLES`); the loader checks every row against
it and builds a `KnowledgeBase` only when nothing is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

CHAPTERS = ("quadratus_lumborum", "erector_spinae", "gluteals", "piriformis",
            "iliopsoas", "hamstrings_adductors")
VIEWS = ("posterior", "anterior", "lateral")
REGION_VIEWS = ("posterior", "anterior")  # a region's own view
SHARING_VIEWS = ("lateral",)  # views that draw the regions of the others (a trigger point there may be in any)
ZONES = ("essential", "spillover")
AGGRAVATOR_KINDS = ("activity", "posture", "movement")
CRITERIA = ("location", "aggravating_factors", "referral_pattern", "palpation", "muscle_testing")
CAUSE_CATEGORIES = ("primary", "contributing")
TREATMENT_KINDS = ("manual", "needling", "exercise", "self_management")
EXERCISE_KINDS = ("stretch", "strengthen")
STRENGTHS = ("moderate", "limited", "very_limited", "indirect", "expert_opinion")
# What was read for a zone, aggravator or bilateral pattern (data/source_checks.csv says which source):
#   classic   = "the Manual, quoted": a check read a source of kind manual_quoted, with its locator;
#   secondary = "summary": a check read a paper, a professional summary or a textbook, no Manual quote;
#   article   = "article only": nothing beyond the course's source article supports it.
PROVENANCES = ("classic", "secondary", "article")
VERDICTS = ("confirmed", "corrected", "article_only", "unverified")
VERIFIED = ("confirmed", "corrected")   # verdicts that say a source read supports the fact
CONFIDENCES = ("high", "medium", "low")
# The kinds of source, in DESIGN's order of weight ("What counts as a source"), then the kinds that
# may never be a fact's only support.
SOURCE_KINDS = ("paper", "manual_quoted", "professional_summary", "textbook")
EXCLUDED_KINDS = ("commercial", "blog", "flashcards", "document_copy", "aggregator", "spam_mixed")


@dataclass(frozen=True)
class Table:
    """What one CSV must hold: columns, enumerations and links to other tables."""

    name: str
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()          # may be empty (all others are required)
    enums: dict = field(default_factory=dict)       # column -> allowed values
    refs: dict = field(default_factory=dict)        # column -> table whose ids it names
    multi_refs: dict = field(default_factory=dict)  # column -> table, ';'-separated ids
    floats: dict = field(default_factory=dict)      # column -> (low, high)
    has_source: bool = True
    snake_ids: bool = True                          # False where ids are addresses (sources)


TABLES = (
    Table("article_sections", ("id", "title"), has_source=False),
    Table("regions", ("id", "label", "view", "description", "source"), enums={"view": REGION_VIEWS}),
    Table("muscles", ("id", "name", "chapter", "origin", "insertion", "action", "innervation",
                      "related_nerves", "source"), enums={"chapter": CHAPTERS}),
    Table("parts", ("id", "muscle", "name", "description", "source"), refs={"muscle": "muscles"}),
    Table("trigger_points", ("id", "part", "view", "region", "x", "y", "description", "source"),
          enums={"view": VIEWS}, refs={"part": "parts", "region": "regions"},
          floats={"x": (0.0, 100.0), "y": (0.0, 200.0)}),
    Table("referral_zones", ("id", "part", "point", "region", "zone", "provenance", "source", "note"),
          optional=("note",), enums={"zone": ZONES, "provenance": PROVENANCES},
          refs={"part": "parts", "region": "regions"}),
    # Patterns the sources describe as often on both sides of the body.
    Table("bilateral", ("id", "part", "provenance", "source", "note"), enums={"provenance": PROVENANCES},
          refs={"part": "parts"}),
    Table("aggravators", ("id", "label", "kind", "description", "source"),
          enums={"kind": AGGRAVATOR_KINDS}),
    Table("muscle_aggravators", ("id", "muscle", "aggravator", "provenance", "source", "note"),
          optional=("note",), enums={"provenance": PROVENANCES},
          refs={"muscle": "muscles", "aggravator": "aggravators"}),
    # points_to: the aggravators the statement gives as pointing to `muscle` rather than `versus`
    # (record.py refuses one that activates both: a shared activity tells nothing apart).
    Table("differentiators", ("id", "muscle", "versus", "criterion", "statement", "source", "points_to"),
          optional=("points_to",), enums={"criterion": CRITERIA}, refs={"muscle": "muscles", "versus": "muscles"},
          multi_refs={"points_to": "aggravators"}),
    Table("causes", ("id", "name", "category", "description", "source"),
          enums={"category": CAUSE_CATEGORIES}),
    Table("evidence", ("id", "citation", "treatment", "article_claim", "correction", "finding",
                       "strength", "source"), optional=("treatment",),
          enums={"strength": STRENGTHS}, refs={"treatment": "treatments"}),
    Table("treatments", ("id", "name", "kind", "description", "who", "evidence", "source"),
          optional=("evidence",), enums={"kind": TREATMENT_KINDS},
          multi_refs={"evidence": "evidence"}),
    Table("exercises", ("id", "name", "kind", "target_muscles", "other_targets", "dosage",
                        "description", "source"), optional=("other_targets",),
          enums={"kind": EXERCISE_KINDS}, multi_refs={"target_muscles": "muscles"}),
    Table("glossary", ("id", "term", "definition", "source")),
    # Every source the record cites (a URL or a BibTeX key) and its kind; a source of kind
    # manual_quoted names the quote's locator.
    Table("sources", ("id", "kind", "title", "quotes", "locator", "note"),
          optional=("quotes", "locator", "note"), enums={"kind": (*SOURCE_KINDS, *EXCLUDED_KINDS)},
          has_source=False, snake_ids=False),
    # The fact-check record: `checked` names "table:row id", "lesson:<notebook>" or
    # "references:<key>"; `source` is what was read: ids of data/sources.csv (URLs, BibTeX keys),
    # article:<section>, or the id of another check this one rests on (sc106).
    Table("source_checks", ("id", "checked", "claim", "source", "verdict", "confidence", "note"),
          enums={"verdict": VERDICTS, "confidence": CONFIDENCES}, has_source=False),
)
TABLE_NAMES = tuple(t.name for t in TABLES)
# Tables every row of which carries a check in data/source_checks.csv.
CHECK_TABLES = ("referral_zones", "bilateral", "trigger_points", "muscle_aggravators", "differentiators",
                "evidence", "treatments", "exercises", "causes", "glossary", "muscles")


class KnowledgeBaseError(ValueError):
    """Every problem found in the data, each naming file, row, column and what was expected."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(_format_problems(self.problems))


@dataclass(frozen=True)
class Problem:
    file: str
    where: str      # "row 14 (file line 15)", "file line 3", or "" for whole-file problems
    column: str
    message: str

    def __str__(self):
        parts = [p for p in (self.where, f"column {self.column}" if self.column else "") if p]
        prefix = ", ".join(parts)
        return f"  {prefix}: {self.message}" if prefix else f"  {self.message}"


def _format_problems(problems):
    by_file = {}
    for p in problems:
        by_file.setdefault(p.file, []).append(p)
    blocks = []
    for name, items in by_file.items():
        noun = "problem" if len(items) == 1 else "problems"
        blocks.append(f"{len(items)} {noun} in {name}\n" + "\n".join(str(p) for p in items))
    return "\n".join(blocks)


@dataclass(frozen=True)
class KnowledgeBase:
    """The validated knowledge base: one DataFrame per table plus the id vocabularies.

    Treat the DataFrames as read-only: they are shared by every caller (cached).
    """

    data_dir: Path
    regions: pd.DataFrame
    muscles: pd.DataFrame
    parts: pd.DataFrame
    trigger_points: pd.DataFrame
    referral_zones: pd.DataFrame
    bilateral: pd.DataFrame
    aggravators: pd.DataFrame
    muscle_aggravators: pd.DataFrame
    differentiators: pd.DataFrame
    causes: pd.DataFrame
    treatments: pd.DataFrame
    exercises: pd.DataFrame
    evidence: pd.DataFrame
    glossary: pd.DataFrame
    sources: pd.DataFrame
    source_checks: pd.DataFrame
    article_sections: pd.DataFrame
    bib_keys: tuple
    region_ids: tuple
    aggravator_ids: tuple
    muscle_ids: tuple
    part_ids: tuple

    def __repr__(self):
        counts = ", ".join(f"{n}={len(getattr(self, n))}" for n in TABLE_NAMES)
        return f"KnowledgeBase({counts})"

    @property
    def distinct_points(self):
        """Each trigger point once: a row on the lateral view places a point of another view again."""
        return self.trigger_points[~self.trigger_points["view"].isin(SHARING_VIEWS)]
