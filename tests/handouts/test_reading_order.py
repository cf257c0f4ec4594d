"""A handout's text layer reads as the page does (copying and screen readers follow the
columns), and each muscle sheet draws the views its patterns are on, the lateral one included."""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from pdftools import _tool  # noqa: E402
from triggerpoints.handouts.build import build_handouts  # noqa: E402
from triggerpoints.handouts.sheets import muscle_pages, sheet_views  # noqa: E402
from triggerpoints.knowledge import load_knowledge_base  # noqa: E402

SHEETS = ("quadratus_lumborum", "gluteals", "hamstrings")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    build_handouts(out, papers=("a4",), only=SHEETS, workers=1)
    return out


def raw_text(path):
    """The text in the order it is stored (pdftotext -raw): the order a copy or a screen reader gets."""
    return subprocess.run([_tool("pdftotext"), "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("group", SHEETS)
def test_the_text_layer_follows_the_page_top_to_bottom_and_column_by_column(built, group):
    text = " ".join(raw_text(built / f"{group.replace('_', '-')}-a4.pdf").split())
    order = ["printable handout", "view", "Essential zone", "How to read the map", "Where the pain goes",
             "What aggravates it", "How it differs from its neighbours", "Self-care, with dosage",
             "Red flags: medical care", "Emergency care now", "See a doctor within days", "Sources:",
             "Course content CC BY 4.0"]
    places = [text.find(words) for words in order]
    assert -1 not in places, [w for w, p in zip(order, places) if p == -1]
    assert places == sorted(places), [w for w, _ in sorted(zip(order, places), key=lambda t: t[1])]


@pytest.mark.parametrize("group", SHEETS)
def test_a_paragraph_is_never_split_by_text_from_another_column(built, group):
    lines = [line for line in raw_text(built / f"{group.replace('_', '-')}-a4.pdf").splitlines() if line.strip()]
    # "vs X:" paragraphs: each starts a line and its sentences continue on the next lines
    # before any other heading; a jump to the other column would put a heading in between.
    start = lines.index("How it differs from its neighbours")
    end = next(i for i, line in enumerate(lines) if line.startswith("Self-care"))
    assert all(not line.startswith(("Where the pain", "What aggravates", "Red flags")) for line in lines[start:end])


def test_each_sheet_draws_the_views_its_patterns_are_on():
    kb = load_knowledge_base()
    gluteals = muscle_pages("gluteals", "Gluteus medius and minimus", ["gluteus_medius", "gluteus_minimus"], kb=kb)[0]
    assert "lateral" in gluteals.views, "gluteus minimus refers down the side of the leg"
    for group, muscles in (("iliopsoas", ["iliopsoas"]), ("hamstrings", ["hamstrings"])):
        parts = list(kb.parts.id[kb.parts.muscle.isin(muscles)])
        views = sheet_views(parts, kb)
        needed = set(kb.trigger_points.view[kb.trigger_points.part.isin(parts)])
        assert needed <= set(views), (group, views)
    page = muscle_pages("iliopsoas", "Iliopsoas", ["iliopsoas"], kb=kb)[0]
    assert set(page.views) == set(sheet_views(list(kb.parts.id[kb.parts.muscle == "iliopsoas"]), kb))
