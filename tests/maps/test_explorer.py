"""The explorer's rules (which layers a state shows), its static HTML and its live widget."""

import re

import pytest

from triggerpoints import load_knowledge_base
from triggerpoints.maps.explorer import _COUNTER, explore, ExplorerWidget, layer_svgs
from triggerpoints.maps.explorer_model import build_model, compare_regions, describe, EMPTY_TEXT, initial_state, instant_css, state_css, visible_keys
from triggerpoints.maps.figure import show_map
from triggerpoints.maps.geometry import BodyMapError
from triggerpoints.maps.selection import resolve_parts


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


@pytest.fixture(scope="module")
def model(kb):
    return build_model(kb)


@pytest.fixture(scope="module")
def dual(kb):
    return explore(["piriformis"])


def state(parts=(), view="both", spillover=True, compare=None):
    return {"parts": list(parts), "view": view, "spillover": spillover, "compare": compare}


def test_a_muscle_shows_all_its_zones_and_trigger_points(kb, model):
    parts = resolve_parts("quadratus_lumborum", kb)
    keys = set(visible_keys(model, state(parts)))
    zones = kb.referral_zones[kb.referral_zones["part"].isin(parts)]
    assert {f"z-{z.part}-{z.region}" for z in zones.itertuples()} <= keys
    tps = kb.trigger_points[kb.trigger_points["part"].isin(parts)]
    assert {f"t-{t}" for t in tps["id"]} <= keys
    assert "legend-quadratus_lumborum" in keys and "legend-piriformis" not in keys


def test_essential_only_hides_spillover(kb, model):
    keys = visible_keys(model, state(["piriformis"], spillover=False))
    zones = {z["key"]: z["zone"] for z in model["zones"]}
    shown = [k for k in keys if k in zones]
    assert shown and all(zones[k] == "essential" for k in shown)


def test_essential_wins_over_the_same_muscles_spillover(model):
    """With biceps femoris ticked, semitendinosus's spillover behind the knee is hidden under
    biceps femoris's essential zone; semitendinosus alone still shows it."""
    keys = visible_keys(model, state(["biceps_femoris", "semitendinosus"], view="posterior"))
    assert "z-biceps_femoris-back_of_knee" in keys and "z-semitendinosus-back_of_knee" not in keys
    assert "z-semitendinosus-back_of_knee" in visible_keys(model, state(["semitendinosus"], view="posterior"))
    kinds = {z["key"]: (z["muscle"], z["region"], z["zone"]) for z in model["zones"]}
    for m in model["muscles"]:
        shown = [kinds[k] for k in visible_keys(model, state([p["id"] for p in m["parts"]])) if k in kinds]
        essential = {(mu, r) for mu, r, z in shown if z == "essential"}
        assert not [s for s in shown if s[2] == "spillover" and s[:2] in essential], m["id"]


def test_another_muscles_essential_zone_hides_nothing(model):
    keys = visible_keys(model, state(["piriformis", "semitendinosus"], view="posterior"))
    assert {"z-piriformis-posterior_thigh", "z-semitendinosus-posterior_thigh"} <= set(keys)


def test_a_view_shows_only_its_own_layers(model):
    keys = visible_keys(model, state(["psoas_major", "piriformis"], view="anterior"))
    views = {z["key"]: z["view"] for z in model["zones"] + model["points"]}
    assert "view-anterior" in keys and "view-posterior" not in keys
    assert all(views[k] == "anterior" for k in keys if k in views)


def test_compare_marks_shared_and_single_regions(kb, model):
    s = state(compare=["quadratus_lumborum", "piriformis"])
    groups = compare_regions(model, s)
    reach = {m: set(kb.referral_zones[kb.referral_zones["part"].isin(resolve_parts(m, kb))]["region"])
             for m in s["compare"]}
    a, b = reach["quadratus_lumborum"], reach["piriformis"]
    assert set(groups["both"]) == a & b and set(groups["first"]) == a - b and set(groups["second"]) == b - a
    keys = visible_keys(model, s)
    assert all(f"c-{r}-both" in keys for r in a & b)
    assert not [k for k in keys if k.startswith("z-")]  # patterns, not colour, carry the comparison
    text = describe(model, s)
    assert "Shared:" in text and "Only Piriformis:" in text


def test_status_text_lists_the_regions_shown(model):
    text = describe(model, state(["piriformis"]))
    assert text.startswith("Shown on the posterior and anterior views. Piriformis: essential")
    assert model["labels"]["mid_buttock"] in text
    assert describe(model, state()) == EMPTY_TEXT


