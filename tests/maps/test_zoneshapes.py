"""Referral zones as drawn shapes that belong to trigger points (issue 24): regions derived from
the shapes equal the zone table, bad shapes are refused whole, one visual code on every map,
a pattern per trigger point."""

import json

import numpy as np
import re

import pytest
from shapely.geometry import Polygon

from triggerpoints import load_knowledge_base
from triggerpoints.knowledge import KnowledgeBaseError
from triggerpoints.maps.draw import ARTICLE_INK, ESSENTIAL_FILL, PATTERN_LEGEND, ZONE_INK
from triggerpoints.maps.figure import map_figure, show_map
from triggerpoints.maps.geometry import BodyMapError, load_geometry
from triggerpoints.maps.pointmaps import internal_note, point_figure, point_groups
from triggerpoints.maps.selection import region_views, zone_records
from triggerpoints.maps.zoneshapes import (ALL_POINTS, INTERNAL, ZONES_FILE, load_zone_shapes, piece_polygon, reached,
                                           shape_of_row, zone_shapes)


@pytest.fixture(scope="module")
def shapes(kb):
    return zone_shapes(kb)


def _rows(kb):
    return tuple((r.id, r.part, r.point, r.region, r.zone, r.provenance == "article")
                 for r in kb.referral_zones.itertuples())


def _points(kb):
    return tuple((t.id, t.part) for t in kb.trigger_points.itertuples() if t.view != "lateral")


# ---------------------------------------------------------------- zones belong to trigger points

def test_every_zone_names_a_trigger_point_of_its_own_part_or_all(kb):
    own = {(t.part, t.id) for t in kb.trigger_points.itertuples() if t.view != "lateral"}
    for r in kb.referral_zones.itertuples():
        assert r.point == ALL_POINTS or (r.part, r.point) in own, r.id
    # the sources separate these points: their zones are not merged under 'all'
    split = kb.referral_zones.set_index("id")["point"]
    assert split["rz_ql_superficial_iliac_crest"] == "tp_ql_superficial_upper"
    assert split["rz_ql_superficial_lateral_hip"] == "tp_ql_superficial_lower"
    assert split["rz_ql_deep_sacroiliac"] == "tp_ql_deep_upper"
    assert split["rz_ql_deep_lower_buttock"] == "tp_ql_deep_lower"


def test_a_zone_naming_a_missing_point_is_refused_by_the_knowledge_base(tmp_path):
    import shutil
    from triggerpoints.paths import DATA_DIR
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "referral_zones.csv"
    path.write_text(path.read_text().replace("rz_ql_deep_sacroiliac,ql_deep,tp_ql_deep_upper,",
                                             "rz_ql_deep_sacroiliac,ql_deep,tp_ql_deep_middle,"))
    with pytest.raises(KnowledgeBaseError) as err:
        load_knowledge_base(data)
    for needle in ("data/referral_zones.csv", "point", "rz_ql_deep_sacroiliac", "tp_ql_deep_middle", "tp_ql_deep_upper"):
        assert needle in str(err.value), needle


def test_a_zone_naming_a_missing_point_is_refused_by_the_shape_loader(kb):
    rows = tuple((i, p, "tp_nowhere" if i == "rz_ql_deep_sacroiliac" else pt, r, z, a)
                 for i, p, pt, r, z, a in _rows(kb))
    with pytest.raises(BodyMapError, match=r"zones.json: zone 'rz_ql_deep_sacroiliac', every view, point 'tp_nowhere'"):
        load_zone_shapes(rows, _points(kb), ZONES_FILE)


# ---------------------------------------------------------------- shapes and derived regions

def test_derived_regions_equal_the_zone_table(kb, shapes):
    """Recomputed here from the shapes (the overlap rule): over its views, each shape reaches the
    regions of its rows, and beyond them at most (for spillover) its part's essential regions."""
    geos = load_geometry()
    table, essential = {}, {}
    for r in kb.referral_zones.itertuples():
        table.setdefault(shape_of_row(r), set()).add(r.region)
        if r.zone == "essential":
            essential.setdefault(r.part, set()).add(r.region)
    assert set(shapes) == {s for s, regions in table.items() if regions - INTERNAL}
    for sid, shape in shapes.items():
        got = set()
        for view, geom in shape.views.items():
            got |= set(reached(geom, geos[view], Polygon(geos[view].outline)))
        allowed = table[sid] | (essential[shape.part] if shape.zone == "spillover" else set())
        assert table[sid] - INTERNAL <= got <= allowed, sid


