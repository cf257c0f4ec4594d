"""One muscle's (or a few muscles') referral map: the figure, its SVG, and `show_map`.

With ``anonymous=True`` the muscle name is gone from the title, legend and alt text, the
``data-muscle``/``data-part`` attributes are dropped and zone/point ids are numbered
(for "whose map is this?" questions).
"""

import html
import re
import textwrap

from ..knowledge import loaded
from .anatomy import anatomy_for
from .closeup import closeup_views, frame_for, number_points
from .draw import LAYERS, draw_view, legend_handles, new_figure
from .geometry import BodyMapError, load_geometry, panel_key, panels, sides_for, views_for
from .patterns import muscle_patterns
from .selection import drawn_zones, point_records, resolve_parts, zone_records
from .svg import figure_svg, svg_prefix
from .words import alt_text, join_words, selection_names


def check_layer(layer):
    if layer not in LAYERS:
        raise BodyMapError(f"unknown layer {layer!r}; use 'both' (pain and muscle), 'pain' or 'muscle'")
    return layer


def drawing_of(parts, kb, views, spillover=True, classic_only=False, layer="both", sides=("right",)):
    """What the views of these parts draw on these sides: referral shapes, trigger points, the
    parts whose muscle shapes show, each view's muscle layer, and what the legend needs (deep
    parts, article-only zones). One recipe for the book's maps and the printed handouts."""
    anatomy = anatomy_for(kb)  # checked in full before anything is drawn
    records = drawn_zones(zone_records(parts, kb, spillover, classic_only, sides))
    return {"patterns": muscle_patterns(records) if layer != "muscle" else [],
            "points": point_records(parts, kb, sides), "muscles": parts if layer != "pain" else (),
            "anatomy": anatomy,
            "deep": {p for v in views for p, s in anatomy[v]["muscles"].items() if s.deep},
            "article": any(z["article"] and z["view"] in views for z in records)}


def _layout(parts, views, sides, drawing, geos, closeup, layer):
    """The panels of a map as (view, side, sides shown, frame or None): a close-up of each view
    that holds the parts' trigger points, then the views asked for that have zones or points on
    them (no empty whole body; every view asked for with closeup='all' or without close-ups)."""
    close = []
    if closeup and layer != "pain":  # a close-up shows the muscle on its bones: a pain-only map has none
        right = [t for t in drawing["points"] if t.get("side", "right") == "right"]
        for v in [v for v in closeup_views(parts, drawing["anatomy"], right) if v in views]:
            frame = frame_for(v, parts, drawing["anatomy"], right)
            if frame:
                close.append((v, "right" if geos[v].symmetric else sides[0], tuple(sides), frame))
    whole = [(v, s, shown, None) for v, s, shown in panels(views, sides, geos)]
    if close and closeup != "all":
        drawn = {p["view"] for p in drawing["patterns"]} | {t["view"] for t in drawing["points"]}
        whole = [w for w in whole if w[0] in drawn] if layer != "muscle" else []
        if len(views) == 1:  # one view asked for: its whole body only if the pattern runs off the close-up
            whole = [w for w in whole if not _within(w[0], close, drawing["patterns"], geos)]
    return close + whole


def _within(view, close, patterns, geos):
    """Whether every zone drawn on a view lies inside that view's close-up."""
    from .patterns import pattern_shape
    frame = next((f for v, *_, f in close if v == view), None)
    if frame is None:
        return False
    for pat in (p for p in patterns if p["view"] == view):
        x0, y0, x1, y1 = pattern_shape(geos[view].on(pat.get("side", "right")), pat).bounds
        if x0 < frame.xlim[0] or x1 > frame.xlim[1] or y0 < frame.ylim[0] or y1 > frame.ylim[1]:
            return False
    return True


