"""The display helpers give deterministic, accessible HTML built from the knowledge base."""

from html.parser import HTMLParser

import pytest

from triggerpoints import display
from triggerpoints.knowledge import reference as tables
from triggerpoints.knowledge import load_knowledge_base


class _Structure(HTMLParser):
    """Collects tags, their attributes and checks that every tag is closed in order."""

    VOID = {"br", "img", "meta", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.errors = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def parse(markup):
    parser = _Structure()
    parser.feed(markup)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
    return parser.tags


HELPERS = {
    "muscle_card": lambda: tables.muscle_card("quadratus_lumborum"),
    "compare_table": lambda: tables.compare_table("piriformis"),
    "cause_table": tables.cause_table,
    "treatment_table": tables.treatment_table,
    "exercise_table": tables.exercise_table,
    "evidence_table": tables.evidence_table,
    "glossary_table": tables.glossary_table,
    "knowledge_tables": tables.knowledge_tables,
}


@pytest.mark.parametrize("name", HELPERS)
def test_html_is_well_formed_and_accessible(name):
    tags = parse(HELPERS[name]()._repr_html_())
    names = [t for t, _ in tags]
    assert names.count("table") == names.count("caption") >= 1
    headers = [attrs for tag, attrs in tags if tag == "th"]
    assert headers and all(attrs.get("scope") in {"col", "row"} for attrs in headers)
    assert "style" not in {k for _, attrs in tags for k in attrs}  # no colour-only cues


@pytest.mark.parametrize("name", HELPERS)
def test_output_is_deterministic_and_has_short_text(name):
    first, second = HELPERS[name](), HELPERS[name]()
    assert first._repr_html_() == second._repr_html_()
    assert repr(first) == repr(second) and len(repr(first)) < 200 and "0x" not in repr(first)


def test_muscle_card_shows_anatomy_nerves_and_trigger_points():
    markup = tables.muscle_card("piriformis")._repr_html_()
    for fragment in ("Origin", "Front surface of the sacrum", "Sciatic nerve", "Deep mid buttock",
                     "Prolonged sitting", "Article: Piriformis pain patterns"):
        assert fragment in markup


def test_knowledge_tables_has_one_table_per_muscle():
    kb = load_knowledge_base()
    markup = tables.knowledge_tables()._repr_html_()
    assert markup.count("<table") == len(kb.muscles)
    for name in kb.muscles.name:
        assert f"<caption>{name.replace(chr(39), '&#x27;')}: trigger points" in markup


def test_compare_table_lists_both_directions():
    text = tables.compare_table("quadratus_lumborum")._repr_html_()
    assert "Erector spinae" in text and "Iliopsoas" in text and "Piriformis" in text


def test_exercise_table_filters_by_muscle():
    assert "Hamstring stretch" in tables.exercise_table("hamstrings")._repr_html_()
    assert "Hamstring stretch" not in tables.exercise_table("iliopsoas")._repr_html_()
    assert "20-30 s" in tables.exercise_table("iliopsoas")._repr_html_()


def test_evidence_table_shows_corrections_and_strength():
    markup = tables.evidence_table()._repr_html_()
    assert "Liu et al. 2018" in markup and "fibromyalgia" in markup and "Expert opinion" in markup


def test_glossary_is_alphabetical():
    terms = [row[0] for row in tables.glossary_table().rows]
    assert terms == sorted(terms, key=str.lower)


def test_source_labels_read_the_bib():
    assert tables.source_label("castrosanchez2011benefits") == "Castro-Sanchez et al. 2011"
    assert tables.source_label("travell1992manual") == "Travell and Simons 1992"
    assert tables.source_label("article:ql") == "Article: Quadratus lumborum pain patterns"


def test_text_is_escaped():
    table = display.HtmlTable("A <b> & c", ["<h>"], [["<script>x</script>"]])
    markup = table._repr_html_()
    assert "<script>" not in markup and "&lt;script&gt;" in markup and "A &lt;b&gt; &amp; c" in markup


def test_unknown_muscle_names_the_choices():
    with pytest.raises(KeyError, match="did you mean 'piriformis'"):
        tables.muscle_card("piriformus")
