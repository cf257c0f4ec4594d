"""The muscle layer's data (data/bodymap/anatomy.json): every part has a shape, shapes reach
their attachments and hold their trigger points, and a bad file is refused at load with every
problem named (file, view, muscle, point); nothing is drawn from it."""

import copy
import json

import numpy as np
import pytest
from shapely.geometry import Point, Polygon

from triggerpoints.maps import anatomy as an
from triggerpoints.maps.figure import map_svg


@pytest.fixture(scope="module")
def layer(kb):
    return an.anatomy_for(kb)


@pytest.fixture(scope="module")
def spec():
    return json.loads(an.ANATOMY_FILE.read_text(encoding="utf-8"))


def parts_of(kb):
    return tuple((r.id, r.muscle) for r in kb.parts.itertuples())


def test_every_part_of_the_course_has_a_shape_with_a_source(kb, layer):
    drawn = {p for v in layer.values() for p in v["muscles"]}
    assert drawn == set(kb.part_ids)
    assert all(s.source for v in layer.values() for s in v["muscles"].values())


def test_deep_muscles_are_marked_deep(layer):
    deep = {p for v in layer.values() for p, s in v["muscles"].items() if s.deep}
    assert {"ql_deep", "piriformis", "psoas_major", "psoas_minor", "iliacus"} <= deep
    assert not {"ql_superficial", "gluteus_medius", "biceps_femoris"} & deep


def test_trigger_points_lie_inside_their_muscle(kb, layer):
    outside = [t.id for t in kb.trigger_points.itertuples() if t.part in layer[t.view]["muscles"]
               and not Polygon(layer[t.view]["muscles"][t.part].outline).contains(Point(t.x, t.y))]
    assert not outside, f"trigger points outside their muscle's shape: {outside}"


def test_the_skeleton_is_drawn_on_every_view(layer):
    """Lumbar vertebrae, the twelfth rib, pelvis, sacrum, femur and the heads of tibia and fibula."""
    for view in layer:
        drawn = {i for i, lm in layer[view]["landmarks"].items() if lm.draw}
        assert {"ilium", "femur", "tibia", "fibular_head", "sacrum"} <= drawn, view
        assert any(i.endswith("_L3") for i in drawn), view
    assert "twelfth_rib" in {i for i, lm in layer["posterior"]["landmarks"].items() if lm.draw}


def test_shapes_reach_the_attachments_named_in_muscles_csv(layer):
    """QL between the crest and the twelfth rib; piriformis from the sacrum to the trochanter."""
    ql = layer["posterior"]["muscles"]["ql_superficial"].attachments
    assert {"iliac_crest", "twelfth_rib"} <= set(ql)
    assert {"sacrum_border", "greater_trochanter_top"} <= set(layer["posterior"]["muscles"]["piriformis"].attachments)
    assert {"lumbar_bodies", "lesser_trochanter"} <= set(layer["anterior"]["muscles"]["psoas_major"].attachments)


def test_shapes_are_generated_from_their_attachments(layer):
    """Each muscle's outline starts at its origin and ends at its insertion: no hand-placed blob."""
    from shapely.geometry import LineString, MultiPoint
    for view in layer.values():
        for shape in view["muscles"].values():
            outline = Polygon(shape.outline)
            for name in shape.attachments:
                pts = view["landmarks"][name].points
                bone = LineString(pts) if len(pts) > 1 else MultiPoint(pts)
                assert outline.distance(bone) < 0.6, (shape.part, shape.view, name)
            assert len(shape.fibres) >= 3 and all(len(f) > 2 for f in shape.fibres)


def test_fibres_run_to_every_attachment(layer):
    """Each attachment a shape names is reached by its striation, not only by its outline. The
    test above cannot fail for a generated shape (its outline is built from those very points),
    so it passed while adductor magnus ended on the adductor tubercle in a sliver no fibre ran
    to (4.3 units from the nearest fibre end): a reader saw a muscle that stops short."""
    from shapely.geometry import LineString, MultiPoint
    for view in layer.values():
        for shape in view["muscles"].values():
            ends = MultiPoint([f[0] for f in shape.fibres] + [f[-1] for f in shape.fibres])
            for name in shape.attachments:
                mark = view["landmarks"][name]
                bone = (Polygon(mark.points) if mark.kind == "outline" else LineString(mark.points)
                        if len(mark.points) > 1 else Point(mark.points[0]))  # a bony knob: its whole surface
                assert bone.distance(ends) < 0.6, (shape.part, shape.view, name, round(bone.distance(ends), 2))


