"""The muscle layer: each muscle part generated from its attachments on the skeleton.

data/bodymap/anatomy.json gives, per view and part, an origin and an insertion (landmarks of
`skeleton`, each optionally a stretch of it, `span` [from, to] along its length), a belly (how far
the sides bow out, canvas units) and how many fibres to show. The shape is the sheet whose fibres
run straight from each point of the origin to the matching point of the insertion, bowed by the
belly: a fan where one end is a point (gluteus medius), a band where both are (piriformis), a
sheet where both are lines (QL). A `tendon` at either end keeps that stretch as wide as its
attachment (semitendinosus's long cord); a muscle of several `heads` (adductor magnus) is the one
shape around their sheets. Everything is checked when the file is read, and every problem
is reported at once, naming the file, the view, the muscle and the landmark; nothing is returned
(so nothing is drawn) from a file with a problem in it.
"""

import difflib
import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..paths import DATA_DIR
from .geometry import BodyMapError, load_geometry, mirror
from .skeleton import Landmark, load_skeleton  # noqa: F401  (Landmark: the type of a view's landmarks)

ANATOMY_FILE = DATA_DIR / "bodymap" / "anatomy.json"
OVERHANG = 0.3   # how far a muscle may stray past the body's edge (less than its line width)
TENDON = 0.8     # the width of an attachment that is a single point
ENDS = ("origin", "insertion")
ALONG, ACROSS = 10, 9  # samples along a fibre and across the sheet (few: page weight)


class AnatomyError(BodyMapError):
    """Problems in the muscle layer's data, one per line."""


@dataclass(frozen=True)
class MuscleShape:
    part: str
    view: str
    outline: np.ndarray   # closed (first point not repeated)
    deep: bool
    attachments: tuple    # landmark ids: origin first, then insertion
    source: str
    fibres: tuple = ()    # polylines from origin to insertion: the striation


def _span(points, lo, hi):
    """The stretch of a polyline from fraction lo to hi of its length (reversed if lo > hi)."""
    seg = np.hypot(*np.diff(points, axis=0).T)
    at = np.concatenate([[0], np.cumsum(seg)]) / max(seg.sum(), 1e-9)
    ts = np.linspace(lo, hi, ACROSS)
    return np.column_stack([np.interp(ts, at, points[:, 0]), np.interp(ts, at, points[:, 1])])


def attachment_line(landmark, span=(0.0, 1.0)):
    """Where a muscle holds on to a landmark: a point, or a stretch of a line or an outline's edge."""
    pts = landmark.points
    if landmark.kind == "point" or len(pts) == 1:
        return pts[:1]
    if landmark.kind == "outline" and tuple(span) == (0.0, 1.0):
        return pts.mean(axis=0, keepdims=True)  # a whole bony knob: its middle
    return _span(np.vstack([pts, pts[:1]]) if landmark.kind == "outline" else pts, *span)


def _resample(line, axis):
    """ACROSS points along an attachment; a single point widens to a tendon across the axis."""
    if len(line) == 1:
        normal = np.array([-axis[1], axis[0]]) / max(np.hypot(*axis), 1e-9)
        return line[0] + np.outer(np.linspace(-TENDON / 2, TENDON / 2, ACROSS), normal)
    return _span(line, 0.0, 1.0)


