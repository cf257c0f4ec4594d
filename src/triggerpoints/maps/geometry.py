"""Body-map geometry: outlines, landmarks and region polygons per view, read from data/bodymap.

``data/bodymap/geometry.json`` uses a canvas x 0-100, y 0-200, y up. Outlines are stored as
control points of the right half and smoothed with centripetal Catmull-Rom splines, then
mirrored, so the figure is symmetric by construction. Regions are polygons on the patient's
right side, clipped to the body outline when drawn.
"""

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..paths import DATA_DIR

GEOMETRY_FILE = DATA_DIR / "bodymap" / "geometry.json"
VIEWS = ("posterior", "anterior")


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

    def __init__(self, name, spec):
        self.name = name
        right = np.vstack([catmull_rom(seg)[:-1] for seg in spec["body"]] + [spec["body"][-1][-1:]])
        self.outline = np.vstack([right, mirror(right)[::-1]])
        arm = catmull_rom(spec["arm"], closed=True)
        self.arms = [arm, mirror(arm)]
        self.lines = {k: catmull_rom(v) for k, v in spec["lines"].items()}
        self.regions = {k: np.asarray(v, dtype=float) for k, v in spec["regions"].items()}

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
    return {v: ViewGeometry(v, spec["views"][v]) for v in VIEWS}


def check_view(view):
    if view not in VIEWS and view != "both":
        raise BodyMapError(f"unknown view {view!r}; use 'posterior', 'anterior' or 'both'")
    return view


def views_for(view):
    """The views a map of `view` ('posterior', 'anterior' or 'both') draws."""
    return VIEWS if check_view(view) == "both" else (view,)
