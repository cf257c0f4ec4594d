"""Regional close-ups: the part of a view that holds a muscle, large, as the Manual draws it.

The frames are named regions of the skeleton (skeleton.json's `frames`: the lumbopelvic region
from T10 to mid-thigh, the thigh, the back); a map picks the first that holds every muscle
shape and trigger point of its parts on a view. Trigger points of one view are numbered in the
order of data/trigger_points.csv, so a figure's labels read in the data's order and words.
"""

import json
from dataclasses import dataclass
from functools import lru_cache

from .geometry import VIEWS
from .skeleton import SKELETON_FILE

ASPECT = 0.64   # a close-up's width over its height (canvas units)
MARGIN = 3.0    # room kept around the shapes (canvas units)


@dataclass(frozen=True)
class Frame:
    name: str
    label: str      # 'T10 to mid-thigh': said in the view's caption
    xlim: tuple
    ylim: tuple

    @property
    def width(self):
        return self.xlim[1] - self.xlim[0]

    @property
    def height(self):
        return self.ylim[1] - self.ylim[0]


@lru_cache(maxsize=2)
def frames(path=SKELETON_FILE):
    """{name: Frame} in the file's order (smallest first is the author's job)."""
    spec = json.loads(path.read_text(encoding="utf-8"))["frames"]
    out = {}
    for name, f in spec.items():
        lo, hi = f["y"]
        half = (hi - lo) * ASPECT / 2
        out[name] = Frame(name, f["label"], (50 - half, 50 + half), (lo, hi))
    return out


def frame_for(view, parts, anatomy, points):
    """The first frame that holds these parts' muscle shapes and trigger points on a view, or None."""
    import numpy as np
    xy = [anatomy[view]["muscles"][p].outline for p in parts if p in anatomy[view]["muscles"]]
    xy += [np.array([[t["x"], t["y"]]]) for t in points if t["view"] == view]
    if not xy:
        return None
    pts = np.vstack(xy)
    (x0, y0), (x1, y1) = pts.min(axis=0) - MARGIN, pts.max(axis=0) + MARGIN
    for f in frames().values():
        if f.xlim[0] <= x0 and x1 <= f.xlim[1] and f.ylim[0] <= y0 and y1 <= f.ylim[1]:
            return f
    return None


def closeup_views(parts, anatomy, points):
    """The views a map's close-ups show: those with trigger points of these parts, else those
    with their muscle shapes; posterior first, then lateral, then anterior."""
    order = ("posterior", "lateral", "anterior")
    assert set(order) == set(VIEWS)
    with_points = [v for v in order if any(t["view"] == v for t in points)]
    return with_points or [v for v in order if any(p in anatomy[v]["muscles"] for p in parts)]


def number_points(points):
    """Number each view's points 1, 2, ... in the data's order where a view holds several."""
    groups = {}
    for t in points:
        groups.setdefault((t["view"], t.get("side", "right")), []).append(t["key"])
    number = {k: (i if len(g) > 1 else 0) for g in groups.values() for i, k in enumerate(g, 1)}
    return [{**t, "number": number[t["key"]]} for t in points]
