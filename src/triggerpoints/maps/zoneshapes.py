"""Referral zones as drawn shapes (``data/bodymap/zones.json``), and the regions they reach.

A zone shape belongs to one trigger point (or to all of a part's points, ``all``, where the
sources give one pattern) and one zone kind; the course article's zones have shapes of their
own. Its id is ``<part>/<point>/<zone>`` with ``/article`` for an article-only zone. On each view
it is one or more smooth pieces, each either

- a stroke, ``[[x, y, width], ...]``: a band along a smooth centre line whose width varies
  (circles of that width swept along the line), or
- an outline, ``[[x, y], ...]``: a closed centripetal Catmull-Rom spline through the points,

in canvas units on the patient's right side (mirrored for the left, like every shape).

The overlap rule, regions from shapes: a shape *reaches* a region on a view when it covers at
least ``MIN_SHARE`` (an eighth) of the region's area inside the body, or ``MIN_AREA`` square units
of it (a patch in its own right in a large region), and never less than ``FLOOR``; a shape that
only grazes a region, as a band crossing a tile's corner does, does not. A zone's regions, over all its views, must equal
its rows in ``data/referral_zones.csv``; a spillover shape may also cross a region where the same
part's pain is essential (the finder counts the stronger). Regions inside the body (``INTERNAL``)
have no shape: the map says them in a caption line.

Loading refuses, naming the file, zone, view and point: a piece that crosses itself, a piece more
than ``OUTSIDE`` units outside the body outline, a zone naming a trigger point the part does not
have, derived regions that differ from the table, a zone row with no shape or a shape with no row.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..paths import DATA_DIR
from .geometry import BodyMapError, catmull_rom, load_geometry

ZONES_FILE = DATA_DIR / "bodymap" / "zones.json"
MIN_AREA, MIN_SHARE, FLOOR = 12.0, 0.125, 1.0  # the overlap rule: square canvas units; share of the region
OUTSIDE = 1.5                    # a piece may reach this far past the outline (it is clipped to it)
INTERNAL = frozenset({"pelvis_internal"})  # referral felt inside the body: a caption, not a zone
ALL_POINTS = "all"


def shape_id(part, point, zone, article=False):
    return f"{part}/{point}/{zone}" + ("/article" if article else "")


@dataclass(frozen=True)
class ZoneShape:
    id: str
    part: str
    point: str
    zone: str
    article: bool
    views: dict     # {view: shapely geometry, clipped to the body, on the right side}
    regions: dict   # {view: tuple of region ids the shape reaches there}


class ShapeSet(dict):
    """{shape id: ZoneShape}; hashed by identity, so the drawing can cache unions per set."""
    __hash__ = object.__hash__

    def __eq__(self, other):
        return self is other


def piece_polygon(piece):
    """A stroke or an outline (see the module docstring) as a shapely polygon."""
    import shapely
    from shapely.geometry import Point, Polygon
    p = np.asarray(piece, dtype=float)
    if p.ndim != 2 or p.shape[1] not in (2, 3) or len(p) < (2 if p.shape[1] == 3 else 3):
        raise ValueError("expected [[x, y, width], ...] (2 or more) or [[x, y], ...] (3 or more)")
    if p.shape[1] == 2:
        return Polygon(catmull_rom(p, closed=True, samples=6)[:-1])
    line = catmull_rom(p, samples=4) if len(p) > 2 else np.linspace(p[0], p[1], 4)
    discs = [Point(x, y).buffer(w / 2, quad_segs=5) for x, y, w in line]
    return shapely.union_all([discs[0]] + [shapely.convex_hull(a.union(b)) for a, b in zip(discs, discs[1:])])


def reached(geom, geo, body=None):
    """The regions of one view this geometry reaches (the overlap rule)."""
    out = []
    for rid, region in _regions_in_body(geo).items():
        if geom.intersects(region) and geom.intersection(region).area >= max(FLOOR, min(MIN_AREA, MIN_SHARE * region.area)):
            out.append(rid)
    return tuple(out)


_IN_BODY = {}


def _regions_in_body(geo):
    """{region: its polygon inside the body outline} of a view's geometry, computed once."""
    key = (id(geo), geo.name, geo.side)
    if key not in _IN_BODY:
        from shapely.geometry import Polygon
        body = Polygon(geo.outline)
        clipped = {rid: Polygon(xy).buffer(0).intersection(body) for rid, xy in geo.regions.items()}
        _IN_BODY[key] = {rid: g for rid, g in clipped.items() if not g.is_empty}
    return _IN_BODY[key]


