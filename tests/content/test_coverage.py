"""The lessons cover every claim of the source article, and repeat none of its errors.

tests/article_claims.csv lists each claim the article makes (one row each, by article
section), the lesson notebook that teaches it, 1-3 lowercase keywords or phrases that
must appear in that lesson's Markdown, and, for a claim that a muscle refers somewhere or that
something makes it worse, the data rows it rests on (`facts`). tests/content/lesson_facts.csv does the
same for patterns and aggravators the lessons teach from the published summaries rather than
the article. A fact is `zone:<part or muscle>:<region>` or `aggravator:<muscle>:<aggravator>`,
ending in `=article` when only the source article supports it: the lesson must then not be
relying on a classic or secondary row, and a fact without the mark must have one. The error checks protect against the article's known
mistakes: Liu 2015 (a neck and shoulder review) cited for the low back, Castro-Sanchez 2011 (a
fibromyalgia trial) presented as a low back study, and its "knowledge cutoff" sentence.
"""

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

CLAIMS_CSV = ROOT / "tests" / "content" / "article_claims.csv"
SECTIONS_CSV = ROOT / "data" / "article_sections.csv"
BIB = ROOT / "book" / "references.bib"
LESSON_DIR = ROOT / "notebooks"
LESSONS = sorted(LESSON_DIR.glob("[0-9][0-9]_*.ipynb"))
COLUMNS = ["id", "section", "claim", "lesson", "keywords", "facts"]
LESSON_FACTS_CSV = ROOT / "tests" / "content" / "lesson_facts.csv"
ARTICLE_SECTIONS = (
    "intro understanding common-muscles causes ql erector-spinae gluteals piriformis iliopsoas "
    "treatment-manual research-mfr research-dry-needling stretching-strengthening posture "
    "activity-modification"
).split()


def read_claims():
    with CLAIMS_CSV.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


FIELDS, CLAIMS = read_claims()


def section_ids():
    if SECTIONS_CSV.exists():
        with SECTIONS_CSV.open(encoding="utf-8", newline="") as f:
            return [row["id"] for row in csv.DictReader(f)]
    return ARTICLE_SECTIONS


