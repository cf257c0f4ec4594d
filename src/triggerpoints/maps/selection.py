"""What a selection of muscles or parts puts on a map: its parts, zones and trigger points.

Plain records from the knowledge base, with the key each element is drawn and shown under
(``z-<part>-<region>``, ``t-<trigger point>``, ``c-<region>-...`` for compare marks), and each
muscle's colour and hatch. A zone is drawn on every view that has its region (the lateral view
shares the posterior and anterior regions it shows: ``-lateral`` is added to its key), on each side
asked for (``-left`` is added on the left, where points are mirrored).
"""

from ..knowledge import loaded
from .geometry import BodyMapError, load_geometry, mirror
from .zoneshapes import INTERNAL, shape_of_row, zone_shapes

# Okabe-Ito, one colour per muscle (grey extends the eight colours to nine muscles).
MUSCLE_COLOURS = {
    "quadratus_lumborum": "#E69F00", "erector_spinae": "#56B4E9", "multifidus": "#009E73",
    "gluteus_medius": "#F0E442", "gluteus_minimus": "#0072B2", "piriformis": "#D55E00",
    "iliopsoas": "#CC79A7", "hamstrings": "#000000", "adductors": "#999999",
}
# Spillover hatch differs per muscle, so overlaid muscles stay apart in greyscale too.
MUSCLE_HATCHES = ("////", "\\\\\\\\", "||||", "----", "xxx", "++", "..", "oo", "////")


def muscle_colour(muscle_id, kb=None):
    if muscle_id in MUSCLE_COLOURS:
        return MUSCLE_COLOURS[muscle_id]
    ids = list(loaded(kb).muscle_ids)
    return list(MUSCLE_COLOURS.values())[ids.index(muscle_id) % len(MUSCLE_COLOURS)]


def muscle_hatch(muscle_id, kb=None):
    ids = list(loaded(kb).muscle_ids)
    return MUSCLE_HATCHES[ids.index(muscle_id) % len(MUSCLE_HATCHES)]


def resolve_parts(ids, kb=None):
    """Muscle or part ids -> part ids in file order; unknown ids raise, naming the valid ones."""
    kb = loaded(kb)
    if isinstance(ids, str):
        ids = (ids,)
    parts = kb.parts
    chosen = set()
    for ident in ids:
        if ident in kb.muscle_ids:
            chosen.update(parts.loc[parts["muscle"] == ident, "id"])
        elif ident in kb.part_ids:
            chosen.add(ident)
        else:
            raise BodyMapError(
                f"unknown muscle or part id {ident!r}; muscles: {', '.join(kb.muscle_ids)}; "
                f"parts: {', '.join(kb.part_ids)}")
    return [p for p in kb.part_ids if p in chosen]


def part_table(kb=None):
    """{part id: (muscle id, part name)}."""
    kb = loaded(kb)
    return {r.id: (r.muscle, r.name) for r in kb.parts.itertuples()}


def region_views(kb=None):
    kb = loaded(kb)
    return dict(zip(kb.regions["id"], kb.regions["view"]))


def side_key(key, side):
    """A drawn element's key on a side: the right keeps its key, the left adds '-left'."""
    return key if side == "right" else f"{key}-{side}"


def region_on_views(kb=None):
    """{region: the views drawing it}: its own view (regions.csv), then any other with its shape."""
    home, geos = region_views(kb), load_geometry()
    return {r: (v, *(w for w, g in geos.items() if w != v and r in g.regions)) for r, v in home.items()}


def zone_records(parts, kb=None, spillover=True, classic_only=False, sides=("right",)):
    """The referral zones of these parts, one record per view and side that draws it, each with
    its muscle, view, side, drawing key and whether only the course article gives it (`article`);
    classic_only leaves those out."""
    kb = loaded(kb)
    owner, home, views = part_table(kb), region_views(kb), region_on_views(kb)
    shapes = zone_shapes(kb)
    rows = kb.referral_zones[kb.referral_zones["part"].isin(parts)]
    out = []
    for r in rows.itertuples():
        article = getattr(r, "provenance", "classic") == "article"
        if (r.zone == "spillover" and not spillover) or (article and classic_only):
            continue
        if r.region not in views:
            raise BodyMapError(f"referral zone {r.id!r}: region {r.region!r} is not in regions.csv")
        for view in _zone_views(r, shapes, views[r.region]):
            key = f"z-{r.part}-{r.region}" + ("" if view == home[r.region] else f"-{view}")
            out += [{"key": side_key(key, side), "part": r.part, "muscle": owner[r.part][0],
                     "region": r.region, "zone": r.zone, "view": view, "side": side, "article": article}
                    for side in sides]
    return out


def _zone_views(row, shapes, region_views):
    """The views a zone row is drawn on: those where its shape reaches its region (`zoneshapes`);
    a region inside the body keeps its own view (said in words, not drawn); a zone a test
    knowledge base gives without a shape, every view with the region."""
    shape = shapes.get(shape_of_row(row))
    if shape is None or row.region in INTERNAL:
        return region_views[:1] if row.region in INTERNAL else region_views
    return [v for v in region_views if row.region in shape.regions.get(v, ())]


def compare_key(region, kind, muscle=None):
    """'c-sacrum-both', or 'c-sacrum-piriformis-first' for a region only one compared muscle reaches."""
    return f"c-{region}-both" if kind == "both" else f"c-{region}-{muscle}-{kind}"


def drawn_zones(zones):
    """The zones a map shows, given every zone of the parts on it: a muscle's spillover zone is
    left out where the same muscle has an essential zone in that region, because the hatch would
    show through the translucent fill and the region would read as spillover."""
    def where(z):
        return z["muscle"], z["region"], z["view"], z.get("side", "right")
    covered = {where(z) for z in zones if z["zone"] == "essential"}
    return [z for z in zones if z["zone"] == "essential" or where(z) not in covered]


def point_records(parts, kb=None, sides=("right",)):
    """The trigger points of these parts on each side asked for (mirrored on the left)."""
    kb = loaded(kb)
    owner = part_table(kb)
    rows = kb.trigger_points[kb.trigger_points["part"].isin(parts)]
    out = []
    for r in rows.itertuples():
        for side in sides:
            x = float(mirror([[r.x, r.y]])[0, 0]) if side == "left" else float(r.x)
            out.append({"key": side_key(f"t-{r.id}", side), "id": r.id, "part": r.part, "muscle": owner[r.part][0],
                        "region": r.region, "view": r.view, "side": side, "x": x, "y": float(r.y)})
    return out
