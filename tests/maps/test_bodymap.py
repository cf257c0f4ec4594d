"""The body map: geometry covers the vocabulary, zones land in their regions with the right
pattern, trigger points sit inside their regions, alt text comes from the data, SVG is stable."""

import re

import numpy as np
import pytest

from triggerpoints.maps.draw import _luminance, BODY_FILL, ink, POINT_INK, ZONE_INK
from triggerpoints.maps.explorer import layer_svgs
from triggerpoints.maps.figure import map_figure, map_svg
from triggerpoints.maps.geometry import SIDES, BodyMapError, catmull_rom, load_geometry, mirror, VIEWS
from triggerpoints.maps.selection import drawn_zones, muscle_colour, MUSCLE_COLOURS, part_table, resolve_parts, zone_records
from triggerpoints.maps.svg import _relative_path, figure_svg
from triggerpoints.maps.words import alt_text


@pytest.fixture(scope="module")
def geo():
    return load_geometry()


@pytest.fixture(scope="module")
def svgs(kb):
    """One map per muscle on every view and both sides, drawn once for the whole module (drawing
    is the slow part)."""
    return {m: map_svg(m, view="all", side="both") for m in kb.muscle_ids}


def _groups(svg, cls):
    """{element id: (attributes, inner SVG)} for the <g class="cls ..."> groups of an SVG."""
    out = {}
    for m in re.finditer(rf'<g id="([^"]+)" class="{cls}[^"]*"([^>]*)>(.*?)</g>', svg, flags=re.S):
        attrs = dict(re.findall(r'data-([a-z]+)="([^"]*)"', m.group(2)))
        out[m.group(1)] = (attrs, m.group(3))
    return out


def absolute_points(d):
    """The vertices of M/m, L/l, z path data as absolute points to 0.1, read as a browser reads them
    (after m, bare pairs are relative line-tos; '1.5.5' is 1.5 then .5). A line back to the start
    right before z draws nothing that z does not: that vertex is left out."""
    points, x, y, start, command, first = [], 0.0, 0.0, (0.0, 0.0), None, 0
    tokens = iter(re.findall(r"[MmLlZz]|-?(?:\d+\.?\d*|\.\d+)", d))
    for token in tokens:
        if token in "Zz":
            if len(points) - first > 2 and points[-1] == points[first]:
                points.pop()
            x, y = start
        elif token in "Mm":
            command, first = token, len(points)
        elif token.isalpha():
            command = token
        else:
            dx, dy = float(token), float(next(tokens))
            x, y = (x + dx, y + dy) if command in "ml" else (dx, dy)
            if command in "Mm":
                start, command = (x, y), "l" if command == "m" else "L"
            points.append((round(x, 1), round(y, 1)))
    return points


def _shape_d(svg, element):
    """The path data an element draws: its own d, or that of the shape its <use> points at."""
    d = re.search(r' d="([^"]+)"', element)
    if d:
        return d.group(1)
    ref = re.search(r' href="#([^"]+)"', element).group(1)
    return re.search(rf'<path id="{ref}" d="([^"]+)"', svg).group(1)


def _vertices(svg, inner):
    """The polygon of a group's first shape as a set of vertices."""
    return set(absolute_points(_shape_d(svg, re.search(r"<(?:path|use) [^>]*>", inner).group(0))))


def _looks(svg, inner):
    """The CSS of each shape of a group, from its class's rule in the map's <style>."""
    rules = dict(re.findall(r"\.(tp\d+)\{([^}]*)\}", svg))
    return [rules[c] for c in re.findall(r'<(?:path|use) class="(tp\d+)"', inner)]


def test_every_region_of_the_vocabulary_has_geometry_on_its_view(kb, geo):
    for r in kb.regions.itertuples():
        assert r.id in geo[r.view].regions, f"region {r.id!r} ({r.view}) has no geometry"


def test_the_figure_is_symmetric_and_closed(geo):
    for view in VIEWS:
        outline = geo[view].outline
        if geo[view].symmetric:
            assert np.allclose(mirror(outline)[::-1], outline, atol=1e-9)
        assert outline[:, 1].min() == pytest.approx(0, abs=0.6) and outline[:, 1].max() == pytest.approx(200, abs=0.6)


def test_landmark_heights_follow_the_contract(geo):
    """Eight heads: the widest point of the hips near the trochanter (~100), the waist above it."""
    right = geo["posterior"].outline[geo["posterior"].outline[:, 0] > 60]
    hip_y = right[np.argmax(right[:, 0] * (right[:, 1] < 115) * (right[:, 1] > 85)), 1]
    assert 95 <= hip_y <= 106


def test_smoothing_passes_through_its_control_points():
    pts = [[0, 0], [1, 2], [3, 3], [6, 1]]
    curve = catmull_rom(pts, samples=8)
    for p in pts:
        assert np.min(np.hypot(*(curve - p).T)) < 1e-9


