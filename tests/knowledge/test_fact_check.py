"""The fact-check record, the source registry and the provenance of every zone and aggravator.

data/source_checks.csv records, for every row of the checked tables, which sources were read
and the verdict; data/sources.csv gives each source its kind (DESIGN's ranking); zones,
aggravators and bilateral patterns claim the provenance their checks show, and the loader
refuses anything else, naming file, row and field.
"""

import re
import shutil

import pytest
from conftest import ROOT

from triggerpoints.knowledge import KnowledgeBaseError, clear_cache, load_knowledge_base
from triggerpoints.knowledge.reference import CHECK_TABLES, fact_check_summary, fact_check_table
from triggerpoints.knowledge.record import checks_of, shown_provenance
from triggerpoints.knowledge.schema import EXCLUDED_KINDS, PROVENANCES, SOURCE_KINDS, VERIFIED


def _records(kb):
    kinds = dict(zip(kb.sources["id"], kb.sources["kind"]))
    by_id = {r["id"]: r for r in kb.source_checks.to_dict("records")}
    return kinds, by_id, checks_of(by_id.values())


@pytest.mark.parametrize("table", ["muscle_aggravators", "bilateral"])
def test_every_aggravator_and_bilateral_pattern_claims_what_its_checks_read(kb, table):
    kinds, by_id, found = _records(kb)
    frame = getattr(kb, table)
    for row in frame.itertuples():
        shown = shown_provenance(found[(table, row.id)], kinds, by_id)
        assert row.provenance == shown, f"data/{table}.csv {row.id}: {row.provenance}, checks show {shown}"
        assert (row.provenance == "article") == row.source.startswith("article:"), row.id


def test_map_rows_claim_what_their_checks_read(kb):
    kinds, by_id, found = _records(kb)
    wrong = [r.id for r in kb.referral_zones.itertuples()
             if r.provenance != shown_provenance(found[("referral_zones", r.id)], kinds, by_id)]
    assert not wrong, f"provenance to fix: {wrong}"
    assert not (kb.referral_zones.provenance == "classic").any(), "no source quoting the Manual was read"


def test_no_verified_check_rests_on_excluded_kinds_alone(kb):
    kinds, by_id, _ = _records(kb)
    for check in by_id.values():
        if check["verdict"] not in VERIFIED:
            continue
        tokens = check["source"].split()
        strong = [t for t in tokens if kinds.get(t) in SOURCE_KINDS or by_id.get(t, {}).get("verdict") in VERIFIED]
        assert strong, f"{check['id']} is {check['verdict']} on {[kinds.get(t, t) for t in tokens]}"


def test_the_registry_gives_every_cited_source_a_kind_and_kind_two_its_locator(kb):
    kinds = dict(zip(kb.sources["id"], kb.sources["kind"]))
    assert set(kinds.values()) <= set(SOURCE_KINDS) | set(EXCLUDED_KINDS)
    assert {"paper", "manual_quoted", "professional_summary", "textbook"} <= set(kinds.values())
    for check in kb.source_checks.itertuples():
        for token in check.source.split():
            assert token.startswith("article:") or token in kinds or token in set(kb.source_checks["id"]), token
    quoted = kb.sources[kb.sources["kind"] == "manual_quoted"]
    assert quoted["locator"].str.len().gt(0).all()
    assert kinds["travell1992manual"] == "textbook"  # the Manual itself was not read: citing it is not "classic"


@pytest.mark.parametrize("table", CHECK_TABLES)
def test_the_record_covers_every_row(kb, table):
    checked = set(kb.source_checks["checked"])
    missing = [i for i in getattr(kb, table)["id"] if f"{table}:{i}" not in checked]
    assert not missing, f"data/source_checks.csv has no check for data/{table}.csv rows {missing}"


def test_each_check_names_what_it_checked_and_sources_that_can_be_found(kb):
    tables, sections = set(CHECK_TABLES), {f"article:{s}" for s in kb.article_sections["id"]}
    for row in kb.source_checks.itertuples():
        kind, _, what = row.checked.partition(":")
        assert kind in tables | {"lesson", "references"} and what, f"{row.id}: checked {row.checked!r}"
        if kind == "references":
            assert what in kb.bib_keys or row.verdict != "confirmed", f"{row.id}: {what} not in references.bib"
        for source in row.source.split():
            known = source in kb.bib_keys or source in sections
            assert re.match(r"https?://\S+$", source) or known, f"{row.id}: source {source!r}"
        assert row.note.strip(), f"{row.id}: a check needs a note saying what was found"


