"""The explorer's model and rules: what a state shows, and the status text that says it.

State: {"parts": [part ids], "view": "posterior"|"anterior"|"lateral"|"both"|"all", "spillover": bool,
"side": "right"|"left"|"both" (optional, default "right": which side of the body the patterns are on),
"layer": "both"|"pain"|"muscle" (optional, default "both": the muscle shapes, the pain zones or both),
"classic": bool (optional: leave out the zones only the course article gives),
"compare": null | [id, id] (a muscle, or a part of a muscle of several: `comparing`), "picked": [first menu, second menu] (optional: what the
compare menus hold, '' for none, so a half-made choice is answered in the status text)}.
While two are compared the muscle boxes are disabled (the page says why beside them). `visible_keys` and `describe` are mirrored by
``_static/tp-explorer.js`` for the book (parity tested); `instant_css` gives JupyterLab the
same set outside compare mode without a kernel round trip.
"""

from ..knowledge import loaded
from .anatomy import anatomy_for, landmark_label
from .comparing import compare_units, part_label
from .geometry import SIDES, VIEW_CHOICES, VIEWS, BodyMapError, load_geometry, sides_for
from .patterns import pattern_key
from .pointchoice import (base_point, belongs, chosen_points, point_choices, point_patterns, point_shape, point_words,
                          same_shapes, zone_points)
from .selection import (MUSCLE_HATCHES, compare_key, drawn_zones, muscle_colour, muscle_hatch, part_table,
                        point_records, resolve_parts, side_key, zone_records)
from .zoneshapes import INTERNAL
from .words import region_label, where_words

BILATERAL_WORDS = "often on both sides"
ARTICLE_ALONE = " (the course article alone says so)"

BASE_CSS = ("{s} .tp-zone,{s} .tp-point,{s} .tp-compare,{s} .tp-muscle,{s} .tp-view,{s} .tp-x-legend-item"
            "{{display:none}}")
EMPTY_TEXT = ("No muscle selected (map set to the {where}, {layer}, spillover zones {spill}). Tick a muscle "
              "or one of its parts to see where its trigger points refer pain.")
LAYER_WORDS = {"both": "pain pattern and muscle", "pain": "pain pattern only", "muscle": "muscle only"}


# ---------------------------------------------------------------- model and rules

def build_model(kb=None):
    """Everything the explorer rules need, as plain JSON-able data (shared with the JS)."""
    kb = loaded(kb)
    owner = part_table(kb)
    muscles = []
    for m in kb.muscles.itertuples():
        parts = [{"id": p, "name": owner[p][1]} for p in kb.part_ids if owner[p][0] == m.id]
        for p in parts if len(parts) > 1 else ():  # a part of several is offered to compare
            p["label"] = part_label(m.name, p["name"])
        hatch = MUSCLE_HATCHES.index(muscle_hatch(m.id, kb))
        muscles.append({"id": m.id, "name": m.name, "colour": muscle_colour(m.id, kb), "hatch": hatch,
                        "parts": parts})
    all_parts, owner_point, choices = list(kb.part_ids), zone_points(kb), point_choices(kb)

    def point(r, p):  # only the parts with a point choice need it (page weight)
        return {"point": p} if r["part"] in choices else {}
    model = {
        "muscles": muscles,
        "zones": _with_shapes([{**{k: z[k] for k in ("key", "part", "muscle", "region", "zone", "view", "side", "article")},
                                **point(z, owner_point[(z["part"], z["region"])])}
                               for z in zone_records(all_parts, kb, sides=SIDES)], muscles),
        "points": [{**{k: t[k] for k in ("key", "part", "muscle", "region", "view", "side")}, **point(t, base_point(t))}
                   for t in point_records(all_parts, kb, SIDES)],
        "point_choices": choices,
        "internal": sorted(INTERNAL),  # felt inside the body: said in the status line, not drawn
        "shapes": _shape_records(kb),
        "labels": {r: region_label(r, kb) for r in kb.regions["id"]},
        "regions": list(kb.regions["id"]),  # JSON objects lose order; rules iterate this list
        "paired": [v for v, g in load_geometry().items() if not g.symmetric],  # one figure per side
        "view_regions": {v: list(g.regions) for v, g in load_geometry().items()},
        "bilateral": {r.part: r.provenance for r in kb.bilateral.itertuples()},
    }
    model["point_alias"] = same_shapes(point_patterns(model), _zone_patterns(model), muscles)
    return model