def test_trigger_points_fall_inside_their_regions(kb, geo):
    outside = [t.id for t in kb.trigger_points.itertuples() if not geo[t.view].contains(t.region, t.x, t.y)]
    assert not outside, f"trigger points outside their region as drawn: {outside}"


def _covered(svg):
    """{(muscle, region, zone)} the referral shapes of a map cover, from their data-regions."""
    return {(a["muscle"], r, a["zone"]) for a, _ in _groups(svg, "tp-zone").values() for r in a["regions"].split()}


def test_each_muscle_pattern_is_one_drawn_shape_per_zone_kind_and_view(kb, svgs, geo):
    """One shape per muscle, zone kind and view, drawn from the zones' own shapes: it reaches
    every region drawn_zones keeps for it (the overlap rule) and stays inside the body."""
    from shapely.geometry import Polygon
    from triggerpoints.maps.patterns import pattern_shape
    from triggerpoints.maps.zoneshapes import INTERNAL, reached
    for muscle, svg in svgs.items():
        expected = drawn_zones(zone_records(resolve_parts(muscle, kb), kb, sides=SIDES))
        assert _covered(svg) == {(z["muscle"], z["region"], z["zone"]) for z in expected}, muscle
        groups = _groups(svg, "tp-zone")
        kinds = [(a["zone"], a["view"], a.get("side", "right"), "article" in a) for a, _ in groups.values()]
        assert len(kinds) == len(set(kinds)) == len({(z["zone"], z["view"], z["side"], z["article"])
                                                     for z in expected}), muscle
        assert {k[2] for k in kinds} == set(SIDES), muscle
        for attrs, inner in groups.values():
            hatched, filled = "fill:url(#" in _looks(svg, inner)[0], "fill:none" not in _looks(svg, inner)[0]
            if "article" in attrs:  # only the course article gives it: an outline, no fill, no hatch
                assert not filled and not hatched, f"{muscle} {attrs['zone']} (article)"
            else:
                assert hatched == (attrs["zone"] == "spillover"), f"{muscle} {attrs['zone']}"
            view = geo[attrs["view"]].on(attrs.get("side", "right"))  # the left side: the right mirrored
            body = Polygon(view.outline)
            regions = attrs["regions"].split()
            shape = pattern_shape(view, {"muscle": muscle, "part": "", "zone": attrs["zone"], "regions": regions,
                                         "article": "article" in attrs})
            assert set(regions) - INTERNAL <= set(reached(shape, view, body)), f"{muscle} {attrs['zone']} {regions}"
            assert body.buffer(0.05).contains(shape), f"{muscle} {attrs['zone']} leaves the body outline"


def test_essential_wins_over_the_same_muscles_spillover(svgs):
    """Biceps femoris refers essentially behind the knee, the inner hamstrings only as spillover:
    the whole muscle's map keeps the solid zone alone (a hatch under it would read as spillover)."""
    assert ("hamstrings", "back_of_knee", "essential") in _covered(svgs["hamstrings"])
    assert ("hamstrings", "back_of_knee", "spillover") not in _covered(svgs["hamstrings"])
    assert ("hamstrings", "posterior_thigh", "spillover") not in _covered(svgs["hamstrings"])
    for muscle, svg in svgs.items():
        zones = {(r, z) for _, r, z in _covered(svg)}
        both = {r for r, z in zones if z == "essential"} & {r for r, z in zones if z == "spillover"}
        assert not both, f"{muscle}: essential and spillover drawn over {both}"


def test_a_part_alone_keeps_its_spillover_and_other_muscles_keep_theirs():
    assert ("hamstrings", "back_of_knee", "spillover") in _covered(map_svg("semitendinosus", view="posterior"))
    # Hamstrings' solid zone over the back of the thigh does not hide piriformis's hatch there.
    shown = _covered(map_svg(["piriformis", "hamstrings"], view="posterior"))
    assert {("piriformis", "posterior_thigh", "spillover"), ("hamstrings", "posterior_thigh", "essential")} <= shown


def test_alt_text_never_lists_a_region_as_both_zones_of_one_muscle(kb):
    labels = [text.lower() for text in kb.regions["label"]]
    for muscle in kb.muscle_ids:
        text = alt_text(muscle).lower()
        essential = text.split("essential zone over the")[1].split(";")[0]
        spill = text.split("spillover over the")[1].split(";")[0] if "spillover over the" in text else ""
        for label in labels:
            named = [re.search(rf"(?:^ |, | and ){re.escape(label)}(?=,| and |\.|$)", c) for c in (essential, spill)]
            assert not all(named), f"{muscle}: {label!r} is both essential and spillover in {text!r}"


