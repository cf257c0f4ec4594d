"""The knowledge base loads, is typed, holds the article's facts, and rejects bad data clearly."""

import csv
import re
import shutil

import pandas as pd
import pytest

from triggerpoints.knowledge import KnowledgeBaseError, clear_cache, load_knowledge_base
from conftest import ROOT



@pytest.fixture
def tmp_data(tmp_path):
    """A private copy of data/ (CSV only) and the .bib, laid out as in the repository."""
    data = tmp_path / "data"
    data.mkdir()
    for csv_file in (ROOT / "data").glob("*.csv"):
        shutil.copy(csv_file, data / csv_file.name)
    (tmp_path / "book").mkdir()
    shutil.copy(ROOT / "book" / "references.bib", tmp_path / "book" / "references.bib")
    clear_cache()
    yield data
    clear_cache()


# ---------------------------------------------------------------- the real data

def test_loads_every_table_typed(kb):
    assert kb.trigger_points.x.dtype == "float64"
    assert kb.trigger_points.y.dtype == "float64"
    assert isinstance(kb.referral_zones.zone.dtype, pd.CategoricalDtype)
    assert list(kb.referral_zones.zone.cat.categories) == ["essential", "spillover"]
    assert isinstance(kb.regions.index, pd.RangeIndex)
    assert kb.region_ids[0] == "base_of_skull" and "shin" in kb.region_ids


def test_is_cached_per_directory_and_frozen(kb):
    assert load_knowledge_base() is kb
    with pytest.raises(AttributeError):
        kb.regions = None


def test_contract_ids_present(kb):
    assert set(kb.muscle_ids) == {
        "quadratus_lumborum", "erector_spinae", "multifidus", "gluteus_medius", "gluteus_minimus",
        "piriformis", "iliopsoas", "hamstrings", "adductors"}
    assert len(kb.part_ids) == 21 and len(kb.aggravator_ids) == 17 and len(kb.region_ids) == 32


def _regions_of(kb, muscle):
    parts = kb.parts.loc[kb.parts.muscle == muscle, "id"]
    return set(kb.referral_zones.loc[kb.referral_zones.part.isin(parts), "region"])


def _aggravators_of(kb, muscle):
    return set(kb.muscle_aggravators.loc[kb.muscle_aggravators.muscle == muscle, "aggravator"])


@pytest.mark.parametrize("muscle, regions", [
    ("quadratus_lumborum", {"lower_back", "posterior_hip", "groin", "upper_buttock", "lower_abdomen",
                            "lower_ribs", "iliac_crest"}),
    ("erector_spinae", {"lower_back", "mid_back", "upper_back", "back_of_neck", "base_of_skull"}),
    ("gluteus_medius", {"upper_buttock", "lower_back", "lateral_hip", "lateral_thigh", "posterior_thigh"}),
    ("gluteus_minimus", {"lateral_hip", "lateral_thigh", "lateral_leg", "posterior_thigh"}),
    ("piriformis", {"mid_buttock", "posterior_thigh", "calf", "ankle_foot", "posterior_hip",
                    "lateral_thigh", "groin"}),
    ("iliopsoas", {"lower_back", "sacroiliac", "groin", "anterior_hip", "anterior_thigh", "knee"}),
])
def test_every_article_pain_area_is_present(kb, muscle, regions):
    assert regions <= _regions_of(kb, muscle)


@pytest.mark.parametrize("muscle, aggravators", [
    ("quadratus_lumborum", {"side_bending", "lifting", "prolonged_sitting", "prolonged_standing",
                            "coughing_sneezing", "rolling_in_bed"}),
    ("erector_spinae", {"spinal_extension", "spinal_rotation"}),
    ("gluteus_medius", {"walking", "running", "climbing_stairs", "lying_on_affected_side"}),
    ("piriformis", {"prolonged_sitting", "squatting", "hip_external_rotation"}),
    ("iliopsoas", {"hip_flexion", "climbing_stairs", "running", "rising_from_seat"}),
])
def test_every_article_aggravator_is_present(kb, muscle, aggravators):
    assert aggravators <= _aggravators_of(kb, muscle)