def test_a_row_that_is_gone_is_recorded_as_a_correction(kb):
    for row in kb.source_checks.itertuples():
        kind, _, what = row.checked.partition(":")
        if kind in CHECK_TABLES and what not in set(getattr(kb, kind)["id"]):
            assert row.verdict in ("corrected", "unverified"), f"{row.id}: {row.checked} is not in data/{kind}.csv"


def test_every_verdict_is_used_and_every_correction_reaches_the_page(kb):
    counts = kb.source_checks["verdict"].value_counts()
    assert set(counts.index) == {"confirmed", "corrected", "article_only", "unverified"}
    page = fact_check_table("corrected")
    assert len(page.rows) == counts["corrected"] >= 30
    html = page._repr_html_()
    for row in kb.source_checks[kb.source_checks["verdict"] == "corrected"].itertuples():
        assert row.checked in html
    totals = {r[0]: int(r[1]) for r in fact_check_summary().rows}
    assert totals["referral zones"] >= len(kb.referral_zones)


def test_the_fact_check_page_is_in_the_reference_part_of_the_book():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    reference = toc.split("caption: Reference", 1)[1].split("caption:", 1)[0]
    assert "book/fact_check" in reference


# ---------------------------------------------------------------- bad provenance is refused

@pytest.fixture
def tmp_data(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "book").mkdir()
    shutil.copy(ROOT / "book" / "references.bib", tmp_path / "book" / "references.bib")
    clear_cache()
    yield tmp_path / "data"
    clear_cache()


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unknown_provenance_names_file_row_column_and_the_allowed_values(tmp_data):
    _replace(tmp_data / "referral_zones.csv", "lower_ribs,spillover,article,", "lower_ribs,spillover,articel,")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    for fragment in ("data/referral_zones.csv", "row 4 (file line 5)", "column provenance",
                     "'articel' is not allowed", "did you mean 'article'?", "classic, secondary, article"):
        assert fragment in message, message


def test_an_article_only_fact_marked_classic_is_refused(tmp_data):
    _replace(tmp_data / "muscle_aggravators.csv", "piriformis,squatting,article,", "piriformis,squatting,classic,")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    for fragment in ("data/muscle_aggravators.csv", "column provenance", "'classic' does not match source "
                     "'article:piriformis'", "expected 'article'"):
        assert fragment in message, message


def test_a_summary_fact_marked_classic_is_refused_naming_its_checks(tmp_data):
    _replace(tmp_data / "muscle_aggravators.csv", "gluteus_medius,walking,secondary,", "gluteus_medius,walking,classic,")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    for fragment in ("data/muscle_aggravators.csv", "row 12 (file line 13)", "column provenance",
                     "'classic' but its checks (sc135) show 'secondary'"):
        assert fragment in message, message


def test_a_fact_whose_only_support_is_an_excluded_kind_is_refused(tmp_data):
    # sc135 confirms gluteus medius walking from the NAMTPT summary; make a DVD sales page its only source.
    _replace(tmp_data / "source_checks.csv", "ma_gluteus_medius_walking,walking aggravates gluteus_medius (secondary),"
             "http://check.myofascialtherapy.org/symptomcheck/symptom_leg_medius.html,",
             "ma_gluteus_medius_walking,walking aggravates gluteus_medius (secondary),"
             "https://massagelibrary.com/Dr+James+Mally/Sports+Massage+DVD/Trigger+Point+and+Counterstrain/Gluteus+Medius/,")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    for fragment in ("data/source_checks.csv", "row 135 (file line 136)", "column verdict",
                     "'confirmed' but it read only commercial", "data/muscle_aggravators.csv",
                     "'secondary' but its checks (sc135) show 'article'"):
        assert fragment in message, message


def test_an_unregistered_source_is_refused(tmp_data):
    _replace(tmp_data / "source_checks.csv", "http://check.myofascialtherapy.org/symptomcheck/symptom_leg_medius.html,confirmed",
             "https://example.org/glutes,confirmed")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    assert "data/source_checks.csv" in message and "column source" in message
    assert "'https://example.org/glutes' is not in data/sources.csv; register it there with its kind" in message


def test_an_unknown_source_kind_is_refused(tmp_data):
    _replace(tmp_data / "sources.csv", "namtpt_symptomchecker,professional_summary,", "namtpt_symptomchecker,professional,")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    for fragment in ("data/sources.csv", "column kind", "'professional' is not allowed",
                     "did you mean 'professional_summary'?", "paper, manual_quoted"):
        assert fragment in message, message