def sheet(origin, insertion, belly=0.0, peak=0.5, tendon=(0.0, 0.0), every=2):
    """(outline, fibres) of the sheet between two attachment lines; `belly`: how far the sides bow
    out, one number for both or (the side of the origin's first point, the side of its last), so
    that an erector column bulges away from the spine only; `peak` is where along the belly it is widest (0 its origin end, 1 its insertion end); `tendon`: the fractions of the
    length at the origin and the insertion end that are tendon (no belly: as wide as the
    attachment), so a long cord (semitendinosus) or a flat membranous origin (semimembranosus)
    shows."""
    axis = insertion.mean(axis=0) - origin.mean(axis=0)
    a, b = _resample(origin, axis), _resample(insertion, axis)
    if np.hypot(*(a - b[::-1]).T).sum() < np.hypot(*(a - b).T).sum():
        b = b[::-1]  # pair the ends so that the fibres are shortest: they do not cross
    normal = np.array([-axis[1], axis[0]]) / max(np.hypot(*axis), 1e-9)
    if np.dot((a[-1] - a[0]) + (b[-1] - b[0]), normal) < 0:
        normal = -normal
    t0, t1 = tendon[0], 1 - tendon[1]
    t = np.linspace(0, 1, ALONG)
    for end in (t0, t1):  # the inner samples nearest the belly's ends move onto them (same count: page weight)
        if 0 < end < 1:
            t[1 + np.abs(t[1:-1] - end).argmin()] = end
    t = t[:, None]
    along_belly = np.clip((t - t0) / max(t1 - t0, 1e-9), 0, 1)
    bow = np.sin(np.pi * along_belly ** (np.log(0.5) / np.log(peak)))
    first, last = np.broadcast_to(np.asarray(belly, dtype=float), (2,))

    def fibre(i):
        u = i / (ACROSS - 1)
        return (1 - t) * a[i] + t * b[i] + bow * (u * last - (1 - u) * first) * normal

    left, right = fibre(0), fibre(ACROSS - 1)
    outline = np.vstack([left, b[1:-1], right[::-1], a[-2:0:-1]])
    return outline, [fibre(i) for i in range(every // 2, ACROSS - 1, every)]  # every: fibres drawn, 1 in `every`


def _union(outlines):
    """One outline around heads that overlap (adductor magnus: its adductor and hamstring parts),
    or None where they fall apart."""
    from shapely.geometry import Polygon
    from shapely.ops import unary_union
    joined = unary_union([Polygon(o).buffer(0) for o in outlines])
    if joined.geom_type != "Polygon":
        return None
    return np.asarray(joined.simplify(0.05).exterior.coords)[:-1]  # the seams' collinear points: page weight


def _belly(spec):
    """A shape's belly: one number, or two (the side of the origin's first point, of its last)."""
    belly = spec.get("belly", 0.0)
    if isinstance(belly, (list, tuple)):
        if len(belly) != 2:
            raise ValueError(belly)
        return tuple(float(x) for x in belly)
    return float(belly)


def _inside(outline, fibres):
    """The fibres kept within the outline: where a long fibre bows past a short edge fibre (a sheet
    whose attachment line bends), its stray points move onto the edge (same count: page weight)."""
    from shapely.geometry import Point, Polygon
    from shapely.ops import nearest_points
    shape = Polygon(outline)
    edge = shape.exterior
    return tuple(np.array([xy if shape.covers(Point(xy)) else nearest_points(edge, Point(xy))[0].coords[0]
                           for xy in f]) for f in fibres)


class _Checker:
    """Collects the problems of one file; each names the view, the muscle and the landmark."""

    def __init__(self, part_muscles):
        self.parts, self.problems = part_muscles, []

    def add(self, view, what, message):
        self.problems.append(f"view {view}, {what}: {message}")

    def muscle_name(self, part):
        muscle = self.parts.get(part)
        return f"muscle {muscle} (part {part})" if muscle and muscle != part else f"muscle {part}"

    def end(self, view, what, end, spec, landmarks):
        """One end's attachment line, or None after naming what is wrong with it."""
        lines, names = [], []
        for att in spec.get(end) or []:
            name = att.get("on") if isinstance(att, dict) else None
            if name not in landmarks:
                close = difflib.get_close_matches(str(name), list(landmarks), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.add(view, f"{what}, {end}", f"landmark {name!r} is not a landmark of this view in the "
                                                  f"skeleton{hint}; landmarks: {', '.join(sorted(landmarks))}")
                return None
            lines.append(attachment_line(landmarks[name], tuple(att.get("span", (0.0, 1.0)))))
            names.append(name)
        if not lines:
            self.add(view, what, f"no {end}: a shape needs an origin and an insertion (each a list of "
                                 "{'on': landmark id, 'span': [from, to]})")
            return None
        return np.vstack(lines), names

    def head(self, view, what, spec, landmarks, every=2):
        """(outline, fibres, attachment names) of one sheet, or None after naming its problem."""
        ends = [self.end(view, what, e, spec, landmarks) for e in ENDS]
        if None in ends:
            return None
        (origin, o_names), (insertion, i_names) = ends
        tendon = tuple(float(x) for x in spec.get("tendon", (0.0, 0.0)))
        try:
            belly = _belly(spec)
        except (TypeError, ValueError):
            self.add(view, what, f"belly {spec.get('belly')!r}: expected a number, or two "
                                 "[the side of the origin's first point, the side of its last]")
            return None
        outline, fibres = sheet(origin, insertion, belly, float(spec.get("peak", 0.5)), tendon, every)
        from shapely.geometry import Polygon
        if not Polygon(outline).is_valid:
            self.add(view, f"{what}, origin {o_names[0]!r} to insertion {i_names[-1]!r}",
                     "the generated outline crosses itself (an attachment's span runs against the other's?)")
        return outline, fibres, o_names + i_names

    def shape(self, view, part, spec, body, landmarks):
        from shapely.geometry import Point
        what = self.muscle_name(part)
        if not str(spec.get("source", "")).strip():
            self.add(view, what, "no 'source' note")
        heads = spec.get("heads") or [spec]  # two heads show half the fibres each: page weight
        heads = [self.head(view, what, h, landmarks, 2 * len(heads)) for h in heads]
        if None in heads:
            return None
        outline = heads[0][0] if len(heads) == 1 else _union([h[0] for h in heads])
        if outline is None:
            self.add(view, what, "its heads do not meet: a muscle is drawn as one shape")
            return None
        stray = [xy for xy in outline if not body.buffer(OVERHANG).contains(Point(xy))]
        if stray:
            self.add(view, what, f"runs outside the body outline near ({stray[0][0]:.1f}, {stray[0][1]:.1f})")
        names = [n for h in heads for n in h[2]]
        return MuscleShape(part, view, outline, bool(spec.get("deep", False)), tuple(dict.fromkeys(names)),
                           str(spec.get("source", "")), _inside(outline, [f for h in heads for f in h[1]]))


@lru_cache(maxsize=8)
def load_anatomy(part_muscles, path=ANATOMY_FILE):
    """{view: {"muscles": {part: MuscleShape}, "landmarks": {id: Landmark}}}, or AnatomyError.

    part_muscles: ((part id, muscle id), ...) of the knowledge base: every part needs a shape
    on at least one view, and a shape names a known part. Landmarks are the skeleton's.
    """
    from shapely.geometry import Polygon
    path = Path(path)
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise AnatomyError(f"{path}: cannot be read as JSON ({err})") from None
    parts = dict(part_muscles)
    check, geos, bones, out = _Checker(parts), load_geometry(), load_skeleton(), {}
    for view, body_spec in spec.get("views", {}).items():
        if view not in geos:
            check.add(view, "the view", f"unknown; views: {', '.join(geos)}")
            continue
        body, muscles = Polygon(geos[view].outline), {}
        for part, shape in body_spec.get("muscles", {}).items():
            if part not in parts:
                close = difflib.get_close_matches(part, list(parts), n=1)
                check.add(view, f"muscle {part}", "not a part in parts.csv" +
                          (f" (did you mean {close[0]!r}?)" if close else f"; parts: {', '.join(parts)}"))
                continue
            made = check.shape(view, part, shape, body, bones[view])
            if made is not None:
                muscles[part] = made
        out[view] = {"muscles": muscles, "landmarks": bones[view]}
    drawn = {p for v in spec.get("views", {}).values() for p in v.get("muscles", {})}
    for part in parts:
        if part not in drawn:
            check.add("(every view)", check.muscle_name(part), "has no shape on any view")
    if check.problems:
        raise AnatomyError(f"{len(check.problems)} problem{'s' if len(check.problems) > 1 else ''} in "
                           f"{path}:\n  " + "\n  ".join(check.problems))
    return {v: out.get(v, {"muscles": {}, "landmarks": bones[v]}) for v in geos}


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
    return {"muscles": {p: replace(m, outline=mirror(m.outline), fibres=tuple(mirror(f) for f in m.fibres))
                        for p, m in view_anatomy["muscles"].items()},
            "landmarks": {k: replace(lm, points=mirror(lm.points)) for k, lm in view_anatomy["landmarks"].items()}}


def landmark_label(view_anatomy, ident):
    """'twelfth rib': a landmark's label as it reads in a sentence."""
    lm = view_anatomy["landmarks"].get(ident)
    text = lm.label if lm else ident.replace("_", " ")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
