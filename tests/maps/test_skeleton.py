"""The skeleton (data/bodymap/skeleton.json): proportions from stature fractions, a landmark at
the same height in every view, and a bad file refused naming the file, view and landmark."""

import copy
import json

import numpy as np
import pytest

from triggerpoints.maps import skeleton as sk


@pytest.fixture(scope="module")
def spec():
    return json.loads(sk.SKELETON_FILE.read_text(encoding="utf-8"))


def test_a_landmark_sits_at_the_same_height_in_every_view(spec):
    bones, levels = sk.load_skeleton(), sk.level_heights()
    shared = [i for i in bones["posterior"] if i in bones["anterior"] and i in bones["lateral"]]
    levelled = [i for i in shared if bones["posterior"][i].level]
    assert {"greater_trochanter", "iliac_crest", "ischial_tuberosity", "fibular_head", "tibia"} <= set(levelled)
    for ident in levelled:
        heights = {v: spec["views"][v][ident]["points"][0][1] for v in bones if ident in bones[v]}
        assert len(set(heights.values())) == 1, (ident, heights)
        assert next(iter(heights.values())) == pytest.approx(levels[bones["posterior"][ident].level])


def test_levels_follow_the_named_stature_fractions(spec):
    """Winter's figure 4.1: greater trochanter at 0.530 of stature, knee at 0.285 (stature 200)."""
    assert "Winter" in spec["source"]
    levels = spec["levels"]
    assert levels["greater_trochanter"]["y"] == pytest.approx(0.530 * 200)
    assert levels["knee_joint"]["y"] == pytest.approx(0.285 * 200)


def _write(tmp_path, data):
    path = tmp_path / "skeleton.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("mutate, needle", [
    (lambda s: s["views"]["lateral"]["greater_trochanter"]["points"][0].__setitem__(1, 101.0),
     "view lateral, landmark greater_trochanter: first point at height 101, but its level 'greater_trochanter' is at 106"),
    (lambda s: s["views"]["anterior"]["ischial_tuberosity"].pop("level"),
     "landmark ischial_tuberosity: at different heights across views"),
    (lambda s: s["views"]["posterior"]["femur"]["points"].__setitem__(3, [95.0, 100.0]),
     "view posterior, landmark femur, point 4 (95, 100): outside the body outline"),
    (lambda s: s["views"]["posterior"]["coccyx"].__setitem__("level", "coccyx_top"),
     "view posterior, landmark coccyx: level 'coccyx_top' is not in 'levels'"),
])
def test_a_bad_skeleton_is_refused_naming_file_view_and_landmark(spec, tmp_path, mutate, needle):
    bad = copy.deepcopy(spec)
    mutate(bad)
    path = _write(tmp_path, bad)
    with pytest.raises(sk.SkeletonError) as err:
        sk.load_skeleton(path)
    assert str(path) in str(err.value).splitlines()[0]
    assert needle in str(err.value), str(err.value)


def test_midline_bones_are_whole_and_side_bones_on_the_right(spec):
    bones = sk.load_skeleton()
    for view in ("posterior", "anterior"):
        for lm in bones[view].values():
            xs = np.asarray(lm.points)[:, 0]
            if lm.midline:
                assert xs.min() < 50 < xs.max(), (view, lm.id)
