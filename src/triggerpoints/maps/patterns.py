"""Referral shapes: a muscle's zones of one kind, drawn as one smooth shape per view.

The regions stay the vocabulary (of the pain finder, the alt text and the status line); only the
drawing merges them. Within one muscle's pattern, the region tiles of one zone kind are united,
their seams and notches closed, their corners rounded, and the result clipped to the body
outline, so a pattern reads as a referral shape rather than a patchwork of tiles.

A pattern record: {"key", "muscle", "part" ('' for a whole muscle), "zone", "view", "side", "regions"}.
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
    groups = {}
    for z in zones:
        where = (z["muscle"], z["zone"], z["view"], z.get("article", False), z.get("side", "right"))
        groups.setdefault(where, []).append(z["region"])
    return [{"key": pattern_key(m, zone, v, art, side), "muscle": m, "part": "", "zone": zone, "view": v,
             "side": side, "article": art, "regions": tuple(dict.fromkeys(regions))}
            for (m, zone, v, art, side), regions in groups.items()]


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