def markdown_of(path):
    """The Markdown cells of a notebook, lowercased, emphasis stripped, whitespace collapsed."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n\n".join(
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in nb["cells"]
        if c["cell_type"] == "markdown"
    )
    return text


def normalise(text):
    text = text.lower().replace("\u2019", "'").replace("*", "")
    return re.sub(r"\s+", " ", text)


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def lesson_path(stem):
    return LESSON_DIR / f"{stem}.ipynb"


def where(row):
    return f"{CLAIMS_CSV.relative_to(ROOT)} row id {row['id']!r}"


# --- the claims table itself -------------------------------------------------------------


def test_claims_file_has_the_expected_columns():
    assert FIELDS == COLUMNS, f"{CLAIMS_CSV.name}: header {FIELDS}, expected {COLUMNS}"


def test_claim_ids_are_unique():
    seen = set()
    for row in CLAIMS:
        assert row["id"] not in seen, f"{where(row)}: duplicate id"
        seen.add(row["id"])


def test_every_row_is_well_formed():
    known = set(section_ids())
    for row in CLAIMS:
        assert row["section"] in known, f"{where(row)}, column section: {row['section']!r} is not an article section {sorted(known)}"
        assert row["claim"].strip(), f"{where(row)}, column claim: empty"
        assert re.fullmatch(r"\d\d_[a-z_]+", row["lesson"]), f"{where(row)}, column lesson: {row['lesson']!r} is not a lesson stem like '02_quadratus_lumborum'"
        keywords = [k for k in row["keywords"].split(";")]
        assert 1 <= len(keywords) <= 3, f"{where(row)}, column keywords: expected 1-3 keywords separated by ';', got {len(keywords)}"
        for k in keywords:
            assert k and k == k.strip() and k == k.lower(), f"{where(row)}, column keywords: {k!r} must be non-empty, trimmed and lowercase"


def test_every_article_section_has_claims():
    covered = {row["section"] for row in CLAIMS}
    missing = [s for s in section_ids() if s not in covered]
    assert not missing, f"{CLAIMS_CSV.name}: no claims for article sections {missing}"


# --- every claim is taught -----------------------------------------------------------------


@pytest.mark.parametrize("row", CLAIMS, ids=[row["id"] for row in CLAIMS])
def test_claim_is_taught_in_its_lesson(row):
    path = lesson_path(row["lesson"])
    assert path.exists(), f"{where(row)}, column lesson: notebooks/{path.name} does not exist"
    text = normalise(markdown_of(path))
    missing = [k for k in row["keywords"].split(";") if k not in text]
    assert not missing, (
        f"{where(row)} ({row['section']}: {row['claim']}): notebooks/{path.name} Markdown "
        f"does not contain {missing}"
    )


# --- "X refers to Y" and "Y makes X worse" in a lesson have matching data rows -------------


def read_lesson_facts():
    with LESSON_FACTS_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


LESSON_FACTS = read_lesson_facts()


def data_rows(name):
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


PART_MUSCLE = {r["id"]: r["muscle"] for r in data_rows("parts")}
ZONES = data_rows("referral_zones")
AGGRAVATES = data_rows("muscle_aggravators")


def rows_for(fact):
    kind, subject, target = fact.split(":")
    if kind == "zone":
        return [r for r in ZONES if subject in (r["part"], PART_MUSCLE[r["part"]]) and r["region"] == target]
    assert kind == "aggravator", f"unknown fact kind {kind!r} in {fact!r}"
    return [r for r in AGGRAVATES if r["muscle"] == subject and r["aggravator"] == target]


def fact_problems(facts, where):
    problems = []
    for fact in filter(None, facts.split(";")):
        plain, _, mark = fact.partition("=")
        found = rows_for(plain)
        article = bool(found) and all(r["provenance"] == "article" for r in found)
        if not found:
            problems.append(f"{where}: {plain} has no row in data/")
        elif mark == "article" and not article:
            problems.append(f"{where}: {plain} is marked =article but a classic or secondary row supports it")
        elif mark != "article" and article:
            problems.append(f"{where}: {plain} rests on article-only rows; mark it =article")
    return problems


def test_article_claims_of_patterns_and_aggravators_have_matching_rows():
    problems = [p for row in CLAIMS for p in fact_problems(row["facts"], where(row))]
    assert not problems, "\n".join(problems)
    assert sum(bool(row["facts"]) for row in CLAIMS) >= 25


@pytest.mark.parametrize("row", LESSON_FACTS, ids=[row["id"] for row in LESSON_FACTS])
def test_lesson_patterns_and_aggravators_are_taught_and_in_the_data(row):
    where_ = f"tests/content/lesson_facts.csv row id {row['id']!r}"
    text = normalise(markdown_of(lesson_path(row["lesson"])))
    missing = [k for k in row["keywords"].split(";") if k not in text]
    assert not missing, f"{where_}: notebooks/{row['lesson']}.ipynb Markdown does not contain {missing}"
    problems = fact_problems(row["facts"], where_)
    assert not problems, "\n".join(problems)


def test_the_fact_check_catches_an_article_zone_taught_as_confirmed():
    assert fact_problems("zone:ql_superficial:lower_ribs", "x") == [
        "x: zone:ql_superficial:lower_ribs rests on article-only rows; mark it =article"]
    assert "supports it" in fact_problems("zone:piriformis:sacroiliac=article", "x")[0]
    assert "no row" in fact_problems("aggravator:piriformis:coughing_sneezing", "x")[0]


# --- no lesson repeats the article's known errors -----------------------------------------


@pytest.fixture(params=LESSONS, ids=lambda p: p.name)
def lesson(request):
    return request.param


def test_no_knowledge_cutoff_sentence(lesson):
    raw = normalise(lesson.read_text(encoding="utf-8"))
    assert "knowledge cutoff" not in raw and "knowledge cut-off" not in raw, (
        f"notebooks/{lesson.name}: the article's 'knowledge cutoff' sentence must never appear"
    )


def test_liu_2015_is_never_presented_as_low_back_evidence(lesson):
    for p in paragraphs(markdown_of(lesson)):
        t = normalise(p)
        if "liu2015" in t or (re.search(r"\bliu\b", t) and "2015" in t):
            assert "neck" in t or "shoulder" in t, (
                f"notebooks/{lesson.name}: a paragraph mentions Liu 2015 without saying it is a "
                f"neck and shoulder review (the low back review is Liu 2018): {p[:160]!r}"
            )


def test_castro_sanchez_is_never_presented_as_a_low_back_study(lesson):
    for p in paragraphs(markdown_of(lesson)):
        t = normalise(p)
        if re.search(r"\bcastro", t):
            assert "fibromyalgia" in t, (
                f"notebooks/{lesson.name}: a paragraph mentions Castro-Sanchez 2011 without saying "
                f"it studied fibromyalgia, not low back pain: {p[:160]!r}"
            )


def test_furlan_2005_is_not_called_a_dry_needling_trial_alone(lesson):
    for p in paragraphs(markdown_of(lesson)):
        t = normalise(p)
        if re.search(r"\bfurlan", t) and "2005" in t:
            assert "acupuncture" in t, (
                f"notebooks/{lesson.name}: Furlan 2005 is a Cochrane review mostly of acupuncture; "
                f"say so where it is cited: {p[:160]!r}"
            )


# --- citations and the red-flags link ------------------------------------------------------


def bib_keys():
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", BIB.read_text(encoding="utf-8")))


def test_citations_use_keys_from_references_bib(lesson):
    keys = bib_keys()
    text = markdown_of(lesson)
    cited = set()
    for group in re.findall(r"\{(?:foot)?cite(?::[a-z]+)?\}`([^`]+)`", text):
        cited.update(k.strip() for k in group.split(","))
    unknown = sorted(cited - keys)
    assert not unknown, f"notebooks/{lesson.name}: citation keys not in book/references.bib: {unknown}"
    if "{footcite" in text:
        assert "{footbibliography}" in text, f"notebooks/{lesson.name}: uses footcite but has no footbibliography directive"


def test_lesson_links_the_red_flags_page(lesson):
    assert "red_flags.md" in markdown_of(lesson), (
        f"notebooks/{lesson.name}: no link to the red flags page (../book/red_flags.md)"
    )