def test_map_rows_cite_what_their_provenance_claims(kb):
    """A zone a professional summary gives is secondary and cites it; a classic row cites the Manual."""
    rows = kb.referral_zones.set_index("id")
    assert rows.loc["rz_ql_deep_sacroiliac", ["source", "provenance"]].tolist() == ["namtpt_symptomchecker", "secondary"]
    assert set(rows.loc[rows["provenance"] == "classic", "source"]) <= {"travell1992manual", "simons1999manual"}
    assert rows.loc["rz_piriformis_posterior_thigh", "zone"] == "spillover"


def test_evidence_carries_the_corrections(kb):
    evidence = kb.evidence.set_index("id")
    assert "neck and shoulder" in evidence.loc["ev_liu2015", "correction"]
    assert "fibromyalgia" in evidence.loc["ev_castro2011", "correction"]
    assert set(evidence.citation) >= {"liu2018drylowback", "mu2020acupuncture", "lucas2009reliability"}


def bib_entries():
    text = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    return re.findall(r"^@(\w+)\s*\{\s*([^,\s]+),(.*?)^\}", text, flags=re.M | re.S)


def test_every_article_in_the_bib_has_a_doi():
    entries = bib_entries()
    assert len(entries) >= 12
    # An article whose records showed no DOI says so and names the record read instead (never a DOI from memory).
    missing = [key for kind, key, body in entries
               if kind.lower() == "article" and not re.search(r"^\s*doi\s*=\s*\{10\.\d{4,}/\S+\}", body, re.M)
               and not (re.search(r"^\s*url\s*=\s*\{https?://", body, re.M) and "No DOI was shown" in body)]
    assert not missing, f"book/references.bib: @article entries without a DOI: {missing}"


def test_every_web_summary_in_the_bib_names_its_address():
    for kind, key, body in bib_entries():
        assert kind.lower() in ("article", "book", "misc"), f"{key}: unexpected entry type @{kind}"
        if kind.lower() == "misc":
            assert re.search(r"\\url\{https?://", body), f"book/references.bib {key}: @misc without a \\url"


# ---------------------------------------------------------------- bad input

def edit(name, old, new, count=1):
    def mutate(data):
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return mutate


def set_cell(name, row, column, value):
    """Set one cell by data row (1-based) and column name; robust to edits of other cells."""
    def mutate(data):
        path = data / name
        with path.open(encoding="utf-8", newline="") as fh:
            records = list(csv.reader(fh))
        records[row][records[0].index(column)] = value
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(records)
    return mutate


def delete(name):
    return lambda data: (data / name).unlink()


def keep_header_only(name):
    def mutate(data):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return mutate


def add_bom(name):
    def mutate(data):
        path = data / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return mutate


def latin1(name):
    def mutate(data):
        path = data / name
        path.write_bytes(path.read_bytes() + "caf\u00e9,x,posterior,y,article:ql\n".encode("latin-1"))
    return mutate


def duplicate_row(name, row):
    def mutate(data):
        path = data / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(lines + [lines[row]]), encoding="utf-8")
    return mutate


def drop_column(name, column):
    def mutate(data):
        path = data / name
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        index = header.index(column)
        # Only safe for tables whose earlier cells hold no quoted commas (regions, zones).
        out = [",".join(c for i, c in enumerate(line.split(",")) if i != index) for line in lines]
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return mutate