MIRRORED = ("zones", "points", "shapes")  # lists whose left-side records the page leaves out


def page_model(model):
    """The model as a page embeds it: without the left side's records, each the record before it
    with "-left" on its keys; ``tp-explorer.js`` (expand) puts them back (tested)."""
    return {**model, "mirrored": True,
            **{name: [r for r in model[name] if r["side"] == "right"] for name in MIRRORED}}


def _with_shapes(zones, muscles):
    """Each zone with the referral shape it is drawn in: `whole`, its muscle's shape (shown when
    every part of the muscle is ticked), and `shape`, its part's own shape, or for a spillover
    region under an essential zone of another part of its muscle, a tile of its own (shown only
    while no covering part is ticked, the `drawn_zones` rule)."""
    multi = {m["id"] for m in muscles if len(m["parts"]) > 1}
    essential = {(z["muscle"], z["region"]) for z in zones if z["zone"] == "essential"}
    for z in zones:
        z["whole"] = pattern_key(z["muscle"], z["zone"], z["view"], z["article"], z["side"])
        if z["muscle"] not in multi:
            z["shape"] = z["whole"]
        elif z["zone"] == "essential" or (z["muscle"], z["region"]) not in essential:
            z["shape"] = pattern_key(z["part"], z["zone"], z["view"], z["article"], z["side"])
        else:
            z["shape"] = z["key"]
    return zones


def pattern_records(model):
    """Every referral shape the explorer draws (`patterns` records): whole muscles, parts, tiles, and
    the trigger points' own patterns that no other shape already draws."""
    return _zone_patterns(model) + [p for p in point_patterns(model) if p["key"] not in model["point_alias"]]


def _zone_patterns(model):
    out = {}

    def add(key, z, part):
        rec = out.setdefault(key, {"key": key, "muscle": z["muscle"], "part": part, "zone": z["zone"],
                                   "view": z["view"], "side": z["side"], "regions": [], "tile": key == z["key"], "article": z["article"]})
        rec["regions"].append(z["region"])
    for z in drawn_zones(model["zones"]):
        add(z["whole"], z, "")
    for z in model["zones"]:
        if z["shape"] != z["whole"]:
            add(z["shape"], z, z["part"])
    return list(out.values())


def _shape_records(kb):
    """The muscle layer's shapes: key m-<part>-<view>, and the words the status line says of them."""
    anatomy, owner = anatomy_for(kb), part_table(kb)
    return [{"key": side_key(f"m-{part}-{view}", side), "part": part, "muscle": owner[part][0], "view": view,
             "side": side, "deep": s.deep, "attachments": [landmark_label(anatomy[view], a) for a in s.attachments]}
            for view in VIEWS for part, s in anatomy[view]["muscles"].items() if part in owner for side in SIDES]


def _layer(state):
    return state.get("layer") or "both"


def _zones_on(model, state):
    """The zones a state may draw on its sides: all, or with "classic maps only" those the classic
    maps give."""
    sides = _sides(state)
    return [z for z in model["zones"] if not (state.get("classic") and z["article"]) and z["side"] in sides]


def _sides(state):
    return sides_for(state.get("side") or "right")


def _on(record, views, sides):
    return record["view"] in views and record["side"] in sides


def view_tail(model, view):
    """'-lateral' after the keys of the lateral view's marks: its regions are also on another view."""
    return f"-{view}" if view in model["paired"] else ""


def panel_keys(model, state):
    """'view-posterior', 'view-lateral', 'view-lateral-left': the figures a state shows."""
    keys = []
    for v in _views(state):
        keys += [f"view-{side_key(v, s)}" for s in _sides(state)] if v in model["paired"] else [f"view-{v}"]
    return keys


