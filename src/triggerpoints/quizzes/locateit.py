"""'Locate it': on an unlabelled plate of the skeleton, click where the muscle lies, then where
its trigger point sits; feedback by distance and the right answer drawn.

One model serves both worlds: the book's `_static/tp-locate.js` (no kernel) mirrors `grade` here,
and JupyterLab gets an anywidget that sends each click to `grade`. A finished exercise is an answer
like a quiz's: `on_answer(chapter, question id, selected, correct)` in JupyterLab (the classroom
records it), `tpStore.recordAnswer` in the book (the progress page keeps it).
"""

import html
import itertools

import numpy as np

from ..display import json_script
from ..knowledge import loaded
from ..maps.anatomy import anatomy_for
from ..maps.closeup import closeup_views, frame_for
from ..maps.draw import draw_view, new_figure
from ..maps.geometry import load_geometry
from ..maps.selection import point_records, resolve_parts
from ..maps.svg import figure_svg
from ..maps.words import selection_names

CM_PER_UNIT = 175 / 200  # the canvas is a 175 cm adult, 200 units tall
NEAR = {"muscle": 2.0, "point": 3.0}  # canvas units: how close counts as right (about 2 and 3 cm)
STEPS = ("muscle", "point")
EXERCISES = {  # chapter (a lesson's quiz) -> the muscle its 'locate it' asks for
    "quadratus_lumborum": "quadratus_lumborum", "erector_spinae": "erector_spinae", "gluteals": "gluteus_medius",
    "piriformis": "piriformis", "iliopsoas": "iliopsoas", "hamstrings_adductors": "hamstrings"}
_COUNTER = itertools.count(1)


def qid(target):
    return f"locate-{target}"


def task(target, kb=None):
    """'Locate it: where does Piriformis lie, and its trigger point?': the exercise as a question."""
    kb = loaded(kb)
    name = " and ".join(selection_names(resolve_parts([target], kb), kb, short=True))
    return f"Locate it: where does {name} lie, and its trigger point?"


def locate_model(target, kb=None):
    """What an exercise needs: the plate (SVG), where the canvas sits in it, the answers."""
    kb = loaded(kb)
    parts = resolve_parts([target], kb)
    anatomy = anatomy_for(kb)
    points = [t for t in point_records(parts, kb) if t["view"] in ("posterior", "anterior")] or point_records(parts, kb)
    view = closeup_views(parts, anatomy, points)[0]
    frame = frame_for(view, parts, anatomy, points)
    fig, axes = new_figure([view], widths=[frame.width / frame.height * 207 / 76] if frame else None)
    ax = axes[view]
    draw_view(ax, load_geometry()[view], view, [], [], kb, anatomy[view], (), frame=frame, hit_regions=False)
    name = " and ".join(selection_names(parts, kb, short=True))
    svg = figure_svg(fig, f"tpl{next(_COUNTER)}", f"Unlabelled plate: the skeleton, {view} view, {frame.label if frame else 'whole body'}")
    (x0, y0), (x1, y1) = (ax.transData.transform([(0, 0), (1, 1)]) * 72 / fig.dpi).tolist()
    height = float(fig.get_figheight() * 72)
    shapes = [anatomy[view]["muscles"][p].outline for p in parts if p in anatomy[view]["muscles"]]
    return {"target": target, "name": name, "view": view,
            # canvas (x, y) -> SVG user units: (a x + b, c y + d); SVG y runs down
            "to_svg": [round(x1 - x0, 4), round(x0, 3), round(-(y1 - y0), 4), round(height - y0, 3)],
            "muscle": [np.round(s, 1).tolist() for s in shapes],
            "points": [[round(t["x"], 1), round(t["y"], 1)] for t in points if t["view"] == view],
            "near": NEAR, "cm": CM_PER_UNIT, "svg": svg}


def _distance_to_shape(xy, outline):
    from shapely.geometry import Point, Polygon
    return Polygon(outline).distance(Point(xy))


def grade(model, step, xy):
    """{'right': bool, 'cm': distance in cm, 'text': feedback} for a click at canvas `xy`."""
    if step == "muscle":
        gap = min(_distance_to_shape(xy, s) for s in model["muscle"])
    else:
        gap = min(float(np.hypot(xy[0] - x, xy[1] - y)) for x, y in model["points"])
    right = gap <= model["near"][step]
    cm = int(gap * model["cm"] + 0.5)  # as Math.round in tp-locate.js
    what = model["name"] if step == "muscle" else f"the trigger point of {model['name']}"
    if gap == 0:
        text = f"Right: that is on {what}."
    elif right:
        text = f"Right: about {cm} cm from {what}, close enough."
    else:
        text = f"Not quite: about {cm} cm from {what}. The answer is drawn now."
    return {"right": bool(right), "cm": cm, "text": text}


def static_html(model, chapter):
    """The exercise for the book: the plate, two steps, a status line; tp-locate.js runs it."""
    data = {k: v for k, v in model.items() if k != "svg"}
    name = html.escape(model["name"])
    return (f'<div class="tp-locate" data-tp-locate="{html.escape(chapter)}" data-tp-qid="{qid(model["target"])}">'
            f'<p class="tp-locate-task"><strong>Locate it.</strong> On this unlabelled plate, click (or move the '
            f'cross with the arrow keys and press Enter) where {name} lies; then where its trigger point sits.</p>'
            f'<div class="tp-locate-plate" tabindex="0" role="application" aria-label="Plate: click or use the '
            f'arrow keys and Enter to place your answer">{model["svg"]}</div>'
            f'<p class="tp-locate-step" aria-live="polite">Step 1 of 2: where does {name} lie?</p>'
            f'<div class="tp-locate-feedback" role="status"></div>'
            f'<button type="button" class="tp-locate-retry" hidden>Try again</button>'
            f'{json_script(data, data_tp_locate_data="")}</div>')
