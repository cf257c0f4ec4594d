"""The fact-check record and the provenance of every zone and aggravator.

data/source_checks.csv records, for every row of the checked tables, which sources were read
and the verdict; referral zones and muscle aggravators each say how well they are sourced
(classic, secondary or article) and the loader refuses a provenance that contradicts the source.
"""

import re
import shutil

import pytest
from conftest import ROOT

from triggerpoints.knowledge import KnowledgeBaseError, clear_cache, load_knowledge_base
from triggerpoints.knowledge.reference import CHECK_TABLES, fact_check_summary, fact_check_table
from triggerpoints.knowledge.schema import CLASSIC_SOURCES, PROVENANCES


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


@pytest.mark.parametrize("table", ["referral_zones", "muscle_aggravators"])
def test_every_zone_and_aggravator_has_a_provenance_and_a_source(kb, table):
    frame = getattr(kb, table)
    assert set(frame["provenance"]) == set(PROVENANCES)  # all three are in use
    assert frame["source"].str.len().gt(0).all()
    for row in frame.itertuples():
        if row.source.startswith("article:"):
            assert row.provenance == "article", f"data/{table}.csv {row.id}: article source marked {row.provenance}"
        elif row.provenance == "classic":
            assert row.source in CLASSIC_SOURCES, f"data/{table}.csv {row.id}: classic from {row.source}"
        else:
            assert row.provenance == "secondary", f"data/{table}.csv {row.id}: {row.provenance} from {row.source}"


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
