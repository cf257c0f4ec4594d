"""The muscle layer's data: muscle shapes and bony landmarks (data/bodymap/anatomy.json).

Shapes are control points of closed outlines on the patient's right side, smoothed like the body
outline (`geometry.catmull_rom`). Everything is checked when the file is read, and every problem
is reported at once, naming the file, the view, the muscle and the point; nothing is returned
(so nothing is drawn) from a file with a problem in it.
"""

import difflib
import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..paths import DATA_DIR
from .geometry import BodyMapError, catmull_rom, load_geometry, mirror

ANATOMY_FILE = DATA_DIR / "bodymap" / "anatomy.json"
REACH = 1.5     # a shape reaches an attachment that comes this close (canvas units; the body is ~17 wide)
OVERHANG = 0.3  # how far a smoothed outline may stray past the body's edge (less than its line width)
KINDS = ("line", "outline", "point")


class AnatomyError(BodyMapError):
    """Problems in the muscle layer's data, one per line."""


@dataclass(frozen=True)
class MuscleShape:
    part: str
    view: str
    outline: np.ndarray   # smoothed, closed (first point not repeated)
    deep: bool
    attachments: tuple
    source: str


@dataclass(frozen=True)
class Landmark:
    id: str
    view: str
    label: str
    kind: str
    points: np.ndarray    # smoothed for lines and outlines
    draw: bool


def smooth_outline(points):
    """A closed smooth outline through its control points, without the repeated first point."""
    return catmull_rom(points, closed=True)[:-1]


def _landmark(view, ident, spec):
    pts = np.asarray(spec["points"], dtype=float)
    smooth = {"line": catmull_rom, "outline": smooth_outline}.get(spec["kind"])
    return Landmark(ident, view, spec["label"], spec["kind"], smooth(pts) if smooth and len(pts) > 1 else pts,
                    bool(spec["draw"]))


def _point_name(i, xy):
    return f"point {i + 1} ({xy[0]:g}, {xy[1]:g})"


def _nearest(points, xy):
    d = np.hypot(*(np.asarray(points, dtype=float) - np.asarray(xy, dtype=float)).T)
    return int(np.argmin(d))