BAD_INPUTS = [
    ("missing file", delete("regions.csv"), ["data/regions.csv", "file not found"]),
    ("missing column", drop_column("referral_zones.csv", "zone"),
     ["data/referral_zones.csv", "file line 1", "missing column 'zone'"]),
    ("unknown region", edit("referral_zones.csv", "tp_ql_superficial_lower,lateral_thigh,", "tp_ql_superficial_lower,lateral_thigh_,"),
     ["data/referral_zones.csv", "column region", "'lateral_thigh_' is not a known region",
      "did you mean 'lateral_thigh'?"]),
    ("unknown part", edit("trigger_points.csv", ",ql_deep,", ",ql_deeep,"),
     ["data/trigger_points.csv", "'ql_deeep' is not a known part", "did you mean 'ql_deep'?"]),
    ("unknown aggravator", edit("muscle_aggravators.csv", "piriformis,squatting", "piriformis,squating"),
     ["'squating' is not a known aggravator", "did you mean 'squatting'?"]),
    ("unknown exercise target", edit("exercises.csv", "quadratus_lumborum,", "quadratus,"),
     ["data/exercises.csv", "column target_muscles", "'quadratus' is not a known muscle"]),
    ("duplicate id", duplicate_row("referral_zones.csv", 3),
     ["data/referral_zones.csv", "duplicate id 'rz_ql_superficial_lateral_hip'", "first used at row 3"]),
    ("bad zone", edit("referral_zones.csv", "lower_ribs,spillover", "lower_ribs,primary"),
     ["row 4 (file line 5)", "column zone", "'primary' is not allowed", "use one of: essential, spillover"]),
    ("bad view", edit("regions.csv", ",posterior,", ",posteror,"),
     ["data/regions.csv", "row 1 (file line 2)", "column view", "did you mean 'posterior'?"]),
    ("view mismatch", set_cell("trigger_points.csv", 1, "view", "anterior"),
     ["data/trigger_points.csv", "column view", "does not match region 'lower_ribs'"]),
    ("coordinate out of range", set_cell("trigger_points.csv", 1, "x", "160.5"),
     ["column x", "160.5 is out of range; expected 0 to 100"]),
    ("coordinate not a number", set_cell("trigger_points.csv", 1, "x", "left"),
     ["column x", "'left' is not a number"]),
    ("dangling bib key", edit("referral_zones.csv", "travell1992manual", "travel1992manual"),
     ["column source", "'travel1992manual' is not a key in book/references.bib",
      "did you mean 'travell1992manual'?"]),
    ("dangling article section", edit("muscle_aggravators.csv", "article:piriformis", "article:piriform"),
     ["'article:piriform' names no article section", "did you mean 'piriformis'?"]),
    ("empty required field", edit("muscles.csv", "Superior gluteal nerve (L4-S1)", "", 1),
     ["data/muscles.csv", "column innervation", "is empty; a value is required"]),
    ("repeated fact", set_cell("referral_zones.csv", 2, "region", "lower_back"),
     ["row 2 (file line 3), column region", "'ql_superficial' already has 'lower_back' at row 1"]),
    ("empty table", keep_header_only("glossary.csv"), ["data/glossary.csv", "no data rows"]),
    ("byte-order mark", add_bom("regions.csv"), ["data/regions.csv", "byte-order mark"]),
    ("wrong encoding", latin1("regions.csv"), ["data/regions.csv", "not valid UTF-8", "byte 0xe9"]),
]


@pytest.mark.parametrize("mutate, expected", [b[1:] for b in BAD_INPUTS], ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_reported(tmp_data, mutate, expected):
    mutate(tmp_data)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    for fragment in expected:
        assert fragment in message, message


def test_all_problems_reported_at_once_and_nothing_cached(tmp_data):
    edit("referral_zones.csv", "lower_ribs,spillover", "lower_ribs,primary")(tmp_data)
    edit("regions.csv", ",posterior,", ",posteror,")(tmp_data)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    assert len(caught.value.problems) == 2
    assert "1 problem in data/regions.csv" in str(caught.value)
    with pytest.raises(KnowledgeBaseError):
        load_knowledge_base(tmp_data)  # a failed load is never cached


def test_missing_bib_is_reported(tmp_data):
    (tmp_data.parent / "book" / "references.bib").unlink()
    with pytest.raises(KnowledgeBaseError, match="book/references.bib"):
        load_knowledge_base(tmp_data)


def test_copy_loads_cleanly(tmp_data):
    assert len(load_knowledge_base(tmp_data).muscles) == 9


def test_encoding_error_names_the_file_line(tmp_data):
    lines = (tmp_data / "regions.csv").read_bytes().count(b"\n")
    latin1("regions.csv")(tmp_data)
    with pytest.raises(KnowledgeBaseError, match=f"file line {lines + 1}: is not valid UTF-8"):
        load_knowledge_base(tmp_data)


def test_problems_in_several_files_are_reported_together(tmp_data):
    drop_column("referral_zones.csv", "zone")(tmp_data)
    edit("regions.csv", ",posterior,", ",posteror,")(tmp_data)
    edit("muscle_aggravators.csv", "piriformis,squatting", "piriformis,squating")(tmp_data)
    (tmp_data.parent / "book" / "references.bib").unlink()
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_data)
    message = str(caught.value)
    for fragment in ("data/referral_zones.csv", "missing column 'zone'", "data/regions.csv", "'posteror'",
                     "'squating' is not a known aggravator", "book/references.bib"):
        assert fragment in message, message
    assert "is not a key in book/references.bib" not in message  # no cascade from the missing .bib