@pytest.mark.parametrize("view", ["posterior", "anterior"])
def test_adductor_magnus_has_its_adductor_and_hamstring_parts(layer, view):
    """From the rami to the linea aspera, and from the ischial tuberosity down to the adductor
    tubercle (muscles.csv): the hamstring part's line of pull lies inside the drawn shape, which is
    more than a tendon's width there."""
    from shapely.geometry import LineString
    shape, marks = layer[view]["muscles"]["adductor_magnus"], layer[view]["landmarks"]
    assert {"ischial_tuberosity", "linea_aspera", "adductor_tubercle"} <= set(shape.attachments)
    tuberosity = an.attachment_line(marks["ischial_tuberosity"])[0]
    tubercle = marks["adductor_tubercle"].points[0]
    outline = Polygon(shape.outline)
    assert outline.buffer(0.05).contains(LineString([tuberosity, tubercle]))
    middle = (tuberosity + tubercle) / 2
    across = LineString([middle - (6, 0), middle + (6, 0)]).intersection(outline)
    assert across.length > 2 * an.TENDON, across.length


def test_semitendinosus_and_semimembranosus_differ_as_in_the_sources(layer):
    """Semitendinosus: superficial, belly above, a long cord in the distal third; semimembranosus:
    deep (dashed), a flat tendon above, its wider belly in the distal half."""
    from shapely.geometry import LineString
    muscles = layer["posterior"]["muscles"]
    st, sm = muscles["semitendinosus"], muscles["semimembranosus"]
    assert not st.deep and sm.deep

    def width_at(shape, fraction):
        y0, y1 = shape.outline[:, 1].max(), shape.outline[:, 1].min()
        y = y0 + (y1 - y0) * fraction
        return LineString([(0, y), (100, y)]).intersection(Polygon(shape.outline)).length

    assert width_at(st, 0.3) > 2.5 * width_at(st, 0.8)       # belly above, cord below
    assert width_at(st, 0.8) <= an.TENDON * 1.5
    assert width_at(sm, 0.7) > 2.5 * width_at(sm, 0.2)       # flat tendon above, belly below
    assert width_at(sm, 0.7) > width_at(st, 0.3)             # the wider belly


def test_fibres_stay_inside_their_muscle(layer):
    """A long fibre bowing past a short edge fibre (iliocostalis lumborum's slips to the rib angles,
    gluteus medius's fan) would be drawn outside the muscle: each point lies within the outline."""
    for view in layer.values():
        for shape in view["muscles"].values():
            outline = Polygon(shape.outline).buffer(1e-6)
            assert all(outline.covers(Point(xy)) for f in shape.fibres for xy in f), (shape.view, shape.part)


def test_a_belly_of_two_numbers_bows_each_side_on_its_own():
    """(b, b) is the one number b; (0, b) leaves the side of the origin's first point straight."""
    origin, insertion = np.array([[0.0, 0.0], [4.0, 0.0]]), np.array([[0.0, 20.0], [4.0, 20.0]])
    one, _ = an.sheet(origin, insertion, 1.5)
    both, _ = an.sheet(origin, insertion, (1.5, 1.5))
    assert np.allclose(one, both)
    lopsided, _ = an.sheet(origin, insertion, (0.0, 1.5))
    assert lopsided[:, 0].min() == pytest.approx(0.0, abs=1e-9)     # the first side stays straight
    assert lopsided[:, 0].max() == pytest.approx(4.0 + 1.5, abs=0.05)


def _across(shape, y):
    """(medial, lateral) x of a shape's outline at height y (right side: x > 50)."""
    from shapely.geometry import LineString
    cut = Polygon(shape.outline).intersection(LineString([(0, y), (100, y)]))
    return cut.bounds[0], cut.bounds[2]


