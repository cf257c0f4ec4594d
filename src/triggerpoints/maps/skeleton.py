"""The skeleton under the body map (data/bodymap/skeleton.json): bones drawn lightly, and the
named landmarks the muscles attach to.

Heights come from stature fractions (the file's `levels`, with their source): a landmark with a
`level` has its first point at that height, in every view it appears in, so the crest, the
trochanter or the knee sit at the same height from behind, in front and from the side. Every
problem is reported at once, naming the file, the view and the landmark; nothing is returned
(so nothing is drawn) from a file with a problem in it.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..paths import DATA_DIR
from .geometry import BodyMapError, catmull_rom, load_geometry

SKELETON_FILE = DATA_DIR / "bodymap" / "skeleton.json"
KINDS = ("line", "outline", "point")
LEVEL_TOLERANCE = 0.05  # canvas units: a level is a height, not a band
OVERHANG = 0.3          # how far a bone may stray past the body's edge (less than the edge's line width)


class SkeletonError(BodyMapError):
    """Problems in the skeleton's data, one per line."""


@dataclass(frozen=True)
class Landmark:
    id: str
    view: str
    label: str
    kind: str
    points: np.ndarray    # smoothed for lines and outlines
    draw: bool
    midline: bool = False  # a whole shape across the midline: drawn once, never mirrored to a second half
    level: str = ""


def smooth_outline(points, samples=3):
    """A closed smooth outline through its control points, without the repeated first point."""
    return catmull_rom(points, closed=True, samples=samples)[:-1]


def _landmark(view, ident, spec):
    pts = np.asarray(spec["points"], dtype=float)
    # Bones are small and many: two samples a segment read as smooth at their size (page weight).
    smooth = {"line": lambda p: catmull_rom(p, samples=2), "outline": lambda p: smooth_outline(p, 2)}.get(spec["kind"])
    if spec.get("smooth") is False:
        smooth = None  # a straight-sided bone (the column of spinous processes): its corners as drawn
    return Landmark(ident, view, spec["label"], spec["kind"], smooth(pts) if smooth and len(pts) > 1 else pts,
                    bool(spec["draw"]), bool(spec.get("midline", False)), str(spec.get("level", "")))


def _problems_of(view, ident, spec, levels, body):
    from shapely.geometry import Point
    where = f"view {view}, landmark {ident}"
    pts = spec.get("points") or []
    if spec.get("kind") not in KINDS or not pts or any(len(p) != 2 for p in pts) \
            or not str(spec.get("label", "")).strip() or not str(spec.get("source", "")).strip():
        return [f"{where}: needs 'label', 'kind' ({' | '.join(KINDS)}), 'points' as [x, y] pairs and 'source'"]
    out = []
    level = spec.get("level")
    if level is not None and level not in levels:
        out.append(f"{where}: level {level!r} is not in 'levels' ({', '.join(levels)})")
    elif level is not None and abs(pts[0][1] - levels[level]) > LEVEL_TOLERANCE:
        out.append(f"{where}: first point at height {pts[0][1]:g}, but its level {level!r} is at {levels[level]:g}")
    stray = [i for i, xy in enumerate(pts) if not body.buffer(OVERHANG).contains(Point(xy))]
    if stray:
        out.append(f"{where}, point {stray[0] + 1} ({pts[stray[0]][0]:g}, {pts[stray[0]][1]:g}): outside the body outline")
    return out


@lru_cache(maxsize=4)
def load_skeleton(path=SKELETON_FILE):
    """{view: {landmark id: Landmark}}, or SkeletonError listing every problem of the file."""
    from shapely.geometry import Polygon
    path = Path(path)
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise SkeletonError(f"{path}: cannot be read as JSON ({err})") from None
    geos, problems, out = load_geometry(), [], {}
    levels = {k: float(v["y"]) for k, v in spec.get("levels", {}).items()}
    heights = {}  # landmark id -> {view: level name}: one landmark, one level, in every view
    for view, view_spec in spec.get("views", {}).items():
        if view not in geos:
            problems.append(f"view {view}: unknown; views: {', '.join(geos)}")
            continue
        body, out[view] = Polygon(geos[view].outline), {}
        for ident, lm in view_spec.items():
            found = _problems_of(view, ident, lm, levels, body)
            problems += found
            if not found:
                out[view][ident] = _landmark(view, ident, lm)
                heights.setdefault(ident, {})[view] = lm.get("level")
    for ident, by_view in heights.items():
        if len(set(by_view.values())) > 1:
            problems.append(f"landmark {ident}: at different heights across views ("
                            + ", ".join(f"view {v}: level {lv!r}" for v, lv in by_view.items()) + ")")
    if problems:
        raise SkeletonError(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in {path}:\n  "
                            + "\n  ".join(problems))
    return {v: out.get(v, {}) for v in geos}


def level_heights(path=SKELETON_FILE):
    """{level name: height}: the stature levels the skeleton stands on."""
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    return {k: float(v["y"]) for k, v in spec["levels"].items()}