def test_every_zone_is_drawn_on_its_regions_own_view(kb, shapes):
    home = region_views(kb)
    for r in kb.referral_zones.itertuples():
        if r.region not in INTERNAL:
            assert r.region in shapes[shape_of_row(r)].regions.get(home[r.region], ()), r.id


def test_shapes_are_smooth_not_tiles(shapes):
    """A drawn zone is not a region tile: no long straight edges (tiles are polygons with a few
    vertices; a spline or a swept band has many, short ones)."""
    for sid, shape in shapes.items():
        for view, geom in shape.views.items():
            for poly in getattr(geom, "geoms", [geom]):
                assert len(poly.exterior.coords) > 16, (sid, view)


def test_look_alikes_differ(shapes):
    """Gluteus minimus posterior and semitendinosus shared about 80 % of their pixels as tiles."""
    a = shapes["gluteus_minimus_posterior/tp_gluteus_minimus_posterior/essential"].views["posterior"]
    b = shapes["semitendinosus/tp_semitendinosus/essential/article"].views["posterior"]  # unconfirmed
    assert a.intersection(b).area < 0.6 * min(a.area, b.area)


def test_zone_records_follow_the_shapes(kb, shapes):
    """A zone is listed on a view only where its shape reaches its region there; intrapelvic
    referral keeps its own view for the words and has no shape."""
    for z in zone_records(list(kb.part_ids), kb):
        row = kb.referral_zones[(kb.referral_zones.part == z["part"]) & (kb.referral_zones.region == z["region"])].iloc[0]
        if z["region"] in INTERNAL:
            assert shape_of_row(row) not in shapes or z["region"] not in shapes[shape_of_row(row)].regions.get(z["view"], ())
        else:
            assert z["region"] in shapes[shape_of_row(row)].regions[z["view"]], z["key"]


def _spec_with(sid, view, pieces):
    spec = json.loads(ZONES_FILE.read_text())
    spec["shapes"][sid][view] = pieces
    return spec


@pytest.mark.parametrize("pieces, needle", [
    ([[[50, 120], [60, 130], [60, 120], [50, 130]]], "crosses itself"),          # a bow tie
    ([[[80, 120, 4], [85, 110, 4]]], "leaves the body outline"),                  # beside the body
    ([[[58, 60, 4], [58, 50, 4]]], "reaches"),                                    # behind the knee, not the SI joint
    ([[[58, 60]]], "expected"),                                                   # one point is no shape
])
def test_bad_shapes_are_refused_whole_naming_file_zone_view_point(kb, tmp_path, pieces, needle):
    sid = "ql_deep/tp_ql_deep_upper/essential"
    path = tmp_path / "zones.json"
    path.write_text(json.dumps(_spec_with(sid, "posterior", pieces)))
    with pytest.raises(BodyMapError) as err:
        load_zone_shapes(_rows(kb), _points(kb), path)
    text = str(err.value)
    assert text.startswith(f"zones.json: zone '{sid}', view 'posterior', point 'tp_ql_deep_upper'"), text
    assert needle in text, text


def test_a_zone_row_without_a_shape_is_refused(kb, tmp_path):
    spec = json.loads(ZONES_FILE.read_text())
    del spec["shapes"]["ql_deep/tp_ql_deep_lower/essential/article"]
    path = tmp_path / "zones.json"
    path.write_text(json.dumps(spec))
    with pytest.raises(BodyMapError, match=r"zone 'rz_ql_deep_lower_buttock', every view, point 'tp_ql_deep_lower'"):
        load_zone_shapes(_rows(kb), _points(kb), path)