def test_state_css_reveals_exactly_the_visible_keys():
    css = state_css("tpx9", ["view-posterior", "z-piriformis-sacrum"])
    assert css.endswith("#tpx9 #tpx9-view-posterior,#tpx9 #tpx9-z-piriformis-sacrum{display:block}")


def test_static_html_has_a_labelled_control_for_every_muscle_and_part(kb, dual):
    page = dual.static_html
    for ident in re.findall(r'<input [^>]*id="([^"]+)"', page) + re.findall(r'<select id="([^"]+)"', page):
        assert f'<label for="{ident}">' in page, ident
    for m in kb.muscle_ids:
        assert f'data-muscle="{m}"' in page
    assert 'aria-live="polite"' in page and "data-tp-explorer=" in page
    assert page.count('class="tp-view"') == 2


def test_static_html_marks_every_layer_and_region(kb, dual):
    page = dual.static_html
    for r in kb.region_ids:
        assert f'data-region="{r}"' in page
    for z in kb.referral_zones.itertuples():
        assert f'-z-{z.part}-{z.region}"' in page


def test_static_html_is_deterministic(kb):
    _COUNTER["explore"] = 0
    first = explore(["piriformis"]).static_html
    _COUNTER["explore"] = 0
    assert explore(["piriformis"]).static_html == first


def test_widget_toggles_rewrite_only_style_and_text(kb):
    model = build_model(kb)
    w = ExplorerWidget(model, initial_state(model), layer_svgs("tpxtest", kb), "tpxtest")
    svg_before = w.stage.value
    w.muscle_boxes["iliopsoas"].value = True
    assert all(w.part_boxes[p].value for p in ("psoas_major", "psoas_minor", "iliacus"))
    assert w.state["parts"][-3:] == ["psoas_major", "psoas_minor", "iliacus"] and "Iliopsoas" in w.live.value
    w.part_boxes["psoas_minor"].value = False
    assert w.muscle_boxes["iliopsoas"].value is False and "psoas_minor" not in w.state["parts"]
    assert "#tpxtest #tpxtest-view-posterior" in w.live.value
    w.compare[0].value, w.compare[1].value = "quadratus_lumborum", "piriformis"
    assert "Comparing" in w.live.value and "tp-cmp-on" in w.box._dom_classes
    assert "#tpxtest #tpxtest-c-sacroiliac-both" in w.live.value
    w.compare[1].value = ""
    assert "tp-cmp-on" not in w.box._dom_classes
    assert w.stage.value == svg_before


def test_the_widget_tags_its_boxes_for_the_instant_rules(kb):
    model = build_model(kb)
    w = ExplorerWidget(model, initial_state(model), layer_svgs("tpxtest", kb), "tpxtest")
    css = instant_css("tpxtest", model)
    assert "tpc-m-piriformis" in w.muscle_boxes["piriformis"]._dom_classes
    assert "tpc-p-psoas_major" in w.part_boxes["psoas_major"]._dom_classes
    assert "tpc-spill" in w.spillover._dom_classes and "tp-live-tpxtest" in w.box._dom_classes
    assert ".tp-live-tpxtest:not(.tp-cmp-on):has(.tpc-p-psoas_major input:checked) #tpxtest-z-psoas_major-" in css
    assert css in w.stage.value


def test_instant_rules_hide_a_covered_spillover_zone(model):
    """JupyterLab's :has() rules follow the same rule: semitendinosus's spillover behind the knee
    shows only while biceps femoris and the whole-muscle box are unticked."""
    rules = [r for r in instant_css("tpxtest", model).split(",") if r.endswith("-z-semitendinosus-back_of_knee")]
    assert len(rules) == 1
    assert ":has(.tpc-p-semitendinosus input:checked)" in rules[0]
    assert ":not(:has(.tpc-p-biceps_femoris input:checked))" in rules[0]
    assert ":not(:has(.tpc-m-hamstrings input:checked))" in rules[0]


def test_show_map_is_a_figure_with_alt_text():
    fig = show_map("piriformis", view="posterior")
    page = fig._repr_html_()
    assert page.startswith('<figure class="tp-map-figure"><svg') and "<figcaption>" in page
    assert 'aria-label="Body map, posterior view. Piriformis: essential zone over the' in page


@pytest.mark.parametrize("call, needle", [
    (lambda: explore(["not_a_muscle"]), "'not_a_muscle'"),
    (lambda: explore(compare=["piriformis"]), "two different muscle ids"),
    (lambda: explore(compare=["piriformis", "psoas"]), "valid: quadratus_lumborum"),
    (lambda: show_map(), "at least one"),
])
def test_bad_input_is_named(call, needle):
    with pytest.raises(BodyMapError, match=re.escape(needle)):
        call()