def test_trigger_points_have_a_white_halo_outside_their_black_edge(svgs):
    """The X must stand out on its own essential fill, black on black for the hamstrings."""
    for muscle, svg in svgs.items():
        for attrs, inner in _groups(svg, "tp-point").values():
            strokes = [re.search(r"stroke:(#[0-9a-f]{6});stroke-width:([\d.]+)", look).groups()
                       for look in _looks(svg, inner)]
            assert [c for c, _ in strokes] == ["#ffffff", "#000000"], (muscle, strokes)
            assert float(strokes[0][1]) >= float(strokes[1][1]) + 2, muscle


def test_every_trigger_point_is_an_x_in_one_neutral_ink(kb, svgs):
    owner = part_table(kb)
    for t in kb.trigger_points.itertuples():
        muscle = owner[t.part][0]
        points = _groups(svgs[muscle], "tp-point")
        attrs, inner = next(v for k, v in points.items() if k.endswith(f"-t-{t.id}"))
        assert attrs["region"] == t.region and attrs["part"] == t.part
        # matplotlib leaves out a black fill: black is SVG's default
        looks = _looks(svgs[muscle], inner)
        fills = {(re.search(r"fill:(#[0-9a-f]{6})", look) or [None, "#000000"])[1] for look in looks}
        assert fills == {POINT_INK.lower()}, (t.id, fills)


def test_every_region_element_carries_data_region(kb, svgs):
    svg = svgs["piriformis"]
    found = {a["region"] for a, _ in _groups(svg, "tp-region").values()}
    assert found == set(kb.region_ids)


def test_svg_is_accessible_and_deterministic(kb):
    a = map_svg("piriformis", view="posterior")
    b = map_svg("piriformis", view="posterior")
    assert a == b
    assert 'role="img"' in a and "<title>" in a and "Date" not in a
    ids = re.findall(r'\bid="([^"]+)"', a)
    assert len(ids) == len(set(ids)) and all(i.startswith("tpm") for i in ids)


def test_alt_text_comes_from_the_data(kb):
    text = alt_text("piriformis")
    labels = dict(zip(kb.regions["id"], kb.regions["label"]))
    zones = kb.referral_zones[kb.referral_zones["part"] == "piriformis"]
    assert text.count("Piriformis:") == 1
    for r in zones.itertuples():
        assert labels[r.region].lower() in text.lower(), r.region
    essential = text.split("essential zone over the")[1].split(";")[0]
    for r in zones[zones["zone"] == "essential"].itertuples():
        assert labels[r.region].lower() in essential.lower()


def test_anonymous_maps_hide_the_muscle(kb):
    svg = map_svg("piriformis", anonymous=True)
    assert "iriformis" not in svg
    assert "data-region=" in svg


@pytest.mark.parametrize("bad, needle", [("piriformiss", "piriformis"), ("glutes", "gluteus_medius")])
def test_unknown_ids_are_named_with_the_valid_ones(bad, needle):
    with pytest.raises(BodyMapError) as err:
        map_svg(bad)
    assert repr(bad) in str(err.value) and needle in str(err.value)


def test_a_region_without_geometry_is_named(geo):
    with pytest.raises(BodyMapError, match=r"'shoulder'.*sacroiliac"):
        geo["posterior"].region("shoulder")


def test_unknown_view_is_rejected():
    with pytest.raises(BodyMapError, match="'medial'.*'lateral'"):
        map_svg("piriformis", view="medial")
    with pytest.raises(BodyMapError, match="'front'.*'right', 'left' or 'both'"):
        map_svg("piriformis", side="front")


def test_outlines_and_hatches_keep_contrast_against_the_figure():
    for colour in MUSCLE_COLOURS.values():
        lum = _luminance
        from matplotlib.colors import to_rgb
        ratio = (lum(to_rgb(BODY_FILL)) + 0.05) / (lum(to_rgb(ink(colour))) + 0.05)
        assert ratio >= 3.0, colour


def test_spillover_is_a_small_svg_stipple_in_the_one_zone_ink(svgs):
    for muscle in ("quadratus_lumborum", "piriformis", "hamstrings", "adductors", "multifidus"):  # with spillover
        patterns = re.findall(r"<pattern [^>]*>.*?</pattern>", svgs[muscle], flags=re.S)
        assert patterns and all('width="72"' not in p for p in patterns), muscle
        assert all("<circle" in p and ZONE_INK in p for p in patterns), muscle


# ---------------------------------------------------------------- compact SVG