def test_a_stroke_is_a_band_of_its_width():
    band = piece_polygon([[50, 100, 4], [50, 110, 4]])
    assert band.is_valid and abs(band.bounds[0] - 48) < 0.05 and abs(band.bounds[3] - 112) < 0.05
    assert band.area == pytest.approx(4 * 10 + 3.1416 * 4, rel=0.03)


# ---------------------------------------------------------------- one visual code

def _zone_fills(svg):
    return set(re.findall(r'class="tp-zone tp-essential"[^>]*>\s*<path [^>]*style="fill:\s*(#[0-9a-f]{6})', svg))


@pytest.mark.parametrize("muscle", ["quadratus_lumborum", "gluteus_minimus", "piriformis", "iliopsoas"])
def test_one_ink_solid_stipple_and_grey_dashed_article(muscle):
    svg = show_map(muscle, view="all").svg
    fills = set(re.findall(r"fill:\s*(#[0-9a-f]{6})", svg))
    assert ESSENTIAL_FILL.lower() in fills
    patterns = re.findall(r"<pattern [^>]*>.*?</pattern>", svg, flags=re.S)
    assert patterns and all("<circle" in p and ZONE_INK in p for p in patterns)  # stipple, one ink
    looks = dict(re.findall(r'\.(tp\d+)\{([^}]*)\}', svg))
    article = re.findall(r'class="tp-zone[^"]* tp-article"[^>]*><path class="(tp\d+)"', svg)
    classic = re.findall(r'class="tp-zone tp-(essential|spillover)"[^>]*><path class="(tp\d+)"', svg)
    assert classic
    for cls in article:  # one defined style: a grey dashed outline, no fill
        assert "fill:none" in looks[cls] and f"stroke:{ARTICLE_INK.lower()}" in looks[cls]
        assert "stroke-dasharray" in looks[cls]
    for zone, cls in classic:
        if zone == "essential":
            assert f"fill:{ESSENTIAL_FILL.lower()}" in looks[cls], muscle
        else:
            assert "fill:url(#" in looks[cls] and f"stroke:{ZONE_INK.lower()}" in looks[cls], muscle


def test_article_only_zones_lie_beneath_the_classic_pattern_and_can_be_hidden():
    svg = show_map("piriformis", view="posterior").svg
    panels = re.split(r'<g class="tp-body"', svg)[1:]
    assert len(panels) >= 1
    for panel in panels:  # within a figure, document order is drawing order
        article = [m.start() for m in re.finditer(r'class="tp-zone tp-(essential|spillover) tp-article"', panel)]
        classic = [m.start() for m in re.finditer(r'class="tp-zone tp-(essential|spillover)"', panel)]
        assert not article or max(article) < min(classic)
    assert "tp-article" in svg
    hidden = show_map("piriformis", view="posterior", classic_only=True).svg
    assert "tp-article" not in hidden and "tp-zone tp-essential" in hidden


def test_the_same_legend_everywhere_every_swatch_shown_no_line_clipped():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    for muscle in ("quadratus_lumborum", "piriformis", "hamstrings"):
        fig = map_figure(muscle, view="all")
        FigureCanvasAgg(fig).draw()
        legend = fig.legends[0]
        labels = [t.get_text() for t in legend.get_texts()]
        assert labels[:3] == list(PATTERN_LEGEND[:2]) + [PATTERN_LEGEND[2]], muscle
        box, page = legend.get_window_extent(), fig.bbox
        assert box.y0 >= page.y0 - 0.5 and box.x0 >= page.x0 - 0.5 and box.x1 <= page.x1 + 0.5, muscle
        from matplotlib.patches import Rectangle
        swatches = [h for h in legend.legend_handles if isinstance(h, Rectangle)]
        assert len(swatches) >= 2 and all(h.get_window_extent().height >= 9 for h in swatches), muscle
        assert legend.legend_handles[2].get_marker() == "X" and legend.legend_handles[2].get_markersize() >= 8


# ---------------------------------------------------------------- a pattern per point

