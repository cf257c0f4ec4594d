"""The explorer's rules (which layers a state shows), its static HTML and its live widget."""

import re

import pytest

from triggerpoints.maps.explorer import _COUNTER, explore, ExplorerWidget, layer_svgs
from triggerpoints.maps.explorer_model import (build_model, compare_regions, describe, EMPTY_TEXT, initial_state,
                                               instant_css, pattern_records, state_css, visible_keys)
from triggerpoints.maps.figure import show_map
from triggerpoints.maps.geometry import BodyMapError
from triggerpoints.maps.selection import drawn_zones, resolve_parts, zone_records


@pytest.fixture(scope="module")
def dual(kb):
    return explore(["piriformis"])


def state(parts=(), view="both", spillover=True, compare=None):
    return {"parts": list(parts), "view": view, "spillover": spillover, "compare": compare}


def covered(model, keys):
    """{(muscle, region, zone)} the shown shapes cover."""
    shapes = {p["key"]: p for p in pattern_records(model)}
    return {(shapes[k]["muscle"], r, shapes[k]["zone"]) for k in keys if k in shapes for r in shapes[k]["regions"]}


def test_a_muscle_shows_all_its_zones_and_trigger_points(kb, model):
    parts = resolve_parts("quadratus_lumborum", kb)
    keys = set(visible_keys(model, state(parts)))
    zones = drawn_zones(zone_records(parts, kb))
    assert covered(model, keys) == {(z["muscle"], z["region"], z["zone"]) for z in zones}
    # a whole muscle ticked draws its own shapes, one per zone kind and view
    assert {"z-quadratus_lumborum-essential-posterior", "z-quadratus_lumborum-spillover-anterior"} <= keys
    tps = kb.trigger_points[kb.trigger_points["part"].isin(parts)]
    assert {f"t-{t.id}" for t in tps.itertuples() if t.view != "lateral"} <= keys  # the state shows back and front
    assert "legend-quadratus_lumborum" in keys and "legend-piriformis" not in keys
    every = set(visible_keys(model, {**state(parts), "view": "all", "side": "both"}))
    assert {f"t-{t}" for t in tps["id"]} | {f"t-{t}-left" for t in tps["id"]} <= every


def test_some_parts_of_a_muscle_draw_their_own_shapes(kb, model):
    keys = visible_keys(model, state(["ql_deep"]))
    assert "z-ql_deep-essential-posterior" in keys and not [k for k in keys if k.startswith("z-quadratus")]
    zones = drawn_zones(zone_records(["ql_deep"], kb))
    assert covered(model, keys) == {(z["muscle"], z["region"], z["zone"]) for z in zones}


def test_essential_only_hides_spillover(kb, model):
    keys = visible_keys(model, state(["piriformis"], spillover=False))
    shown = covered(model, keys)
    assert shown and all(zone == "essential" for _, _, zone in shown)


def test_essential_wins_over_the_same_muscles_spillover(model):
    """With biceps femoris ticked, semitendinosus's spillover behind the knee is hidden under
    biceps femoris's essential zone; semitendinosus alone still shows it (as a tile of its own)."""
    keys = visible_keys(model, state(["biceps_femoris", "semitendinosus"], view="posterior"))
    assert ("hamstrings", "back_of_knee", "essential") in covered(model, keys)
    assert ("hamstrings", "back_of_knee", "spillover") not in covered(model, keys)
    assert "z-semitendinosus-back_of_knee" in visible_keys(model, state(["semitendinosus"], view="posterior"))
    for m in model["muscles"]:
        for parts in ([p["id"] for p in m["parts"]], [m["parts"][0]["id"]]):
            shown = covered(model, visible_keys(model, state(parts)))
            essential = {(mu, r) for mu, r, z in shown if z == "essential"}
            assert not [s for s in shown if s[2] == "spillover" and s[:2] in essential], parts


