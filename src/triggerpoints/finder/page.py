"""The pain finder on the page: the live widget (JupyterLab) and its static twin (the book).

Both rank with `rank.rank_rows` from the same `finder_data`; the book's `_static/tp-finder.js`
repeats the ranking in the browser. The map shows every muscle's zones; the page's script or
the widget overlays the top candidates' patterns.
"""

import html

from ..display import DualView, json_script
from ..knowledge import loaded
from ..maps.draw import draw_view, new_figure
from ..maps.figure import map_svg
from ..maps.geometry import VIEWS, load_geometry
from ..maps.patterns import muscle_patterns
from ..maps.selection import drawn_zones, muscle_colour, point_records, zone_records
from ..maps.svg import figure_svg, svg_prefix
from .rank import (NOTE, OVERLAY_TOP, RED_FLAGS_HTML, RED_FLAGS_LAB, RED_FLAGS_LEAD, RED_FLAGS_TEXT,
                   checked_ids, finder_data, rank_rows)

# ---------------------------------------------------------------- display: both worlds

AREA_VIEWS = (("posterior", "Pain areas, back of the body"), ("anterior", "Pain areas, front of the body"))
MAP_TITLE = "Click an area to mark it"


def pain_finder(regions=(), aggravators=(), *, kb=None):
    """The pain finder: a live widget in JupyterLab, a static HTML twin in the book."""
    kb = loaded(kb)
    data = finder_data(kb)
    regions = checked_ids(regions, data["regions"], "region")
    aggravators = checked_ids(aggravators, data["aggravators"], "aggravator")
    message = rank_rows(data, regions, aggravators)[1]
    text = f"Pain finder. {message} {NOTE} {RED_FLAGS_TEXT}"
    return DualView(_widget(data, regions, aggravators, kb),
                    static_html(data, regions, aggravators, kb), text)


def static_html(data, regions=(), aggravators=(), kb=None):
    """Self-contained markup for the book; _static/tp-finder.js wires it up."""
    rows, message = rank_rows(data, regions, aggravators)
    return "".join([
        '<section class="tp-finder" data-tp-finder aria-label="Pain finder">',
        _note_html(RED_FLAGS_HTML),
        '<form class="tp-finder-body" data-tp-finder-controls>',
        _map_html(data, kb) if kb is not None else "",
        '<div class="tp-finder-regions">', *_region_fieldsets(data, regions), "</div>",
        _aggravator_fieldset(data, aggravators),
        '<div class="tp-finder-actions"><button type="button" data-tp-finder-clear>Clear all marks'
        "</button></div></form>",
        results_html(data, rows, message),
        json_script(data, None, data_tp_finder_data="1"),
        "</section>",
    ])


def _note_html(red_flags):
    return (f'<p class="tp-finder-note"><strong>{html.escape(NOTE)}</strong> '
            f'{html.escape(RED_FLAGS_LEAD)} <a href="{red_flags}">red flags page</a>.</p>')


def _checkbox(kind, item, checked):
    tick = " checked" if checked else ""
    return (f'<li><label><input type="checkbox" name="{kind}" value="{html.escape(item["id"])}"{tick}>'
            f' {html.escape(item["label"])}</label></li>')


def _region_fieldsets(data, regions):
    for view, legend in AREA_VIEWS:
        boxes = "".join(_checkbox("region", r, r["id"] in regions)
                        for r in data["regions"] if r["view"] == view)
        yield f'<fieldset><legend>{legend}</legend><ul class="tp-finder-options">{boxes}</ul></fieldset>'


def _aggravator_fieldset(data, aggravators):
    boxes = "".join(_checkbox("aggravator", a, a["id"] in aggravators) for a in data["aggravators"])
    return ('<fieldset class="tp-finder-aggravators"><legend>What makes the pain worse?</legend>'
            f'<ul class="tp-finder-options">{boxes}</ul></fieldset>')


def results_html(data, rows, message, red_flags=RED_FLAGS_HTML):
    """The ranked list and its caveat (tp-finder.js renders the same list in the browser)."""
    return ('<div class="tp-finder-results" data-tp-finder-results aria-live="polite">'
            f'<div data-tp-finder-list>{list_html(data, rows, message)}</div>'
            f'<p class="tp-finder-caveat">{html.escape(NOTE)} Red flags come first: '
            f'<a href="{red_flags}">red flags page</a>.</p></div>')


