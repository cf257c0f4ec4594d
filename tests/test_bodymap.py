"""The body map: geometry covers the vocabulary, zones land in their regions with the right
pattern, trigger points sit inside their regions, alt text comes from the data, SVG is stable."""

import re

import numpy as np
import pytest

from triggerpoints import bodymap as bm
from triggerpoints import load_knowledge_base


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


@pytest.fixture(scope="module")
def geo():
    return bm.load_geometry()


@pytest.fixture(scope="module")
def svgs(kb):
    """One map per muscle, drawn once for the whole module (drawing is the slow part)."""
    return {m: bm.map_svg(m) for m in kb.muscle_ids}


def _groups(svg, cls):
    """{element id: (attributes, inner SVG)} for the <g class="cls ..."> groups of an SVG."""
    out = {}
    for m in re.finditer(rf'<g id="([^"]+)" class="{cls}[^"]*"([^>]*)>(.*?)</g>', svg, flags=re.S):
        attrs = dict(re.findall(r'data-([a-z]+)="([^"]*)"', m.group(2)))
        out[m.group(1)] = (attrs, m.group(3))
    return out


def _path_d(inner):
    """The polygon of a path as a set of vertices (matplotlib may repeat the closing vertex)."""
    d = re.search(r' d="([^"]+)"', inner).group(1)
    return {tuple(map(float, xy)) for xy in re.findall(r"([-\d.]+) ([-\d.]+)", d)}


def test_every_region_of_the_vocabulary_has_geometry_on_its_view(kb, geo):
    for r in kb.regions.itertuples():
        assert r.id in geo[r.view].regions, f"region {r.id!r} ({r.view}) has no geometry"


def test_the_figure_is_symmetric_and_closed(geo):
    for view in bm.VIEWS:
        outline = geo[view].outline
        assert np.allclose(bm.mirror(outline)[::-1], outline, atol=1e-9)
        assert outline[:, 1].min() == pytest.approx(0, abs=0.6) and outline[:, 1].max() == pytest.approx(200, abs=0.6)


def test_landmark_heights_follow_the_contract(geo):
    """Eight heads: the widest point of the hips near the trochanter (~100), the waist above it."""
    right = geo["posterior"].outline[geo["posterior"].outline[:, 0] > 60]
    hip_y = right[np.argmax(right[:, 0] * (right[:, 1] < 115) * (right[:, 1] > 85)), 1]
    assert 95 <= hip_y <= 106


def test_smoothing_passes_through_its_control_points():
    pts = [[0, 0], [1, 2], [3, 3], [6, 1]]
    curve = bm.catmull_rom(pts, samples=8)
    for p in pts:
        assert np.min(np.hypot(*(curve - p).T)) < 1e-9


def test_trigger_points_fall_inside_their_regions(kb, geo):
    outside = [t.id for t in kb.trigger_points.itertuples() if not geo[t.view].contains(t.region, t.x, t.y)]
    assert not outside, f"trigger points outside their region as drawn: {outside}"


def test_each_zone_is_drawn_in_its_region_with_its_pattern(kb, svgs):
    owner = bm.part_table(kb)
    for muscle, svg in svgs.items():
        regions = {a["region"]: _path_d(inner) for a, inner in _groups(svg, "tp-region").values()}
        zones = _groups(svg, "tp-zone")
        drawn = {(a["part"], a["region"], a["zone"]): inner for a, inner in zones.values()}
        expected = bm.drawn_zones(bm.zone_records(bm.resolve_parts(muscle, kb), kb))
        assert len(drawn) == len(expected), muscle
        for z in expected:
            inner = drawn[(z["part"], z["region"], z["zone"])]
            assert _path_d(inner) == regions[z["region"]], f"{z['key']} not drawn over {z['region']}"
            hatched = "fill: url(#" in inner
            assert hatched == (z["zone"] == "spillover"), f"{z['key']}: {z['zone']} needs {'a hatch' if not hatched else 'a solid fill'}"


def _zone_keys(svg):
    return set(re.findall(r'id="tpm[0-9a-f]+-(z-[^"]+)" class="tp-zone', svg))


def test_essential_wins_over_the_same_muscles_spillover(svgs):
    """Iliacus refers essentially to the front of the thigh, psoas major only as spillover: the
    whole muscle's map keeps the solid zone alone (a hatch under it would read as spillover)."""
    assert "z-iliacus-anterior_thigh" in _zone_keys(svgs["iliopsoas"])
    assert "z-psoas_major-anterior_thigh" not in _zone_keys(svgs["iliopsoas"])
    assert "z-biceps_femoris-posterior_thigh" not in _zone_keys(svgs["hamstrings"])
    for muscle, svg in svgs.items():
        zones = {(a["region"], a["zone"]) for a, _ in _groups(svg, "tp-zone").values()}
        both = {r for r, z in zones if z == "essential"} & {r for r, z in zones if z == "spillover"}
        assert not both, f"{muscle}: essential and spillover drawn over {both}"


