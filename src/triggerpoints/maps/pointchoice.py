"""The explorer's trigger-point choice: a part whose points refer pain to separate zones (QL's upper
and lower points, multifidus's lumbar and sacral ones...) can show one point's pattern, its own
zones with those its points share (point ``all``), and its X alone. State: ``"points": {part:
point id}`` ('' or absent: all points). Mirrored in ``_static/tp-explorer.js`` (parity tested)."""

from .patterns import pattern_key
from .pointmaps import point_groups
from .zoneshapes import ALL_POINTS


def point_choices(kb):
    """{part: [{"id": point, "name": where it lies}]} for the parts with two or more point groups."""
    words = dict(zip(kb.trigger_points["id"], kb.trigger_points["description"]))
    out = {}
    for g in point_groups(list(kb.part_ids), kb):
        if g["point"] != ALL_POINTS:
            out.setdefault(g["part"], []).append({"id": g["point"], "name": words[g["point"]].rstrip(".")})
    return {part: choices for part, choices in out.items() if len(choices) > 1}


def zone_points(kb):
    """{(part, region): the trigger point id its zone belongs to, or 'all'}."""
    rows = kb.referral_zones
    points = rows["point"] if "point" in rows else [ALL_POINTS] * len(rows)
    return dict(zip(zip(rows["part"], rows["region"]), points))


def base_point(t):
    """A lateral view's mark 'tp_x_lateral' is the point 'tp_x' seen from the side."""
    return t["id"][: -len("_lateral")] if t["view"] == "lateral" and t["id"].endswith("_lateral") else t["id"]


def chosen_points(model, state):
    """{part: point} for the ticked parts whose choice is one of their own points."""
    picked = state.get("points") or {}
    return {p: picked[p] for p in state["parts"]
            if any(c["id"] == picked.get(p) for c in model["point_choices"].get(p, ()))}


def point_key(point, z):
    """'z-tp_ql_deep_upper-essential-posterior': one point's pattern of one zone kind."""
    return pattern_key(point, z["zone"], z["view"], z["article"], z["side"])


def point_shape(model, point, z):
    """The key of the shape that draws a point's zones of z's kind (its own, or `same_shapes`)."""
    return model["point_alias"].get(point_key(point, z), point_key(point, z))


def belongs(record, chosen):
    """Whether a zone or point record is shown under the choice (every one of an unchosen part)."""
    point = chosen.get(record["part"])
    return point is None or record.get("point") in (point, ALL_POINTS)


def point_patterns(model):
    """The drawn shapes of each point's pattern (pattern records, `point` set; shown only by the
    state's CSS, never by the widget's instant rules)."""
    out = {}
    for z in model["zones"]:
        for c in model["point_choices"].get(z["part"], ()):
            if z.get("point") in (c["id"], ALL_POINTS) and z["region"] not in model["internal"]:
                rec = out.setdefault(point_key(c["id"], z), {
                    "key": point_key(c["id"], z), "muscle": z["muscle"], "part": z["part"], "point": c["id"],
                    "zone": z["zone"], "view": z["view"], "side": z["side"], "regions": [], "tile": False,
                    "article": z["article"]})
                rec["regions"].append(z["region"])
    return list(out.values())


def same_shapes(points, drawn, muscles):
    """{point pattern key: the key of a drawn shape with the same zones} (a part or muscle whose
    zones of that kind all belong to the point, or to all its points): drawn once, not twice."""
    single = {m["id"] for m in muscles if len(m["parts"]) == 1}
    by = {(r["part"] or r["muscle"], r["zone"], r["view"], r["side"], r["article"]): r for r in drawn if not r["tile"]}
    out = {}
    for p in points:
        r = by.get((p["muscle"] if p["muscle"] in single else p["part"], p["zone"], p["view"], p["side"], p["article"]))
        if r and set(r["regions"]) == set(p["regions"]):
            out[p["key"]] = r["key"]
    return out


def point_words(model, parts, chosen):
    """['one trigger point of Multifidus shown: deep beside the spine at S1 (its X alone)']."""
    names = {c["id"]: c["name"] for p in parts for c in model["point_choices"].get(p, ())}
    parts_named = {p["id"]: p["name"] for m in model["muscles"] for p in m["parts"]}
    return [f"one trigger point of {parts_named[p]} shown: {names[chosen[p]][:1].lower()}{names[chosen[p]][1:]} "
            "(its X alone)" for p in parts if p in chosen]


ALL_LABEL = "All points"


def point_select_html(prefix, part, model, why):
    """The book's menu for one part's trigger point ('' = all points), after its box; disabled with
    the boxes while two muscles are compared (`why` names the sentence that says so)."""
    import html
    choices = model["point_choices"].get(part)
    if not choices:
        return ""
    name = next(p["name"] for m in model["muscles"] for p in m["parts"] if p["id"] == part)
    options = f'<option value="">{ALL_LABEL}</option>' + "".join(
        f'<option value="{c["id"]}">{html.escape(c["name"])}</option>' for c in choices)
    return (f'<span class="tp-x-point"><label for="{prefix}-pt-{part}">Trigger point</label> '
            f'<select id="{prefix}-pt-{part}" data-point-of="{part}" {why} '
            f'aria-label="Trigger point of {html.escape(name)}">{options}</select></span>')


def point_dropdowns(w, model, on_change):
    """{part: ipywidgets Dropdown} for JupyterLab, one per part with separate points."""
    out = {}
    for part, choices in model["point_choices"].items():
        menu = w.Dropdown(options=[(ALL_LABEL, "")] + [(c["name"], c["id"]) for c in choices], value="",
                          description="Trigger point", layout=w.Layout(width="auto", margin="0 0 0 1.6em"))
        menu.observe(lambda ch, part=part: on_change(part, ch["new"]), names="value")
        out[part] = menu
    return out
