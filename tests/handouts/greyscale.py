"""Where on a rendered page a region of a map lies, and what its pixels look like there."""

import numpy as np
from matplotlib.path import Path as MPath

from triggerpoints.maps.geometry import load_geometry


def page_pixel(page, ax, x, y, dpi):
    """Canvas point (x, y) of a view -> (column, row) in the page rendered at `dpi`."""
    page.fig.canvas.draw()  # the axes take their final, aspect-corrected box
    dx, dy = ax.transData.transform((x, y))
    return dx / page.fig.dpi * dpi, (page.height - dy / page.fig.dpi) * dpi


def quiet_spot(view, region, avoid, shapes=(), plain=False, within=None):
    """The point of `region` farthest inside it: (x, y, half), where the square of side 2*half
    (canvas units) around it lies inside the region and the body, outside every other region,
    away from the points in `avoid` (trigger points, landmark lines), and crossed by no outline
    of `shapes` (the muscle layer; with `plain`, outside all of them). None when the region has
    no such square. within: a shapely geometry (a drawn zone) the square must lie inside."""
    geo = load_geometry()[view]
    own, body = MPath(geo.region(region)), MPath(geo.outline)
    others = [MPath(xy) for rid, xy in geo.regions.items() if rid != region]
    layer = [MPath(s) for s in shapes]

    def uncrossed(square):
        inside = [[m.contains_point(p) for p in square] for m in layer]
        return all(not any(row) if plain else len(set(row)) == 1 for row in inside)
    xs, ys = geo.region(region)[:, 0], geo.region(region)[:, 1]
    best = None
    if within is not None:
        from shapely import prepared
        from shapely.geometry import Point
        zone = prepared.prep(within)
    for half in (4.0, 3.0, 2.0, 1.5, 1.0):  # zones are drawn to their own, often narrow, extent
        for x in np.arange(xs.min(), xs.max(), 0.5):
            for y in np.arange(ys.min(), ys.max(), 0.5):
                square = [(x + dx, y + dy) for dx in (-half, 0, half) for dy in (-half, 0, half)]
                if (all(own.contains_point(p) and body.contains_point(p) for p in square)
                        and not any(o.contains_point(p) for o in others for p in square)
                        and all(np.hypot(x - px, y - py) > half + (5 if within is None else 3) for px, py in avoid)
                        and uncrossed(square)
                        and (within is None or all(zone.contains(Point(p)) for p in square))):
                    return x, y, half
    return best


def px_per_unit(page, ax):
    page.fig.canvas.draw()
    (x0, _), (x1, _) = ax.transData.transform([(0, 0), (1, 0)])
    return (x1 - x0) / page.fig.dpi


def window(img, col, row, half):
    """The pixels of the square of side 2*half+1 around (col, row)."""
    c, r, h = int(round(col)), int(round(row)), int(half)
    return img[r - h:r + h + 1, c - h:c + h + 1].astype(float)