def test_every_part_selection_draws_exactly_its_zones(kb, model):
    """The shapes shown cover the regions drawn_zones keeps, no more, no less, for any set of parts
    of one muscle (whole muscle, single parts, pairs)."""
    from itertools import combinations
    for m in model["muscles"]:
        ids = [p["id"] for p in m["parts"]]
        for n in range(1, len(ids) + 1):
            for parts in combinations(ids, n):
                for spill in (True, False):
                    keys = visible_keys(model, state(parts, spillover=spill))
                    want = drawn_zones(zone_records(list(parts), kb, spill))
                    assert covered(model, keys) == {(z["muscle"], z["region"], z["zone"]) for z in want}, parts


def test_another_muscles_essential_zone_hides_nothing(model):
    keys = visible_keys(model, state(["piriformis", "semitendinosus"], view="posterior"))
    assert {("piriformis", "posterior_thigh", "spillover"), ("hamstrings", "posterior_thigh", "essential")} <= covered(model, keys)


def test_a_view_shows_only_its_own_layers(model):
    keys = visible_keys(model, state(["psoas_major", "piriformis"], view="anterior"))
    views = {z["key"]: z["view"] for z in pattern_records(model) + model["points"] + model["shapes"]}
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
    assert all(f"c-{r}-quadratus_lumborum-first" in keys for r in a - b)
    assert all(f"c-{r}-piriformis-second" in keys for r in b - a)
    assert not [k for k in keys if k.startswith("z-")]  # the comparison marks replace the zones
    assert {"legend-cmp-both", "legend-cmp-quadratus_lumborum-first", "legend-cmp-piriformis-second"} <= set(keys)
    text = describe(model, s)
    assert "Shared (black cross-hatch):" in text and "Only Piriformis (hatched \\):" in text


def test_a_part_is_compared_by_its_own_zones_shape_and_points(kb, model):
    """Issue 28: gluteus minimus's posterior part is the one confused with piriformis."""
    s = {**state(compare=["gluteus_minimus_posterior", "piriformis"]), "side": "right"}
    zones = kb.referral_zones
    part = set(zones[zones["part"] == "gluteus_minimus_posterior"]["region"])
    pir = set(zones[zones["part"] == "piriformis"]["region"])
    groups = compare_regions(model, s)
    assert set(groups["both"]) == part & pir and set(groups["first"]) == part - pir
    anterior_only = set(zones[zones["part"] == "gluteus_minimus_anterior"]["region"]) - part - pir
    assert anterior_only and not anterior_only & set(groups["first"]), "the other part's regions are left out"
    keys = visible_keys(model, s)
    assert all(f"c-{r}-gluteus_minimus-first" in keys for r in part - pir)  # drawn in the muscle's colour
    assert "m-gluteus_minimus_posterior-posterior" in keys and "t-tp_gluteus_minimus_posterior" in keys
    assert not [k for k in keys if "gluteus_minimus_anterior" in k], "nor its muscle shape or points"
    assert "legend-cmp-gluteus_minimus-first" in keys
    text = describe(model, s)
    assert text.startswith("Comparing Gluteus minimus — posterior part and Piriformis")
    assert "Only Gluteus minimus — posterior part (hatched /):" in text


def test_the_compare_menus_offer_every_muscle_and_each_part_of_a_muscle_of_several(kb, model):
    from triggerpoints.maps.comparing import compare_options
    options = dict((v, t) for t, v in compare_options(model))
    assert options[""] == "none" and options["gluteus_minimus_posterior"] == "Gluteus minimus — posterior part"
    assert set(kb.muscle_ids) | {p for p, m in zip(kb.parts["id"], kb.parts["muscle"])
                                 if (kb.parts["muscle"] == m).sum() > 1} == set(options) - {""}
    assert options["psoas_major"] == "Iliopsoas — psoas major" and options["piriformis"] == "Piriformis"
    w = ExplorerWidget(model, initial_state(model), layer_svgs("tpxpart", kb), "tpxpart")
    w.compare[0].value, w.compare[1].value = "piriformis", "gluteus_minimus_posterior"
    assert w.state["compare"] == ["piriformis", "gluteus_minimus_posterior"]
    assert w.status.text == describe(model, w.state) and "Gluteus minimus — posterior part" in w.status.text
    assert "#tpxpart #tpxpart-m-gluteus_minimus_posterior-posterior" in w.live.value
    assert "tpxpart-m-gluteus_minimus_anterior" not in w.live.value
    from triggerpoints.maps.explorer import _controls_html
    html = _controls_html("tpxq", model, initial_state(model, compare=["gluteus_minimus_posterior", "piriformis"]))
    assert '<option value="gluteus_minimus_posterior" selected>Gluteus minimus — posterior part</option>' in html