def test_relative_path_data_lands_on_the_rounded_absolute_points():
    d = "M 104.44 39.35 L 107.8 39.7 L 96.05 -12.26 L 0.04 0.3 z M 10 10 L 10.5 9.55 L 11 10 L 10 10 z M 3 4 L 5 4"
    short = _relative_path(d)
    assert short == "m104.4 39.4 3.4.3-11.8-52-96 12.6zm-94.4-29.4.5-.4.5.4zm-7-6 2 0"
    assert absolute_points(short) == [(104.4, 39.4), (107.8, 39.7), (96.0, -12.3), (0.0, 0.3),
                                      (10.0, 10.0), (10.5, 9.6), (11.0, 10.0), (3.0, 4.0), (5.0, 4.0)]


def _raw_shapes(fig):
    """matplotlib's own SVG of a figure: the points of every drawn path, hatch tiles left out."""
    import io
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    raw = re.sub(r"<pattern .*?</pattern>", "", buf.getvalue(), flags=re.S)
    return sorted(absolute_points(d) for d in re.findall(r'<path d="([^"]+)"', raw))


def test_every_shape_is_drawn_at_the_same_points_as_matplotlib_draws_it(kb):
    """Rounding, relative data and <use> change the text only: the same shapes, the same points."""
    fig = map_figure("piriformis", kb=kb)
    svg = figure_svg(fig, "tpmtest", "label")
    svg = re.sub(r"<pattern .*?</pattern>", "", svg)
    drawn = [e for e in re.findall(r"<(?:path|use) [^>]*>", svg) if not re.search(r'<path id="tpmtest-s\d+"', e)]
    assert sorted(absolute_points(_shape_d(svg, e)) for e in drawn) == _raw_shapes(fig)


@pytest.fixture(scope="module")
def explorer_views(kb):
    return layer_svgs("tpxtest", kb)


def test_a_shape_drawn_twice_is_defined_once_without_a_look_of_its_own(svgs, explorer_views):
    """A <use> takes its fill, stroke and clip from its own class only if the shape it points at
    has none; every reference points at an id of the same SVG."""
    for name, svg in [*svgs.items(), *explorer_views.items()]:
        shapes = re.findall(r"<path id=[^>]*>", svg)
        bare = [s for s in shapes if re.fullmatch(r'<path id="[^"]+" d="[^"]+" vector-effect="inherit"/>', s)]
        assert shapes and bare == shapes, name
        data = re.findall(r' d="([^"]{40,})"', svg)
        assert len(data) == len(set(data)), f"{name}: a long path is written twice"
        ids = set(re.findall(r'\bid="([^"]+)"', svg))
        refs = re.findall(r'(?:href="#|url\(#)([^")]+)', svg)
        assert set(refs) <= ids, f"{name}: {set(refs) - ids} not defined"


def test_each_look_is_one_class_of_a_style_scoped_to_its_map(svgs, explorer_views):
    for name, svg in [*svgs.items(), *explorer_views.items()]:
        prefix = re.search(r'data-tp-map="([^"]+)"', svg).group(1)
        font, *rules = re.findall(r"([^{}]+)\{([^}]*)\}", re.search(r"<style>(.*?)</style>", svg).group(1))
        assert font[0] == f'[data-tp-map="{prefix}"] text' and font[1].startswith("font-family:'DejaVu Sans',"), name
        assert "font-family" not in str(rules), name
        assert all(sel == f'[data-tp-map="{prefix}"] .tp{i}' for i, (sel, _) in enumerate(rules)), name
        assert len({look for _, look in rules}) == len(rules), f"{name}: a look written twice"
        assert " style=" not in svg and " clip-path=" not in svg, name
        used = set(re.findall(r'class="(tp\d+)"', svg))
        assert used == {f"tp{i}" for i in range(len(rules))}, name


def test_matplotlib_wrapper_groups_are_gone_and_ours_stay(kb, svgs):
    svg = svgs["piriformis"]
    assert not re.search(r'<g id="[^"]*(?:figure|axes|patch|line2d|text|legend)_\d+"', svg)
    assert all(re.match(r'<g (?:id="[^"]+" )?class="tp-', g) for g in re.findall(r"<g [^>]*>", svg))
    # The figure of each view (the lateral view: one per side), which has no id of its own.
    assert svg.count('<g class="tp-body"') == 4
    regions = _groups(svg, "tp-region").values()
    assert {a["region"] for a, _ in regions if a.get("side") == "left"} == set(kb.region_ids)
    assert svg.count("<g ") == svg.count("</g>")


def test_a_lateral_outline_that_crosses_itself_is_refused(tmp_path):
    import json
    from triggerpoints.maps.geometry import GEOMETRY_FILE
    spec = json.loads(GEOMETRY_FILE.read_text(encoding="utf-8"))
    outline = spec["views"]["lateral"]["outline"]
    outline[2], outline[-3] = outline[-3], outline[2]  # two control points swapped: a bow tie
    bad = tmp_path / "geometry.json"
    bad.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(BodyMapError, match=r"geometry.json: view lateral, body outline: crosses itself near .*control point"):
        load_geometry(bad)
