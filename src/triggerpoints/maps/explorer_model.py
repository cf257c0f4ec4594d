"""The explorer's model and rules: what a state shows, and the status text that says it.

State: {"parts": [part ids], "view": "posterior"|"anterior"|"both", "spillover": bool,
"compare": null | [muscle id, muscle id]}. `visible_keys` and `describe` are mirrored by
``_static/tp-explorer.js`` for the book (parity tested); `instant_css` gives JupyterLab the
same set outside compare mode without a kernel round trip.
"""

from ..knowledge import loaded
from .geometry import BodyMapError
from .selection import (MUSCLE_HATCHES, drawn_zones, muscle_colour, muscle_hatch, part_table,
                        point_records, resolve_parts, zone_records)
from .words import region_label

BASE_CSS = ("{s} .tp-zone,{s} .tp-point,{s} .tp-compare,{s} .tp-view,{s} .tp-x-legend-item"
            "{{display:none}}")
EMPTY_TEXT = "No muscle selected. Tick a muscle or one of its parts to see where its trigger points refer pain."


# ---------------------------------------------------------------- model and rules

def build_model(kb=None):
    """Everything the explorer rules need, as plain JSON-able data (shared with the JS)."""
    kb = loaded(kb)
    owner = part_table(kb)
    muscles = []
    for m in kb.muscles.itertuples():
        parts = [{"id": p, "name": owner[p][1]} for p in kb.part_ids if owner[p][0] == m.id]
        hatch = MUSCLE_HATCHES.index(muscle_hatch(m.id, kb))
        muscles.append({"id": m.id, "name": m.name, "colour": muscle_colour(m.id, kb), "hatch": hatch,
                        "parts": parts})
    all_parts = list(kb.part_ids)
    return {
        "muscles": muscles,
        "zones": [{k: z[k] for k in ("key", "part", "muscle", "region", "zone", "view")}
                  for z in zone_records(all_parts, kb)],
        "points": [{k: t[k] for k in ("key", "part", "muscle", "region", "view")}
                   for t in point_records(all_parts, kb)],
        "labels": {r: region_label(r, kb) for r in kb.regions["id"]},
        "regions": list(kb.regions["id"]),  # JSON objects lose order; rules iterate this list
    }


def initial_state(model, muscles=(), compare=None, kb=None):
    parts = resolve_parts(muscles, kb) if muscles else []
    if compare is not None:
        compare = list(compare)
        known = [m["id"] for m in model["muscles"]]
        bad = [c for c in compare if c not in known]
        if len(compare) != 2 or bad or compare[0] == compare[1]:
            raise BodyMapError(f"compare needs two different muscle ids, got {compare!r}; "
                                  f"valid: {', '.join(known)}")
    return {"parts": parts, "view": "both", "spillover": True, "compare": compare}


def _views(state):
    return ("posterior", "anterior") if state["view"] == "both" else (state["view"],)


def compare_regions(model, state):
    """{'both': [...], 'first': [...], 'second': [...]} regions, in file order."""
    first, second = state["compare"]
    views = _views(state)

    def reach(muscle):
        return {z["region"] for z in model["zones"] if z["muscle"] == muscle and z["view"] in views
                and (state["spillover"] or z["zone"] == "essential")}
    a, b = reach(first), reach(second)
    order = model["regions"]
    return {"both": [r for r in order if r in a and r in b], "first": [r for r in order if r in a - b],
            "second": [r for r in order if r in b - a]}


def visible_keys(model, state):
    """The element keys shown for a state; the JS computes the same list (tested). Among the
    ticked parts' zones, `drawn_zones` hides a spillover zone under its muscle's essential one."""
    views = _views(state)
    keys = [f"view-{v}" for v in views]
    if state.get("compare"):
        pair = state["compare"]
        groups = compare_regions(model, state)
        keys += [f"c-{r}-{kind}" for kind in ("both", "first", "second") for r in groups[kind]]
        keys += [t["key"] for t in model["points"] if t["muscle"] in pair and t["view"] in views]
        return keys + ["legend-compare"] + [f"legend-{m}" for m in pair]
    parts = set(state["parts"])
    keys += [z["key"] for z in drawn_zones([z for z in model["zones"] if z["part"] in parts
             and z["view"] in views and (state["spillover"] or z["zone"] == "essential")])]
    keys += [t["key"] for t in model["points"] if t["part"] in parts and t["view"] in views]
    return keys + [f"legend-{m['id']}" for m in model["muscles"] if any(p["id"] in parts for p in m["parts"])]