def test_each_compared_muscle_has_its_own_colour_and_pattern(kb):
    """Colour and pattern together, never colour alone: the first muscle's marks are hatched one way
    in its ink, the second's the other way in its ink, the overlap in black cross-hatch."""
    from triggerpoints.maps.draw import ink
    from triggerpoints.maps.selection import muscle_colour
    svg = layer_svgs("tpxc", kb)["posterior"]
    patterns = dict(re.findall(r'<pattern id="([^"]+)"(.*?)</pattern>', svg))  # rotation included
    rules = dict(re.findall(r"\.(tp\d+)\{([^}]*)\}", svg))

    def look(key):
        group = re.search(rf'<g id="tpxc-{key}" class="tp-compare"[^>]*>(.*?)</g>', svg).group(1)
        rule = rules[re.search(r'class="(tp\d+)"', group).group(1)]
        pattern = patterns[re.search(r"url\(#([^)]+)\)", rule).group(1)]
        return pattern, re.search(r"stroke: ?(#[0-9A-Fa-f]{6})", rule).group(1).upper()
    first, second, both = look("c-sacroiliac-piriformis-first"), look("c-sacroiliac-piriformis-second"), look("c-sacroiliac-both")
    colour = ink(muscle_colour("piriformis", kb)).upper()
    assert first[1] == second[1] == colour and both[1] == "#000000"
    assert len({first[0], second[0], both[0]}) == 3, "three different hatches"
    assert look("c-lower_back-quadratus_lumborum-first")[1] == ink(muscle_colour("quadratus_lumborum", kb)).upper()


def test_a_half_made_compare_choice_is_answered(model):
    names = {m["id"]: m["name"] for m in model["muscles"]}
    one = describe(model, {**state(["piriformis"]), "picked": ["piriformis", ""]})
    assert one.endswith(f"Choose a second muscle to compare with {names['piriformis']}.")
    same = describe(model, {**state(), "picked": ["piriformis", "piriformis"]})
    assert same.endswith("choose a muscle other than Piriformis in one of the menus.")


def test_status_text_lists_the_regions_shown(model):
    text = describe(model, state(["piriformis"]))
    assert text.startswith("Shown on the posterior and anterior views, right side, pain pattern and muscle. Piriformis: "
                           "muscle between the sacrum, greater trochanter (deep parts dashed); essential")
    assert model["labels"]["mid_buttock"] in text
    assert describe(model, state()) == EMPTY_TEXT.format(where="posterior and anterior views, right side",
                                                         layer="pain pattern and muscle", spill="shown")
    assert describe(model, state(view="anterior", spillover=False)) != describe(model, state())


@pytest.mark.parametrize("layer, zones, shapes", [("both", True, True), ("pain", True, False), ("muscle", False, True)])
def test_the_layer_switch_shows_the_pain_the_muscle_or_both(model, layer, zones, shapes):
    for compare in (None, ["quadratus_lumborum", "piriformis"]):
        keys = visible_keys(model, {**state(["ql_deep", "ql_superficial"], compare=compare),
                                    "layer": layer})
        assert any(k.startswith(("z-", "c-")) for k in keys) is zones
        assert ("m-ql_deep-posterior" in keys) is shapes
        assert "t-tp_ql_deep_upper" in keys  # trigger points show on every layer
    text = describe(model, {**state(["ql_deep"]), "layer": layer})
    assert ("muscle between the iliac crest" in text) is shapes and ("essential" in text) is zones