def _article_only(zones):
    """{(region, zone)} that only the course article gives among these zones (mirrored in the JS)."""
    classic = {(z["region"], z["zone"]) for z in zones if not z["article"]}
    return {(z["region"], z["zone"]) for z in zones if z["article"]} - classic


def _settings(state):
    """', pain pattern and muscle' (+ ', classic maps only'): what the switches are set to."""
    return f", {LAYER_WORDS[_layer(state)]}" + (", unconfirmed zones hidden" if state.get("classic") else "")


def initial_state(model, muscles=(), compare=None, kb=None):
    parts = resolve_parts(muscles, kb) if muscles else []
    if compare is not None:
        compare = list(compare)
        known = list(compare_units(model))
        bad = [c for c in compare if c not in known]
        if len(compare) != 2 or bad or compare[0] == compare[1]:
            raise BodyMapError(f"compare needs two different muscle or part ids, got {compare!r}; "
                               f"valid: {', '.join(known)}")
    return {"parts": parts, "view": "both", "side": "right", "spillover": True, "layer": "both",
            "compare": compare, "picked": list(compare or ["", ""]), "points": {}}


def _views(state):
    return VIEW_CHOICES.get(state["view"], (state["view"],))


def compare_regions(model, state):
    """{'both': [...], 'first': [...], 'second': [...]} regions, in file order."""
    units, views = compare_units(model), _views(state)

    def reach(unit):  # a muscle or one of its parts (`comparing`)
        return {z["region"] for z in _zones_on(model, state) if z["part"] in units[unit]["parts"] and z["view"] in views
                and (state["spillover"] or z["zone"] == "essential")}
    a, b = (reach(u) for u in state["compare"])
    order = model["regions"]
    return {"both": [r for r in order if r in a and r in b], "first": [r for r in order if r in a - b],
            "second": [r for r in order if r in b - a]}


def visible_keys(model, state):
    """The element keys shown for a state; the JS computes the same list (tested). Among the
    ticked parts' zones, `drawn_zones` hides a spillover zone under its muscle's essential one."""
    views, sides, layer = _views(state), _sides(state), _layer(state)
    keys = panel_keys(model, state)
    if state.get("compare"):
        units = compare_units(model)
        pair = [units[u]["muscle"] for u in state["compare"]]  # the marks are drawn per muscle
        parts = {p for u in state["compare"] for p in units[u]["parts"]}
        if layer != "muscle":
            groups = compare_regions(model, state)
            for side in sides:
                for v in views:
                    keys += [side_key(f"{compare_key(r, kind, m)}{view_tail(model, v)}", side)
                             for kind, m in (("both", None), *zip(("first", "second"), pair))
                             for r in groups[kind] if r in model["view_regions"][v]]
        if layer != "pain":
            keys += [s["key"] for s in model["shapes"] if s["part"] in parts and _on(s, views, sides)]
        keys += [t["key"] for t in model["points"] if t["part"] in parts and _on(t, views, sides)]
        return keys + ["legend-cmp-both", f"legend-cmp-{pair[0]}-first", f"legend-cmp-{pair[1]}-second"]
    parts, chosen = set(state["parts"]), chosen_points(model, state)
    if layer != "muscle":
        # A muscle shows its whole shape when every part is ticked and none shows one point alone.
        whole = {m["id"] for m in model["muscles"] if all(p["id"] in parts and p["id"] not in chosen for p in m["parts"])}
        drawn = drawn_zones([z for z in _zones_on(model, state) if z["part"] in parts and z["view"] in views
                             and (state["spillover"] or z["zone"] == "essential") and belongs(z, chosen)])
        keys += dict.fromkeys(point_shape(model, chosen[z["part"]], z) if z["part"] in chosen
                              else z["whole"] if z["muscle"] in whole else z["shape"] for z in drawn
                              if z["part"] not in chosen or z["region"] not in model["internal"])
        if not state.get("classic"):
            keys.append("legend-article")  # how the article's own zones look, beside the pain layer
    if layer != "pain":
        keys += [s["key"] for s in model["shapes"] if s["part"] in parts and _on(s, views, sides)]
    keys += [t["key"] for t in model["points"] if t["part"] in parts and _on(t, views, sides) and belongs(t, chosen)]
    return keys + [f"legend-{m['id']}" for m in model["muscles"] if any(p["id"] in parts for p in m["parts"])]


