"""Referral shapes: a muscle's zones of one kind, drawn as one shape per view.

The regions stay the vocabulary (of the pain finder, the alt text and the status line). What is
drawn is the union of the zones' own shapes (`zoneshapes`, each drawn with its true extent and
belonging to a trigger point), whose regions are derived from them. `smooth_shape`, the old united
region tiles, is left for a zone a test knowledge base gives without a shape.

A pattern record: {"key", "muscle", "part" ('' for a whole muscle), "zone", "view", "side", "regions",
"parts" (the parts whose zones it unites: a map of one part of a muscle draws only that part's)}.
"""

from functools import lru_cache

import numpy as np

CLOSE = 1.5    # seams and notches narrower than twice this are filled (canvas units)
ROUND = 1.0    # convex corners rounded to about this radius
KEEP = 0.9     # a piece that rounding would shrink below this share of its area (a narrow strip) keeps its corners
SIMPLIFY = 0.25  # under a point at the book's scale (a canvas unit is about 2.7 pt); the pages weigh less


def pattern_key(owner, zone, view, article=False, side="right"):
    """'z-quadratus_lumborum-essential-posterior' (a muscle) or 'z-ql_deep-spillover-posterior' (a
    part); '...-article' for the zones only the course article gives (drawn as an outline);
    '...-left' on the left side."""
    return f"z-{owner}-{zone}-{view}" + ("-article" if article else "") + ("-left" if side == "left" else "")


def muscle_patterns(zones):
    """One pattern per muscle, zone kind, view and provenance (the classic maps and their summaries,
    or the article alone), from the zones a map draws (`drawn_zones`)."""
    groups, parts = {}, {}
    for z in zones:
        where = (z["muscle"], z["zone"], z["view"], z.get("article", False), z.get("side", "right"))
        groups.setdefault(where, []).append(z["region"])
        parts.setdefault(where, []).append(z["part"])
    return [{"key": pattern_key(m, zone, v, art, side), "muscle": m, "part": "", "zone": zone, "view": v,
             "side": side, "article": art, "regions": tuple(dict.fromkeys(regions)),
             "parts": tuple(dict.fromkeys(parts[(m, zone, v, art, side)]))}
            for (m, zone, v, art, side), regions in groups.items()]


def pattern_shape(geo, pat, kb=None):
    """What a pattern record draws on its view and side: the union of the shapes of the zones it
    holds (its part, or every part of its muscle; its zone kind and provenance; its regions), cut to
    its one region for an explorer tile. Falls back to the region tiles for zones without a shape."""
    from ..knowledge import loaded
    from .zoneshapes import zone_shapes
    kb = loaded(kb)
    parts = ([pat["part"]] if pat.get("part") else list(pat.get("parts") or ())
             or list(kb.parts.loc[kb.parts["muscle"] == pat["muscle"], "id"]))  # the parts it was made of
    index = _shape_index(kb)
    where = [(p, pat["zone"], pat.get("article", False), r) for p in parts for r in pat["regions"]]
    sids = tuple(sorted({index[w] for w in where if w in index}))
    shapes = zone_shapes(kb)
    if not sids:
        return _union(shapes, (), geo.name, geo.side, None)  # inside the body only: nothing on the skin
    if any(s not in shapes for s in sids):
        return smooth_shape(geo, pat["regions"])
    tile = pat["regions"][0] if pat.get("tile") else None
    return _union(shapes, sids, geo.name, geo.side, tile)


_INDEX = {}


def _shape_index(kb):
    """{(part, zone, article?, region): shape id} of a knowledge base's zones on the skin."""
    if id(kb) not in _INDEX:
        from .zoneshapes import INTERNAL, shape_of_row
        _INDEX[id(kb)] = (kb, {(r.part, r.zone, getattr(r, "provenance", "classic") == "article", r.region):
                               shape_of_row(r) for r in kb.referral_zones.itertuples() if r.region not in INTERNAL})
    return _INDEX[id(kb)][1]


@lru_cache(maxsize=2048)
def _union(shapes, sids, view, side, tile):
    import shapely
    from shapely import affinity
    from shapely.geometry import Polygon
    from .geometry import load_geometry
    geoms = [shapes[s].views[view] for s in sids if view in shapes[s].views]
    if not geoms:
        return Polygon()
    geom = shapely.union_all(geoms)
    if tile:
        geom = geom.intersection(Polygon(load_geometry()[view].region(tile)).buffer(0))
    body = Polygon(load_geometry()[view].outline)
    geom = geom.simplify(SIMPLIFY).intersection(body)  # simplified first: it stays inside
    if side == "left":
        geom = affinity.scale(geom, xfact=-1, yfact=1, origin=(50, 0))
    return geom


def smooth_shape(geo, regions):
    """The united regions of one view, smoothed and clipped to the body (a shapely geometry)."""
    return _smooth(geo, tuple(sorted(regions)))


@lru_cache(maxsize=1024)
def _smooth(geo, regions):
    import shapely
    from shapely.geometry import Polygon
    body = Polygon(geo.outline)
    tiles = shapely.union_all([Polygon(geo.region(r)).buffer(0).intersection(body) for r in regions])
    closed = tiles.buffer(CLOSE, quad_segs=4).buffer(-CLOSE, quad_segs=4)
    pieces = []
    for piece in getattr(closed, "geoms", [closed]):
        rounded = piece.buffer(-ROUND, quad_segs=4).buffer(ROUND, quad_segs=4)
        pieces.append(rounded if rounded.area >= KEEP * piece.area else piece)
    return shapely.union_all(pieces).simplify(SIMPLIFY).intersection(body)  # simplified first: it stays inside


def shape_path(geom):
    """A shapely (multi)polygon as one matplotlib Path: each ring a closed subpath, holes included."""
    from matplotlib.path import Path
    verts, codes = [], []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:-1]
            verts += [*xy.tolist(), xy[0].tolist()]
            codes += [Path.MOVETO] + [Path.LINETO] * (len(xy) - 1) + [Path.CLOSEPOLY]
    return Path(np.asarray(verts, dtype=float).reshape(-1, 2), codes or None)
