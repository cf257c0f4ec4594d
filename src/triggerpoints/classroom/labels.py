"""Labels beside scatter points that overlap neither each other nor any point.

Each label tries offsets around its point on a grid (in points), nearest first; the first
whose box, measured by the renderer, stays inside the axes and clear of every placed label
and every marker wins. Labels placed away from their point get a thin leader line.
"""

import math

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from matplotlib.transforms import Bbox

OFFSETS = sorted(((dx, dy) for dx in range(-120, 121, 8) for dy in range(-120, 121, 6) if abs(dx) >= 4 or abs(dy) >= 4),
                 key=lambda o: (math.hypot(*o), o))
NEAR = 12        # farther than this (points) gets a leader line
MARKER = 3.5     # half the size of a scatter marker's box, in points


def place_labels(ax, xs, ys, texts, fontsize=7):
    """Annotate (x, y) points with texts; returns the annotations."""
    fig = ax.figure
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    fig.canvas.draw()  # fix the layout first, so that positions measured now stay true
    fig.set_layout_engine("none")
    renderer, scale = fig.canvas.get_renderer(), fig.dpi / 72
    inside = ax.get_window_extent(renderer)
    points = [ax.transData.transform((x, y)) for x, y in zip(xs, ys)]
    taken = [Bbox.from_bounds(px - MARKER * scale, py - MARKER * scale, 2 * MARKER * scale, 2 * MARKER * scale)
             for px, py in points]
    placed = []
    for x, y, text in zip(xs, ys, texts):
        probe = ax.annotate(text, (x, y), fontsize=fontsize, textcoords="offset points", xytext=(0, 0))
        spot = _best_spot(probe, renderer, inside, taken)
        probe.remove()
        offset, ha, va, box = spot or ((5, 5), "left", "bottom", None)
        leader = {"arrowstyle": "-", "color": "#555555", "lw": 0.5, "shrinkA": 0, "shrinkB": 3}
        far = math.hypot(*offset) > NEAR
        placed.append(ax.annotate(text, (x, y), fontsize=fontsize, textcoords="offset points", xytext=offset,
                                  ha=ha, va=va, arrowprops=leader if far else None))
        if box is not None:
            taken.append(box)
    return placed


def _best_spot(label, renderer, inside, taken):
    """The nearest free position: (offset, ha, va, box), or None when there is none."""
    for dx, dy in OFFSETS:
        ha = "left" if dx > 0 else "right" if dx < 0 else "center"
        va = "center" if dx else "bottom" if dy > 0 else "top"
        label.set_position((dx, dy))
        label.set_ha(ha)
        label.set_va(va)
        box = label.get_window_extent(renderer)
        fits = inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1
        if fits and not any(box.overlaps(t) for t in taken):
            return (dx, dy), ha, va, box
    return None


def text_box(label):
    """Where a label's text is drawn (without its leader line), in display units."""
    renderer = label.figure.canvas.get_renderer()
    label.update_positions(renderer)
    return Text.get_window_extent(label, renderer)