def test_a_reference_to_a_check_that_does_not_exist_is_refused(tmp_data):
    _replace(tmp_data / "source_checks.csv", "article:stretching-strengthening,article_only,medium,Exercise and dose",
             "article:stretching-strengthening sc999,article_only,medium,Exercise and dose")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    assert "data/source_checks.csv" in message and "column source: 'sc999' names no check" in message


def test_a_check_resting_on_one_that_does_not_hold_cannot_be_confirmed(tmp_data):
    # sc135 (confirmed) made to rest on sc136 (article only) instead of the summary it read.
    _replace(tmp_data / "source_checks.csv", "ma_gluteus_medius_walking,walking aggravates gluteus_medius (secondary),"
             "http://check.myofascialtherapy.org/symptomcheck/symptom_leg_medius.html,",
             "ma_gluteus_medius_walking,walking aggravates gluteus_medius (secondary),sc136,")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    assert "column verdict: 'confirmed' rests on check sc136, which is 'article_only'" in str(caught.value)


def test_a_fact_without_a_check_is_refused(tmp_data):
    text = (tmp_data / "source_checks.csv").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if ",exercises:glute_bridge," not in line]
    (tmp_data / "source_checks.csv").write_text("".join(kept), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    for fragment in ("data/exercises.csv", "column id", "'glute_bridge' has no check",
                     "whose checked is 'exercises:glute_bridge'"):
        assert fragment in message, message


def test_a_missing_provenance_is_refused(tmp_data):
    _replace(tmp_data / "referral_zones.csv", "lower_ribs,spillover,article,", "lower_ribs,spillover,,")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    assert "column provenance: is empty; a value is required" in str(caught.value)


def test_an_unknown_verdict_in_the_record_is_refused(tmp_data):
    _replace(tmp_data / "source_checks.csv", ",confirmed,", ",confimed,")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    assert "data/source_checks.csv" in message and "column verdict" in message and "did you mean 'confirmed'?" in message


def test_a_shared_aggravator_given_as_telling_two_muscles_apart_is_refused(tmp_data):
    _replace(tmp_data / "differentiators.csv", "article:erector-spinae,spinal_extension;spinal_rotation",
             "article:erector-spinae,spinal_extension;spinal_rotation;lifting")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    for fragment in ("data/differentiators.csv", "column points_to", "'lifting' aggravates both erector_spinae "
                     "and quadratus_lumborum, so it cannot tell them apart"):
        assert fragment in message, message


def test_an_article_statement_the_record_does_not_hold_must_say_it_is_the_articles(tmp_data):
    _replace(tmp_data / "differentiators.csv", "Piriformis pain sits deep in the buttock; QL pain in the low back and hip.,article:piriformis",
             "Piriformis pain sits deep in the buttock; QL pain in the low back and hip.,travell1992manual")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    assert "column source: 'travell1992manual' but no check of this row holds" in str(caught.value)


def test_differentiators_about_aggravators_name_no_shared_activity_without_saying_both(kb):
    labels = {a: l.lower() for a, l in zip(kb.aggravators["id"], kb.aggravators["label"])}
    words = {**{a: l.split()[-1] for a, l in labels.items()}, "prolonged_sitting": "sitting",
             "prolonged_standing": "standing", "lifting": "lift", "climbing_stairs": "stairs"}
    provokes = set(zip(kb.muscle_aggravators["muscle"], kb.muscle_aggravators["aggravator"]))
    rows = kb.differentiators[kb.differentiators["criterion"] == "aggravating_factors"]
    assert len(rows) >= 8
    for row in rows.itertuples():
        text = row.statement.lower()
        for agg, word in words.items():
            shared = (row.muscle, agg) in provokes and (row.versus, agg) in provokes
            if shared and re.search(rf"\b{re.escape(word)}", text):
                assert "both" in text, f"{row.id}: '{word}' aggravates both muscles; the statement must say so"


def test_the_source_kind_table_counts_checks_by_their_best_source(kb):
    from triggerpoints.knowledge.reference import best_kind, source_kind_table

    table = source_kind_table()
    best = {row[0]: int(row[3]) for row in table.rows}
    assert sum(best.values()) == len(kb.source_checks)
    kinds = dict(zip(kb.sources["id"], kb.sources["kind"]))
    assert best_kind("https://www.physiowest.net.au/massage-4-pms/ namtpt_symptomchecker", kinds) == "professional_summary"
    assert best_kind("article:ql", kinds) == "article"
    assert best["Quotes the Manual or the 1983 papers"] >= 1
    assert "The sources by kind" in (ROOT / "book" / "fact_check.ipynb").read_text(encoding="utf-8")