def test_ql_has_a_panel_per_point_and_each_shows_only_its_x(kb):
    groups = point_groups(["ql_superficial", "ql_deep"], kb)
    assert [g["point"] for g in groups] == ["tp_ql_superficial_upper", "tp_ql_superficial_lower",
                                            "tp_ql_deep_upper", "tp_ql_deep_lower"]
    fig, _, _ = point_figure("quadratus_lumborum", kb=kb)
    rows = {}
    for ax in fig.axes:
        keys = {line.get_gid().split("|")[2] for line in ax.get_lines() if (line.get_gid() or "").startswith("tpg|point")}
        rows.setdefault(round(ax.get_position().y0, 3), set()).update(keys)
    shown = [rows[y] for y in sorted(rows, reverse=True)]  # top row first
    assert len(shown) == len(groups)
    for g, keys in zip(groups, shown):  # its own X (and its side view's twin), no other
        assert keys and {k.removeprefix("t-").removesuffix("_lateral") for k in keys} == {g["point"]}, (g, keys)


def test_intrapelvic_referral_is_a_caption_line_not_a_zone(kb):
    assert "inside the pelvis" in internal_note(["adductor_magnus"], kb)
    assert internal_note(["piriformis"], kb) == ""
    page = show_map("adductor_magnus", per_point=True)._repr_html_()
    assert "inside the pelvis" in page and "not drawn on the skin" in page
    from triggerpoints.maps.patterns import pattern_shape
    geo = load_geometry()["anterior"]
    upper = {"muscle": "adductors", "part": "adductor_magnus", "zone": "essential", "article": False,
             "regions": ["pelvis_internal"]}
    assert pattern_shape(geo, upper, kb).is_empty  # the upper point's own zone: nothing on the skin
    whole = {**upper, "regions": ["groin", "inner_thigh", "pelvis_internal"]}
    assert "pelvis_internal" not in reached(pattern_shape(geo, whole, kb), geo, Polygon(geo.outline))


def test_in_greyscale_essential_is_a_flat_dark_tone_and_spillover_a_stipple(kb, shapes):
    """Windows well inside an essential and a spillover shape of a drawn view, in grey: the solid
    one flat and darker than the body, the stipple one varied (colour is never the only cue)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from triggerpoints.maps.draw import draw_view, new_figure
    from triggerpoints.maps.patterns import muscle_patterns
    from triggerpoints.maps.selection import drawn_zones
    fig, axes = new_figure(["posterior"])
    ax = axes["posterior"]
    patterns = muscle_patterns(drawn_zones(zone_records(["piriformis"], kb, classic_only=True)))
    draw_view(ax, load_geometry()["posterior"], "posterior", patterns, [], kb)  # no muscle layer, no X
    fig.set_dpi(300)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    grey = np.asarray(canvas.buffer_rgba())[..., :3].mean(axis=-1)

    def window(point, half=0.8):
        (c0, r0), (c1, r1) = ax.transData.transform([(point.x - half, point.y + half), (point.x + half, point.y - half)])
        h = grey.shape[0]
        return grey[int(h - r0):int(h - r1), int(c0):int(c1)]
    inner = {k: shapes[f"piriformis/all/{k}"].views["posterior"].buffer(-1.0).representative_point()
             for k in ("essential", "spillover")}
    from shapely.geometry import Point
    body, solid, stipple = window(Point(40, 60)), window(inner["essential"]), window(inner["spillover"])
    assert min(body.size, solid.size, stipple.size) > 16 and body.std() < 3
    assert solid.std() < 12 and solid.mean() <= body.mean() - 40
    assert stipple.std() >= 20 and stipple.std() >= solid.std() + 15


@pytest.mark.parametrize("muscle", ["hamstrings", "adductors"])
def test_a_pattern_no_source_we_count_confirms_is_drawn_unconfirmed_throughout(muscle):
    """Issue 25: only commercial pages and blogs give these patterns, so every zone is a grey dashed outline."""
    svg = show_map(muscle, view="all").svg
    assert re.findall(r'class="tp-zone[^"]* tp-article"', svg)
    assert not re.findall(r'class="tp-zone tp-(essential|spillover)"', svg)