def list_html(data, rows, message):
    items = "".join(_row_html(data, row) for row in rows)
    listing = f'<ol class="tp-finder-ranking">{items}</ol>' if rows else ""
    return f'<p class="tp-finder-status">{html.escape(message)}</p>{listing}'


def _row_html(data, row):
    muscle = next(m for m in data["muscles"] if m["id"] == row["muscle"])
    names = {p["id"]: p["name"] for p in data["parts"]}
    detail = f'score {row["score"]}'
    if len(muscle["parts"]) > 1 and row["parts"]:
        detail += "; parts: " + ", ".join(names[p] for p in row["parts"])
    return (f'<li data-muscle="{html.escape(row["muscle"])}" data-score="{row["score"]}">'
            f'<strong>{html.escape(row["name"])}</strong> '
            f'<span class="tp-finder-score">({html.escape(detail)})</span> '
            f'<span class="tp-finder-reason">{html.escape(row["reason"])}</span></li>')


# ---------------------------------------------------------------- the body map

def finder_map_svg(kb):
    """One map with every muscle's zones and trigger points; the script shows the top ones."""
    parts, views, geos = list(kb.part_ids), VIEWS, load_geometry()
    fig, axes = new_figure(views, title=MAP_TITLE)
    zones, points = muscle_patterns(drawn_zones(zone_records(parts, kb))), point_records(parts, kb)
    for view in views:
        draw_view(axes[view], geos[view], view, zones, points, kb, region_edges=True)
    label = "Body map, posterior and anterior views. No area is marked."
    return figure_svg(fig, svg_prefix("finder"), label)


def _map_html(data, kb):
    svg = finder_map_svg(kb)
    keys = "".join(
        f'<li data-muscle="{m["id"]}" hidden><span class="tp-finder-swatch" aria-hidden="true" '
        f'style="background:{muscle_colour(m["id"], kb)}"></span> {html.escape(m["short"])}</li>'
        for m in data["muscles"])
    return ('<figure class="tp-finder-map" data-tp-finder-map>' + svg +
            '<figcaption>Click an area of the map to mark it, or use the checkboxes. A marked area '
            'has a dashed black outline with a white edge. The referral zones of the top '
            f'{OVERLAY_TOP} candidates are overlaid: solid fill for the essential zone, hatched '
            'for the spillover zone, X for a trigger point.'
            f'<ul class="tp-finder-keys" data-tp-finder-keys>{keys}</ul></figcaption></figure>')


def _widget(data, regions, aggravators, kb):
    """The JupyterLab twin: checkboxes, the ranked list and the overlay of the top maps."""
    import ipywidgets as w

    def box(item, on):
        return w.Checkbox(value=on, description=item["label"], indent=False)

    region_boxes = {r["id"]: box(r, r["id"] in regions) for r in data["regions"]}
    aggr_boxes = {a["id"]: box(a, a["id"] in aggravators) for a in data["aggravators"]}
    results, overlay = w.HTML(), w.HTML()

    def update(_change=None):
        chosen = [k for k, b in region_boxes.items() if b.value]
        provoking = [k for k, b in aggr_boxes.items() if b.value]
        rows, message = rank_rows(data, chosen, provoking)
        results.value = results_html(data, rows, message, RED_FLAGS_LAB)
        overlay.value = _overlay_svg([r["muscle"] for r in rows[:OVERLAY_TOP]], kb)

    for b in [*region_boxes.values(), *aggr_boxes.values()]:
        b.observe(update, names="value")
    update()
    columns = [_widget_group(w, legend, [region_boxes[r["id"]] for r in data["regions"]
                                         if r["view"] == view]) for view, legend in AREA_VIEWS]
    columns.append(_widget_group(w, "What makes the pain worse?", list(aggr_boxes.values())))
    note = w.HTML(_note_html(RED_FLAGS_LAB))
    return w.VBox([note, w.HBox(columns), results, overlay])


def _overlay_svg(muscles, kb):
    if not muscles:
        return ""
    return map_svg(muscles, view="both", spillover=True, kb=kb)


def _widget_group(w, legend, boxes):
    return w.VBox([w.HTML(f"<strong>{legend}</strong>"), *boxes])