def test_the_erector_columns_lie_as_in_an_atlas(layer):
    """Posterior view: multifidus in the groove beside the spinous processes, longissimus over the
    transverse processes (thickest in the lumbar region), iliocostalis lateral (sc914); iliocostalis
    lumborum a near-vertical column broad on the iliac crest, iliocostalis thoracis from the lower
    six rib angles to the neck, medial to the scapula's medial border above its inferior angle."""
    from triggerpoints.maps import load_geometry
    m = layer["posterior"]["muscles"]
    mf, lt, il = (_across(m[p], 125.0) for p in ("multifidus", "longissimus_thoracis", "iliocostalis_lumborum"))
    assert sum(mf) < sum(lt) < sum(il)                               # medial to lateral, at L3
    assert lt[0] > 52.0 and lt[1] > 57.0                              # out of the groove, over the transverse processes
    assert lt[1] - lt[0] > 1.5 * np.subtract(*_across(m["longissimus_thoracis"], 160.0)[::-1])  # thicker below
    low, high = _across(m["iliocostalis_lumborum"], 123.0), _across(m["iliocostalis_lumborum"], 140.0)
    assert low[1] - low[0] > 2.5 and abs(sum(high) - sum(low)) / 2 < 3.0  # broad below, nearly vertical
    it = m["iliocostalis_thoracis"].outline
    assert it[:, 1].min() < 134.0 and it[:, 1].max() > 172.0          # lower six ribs up to the neck
    scapula = np.asarray(load_geometry()["posterior"].lines["scapula"])
    border = scapula[scapula[:, 0] < 56.0]                            # its medial border
    for y in (157.0, 160.0, 165.0):
        assert _across(m["iliocostalis_thoracis"], y)[1] <= border[:, 0].max() + 0.6
    upper = _across(m["erector_spinae_upper"], 160.0)
    assert upper[0] > 50.5 and upper[1] <= border[:, 0].max() + 0.5  # between the spine and the scapula


def test_deep_ql_and_multifidus_are_muscles_not_cords(layer):
    """A reviewer read the plates: the deep QL was "a single thin spindle" slanting laterally up
    ("looks like a ligament"), multifidus tapered to a point at L1, and longissimus's medial border
    ran on the spinous line. Deep QL: a fan from a broad base on the crest and iliolumbar ligament,
    its fibres rising straight or medially to the transverse processes up to L1; multifidus bulky at
    every lumbar level (thickest low), out to the PSIS over the sacrum and on above L1; longissimus
    lateral of it all the way up."""
    m = layer["posterior"]["muscles"]
    ql, psis = m["ql_deep"], layer["posterior"]["landmarks"]["psis"].points[0]
    base = _across(ql, 121.0)
    assert base[1] - base[0] > 4.0 and ql.outline[:, 1].max() > 133.0    # broad base; up to L1
    for fibre in ql.fibres:
        top, bottom = fibre[fibre[:, 1].argmax()], fibre[fibre[:, 1].argmin()]
        assert top[0] <= bottom[0] + 0.3, (top, bottom)                   # never up and lateral
    widths = [np.subtract(*_across(m["multifidus"], y)[::-1]) for y in (116.0, 120.0, 125.0, 130.0, 133.0)]
    assert min(widths) > 2.5 and widths[0] >= max(widths[2:])             # bulky at each level, most low
    assert _across(m["multifidus"], 112.0)[1] >= psis[0] - 0.2             # out to the PSIS
    assert m["multifidus"].outline[:, 1].max() > 136.0                     # on above L1
    assert min(_across(m["longissimus_thoracis"], y)[0] for y in range(112, 165)) > 52.8


def test_only_what_lies_under_another_layer_is_dashed(layer):
    """Deep: multifidus, what lies under the gluteals or the abdomen, the deep QL layer, and what lies
    under another muscle of the course (adductor brevis, semimembranosus). Longissimus and iliocostalis
    are the superficial columns of erector spinae (under the thoracolumbar fascia, not drawn)."""
    deep = {(v, p) for v, view in layer.items() for p, s in view["muscles"].items() if s.deep}
    allowed = {"multifidus", "ql_deep", "piriformis", "gluteus_minimus_anterior", "gluteus_minimus_posterior",
               "psoas_major", "psoas_minor", "iliacus", "adductor_brevis", "semimembranosus"}
    assert {p for _, p in deep} <= allowed, sorted(deep)
    columns = {"longissimus_thoracis", "iliocostalis_lumborum", "iliocostalis_thoracis", "erector_spinae_upper"}
    assert not {p for _, p in deep} & columns