def test_every_part_has_a_muscle_shape_on_some_view(kb, model):
    assert {s["part"] for s in model["shapes"]} == set(kb.part_ids)


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
    # Back, front, and the side view's right and left figures.
    assert page.count('class="tp-view"') == 4 and 'id="tpx1-view-lateral-left"' in page


def test_static_html_marks_every_layer_and_region(kb, dual):
    page = dual.static_html
    for r in kb.region_ids:  # named in the model (the explorer draws no clickable areas)
        assert f'"{r}"' in page
    for pat in pattern_records(build_model(kb)):
        assert f'-{pat["key"]}" class="tp-zone tp-{pat["zone"]}{" tp-article" if pat["article"] else ""}"' in page
    # The model says what each key is (muscle, part, regions, view): the figure carries ids only.
    assert not re.search(r'<g [^>]*data-(muscle|part|regions|region|zone|view|side|article)=', page)
    for shape in build_model(kb)["shapes"]:
        assert f'-{shape["key"]}" class="tp-muscle' in page


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
    assert w.state["parts"][-3:] == ["psoas_major", "psoas_minor", "iliacus"] and "Iliopsoas" in w.status.text
    w.part_boxes["psoas_minor"].value = False
    assert w.muscle_boxes["iliopsoas"].value is False and "psoas_minor" not in w.state["parts"]
    assert "#tpxtest #tpxtest-view-posterior" in w.live.value
    assert w.stop.disabled and w.boxes_why.layout.display == "none" and w.spill_why.layout.display == "none"
    w.compare[0].value, w.compare[1].value = "quadratus_lumborum", "piriformis"
    assert "Comparing" in w.status.text and "tp-cmp-on" in w.box._dom_classes
    assert "#tpxtest #tpxtest-c-sacroiliac-both" in w.live.value
    # While comparing the muscle boxes cannot act: disabled, with the reason shown beside them.
    assert all(b.disabled for b in [*w.muscle_boxes.values(), *w.part_boxes.values()])
    assert w.boxes_why.layout.display is None and not w.stop.disabled
    w.stop.click()
    assert "tp-cmp-on" not in w.box._dom_classes and [c.value for c in w.compare] == ["", ""]
    assert not any(b.disabled for b in w.muscle_boxes.values()) and w.stop.disabled
    w.compare[1].value = "piriformis"
    assert "Choose a second muscle to compare with Piriformis." in w.status.text
    assert w.stage.value == svg_before


def test_the_widget_tags_its_boxes_for_the_instant_rules(kb):
    model = build_model(kb)
    w = ExplorerWidget(model, initial_state(model), layer_svgs("tpxtest", kb), "tpxtest")
    css = instant_css("tpxtest", model)
    assert "tpc-m-piriformis" in w.muscle_boxes["piriformis"]._dom_classes
    assert "tpc-p-psoas_major" in w.part_boxes["psoas_major"]._dom_classes
    assert "tpc-spill" in w.spillover._dom_classes and "tp-live-tpxtest" in w.box._dom_classes
    assert (".tp-live-tpxtest:not(.tp-cmp-on):not(.tp-pt-on):not(.tp-layer-muscle):not(.tp-side-left):has(.tpc-p-psoas_major input:checked)"
            ":not(:has(.tpc-m-iliopsoas input:checked)) #tpxtest-z-psoas_major-essential-anterior") in css
    assert (".tp-live-tpxtest:not(.tp-cmp-on):not(.tp-pt-on):not(.tp-layer-muscle):not(.tp-side-left):has(.tpc-m-iliopsoas "
            "input:checked) #tpxtest-z-iliopsoas-essential-anterior") in css
    # The left side's copy shows while the side switch says left or both.
    assert (".tp-live-tpxtest:not(.tp-cmp-on):not(.tp-pt-on):not(.tp-layer-muscle):is(.tp-side-left,.tp-side-both):has(.tpc-m-iliopsoas "
            "input:checked) #tpxtest-z-iliopsoas-essential-anterior-left") in css
    w.side.value = "both"
    assert "tp-side-both" in w.box._dom_classes and "right side" not in w.status.text and "both sides" in w.status.text
    assert (".tp-live-tpxtest:not(.tp-cmp-on):not(.tp-pt-on):not(.tp-layer-pain):not(.tp-side-left):has(.tpc-p-psoas_major "
            "input:checked) #tpxtest-m-psoas_major-anterior") in css
    w.layer.value = "muscle"
    assert "tp-layer-muscle" in w.box._dom_classes and "muscle only" in w.status.text
    assert w.spillover.disabled and w.spill_why.layout.display is None  # zones hidden: nothing to hatch
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
    assert ('aria-label="Body map, posterior view, right side. Piriformis: the muscle lies between the sacrum and '
            'greater trochanter, lying deep under other muscles (dashed outline); essential zone over the') in page
    pain = show_map("piriformis", view="posterior", layer="pain")._repr_html_()
    assert 'aria-label="Body map, posterior view, right side. Piriformis: essential zone over the' in pain
    assert 'class="tp-muscle' in page and 'class="tp-muscle' not in pain


