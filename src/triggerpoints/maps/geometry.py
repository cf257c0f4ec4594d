"""Body-map geometry: outlines, landmarks and region polygons per view, read from data/bodymap.

``data/bodymap/geometry.json`` uses a canvas x 0-100, y 0-200, y up. The posterior and anterior
outlines are stored as control points of the right half and smoothed with centripetal
Catmull-Rom splines, then mirrored, so the figure is symmetric by construction; the lateral
view (the patient's right side, facing the reader's right) is one closed outline. Regions are
polygons on the patient's right side, clipped to the body outline when drawn.

Sides: the left side of every view is the right side mirrored (``ViewGeometry.left``), never
authored twice. On the posterior and anterior views both sides share one figure; the lateral
view's left side is its own figure, the mirror image (``panels``).
"""

import json
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from ..paths import DATA_DIR

GEOMETRY_FILE = DATA_DIR / "bodymap" / "geometry.json"
VIEWS = ("posterior", "anterior", "lateral")
SIDES = ("right", "left")
VIEW_CHOICES = {"both": ("posterior", "anterior"), "all": VIEWS}  # names for several views at once


class BodyMapError(ValueError):
    """A muscle, part or region the map cannot draw; the message lists the valid ids."""


def catmull_rom(points, closed=False, samples=3):
    """Smooth a polyline through its control points (centripetal Catmull-Rom, no overshoot)."""
    p = np.asarray(points, dtype=float)
    if closed:
        p = np.vstack([p[-1], p, p[0], p[1]])
    else:
        p = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    out = []
    for i in range(1, len(p) - 2):
        out.append(_cr_segment(p[i - 1], p[i], p[i + 1], p[i + 2], samples))
    out.append(p[-2:-1] if not closed else p[1:2])
    return np.vstack(out)


def _cr_segment(p0, p1, p2, p3, n):
    def knot(t, a, b):
        return t + max(np.linalg.norm(b - a), 1e-6) ** 0.5
    t0 = 0.0
    t1 = knot(t0, p0, p1)
    t2 = knot(t1, p1, p2)
    t3 = knot(t2, p2, p3)
    t = np.linspace(t1, t2, n, endpoint=False)[:, None]
    a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
    a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
    a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
    b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
    b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
    return (t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2


def mirror(xy):
    xy = np.array(xy, dtype=float)
    xy[:, 0] = 100.0 - xy[:, 0]
    return xy


class ViewGeometry:
    """Smoothed shapes of one view, in canvas coordinates."""

    side = "right"

    def __init__(self, name, spec):
        self.name = name
        self.symmetric = "outline" not in spec  # both halves of one figure (posterior, anterior)
        if self.symmetric:
            right = np.vstack([catmull_rom(seg)[:-1] for seg in spec["body"]] + [spec["body"][-1][-1:]])
            self.outline = np.vstack([right, mirror(right)[::-1]])
            arm = catmull_rom(spec["arm"], closed=True)
            self.arms = [arm, mirror(arm)]
        else:
            self.outline, self.arms = catmull_rom(spec["outline"], closed=True)[:-1], []
        self.lines = {k: catmull_rom(v) for k, v in spec["lines"].items()}
        self.regions = {k: np.asarray(v, dtype=float) for k, v in spec["regions"].items()}

    @cached_property
    def left(self):
        """The same view on the patient's left side: every shape mirrored."""
        other = object.__new__(ViewGeometry)
        other.__dict__.update(self.__dict__)
        other.side, other.arms = "left", [mirror(a) for a in self.arms]
        other.outline = mirror(self.outline)
        other.lines = {k: mirror(v) for k, v in self.lines.items()}
        other.regions = {k: mirror(v) for k, v in self.regions.items()}
        return other

    def on(self, side):
        return self.left if side == "left" else self

    def region(self, region_id):
        if region_id not in self.regions:
            raise BodyMapError(
                f"region {region_id!r} has no geometry on the {self.name} view in {GEOMETRY_FILE.name}; "
                f"regions drawn there: {', '.join(sorted(self.regions))}")
        return self.regions[region_id]

    def contains(self, region_id, x, y):
        """True if (x, y) is inside the region as drawn (the polygon clipped to the body)."""
        from matplotlib.path import Path as MPath
        pt = (float(x), float(y))
        return MPath(self.region(region_id)).contains_point(pt) and MPath(self.outline).contains_point(pt)


@lru_cache(maxsize=4)
def load_geometry(path=GEOMETRY_FILE):
    """Read and smooth the body-map geometry: {view: ViewGeometry}."""
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    missing = [v for v in VIEWS if v not in spec.get("views", {})]
    if missing:
        raise BodyMapError(f"{path}: missing view(s) {missing}; expected {list(VIEWS)}")
    geos = {v: ViewGeometry(v, spec["views"][v]) for v in VIEWS}
    for v, g in geos.items():
        _check_outline(path, v, g.outline, spec["views"][v].get("outline") or spec["views"][v]["body"][0])
    return geos


def _check_outline(path, view, outline, points):
    """Refuse a body outline that crosses itself, naming the control point nearest the crossing."""
    from shapely.geometry import Polygon
    from shapely.validation import explain_validity
    polygon = Polygon(outline)
    if polygon.is_valid:
        return
    where = explain_validity(polygon)
    at = np.array([float(v) for v in where[where.find("[") + 1:where.find("]")].split()[:2]] or points[0])
    near = min(range(len(points)), key=lambda i: np.hypot(*(np.asarray(points[i], dtype=float) - at)))
    raise BodyMapError(f"{path}: view {view}, body outline: crosses itself near ({at[0]:.1f}, {at[1]:.1f}), "
                       f"control point {near + 1} {points[near]}")


def check_view(view):
    if view not in VIEWS and view not in VIEW_CHOICES:
        raise BodyMapError(f"unknown view {view!r}; use 'posterior', 'anterior', 'lateral', "
                           "'both' (posterior and anterior) or 'all' (the three)")
    return view


def views_for(view):
    """The views a map of `view` ('posterior', 'anterior', 'lateral', 'both' or 'all') draws."""
    return VIEW_CHOICES.get(check_view(view), (view,))


def sides_for(side):
    """The sides a map of `side` ('right', 'left' or 'both') shows."""
    if side not in (*SIDES, "both"):
        raise BodyMapError(f"unknown side {side!r}; use 'right', 'left' or 'both'")
    return SIDES if side == "both" else (side,)


def panel_key(view, side="right"):
    """'posterior', 'lateral', 'lateral-left': the name of one figure of a map."""
    return view if side == "right" else f"{view}-{side}"


def panels(views, sides, geos=None):
    """The figures a map draws, as (view, side of the figure, sides it shows): the posterior and
    anterior figures show every chosen side; the lateral view draws one figure per side."""
    geos = geos or load_geometry()
    out = []
    for v in views:
        if geos[v].symmetric:
            out.append((v, "right", tuple(sides)))
        else:
            out += [(v, s, (s,)) for s in sides]
    return out
