"""The fact-check record's own rules: what a check may cite, what it may conclude, what a fact may claim.

How sources rank (DESIGN, "What counts as a source"; the kinds of data/sources.csv):
  1. `paper`: a paper in a peer-reviewed journal (PubMed record, publisher's page), read;
  2. `manual_quoted`: a source that quotes or reproduces the Trigger Point Manual or the 1983 papers
     verbatim, with the locator of the quote in the registry (the 1983 papers' own abstracts count);
  3. `professional_summary`: a professional body's or professional's summary, without page references;
  4. `textbook`: a textbook by named authors, cited as a book (the Manual itself, which no check read);
  never the only support: `commercial`, `blog`, `flashcards`, `document_copy`, `aggregator`,
  `spam_mixed`.

The rules, checked at load (each problem names file, row and field):
  - every token of a check's `source` is a registered source, an article section, or the id of an
    existing check it rests on;
  - a check is `confirmed` or `corrected` only if it read a source of kinds 1-4 or rests on a check
    that is itself confirmed or corrected, and never if it rests on one that is not;
  - every row of a checked table has a check;
  - a zone, aggravator or bilateral pattern claims the provenance its checks show: `classic` ("the
    Manual, quoted") when a check that holds read a `manual_quoted` source, `secondary` ("summary")
    when one read a source of kinds 1, 3 or 4, `article` ("article only") otherwise;
  - a differentiator whose checks do not hold cites the article section it comes from (so the
    table says whose claim it is), and the aggravators it gives as pointing to one muscle
    (`points_to`) aggravate that muscle and not the other.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .schema import CHECK_TABLES, EXCLUDED_KINDS, PROVENANCES, SOURCE_KINDS, VERIFIED, Problem

CHECK_ID = re.compile(r"sc\d{3}")
PROVENANCE_TABLES = ("referral_zones", "muscle_aggravators", "bilateral")
CHECKS_FILE, SOURCES_FILE = "data/source_checks.csv", "data/sources.csv"


def _where(row):
    return f"row {row['_row']} (file line {row['_row'] + 1})"


def record_problems(rows):
    """Every way the record contradicts itself or its sources, as Problems."""
    sources, checks = rows["sources"], rows["source_checks"]
    if sources is None or checks is None:
        return []
    kinds = {r["id"]: r["kind"] for r in sources}
    by_id = {c["id"]: c for c in checks}
    problems = [Problem(SOURCES_FILE, _where(r), "locator", "is empty; a source of kind manual_quoted "
                        "names where its quote is (page, figure or 'abstract')")
                for r in sources if r["kind"] == "manual_quoted" and not r["locator"]]
    for check in checks:
        problems += _citation_problems(check, kinds, by_id)
        problems += _verdict_problems(check, kinds, by_id)
    problems += _fact_problems(rows, kinds, by_id)
    problems += _differentiator_problems(rows, by_id)
    return problems


def _citation_problems(check, kinds, by_id):
    out = []
    for token in check["source"].split():
        if token.startswith("article:"):
            continue  # the loader's source check knows the article's sections
        if CHECK_ID.fullmatch(token):
            if token not in by_id:
                out.append(Problem(CHECKS_FILE, _where(check), "source", f"'{token}' names no check; "
                                   "expected the id of a row of data/source_checks.csv"))
        elif token not in kinds:
            out.append(Problem(CHECKS_FILE, _where(check), "source", f"'{token}' is not in "
                               "data/sources.csv; register it there with its kind"))
    return out


def _verdict_problems(check, kinds, by_id):
    if check["verdict"] not in VERIFIED:
        return []
    tokens = check["source"].split()
    rests_on = [by_id[t] for t in tokens if t in by_id]
    weak = [r for r in rests_on if r["verdict"] not in VERIFIED]
    out = [Problem(CHECKS_FILE, _where(check), "verdict", f"'{check['verdict']}' rests on check "
                   f"{r['id']}, which is '{r['verdict']}'; a check holds only if what it rests on holds")
           for r in weak]
    if not weak and not rests_on and not any(kinds.get(t) in SOURCE_KINDS for t in tokens):
        read = sorted({kinds.get(t, "article") for t in tokens})
        out.append(Problem(CHECKS_FILE, _where(check), "verdict", f"'{check['verdict']}' but it read only "
                           f"{', '.join(read)}; a source of an excluded kind ({', '.join(EXCLUDED_KINDS)}) "
                           "or the article alone supports nothing: use 'unverified' or 'article_only'"))
    return out


def shown_provenance(check_ids, kinds, by_id):
    """The provenance the holding checks of a fact show: classic, secondary or article."""
    best = "article"
    for ident in check_ids:
        best = max(best, _check_level(by_id[ident], kinds, by_id, set()), key=_rank)
    return best


def _check_level(check, kinds, by_id, seen):
    if check["verdict"] not in VERIFIED or check["id"] in seen:
        return "article"
    seen.add(check["id"])
    level = "article"
    for token in check["source"].split():
        if token in by_id:
            found = _check_level(by_id[token], kinds, by_id, seen)
        else:
            found = {"manual_quoted": "classic"}.get(kinds.get(token),
                                                     "secondary" if kinds.get(token) in SOURCE_KINDS else "article")
        level = max(level, found, key=_rank)
    return level


def _rank(provenance):
    return -PROVENANCES.index(provenance)  # classic first in PROVENANCES, so it ranks highest


def checks_of(checks):
    """{("table", "row id"): [check ids]} for the checks that name a table row."""
    found = defaultdict(list)
    for check in checks:
        table, _, ident = check["checked"].partition(":")
        found[(table, ident)].append(check["id"])
    return found


def _fact_problems(rows, kinds, by_id):
    found, out = checks_of(rows["source_checks"]), []
    for table in CHECK_TABLES:
        display = f"data/{table}.csv"
        for row in rows[table] or ():
            ids = found.get((table, row["id"]))
            if not ids:
                out.append(Problem(display, _where(row), "id", f"'{row['id']}' has no check; add a row to "
                                   f"data/source_checks.csv whose checked is '{table}:{row['id']}'"))
            elif table in PROVENANCE_TABLES and row["provenance"] in PROVENANCES:
                shown = shown_provenance(ids, kinds, by_id)
                if row["provenance"] != shown:
                    out.append(Problem(display, _where(row), "provenance", f"'{row['provenance']}' but its "
                                       f"checks ({', '.join(ids)}) show '{shown}' (classic: a source quoting the "
                                       "Manual was read; secondary: a paper, professional summary or textbook; "
                                       "article: nothing beyond the article)"))
    return out


def _differentiator_problems(rows, by_id):
    display, out = "data/differentiators.csv", []
    provokes = {(r["muscle"], r["aggravator"]) for r in rows["muscle_aggravators"] or ()}
    found = checks_of(rows["source_checks"])
    for row in rows["differentiators"] or ():
        held = any(by_id[c]["verdict"] in VERIFIED for c in found.get(("differentiators", row["id"]), ()))
        if not held and not row["source"].startswith("article:"):
            out.append(Problem(display, _where(row), "source", f"'{row['source']}' but no check of this row "
                               "holds; cite the article section it comes from, or drop the row"))
        for agg in filter(None, (a.strip() for a in row["points_to"].split(";"))):
            if (row["muscle"], agg) not in provokes:
                out.append(Problem(display, _where(row), "points_to", f"'{agg}' does not aggravate "
                                   f"{row['muscle']} in data/muscle_aggravators.csv"))
            elif (row["versus"], agg) in provokes:
                out.append(Problem(display, _where(row), "points_to", f"'{agg}' aggravates both "
                                   f"{row['muscle']} and {row['versus']}, so it cannot tell them apart"))
    return out