@pytest.mark.parametrize("call, needle", [
    (lambda: explore(["not_a_muscle"]), "'not_a_muscle'"),
    (lambda: explore(compare=["piriformis"]), "two different muscle or part ids"),
    (lambda: explore(compare=["piriformis", "psoas"]), "valid: quadratus_lumborum"),
    (lambda: show_map(), "at least one"),
])
def test_bad_input_is_named(call, needle):
    with pytest.raises(BodyMapError, match=re.escape(needle)):
        call()


def test_classic_maps_only_hides_the_zones_only_the_article_gives(kb, model):
    article = {(z["muscle"], z["region"], z["zone"]) for z in drawn_zones(zone_records(resolve_parts("quadratus_lumborum", kb), kb))
               if z["article"]}
    assert article, "QL has zones only the course article gives (issue 15's provenance column)"
    parts = resolve_parts("quadratus_lumborum", kb)
    every, classic = (visible_keys(model, {**state(parts), "classic": c}) for c in (False, True))
    assert any(k.startswith("z-") and k.endswith("-article") for k in every)
    assert not [k for k in classic if k.endswith("-article")]  # nor the legend line for them
    assert not covered(model, classic) & article
    assert "(unconfirmed)" in describe(model, state(parts))
    text = describe(model, {**state(parts), "classic": True})
    assert "unconfirmed zones hidden" in text and "(unconfirmed)" not in text


def test_static_maps_draw_the_articles_zones_as_outlines(kb):
    page = show_map("quadratus_lumborum")._repr_html_()
    assert 'class="tp-zone tp-spillover tp-article"' in page and "Unconfirmed zone" in page
    assert "(unconfirmed)" in page
    classic = show_map("quadratus_lumborum", classic_only=True)._repr_html_()
    assert "tp-article" not in classic and "(unconfirmed)" not in classic


def test_a_part_named_after_its_muscle_says_the_muscle_once():
    from triggerpoints.maps.words import selection_name
    assert selection_name(["gluteus_minimus_anterior"]) == "Gluteus minimus, anterior part"
    assert selection_name(["psoas_major", "iliacus"]) == "Iliopsoas, psoas major and iliacus"


def test_the_spillover_switch_says_how_spillover_is_drawn(kb, model):
    """Spillover is drawn stippled (maps.draw), so its switch says so in both worlds."""
    from triggerpoints.maps.explorer import _controls_html
    w = ExplorerWidget(model, initial_state(model), layer_svgs("tpxsp", kb), "tpxsp")
    assert w.spillover.description == "Show spillover zones (stippled)"
    assert ">Show spillover zones (stippled)</label>" in _controls_html("tpxsp", model, initial_state(model))
    assert "hatched)" not in _controls_html("tpxsp", model, initial_state(model))