def test_a_part_alone_keeps_its_spillover_and_other_muscles_keep_theirs():
    assert "z-psoas_major-anterior_thigh" in _zone_keys(bm.map_svg("psoas_major", view="anterior"))
    # Hamstrings' solid zone over the back of the thigh does not hide piriformis's hatch there.
    keys = _zone_keys(bm.map_svg(["piriformis", "hamstrings"], view="posterior"))
    assert {"z-piriformis-posterior_thigh", "z-semitendinosus-posterior_thigh"} <= keys


def test_alt_text_never_lists_a_region_as_both_zones_of_one_muscle(kb):
    labels = [text.lower() for text in kb.regions["label"]]
    for muscle in kb.muscle_ids:
        text = bm.alt_text(muscle).lower()
        essential = text.split("essential zone over the")[1].split(";")[0]
        spill = text.split("spillover over the")[1].split(";")[0] if "spillover over the" in text else ""
        for label in labels:
            named = [re.search(rf"(?:^ |, | and ){re.escape(label)}(?=,| and |\.|$)", c) for c in (essential, spill)]
            assert not all(named), f"{muscle}: {label!r} is both essential and spillover in {text!r}"


def test_trigger_points_have_a_white_halo_outside_their_black_edge(svgs):
    """The X must stand out on its own essential fill, black on black for the hamstrings."""
    for muscle, svg in svgs.items():
        for attrs, inner in _groups(svg, "tp-point").values():
            strokes = re.findall(r"stroke: (#[0-9a-f]{6}); stroke-width: ([\d.]+)", inner)
            assert [c for c, _ in strokes] == ["#ffffff", "#000000"], (muscle, strokes)
            assert float(strokes[0][1]) >= float(strokes[1][1]) + 2, muscle


def test_every_trigger_point_is_an_x_in_its_muscle_colour(kb, svgs):
    owner = bm.part_table(kb)
    for t in kb.trigger_points.itertuples():
        muscle = owner[t.part][0]
        points = _groups(svgs[muscle], "tp-point")
        attrs, inner = next(v for k, v in points.items() if k.endswith(f"-t-{t.id}"))
        assert attrs["region"] == t.region and attrs["part"] == t.part
        assert bm.muscle_colour(muscle).lower() in inner.lower()


def test_every_region_element_carries_data_region(kb, svgs):
    svg = svgs["piriformis"]
    found = {a["region"] for a, _ in _groups(svg, "tp-region").values()}
    assert found == set(kb.region_ids)


def test_svg_is_accessible_and_deterministic(kb):
    a = bm.map_svg("piriformis", view="posterior")
    b = bm.map_svg("piriformis", view="posterior")
    assert a == b
    assert 'role="img"' in a and "<title>" in a and "Date" not in a
    ids = re.findall(r'\bid="([^"]+)"', a)
    assert len(ids) == len(set(ids)) and all(i.startswith("tpm") for i in ids)


def test_alt_text_comes_from_the_data(kb):
    text = bm.alt_text("piriformis")
    labels = dict(zip(kb.regions["id"], kb.regions["label"]))
    zones = kb.referral_zones[kb.referral_zones["part"] == "piriformis"]
    assert text.count("Piriformis:") == 1
    for r in zones.itertuples():
        assert labels[r.region].lower() in text.lower(), r.region
    essential = text.split("essential zone over the")[1].split(";")[0]
    for r in zones[zones["zone"] == "essential"].itertuples():
        assert labels[r.region].lower() in essential.lower()


def test_anonymous_maps_hide_the_muscle(kb):
    svg = bm.map_svg("piriformis", anonymous=True)
    assert "iriformis" not in svg
    assert "data-region=" in svg


@pytest.mark.parametrize("bad, needle", [("piriformiss", "piriformis"), ("glutes", "gluteus_medius")])
def test_unknown_ids_are_named_with_the_valid_ones(bad, needle):
    with pytest.raises(bm.BodyMapError) as err:
        bm.map_svg(bad)
    assert repr(bad) in str(err.value) and needle in str(err.value)


def test_a_region_without_geometry_is_named(geo):
    with pytest.raises(bm.BodyMapError, match=r"'shoulder'.*sacroiliac"):
        geo["posterior"].region("shoulder")


def test_unknown_view_is_rejected():
    with pytest.raises(bm.BodyMapError, match="'lateral'"):
        bm.map_svg("piriformis", view="lateral")


def test_outlines_and_hatches_keep_contrast_against_the_figure():
    for colour in bm.MUSCLE_COLOURS.values():
        lum = bm._luminance
        from matplotlib.colors import to_rgb
        ratio = (lum(to_rgb(bm.BODY_FILL)) + 0.05) / (lum(to_rgb(bm.ink(colour))) + 0.05)
        assert ratio >= 3.0, colour


def test_hatches_are_small_svg_patterns_in_the_muscle_ink(svgs):
    svg = svgs["piriformis"]
    patterns = re.findall(r"<pattern [^>]*>.*?</pattern>", svg, flags=re.S)
    assert patterns and all('width="72"' not in p for p in patterns)
    assert any(bm.ink(bm.MUSCLE_COLOURS["piriformis"]) in p for p in patterns)