def state_css(prefix, keys):
    # "#root #root-key" outranks the "#root .class" rule that hides every layer.
    shown = ",".join(f"#{prefix} #{prefix}-{k}" for k in keys)
    return BASE_CSS.format(s=f"#{prefix}") + (f"{shown}{{display:block}}" if shown else "")


def describe(model, state):
    """The status text: which regions are shown, in words (mirrored in the JS)."""
    labels, units = model["labels"], compare_units(model)
    names = {u: units[u]["name"] for u in units}
    views = _views(state)
    where = where_words(views, _sides(state))
    layer = _layer(state)
    if state.get("compare"):
        first, second = state["compare"]
        g = compare_regions(model, state)
        parts = [f"Comparing {names[first]} and {names[second]} on the {where}{_settings(state)}."]
        if layer != "pain":
            parts += [f"{names[u]}: {muscle_words(model, units[u]['parts'], views)}." for u in (first, second)]
        for kind, lead in (("both", "Shared (black cross-hatch)"), ("first", f"Only {names[first]} (hatched /)"),
                           ("second", f"Only {names[second]} (hatched \\)")):
            if layer != "muscle":
                parts.append(f"{lead}: {', '.join(labels[r] for r in g[kind]) or 'none'}.")
        return " ".join(parts)
    chosen, one = set(state["parts"]), chosen_points(model, state)
    sentences = []
    for m in model["muscles"]:
        if not any(p["id"] in chosen for p in m["parts"]):
            continue
        zones = [z for z in _zones_on(model, state) if z["part"] in chosen and z["muscle"] == m["id"]
                 and z["view"] in views and belongs(z, one)]
        article = _article_only(zones)
        bits, said = point_words(model, [p["id"] for p in m["parts"]], one), set()
        if layer != "pain":
            bits.append(muscle_words(model, [p["id"] for p in m["parts"] if p["id"] in chosen], views))
        for zone in (() if layer == "muscle" else ("essential", "spillover") if state["spillover"] else ("essential",)):
            regions = [r for r in dict.fromkeys(z["region"] for z in zones if z["zone"] == zone) if r not in said]
            said.update(regions)
            words = [labels[r] + (" (unconfirmed)" if (r, zone) in article else "") for r in regions]
            bits.append(f"{zone} {', '.join(words) if words else 'none on this view'}")
        both = [model["bilateral"][p["id"]] for p in m["parts"] if p["id"] in chosen and p["id"] in model["bilateral"]]
        if both and layer != "muscle":
            bits.append(BILATERAL_WORDS + (ARTICLE_ALONE if all(b == "article" for b in both) else ""))
        sentences.append(f"{m['name']}: {'; '.join(bits)}.")
    if not sentences:
        text = EMPTY_TEXT.format(where=where, layer=_settings(state)[2:], spill="shown" if state["spillover"] else "hidden")
    else:
        text = f"Shown on the {where}{_settings(state)}. " + " ".join(sentences)
    return text + _compare_hint(state, names)


def muscle_words(model, parts, views):
    """'muscle between the twelfth rib, iliac crest (deep parts dashed)' (mirrored in the JS)."""
    shapes = [s for s in model["shapes"] if s["part"] in parts and s["view"] in views]
    if not shapes:
        return "muscle not drawn on this view"
    where = list(dict.fromkeys(a for s in shapes for a in s["attachments"]))
    deep = " (deep parts dashed)" if any(s["deep"] for s in shapes) else ""
    return f"muscle between the {', '.join(where)}{deep}"


def _compare_hint(state, names):
    """What a half-made choice in the compare menus still needs (so picking one is never silent)."""
    a, b = state.get("picked") or ["", ""]
    if not (a or b):
        return ""
    if a and b:
        return f" To compare, choose a muscle other than {names[a]} in one of the menus."
    return f" Choose a second muscle to compare with {names[a or b]}."