def state_css(prefix, keys):
    # "#root #root-key" outranks the "#root .class" rule that hides every layer.
    shown = ",".join(f"#{prefix} #{prefix}-{k}" for k in keys)
    return BASE_CSS.format(s=f"#{prefix}") + (f"{shown}{{display:block}}" if shown else "")


def describe(model, state):
    """The status text: which regions are shown, in words (mirrored in the JS)."""
    labels, names = model["labels"], {m["id"]: m["name"] for m in model["muscles"]}
    views = _views(state)
    where = "posterior and anterior views" if len(views) == 2 else f"{views[0]} view"
    if state.get("compare"):
        first, second = state["compare"]
        g = compare_regions(model, state)
        parts = [f"Comparing {names[first]} and {names[second]} on the {where}."]
        for kind, lead in (("both", "Shared"), ("first", f"Only {names[first]}"), ("second", f"Only {names[second]}")):
            parts.append(f"{lead}: {', '.join(labels[r] for r in g[kind]) or 'none'}.")
        return " ".join(parts)
    chosen = set(state["parts"])
    sentences = []
    for m in model["muscles"]:
        if not any(p["id"] in chosen for p in m["parts"]):
            continue
        zones = [z for z in model["zones"] if z["part"] in chosen and z["muscle"] == m["id"] and z["view"] in views]
        bits, said = [], set()
        for zone in ("essential", "spillover") if state["spillover"] else ("essential",):
            regions = [r for r in dict.fromkeys(labels[z["region"]] for z in zones if z["zone"] == zone)
                       if r not in said]
            said.update(regions)
            bits.append(f"{zone} {', '.join(regions) if regions else 'none on this view'}")
        sentences.append(f"{m['name']}: {'; '.join(bits)}.")
    return (f"Shown on the {where}. " + " ".join(sentences)) if sentences else EMPTY_TEXT


def instant_css(prefix, model):
    """CSS :has() rules that show a ticked part's layers in the browser at once, without waiting
    for the kernel round trip (about 50 ms here). Outside compare mode they give the same set as
    `visible_keys` once the kernel has synced the boxes (tested); the kernel still owns views,
    compare mode and the status text. A spillover zone covered by its muscle's essential zone
    gets its own rule (`_covered_spillover_rule`)."""
    root = f".tp-live-{prefix}:not(.tp-cmp-on)"

    def ticked(part, muscle):
        return (f"{root}:has(.tpc-p-{part} input:checked)", f"{root}:has(.tpc-m-{muscle} input:checked)")
    spill = ":has(.tpc-spill input:checked)"
    sels = []
    for z in model["zones"]:
        covering = _covering_parts(model, z)
        if covering:
            sels.append(_covered_spillover_rule(root, prefix, z, covering))
        else:
            sels += [f"{t}{spill if z['zone'] == 'spillover' else ''} #{prefix}-{z['key']}"
                     for t in ticked(z["part"], z["muscle"])]
    sels += [f"{t} #{prefix}-{p['key']}" for p in model["points"] for t in ticked(p["part"], p["muscle"])]
    sels += [f"{t} #{prefix}-legend-{m['id']}" for m in model["muscles"] for p in m["parts"]
             for t in ticked(p["id"], m["id"])]
    return ",".join(sels) + "{display:block}"


def _covering_parts(model, zone):
    """The other parts of a spillover zone's muscle with an essential zone in its region."""
    if zone["zone"] != "spillover":
        return []
    return [z["part"] for z in model["zones"] if z["zone"] == "essential"
            and z["muscle"] == zone["muscle"] and z["region"] == zone["region"]]


def _covered_spillover_rule(root, prefix, zone, covering):
    """Show such a zone only while none of the covering parts is ticked (the `drawn_zones` rule).
    A ticked muscle box ticks every part, covering ones included, so it never shows the zone."""
    absent = "".join(f":not(:has(.tpc-p-{p} input:checked))" for p in covering)
    return (f"{root}:has(.tpc-p-{zone['part']} input:checked):has(.tpc-spill input:checked)"
            f":not(:has(.tpc-m-{zone['muscle']} input:checked)){absent} #{prefix}-{zone['key']}")