def zone_shapes(kb=None):
    """{shape id: ZoneShape}, checked in full against the course's zones and trigger points: the
    file describes the course, so a knowledge base built for a test draws the shapes of the zones
    it shares with the course, and its other zones as region tiles (`patterns.smooth_shape`)."""
    from ..knowledge import loaded
    kb = loaded(None)
    rows = tuple((r.id, r.part, r.point, r.region, r.zone, r.provenance == "article")
                 for r in kb.referral_zones.itertuples())
    points = tuple((t.id, t.part) for t in kb.trigger_points.itertuples() if t.view != "lateral")
    return load_zone_shapes(rows, points, ZONES_FILE)


def shape_of_row(row):
    """The shape id of a referral_zones row (a namedtuple or a dict with its columns)."""
    get = row.get if isinstance(row, dict) else lambda k, default=None: getattr(row, k, default)
    return shape_id(get("part"), get("point", ALL_POINTS), get("zone"), get("provenance", "classic") == "article")


@lru_cache(maxsize=4)
def load_zone_shapes(rows, points, path=ZONES_FILE):
    """Read, build and check every zone shape (see the module docstring); all or nothing."""
    from shapely.geometry import Polygon
    path = Path(path)
    spec = json.loads(path.read_text(encoding="utf-8"))["shapes"]
    geos = load_geometry()
    bodies = {v: Polygon(g.outline) for v, g in geos.items()}
    margins = {v: b.buffer(OUTSIDE) for v, b in bodies.items()}
    own_points = {}
    for tid, part in points:
        own_points.setdefault(part, set()).add(tid)
    table = {}
    for rid, part, point, region, zone, article in rows:
        if point != ALL_POINTS and point not in own_points.get(part, ()):
            raise BodyMapError(f"{path.name}: zone {rid!r}, every view, point {point!r}: not a trigger point of "
                               f"part {part!r} in trigger_points.csv (expected one of "
                               f"{', '.join(sorted(own_points.get(part, ()))) or 'none'} or 'all')")
        table.setdefault(shape_id(part, point, zone, article), {})[region] = rid
    essential = {}
    for rid, part, point, region, zone, article in rows:
        if zone == "essential":
            essential.setdefault(part, set()).add(region)
    out = ShapeSet()
    for sid, views in spec.items():
        part, point, zone, *rest = sid.split("/")
        if sid not in table:
            raise BodyMapError(f"{path.name}: zone {sid!r}, every view, point {point!r}: no row of "
                               "referral_zones.csv has this part, point, zone and provenance")
        built, regions = {}, {}
        for view, pieces in views.items():
            where = f"{path.name}: zone {sid!r}, view {view!r}, point {point!r}"
            if view not in geos:
                raise BodyMapError(f"{where}: unknown view; use {', '.join(geos)}")
            polys = []
            for i, piece in enumerate(pieces, 1):
                try:
                    poly = piece_polygon(piece)
                except ValueError as err:
                    raise BodyMapError(f"{where}, piece {i}: {err}") from None
                if not poly.is_valid:
                    raise BodyMapError(f"{where}, piece {i}: the outline crosses itself")
                outside = poly.difference(margins[view]).area
                if outside > 0.05:
                    c = poly.difference(bodies[view]).centroid
                    raise BodyMapError(f"{where}, piece {i}: leaves the body outline near "
                                       f"({c.x:.1f}, {c.y:.1f}) by more than {OUTSIDE} units")
                polys.append(poly)
            import shapely
            built[view] = shapely.union_all(polys).intersection(bodies[view])
            regions[view] = reached(built[view], geos[view], bodies[view])
        want = set(table[sid])
        got = {r for rs in regions.values() for r in rs}
        allowed = want | (essential.get(part, set()) if zone == "spillover" else set())
        extra, missing = got - allowed, want - got - INTERNAL
        if extra or missing:
            view = next((v for v, rs in regions.items() if extra & set(rs)), next(iter(regions), "none"))
            raise BodyMapError(
                f"{path.name}: zone {sid!r}, view {view!r}, point {point!r}: its shape reaches "
                f"{sorted(got)} but referral_zones.csv gives {sorted(want)}"
                + (f"; reaches too: {sorted(extra)}" if extra else "")
                + (f"; misses: {sorted(missing)}" if missing else ""))
        out[sid] = ZoneShape(sid, part, point, zone, bool(rest), built, regions)
    for sid, regions in table.items():
        if sid not in out and set(regions) - INTERNAL:
            first = next(iter(regions.values()))
            raise BodyMapError(f"{path.name}: zone {first!r}, every view, point {sid.split('/')[1]!r}: "
                               f"no shape {sid!r} for its regions {sorted(regions)}")
    return out