def instant_css(prefix, model):
    """CSS :has() rules that show a ticked part's layers in the browser at once, without waiting
    for the kernel round trip (about 50 ms here). Outside compare mode they give the same set as
    `visible_keys` once the kernel has synced the boxes (tested); the kernel still owns views,
    compare mode and the status text. A spillover zone covered by its muscle's essential zone
    gets its own rule (`_covered_spillover_rule`). The layer switch goes through the kernel, which
    marks the root tp-layer-pain or tp-layer-muscle, and tp-side-left or tp-side-both (the side
    switch); these rules follow those marks."""
    root = f".tp-live-{prefix}:not(.tp-cmp-on):not(.tp-pt-on)"  # the kernel owns compare and point choices

    def on(side, base=root):  # an element of the left side shows while the switch says left or both
        return f"{base}:not(.tp-side-left)" if side == "right" else f"{base}:is(.tp-side-left,.tp-side-both)"

    def ticked(part, muscle, base):
        return (f"{base}:has(.tpc-p-{part} input:checked)", f"{base}:has(.tpc-m-{muscle} input:checked)")
    spill, classic = ":has(.tpc-spill input:checked)", ":not(:has(.tpc-classic input:checked))"
    sels = []
    for pat in pattern_records(model):
        if pat.get("point"):
            continue  # a point's own pattern: shown by the kernel's state CSS (root marked tp-pt-on)
        zone_root = on(pat["side"], f"{root}:not(.tp-layer-muscle)")
        when = (spill if pat["zone"] == "spillover" else "") + (classic if pat["article"] else "")
        if not pat["part"]:  # a whole muscle's shape: its box is ticked
            sels.append(f"{zone_root}:has(.tpc-m-{pat['muscle']} input:checked){when} #{prefix}-{pat['key']}")
        elif pat["tile"]:
            z = {**pat, "region": pat["regions"][0]}
            sels.append(_covered_spillover_rule(zone_root, prefix, z, _covering_parts(model, z)))
        else:  # a part's shape: the part is ticked, not the whole muscle
            sels.append(f"{zone_root}:has(.tpc-p-{pat['part']} input:checked)"
                        f":not(:has(.tpc-m-{pat['muscle']} input:checked)){when} #{prefix}-{pat['key']}")
    sels.append(f"{root}:not(.tp-layer-muscle){classic} #{prefix}-legend-article")
    sels += [f"{t} #{prefix}-{s['key']}" for s in model["shapes"]
             for t in ticked(s["part"], s["muscle"], on(s["side"], f"{root}:not(.tp-layer-pain)"))]
    sels += [f"{t} #{prefix}-{p['key']}" for p in model["points"] for t in ticked(p["part"], p["muscle"], on(p["side"]))]
    sels += [f"{t} #{prefix}-legend-{m['id']}" for m in model["muscles"] for p in m["parts"]
             for t in ticked(p["id"], m["id"], root)]
    return ",".join(sels) + "{display:block}"


def _covering_parts(model, zone):
    """The other parts of a spillover zone's muscle with an essential zone in its region."""
    if zone["zone"] != "spillover":
        return []
    return [z["part"] for z in model["zones"] if z["zone"] == "essential" and z["muscle"] == zone["muscle"]
            and z["region"] == zone["region"] and z["view"] == zone["view"] and z["side"] == zone["side"]]


def _covered_spillover_rule(root, prefix, zone, covering):
    """Show such a zone only while none of the covering parts is ticked (the `drawn_zones` rule).
    A ticked muscle box ticks every part, covering ones included, so it never shows the zone."""
    absent = "".join(f":not(:has(.tpc-p-{p} input:checked))" for p in covering)
    article = ":not(:has(.tpc-classic input:checked))" if zone.get("article") else ""
    return (f"{root}:has(.tpc-p-{zone['part']} input:checked):has(.tpc-spill input:checked){article}"
            f":not(:has(.tpc-m-{zone['muscle']} input:checked)){absent} #{prefix}-{zone['key']}")