class _Checker:
    """Collects the problems of one file; each names the view, the muscle and the point."""

    def __init__(self, part_muscles):
        self.parts, self.problems = part_muscles, []

    def add(self, view, what, message):
        self.problems.append(f"view {view}, {what}: {message}")

    def muscle_name(self, part):
        muscle = self.parts.get(part)
        return f"muscle {muscle} (part {part})" if muscle and muscle != part else f"muscle {part}"

    def shape(self, view, part, spec, body, landmarks):
        from shapely.geometry import Point, Polygon
        from shapely.validation import explain_validity
        what = self.muscle_name(part)
        points = spec.get("points") or []
        if len(points) < 3 or any(len(p) != 2 for p in points):
            return self.add(view, what, "'points' must list at least 3 [x, y] pairs")
        if not str(spec.get("source", "")).strip():
            self.add(view, what, "no 'source' note")
        outline = smooth_outline(points)
        polygon = Polygon(outline)
        if not polygon.is_valid:
            where = explain_validity(polygon)
            at = [float(v) for v in where[where.find("[") + 1:where.find("]")].split()] if "[" in where else points[0]
            i = _nearest(points, at)
            self.add(view, f"{what}, {_point_name(i, points[i])}",
                     f"the outline crosses itself near ({at[0]:.1f}, {at[1]:.1f})")
        edge = body.buffer(OVERHANG)
        for i, xy in enumerate(points):
            if not edge.contains(Point(xy)):
                self.add(view, f"{what}, {_point_name(i, xy)}", "outside the body outline")
                break
        else:
            stray = [xy for xy in outline if not edge.contains(Point(xy))]
            if stray:
                i = _nearest(points, stray[0])
                self.add(view, f"{what}, {_point_name(i, points[i])}",
                         "the smoothed outline runs outside the body outline here")
        for name in spec.get("attachments", []):
            if name not in landmarks:
                close = difflib.get_close_matches(name, list(landmarks), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.add(view, what, f"attachment {name!r} is not a landmark of this view{hint}; "
                                     f"landmarks: {', '.join(sorted(landmarks))}")
                continue
            gap = polygon.buffer(0).distance(landmarks[name])
            if gap > REACH:
                nearest = _nearest(points, np.asarray(landmarks[name].centroid.coords[0]))
                self.add(view, f"{what}, {_point_name(nearest, points[nearest])}",
                         f"does not reach its attachment {name!r} ({gap:.1f} units away; at most {REACH})")
        return MuscleShape(part, view, outline, bool(spec.get("deep", False)),
                           tuple(spec.get("attachments", [])), str(spec.get("source", "")))


def _landmark_shape(landmark):
    from shapely.geometry import LineString, MultiPoint, Polygon
    pts = landmark.points
    if landmark.kind == "outline" and len(pts) > 2:
        return Polygon(pts)
    return LineString(pts) if len(pts) > 1 else MultiPoint(pts)


@lru_cache(maxsize=8)
def load_anatomy(part_muscles, path=ANATOMY_FILE):
    """{view: {"muscles": {part: MuscleShape}, "landmarks": {id: Landmark}}}, or AnatomyError.

    part_muscles: ((part id, muscle id), ...) of the knowledge base: every part needs a shape
    on at least one view, and a shape names a known part.
    """
    from shapely.geometry import LineString, Point, Polygon
    path = Path(path)
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise AnatomyError(f"{path}: cannot be read as JSON ({err})") from None
    parts = dict(part_muscles)
    check, geos, out = _Checker(parts), load_geometry(), {}
    for view, body_spec in spec.get("views", {}).items():
        if view not in geos:
            check.add(view, "the view", f"unknown; views: {', '.join(geos)}")
            continue
        body = Polygon(geos[view].outline)
        landmarks = {}
        for ident, lm in body_spec.get("landmarks", {}).items():
            if lm.get("kind") not in KINDS or not lm.get("points") or not str(lm.get("source", "")).strip():
                check.add(view, f"landmark {ident}", f"needs 'kind' ({' | '.join(KINDS)}), 'points' and 'source'")
                continue
            landmarks[ident] = _landmark(view, ident, lm)
            stray = [i for i, xy in enumerate(lm["points"]) if not body.buffer(OVERHANG).contains(Point(xy))]
            if stray:
                check.add(view, f"landmark {ident}, {_point_name(stray[0], lm['points'][stray[0]])}",
                          "outside the body outline")
        reach = {k: _landmark_shape(v) for k, v in landmarks.items()}
        reach.update({k: LineString(v) for k, v in geos[view].lines.items() if k not in reach})
        muscles = {}
        for part, shape in body_spec.get("muscles", {}).items():
            if part not in parts:
                close = difflib.get_close_matches(part, list(parts), n=1)
                check.add(view, f"muscle {part}", "not a part in parts.csv" +
                          (f" (did you mean {close[0]!r}?)" if close else f"; parts: {', '.join(parts)}"))
                continue
            muscles[part] = check.shape(view, part, shape, body, reach)
        out[view] = {"muscles": muscles, "landmarks": landmarks}
    drawn = {p for v in out.values() for p in v["muscles"]}
    for part, muscle in parts.items():
        if part not in drawn:
            check.add("(every view)", check.muscle_name(part), "has no shape on any view")
    if check.problems:
        raise AnatomyError(f"{len(check.problems)} problem{'s' if len(check.problems) > 1 else ''} in "
                           f"{path}:\n  " + "\n  ".join(check.problems))
    return {v: out.get(v, {"muscles": {}, "landmarks": {}}) for v in geos}


def anatomy_for(kb=None):
    """The muscle layer, checked against the course's own parts (data/parts.csv): the file
    describes the course, so a knowledge base built for a test draws the shapes of the parts it
    shares with the course, and none for the rest."""
    from ..knowledge import loaded
    course = loaded(None)
    return load_anatomy(tuple((r.id, r.muscle) for r in course.parts.itertuples()), ANATOMY_FILE)


def on_side(view_anatomy, side):
    """A view's muscle layer on a side: as stored on the right, mirrored on the left."""
    if side == "right":
        return view_anatomy
    return {"muscles": {p: replace(m, outline=mirror(m.outline)) for p, m in view_anatomy["muscles"].items()},
            "landmarks": {k: replace(lm, points=mirror(lm.points)) for k, lm in view_anatomy["landmarks"].items()}}


def landmark_label(view_anatomy, ident):
    """'twelfth rib': a landmark's label as it reads in a sentence (geometry.json's lines by their id)."""
    lm = view_anatomy["landmarks"].get(ident)
    text = lm.label if lm else ident.replace("_", " ")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