def map_figure(ids, view="both", spillover=True, anonymous=False, kb=None, title=None, layer="both",
               classic_only=False, side="right", closeup=True):
    """A matplotlib Figure of the selected muscles/parts: muscle shapes (layer 'muscle' or 'both'),
    zones (layer 'pain' or 'both'), trigger points, legend, title; on the right, left or both sides.
    closeup: True: a large close-up of the region holding the muscle, beside the whole-body views
    its pattern has zones on; 'all': the close-up and every view asked for; False: whole bodies only."""
    kb = loaded(kb)
    parts = resolve_parts(ids, kb)
    views, sides = views_for(view), sides_for(side)
    check_layer(layer)
    geos, drawing = load_geometry(), drawing_of(parts, kb, views, spillover, classic_only, layer, sides)
    drawing["points"] = number_points(drawing["points"])
    figures = _layout(parts, views, sides, drawing, geos, closeup, layer)
    handles = legend_handles(parts, kb, spillover, layer, drawing["deep"], drawing["article"])
    if any(f for *_, f in figures):  # the numbers are drawn in the close-ups only
        handles += _numbered(drawing["points"], kb, anonymous)
    if anonymous:
        for h in handles:
            h.set_label(h.get_label().split(": ", 1)[-1].capitalize())  # "Name: what" -> "What"
    ncol = 1 if len(figures) == 1 or max(len(h.get_label()) for h in handles) > 34 else 2
    if title is None:
        names = "This muscle" if anonymous else join_words(selection_names(parts, kb, short=True))
        title = f"{names}: " + ("the muscle on its bones" if layer == "muscle" else "referral pattern")
    title = "\n".join(textwrap.wrap(title, 32 * len(figures)))  # a long title must not run off the figure
    keys = [("close-" if f else "") + panel_key(v, s) for v, s, _, f in figures]
    widths = [f.width / f.height * 207 / 76 if f else 1.0 for *_, f in figures]  # a close-up as tall as a body
    fig, axes = new_figure(keys, legend_rows=-(-len(handles) // ncol), title=title, widths=widths)
    for key, (v, s, shown, frame) in zip(keys, figures):
        draw_view(axes[key], geos[v], v, drawing["patterns"], drawing["points"], kb,
                  drawing["anatomy"][v], drawing["muscles"], side=s, sides=shown, frame=frame,
                  skeleton=bool(frame) or (layer != "pain" and not any(f for *_, f in figures)))
    fig.legend(handles=handles, loc="lower center", ncol=ncol, frameon=False, fontsize=8.5,
               handlelength=2.2, handleheight=1.3, borderaxespad=0.3)
    return fig


def _numbered(points, kb, anonymous):
    """Legend lines '1: lateral edge of QL just below the twelfth rib', in the data's words."""
    from matplotlib.patches import Patch
    words = dict(zip(kb.trigger_points["id"], kb.trigger_points["description"]))
    seen = {}
    for t in points:
        if t.get("number") and (t["view"], t["number"]) not in seen:
            seen[(t["view"], t["number"])] = f"{t['number']} ({t['view']}): {words.get(t['id'], '')}"
    text = [w for w in seen.values()]
    if anonymous:  # a point's words may name its muscle
        text = [w.split(":")[0] for w in text]
    return [Patch(facecolor="none", edgecolor="none", label=w) for w in text]  # words only: no swatch


def map_svg(ids, view="both", spillover=True, anonymous=False, kb=None, layer="both", classic_only=False,
            side="right"):
    """The SVG text of a muscle's map (its structure: see `svg`)."""
    kb = loaded(kb)
    fig = map_figure(ids, view, spillover, anonymous, kb, layer=layer, classic_only=classic_only, side=side)
    label = alt_text(ids, view, spillover, anonymous, kb, layer, classic_only, side)
    prefix = svg_prefix("map", tuple(resolve_parts(ids, kb)), view, spillover, anonymous, layer, classic_only,
                        *(() if side == "right" else (side,)))  # the right keeps the prefixes it had
    svg = figure_svg(fig, prefix, label)
    return _anonymise(svg, prefix) if anonymous else svg


def _anonymise(svg, prefix):
    """Drop every trace of the muscle's name (attributes, ids) for 'whose map is this?' questions."""
    svg = re.sub(r' data-(muscle|part)="[^"]*"', "", svg)
    counter = iter(range(1, 10_000))
    return re.sub(rf'id="{prefix}-([ztm])-[^"]*"', lambda m: f'id="{prefix}-{m.group(1)}-{next(counter)}"', svg)


class MapFigure:
    """A muscle's map as a <figure>: inline SVG (role=img, alt text), legend and title inside it."""

    def __init__(self, svg, caption):
        self.svg, self.caption = svg, caption

    def _repr_html_(self):
        return (f'<figure class="tp-map-figure">{self.svg}'
                f'<figcaption>{html.escape(self.caption)}</figcaption></figure>')

    def __repr__(self):
        return self.caption


def show_map(*ids, view="both", spillover=True, anonymous=False, kb=None, layer="both", classic_only=False,
             side="right", per_point=False):
    """The referral map of one or more muscles or parts, ready to display in a lesson.
    view: 'posterior', 'anterior', 'lateral', 'both' (posterior and anterior) or 'all';
    side: 'right', 'left' or 'both' (the lateral view then draws both its figures);
    layer: 'both' (the muscle with its pain pattern), 'pain' or 'muscle'; classic_only: leave out
    the zones only the course article gives (otherwise drawn as grey dashed outlines);
    per_point: one panel per trigger point whose pattern the sources give apart (`pointmaps`)."""
    kb = loaded(kb)
    if per_point:
        from .pointmaps import point_map
        return MapFigure(*point_map(ids, spillover, kb, side))
    if not ids:
        raise BodyMapError("show_map needs at least one muscle or part id; muscles: "
                              + ", ".join(kb.muscle_ids))
    svg = map_svg(ids, view=view, spillover=spillover, anonymous=anonymous, kb=kb, layer=layer,
                  classic_only=classic_only, side=side)
    return MapFigure(svg, alt_text(ids, view, spillover, anonymous, kb, layer, classic_only, side))
