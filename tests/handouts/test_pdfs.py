"""The handouts as built into the site by `make book`: pages, text, fonts, size, greyscale."""

import json
import math
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(Path(__file__).parent))
import greyscale  # noqa: E402
import pdftools  # noqa: E402

from triggerpoints.handouts import GROUPS, PAPERS, catalogue  # noqa: E402
from triggerpoints.handouts.build import write_pdf  # noqa: E402
from triggerpoints.handouts.content import part_title, red_flags  # noqa: E402
from triggerpoints.handouts.sheets import ATLAS_COLS, ATLAS_ROWS, muscle_pages  # noqa: E402
from triggerpoints.knowledge import load_knowledge_base  # noqa: E402
from triggerpoints.maps.anatomy import anatomy_for  # noqa: E402
from triggerpoints.maps.selection import drawn_zones, point_records, zone_records  # noqa: E402

KB = load_knowledge_base()
STUDENT = catalogue("student")
MAX_BYTES = 500 * 1024
CASES = json.loads((ROOT / "data" / "quizzes" / "cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(book_dir):
    return book_dir / "handouts"


def _pdf(site, handout_id, paper="a4"):
    handout = next(h for h in catalogue("instructor") if h.id == handout_id)
    return site / handout.filename(paper)


def _flat(text):
    return " ".join(text.split())


def test_the_student_site_holds_every_student_handout_in_each_paper_and_nothing_else(site):
    expected = {h.filename(p) for h in STUDENT for p in PAPERS}
    assert {p.name for p in site.glob("*.pdf")} == expected
    assert not any("answers" in name for name in expected)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("handout", STUDENT, ids=lambda h: h.id)
def test_each_handout_is_at_most_500_kb_with_every_font_embedded(site, handout, paper):
    path = site / handout.filename(paper)
    assert path.stat().st_size <= MAX_BYTES, f"{path.name}: {path.stat().st_size // 1024} KB"
    fonts = pdftools.fonts(path)
    assert fonts, f"{path.name} has no fonts: is its text text?"
    for name, kind, embedded, unicode in fonts:
        assert embedded and unicode, f"{path.name}: font {name} ({kind}) not embedded with a Unicode map"
        assert "TrueType" in kind, f"{path.name}: font {name} is {kind}, not the embedded TrueType subset"


@pytest.mark.parametrize("paper", PAPERS)
def test_page_counts(site, paper):
    for group in GROUPS:
        assert pdftools.pages(_pdf(site, group, paper)) == 1, f"{group} sheet is not one page"
    atlas_pages = 1 + math.ceil(len(KB.parts) / (ATLAS_ROWS * ATLAS_COLS))
    assert pdftools.pages(_pdf(site, "atlas", paper)) == atlas_pages
    assert pdftools.pages(_pdf(site, "lab_worksheet", paper)) >= 2


def test_page_sizes_are_a4_and_us_letter(site):
    for paper, size in (("a4", "595.44 x 841.68"), ("letter", "612 x 792")):
        info = pdftools.info(_pdf(site, "piriformis", paper))
        assert re.search(rf"Page size:\s+{size} pts", info), info


@pytest.mark.parametrize("group", GROUPS)
def test_a_muscle_sheet_says_what_the_knowledge_base_says(site, group):
    text = _flat(pdftools.words(_pdf(site, group)))
    title, muscles = GROUPS[group]
    assert title in text
    parts = KB.parts[KB.parts["muscle"].isin(muscles)]
    for name in parts["name"]:
        assert _flat(name) in text, f"part {name!r} missing"
    labels = dict(zip(KB.aggravators["id"], KB.aggravators["label"]))
    for aggravator in KB.muscle_aggravators.loc[KB.muscle_aggravators["muscle"].isin(muscles), "aggravator"]:
        assert labels[aggravator].lower() in text.lower(), f"aggravator {aggravator!r} missing"
    for r in KB.exercises.itertuples():
        if set(r.target_muscles.split(";")) & set(muscles):
            assert r.name in text and f"Dosage: {r.dosage}." in text, f"exercise {r.name!r} or its dosage missing"
    for label in ("essential zone", "spillover zone", "trigger point", "How it differs from its neighbours",
                  "Red flags", "Sources:", "CC BY 4.0"):
        assert label in text, f"{label!r} missing"
    emergency, soon = red_flags()
    for item in emergency + soon:
        assert _flat(item) in text, f"red flag {item[:40]!r} missing"


def test_the_worksheet_has_every_case_and_none_of_their_answers(site):
    text = _flat(pdftools.words(_pdf(site, "lab_worksheet")))
    for view in ("Posterior view", "Anterior view"):
        assert view in text
    for case in CASES:
        assert _flat(case["question"]) in text, f"case {case['id']} missing"
        for answer in case["answers"]:
            assert _flat(answer["feedback"]) not in text, f"case {case['id']}: feedback printed"
    assert "correct" not in text.lower()


def test_the_atlas_index_names_the_page_that_holds_each_parts_map(site):
    path = _pdf(site, "atlas")
    index = pdftools.words(path, 1)
    assert "Index" in index
    for part in KB.parts["id"]:
        title = _flat(part_title(part, KB))
        listed = re.search(rf"page (\d+) {re.escape(title)}", index)
        assert listed, f"{part} is not in the index"
        assert title in pdftools.words(path, int(listed.group(1))), f"{part}: not on the page the index gives"


# ---------------------------------------------------------------- black and white

DPI = 600  # zones are drawn with their own, often narrow, extent: a window inside one needs the pixels


@pytest.fixture(scope="module")
def grey_windows(tmp_path_factory):
    """Each sheet rendered in greyscale by pdftoppm, and in it a window inside an essential-only
    region, a spillover-only region and a region with no zone: {group: {kind: (region, pixels)}}."""
    out, anatomy = {}, anatomy_for(KB)
    for group, (title, muscles) in GROUPS.items():
        page = muscle_pages(group, title, muscles, "a4", KB)[0]
        path = tmp_path_factory.mktemp("grey") / f"{group}.pdf"
        write_pdf([page], path, title)
        img = pdftools.grey_page(path, DPI)
        parts = list(KB.parts.loc[KB.parts["muscle"].isin(muscles), "id"])
        zones, points = drawn_zones(zone_records(parts, KB, True)), point_records(parts, KB)
        kinds = {}
        for z in (z for z in zones if z["view"] in page.views):  # an article-only zone: an outline, neither tone nor hatch
            kinds.setdefault((z["view"], z["region"]), []).append("article" if z["article"] else z["zone"])
        for view in page.views:
            for region in load_regions(view):
                kinds.setdefault((view, region), ["none"])
        found = {}
        for (view, region), ks in sorted(kinds.items()):
            kind = ks[0]
            if len(ks) != 1 or kind in found:
                continue
            layer = anatomy[view]
            lines = [tuple(xy) for lm in layer["landmarks"].values() if lm.draw for xy in lm.points]
            shapes = [s.outline for part, s in layer["muscles"].items() if part in parts]
            drawn = None if kind == "none" else pattern_shape(  # a zone is drawn with its own extent, not the tile's
                load_geometry()[view], {"muscle": "", "parts": parts, "part": "", "zone": kind, "article": kind == "article",
                                        "regions": [region]}, KB)
            spot = greyscale.quiet_spot(view, region, [(t["x"], t["y"]) for t in points if t["view"] == view] + lines,
                                        shapes, plain=kind == "none", within=drawn)
            if spot is None:
                continue
            ax = page.views[view]
            col, row = greyscale.page_pixel(page, ax, spot[0], spot[1], DPI)
            half = int(spot[2] * greyscale.px_per_unit(page, ax) * DPI * 0.8)  # clear of the edges and their anti-aliasing
            found[kind] = (region, greyscale.window(img, col, row, half))
        out[group] = found
    return out


def load_geometry():
    from triggerpoints.maps.geometry import load_geometry as load
    return load()


def pattern_shape(geo, pat, kb):
    from triggerpoints.maps.patterns import pattern_shape as shape
    return shape(geo, pat, kb)


def load_regions(view):
    from triggerpoints.maps.geometry import load_geometry
    return list(load_geometry()[view].regions)


def test_in_greyscale_essential_is_a_flat_tone_and_spillover_a_pattern(grey_windows):
    both = 0
    for group, found in grey_windows.items():
        body = found["none"][1]
        assert body.std() < 3, f"{group}: the plain body is not plain ({found['none'][0]})"
        if "essential" in found:
            region, px = found["essential"]
            assert px.std() < 12, f"{group}: essential zone over {region} is not a flat tone"
            assert px.mean() <= body.mean() - 10, f"{group}: essential zone over {region} is lost in greyscale"
        if "spillover" in found:
            region, px = found["spillover"]
            assert px.std() >= 20, f"{group}: spillover over {region} shows no hatching in greyscale"
            assert px.min() <= body.mean() - 60, f"{group}: the hatch lines over {region} are too faint"
        if "essential" in found and "spillover" in found:
            both += 1
            assert found["spillover"][1].std() >= found["essential"][1].std() + 15, group
    # Zones are drawn with their own (often narrow) extent under the muscle layer and the bones,
    # so few windows fit inside one, uncrossed: every window found is checked above, and the
    # essential-against-spillover contrast on a drawn view is tested in tests/maps/test_zoneshapes.py.
    checked = sum(1 for found in grey_windows.values() if {"essential", "spillover"} & set(found))
    assert checked >= 1, f"only {checked} sheets had a zone window to check"