def _write(tmp_path, spec):
    path = tmp_path / "anatomy.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def _drop_everywhere(spec, part):
    for view in spec["views"].values():
        view["muscles"].pop(part, None)


def _cross(spec):
    m = spec["views"]["posterior"]["muscles"]["piriformis"]
    m["belly"] = -6.0  # the sides bow inwards past each other: the outline crosses itself


@pytest.mark.parametrize("mutate, needles", [
    (lambda s: _drop_everywhere(s, "piriformis"), ["view (every view), muscle piriformis: has no shape on any view"]),
    (_cross, ["view posterior, muscle piriformis, origin 'sacrum_border'", "crosses itself"]),
    (lambda s: s["views"]["posterior"]["muscles"]["ql_superficial"]["insertion"].append({"on": "twelth_rib"}),
     ["view posterior, muscle quadratus_lumborum (part ql_superficial), insertion", "landmark 'twelth_rib' is not a landmark",
      "did you mean 'twelfth_rib'?"]),
    (lambda s: s["views"]["anterior"]["muscles"]["gracilis"].pop("origin"),
     ["view anterior, muscle adductors (part gracilis): no origin"]),
    (lambda s: s["views"]["anterior"]["muscles"]["gracilis"].__setitem__("belly", 9.0),
     ["view anterior, muscle adductors (part gracilis): runs outside the body outline"]),
    (lambda s: s["views"]["posterior"]["muscles"]["adductor_magnus"]["heads"][1].update(
        origin=[{"on": "twelfth_rib"}], insertion=[{"on": "tenth_rib"}]),
     ["view posterior, muscle adductors (part adductor_magnus): its heads do not meet"]),
    (lambda s: s["views"]["posterior"]["muscles"]["piriformis"].__setitem__("belly", [1.0, 2.0, 3.0]),
     ["view posterior, muscle piriformis: belly [1.0, 2.0, 3.0]: expected a number, or two"]),
    (lambda s: s["views"]["posterior"]["muscles"].__setitem__("piriformiss", {"origin": [], "insertion": []}),
     ["view posterior, muscle piriformiss: not a part in parts.csv (did you mean 'piriformis'?)"]),
])
def test_a_bad_anatomy_file_is_refused_naming_view_muscle_and_point(kb, spec, tmp_path, mutate, needles):
    bad = copy.deepcopy(spec)
    mutate(bad)
    path = _write(tmp_path, bad)
    with pytest.raises(an.AnatomyError) as err:
        an.load_anatomy(parts_of(kb), path)
    message = str(err.value)
    assert str(path) in message.splitlines()[0]
    for needle in needles:
        assert needle in message, message


def test_every_problem_is_reported_at_once(kb, spec, tmp_path):
    bad = copy.deepcopy(spec)
    _drop_everywhere(bad, "iliacus")
    _cross(bad)
    with pytest.raises(an.AnatomyError, match=r"^2 problems in"):
        an.load_anatomy(parts_of(kb), _write(tmp_path, bad))


def test_nothing_is_drawn_from_a_bad_file(kb, spec, tmp_path, monkeypatch):
    bad = copy.deepcopy(spec)
    _cross(bad)
    monkeypatch.setattr(an, "ANATOMY_FILE", _write(tmp_path, bad))
    drawn = []
    monkeypatch.setattr("triggerpoints.maps.figure.draw_view", lambda *a, **k: drawn.append(a))
    with pytest.raises(an.AnatomyError):
        map_svg("quadratus_lumborum")
    assert not drawn


def test_smoothed_outlines_are_closed_without_a_repeated_point(layer):
    for view in layer.values():
        for shape in view["muscles"].values():
            assert not np.allclose(shape.outline[0], shape.outline[-1])
            assert Polygon(shape.outline).is_valid
