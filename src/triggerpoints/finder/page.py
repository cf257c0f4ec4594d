"""The pain finder on the page: the live widget (JupyterLab) and its static twin (the book).

Both advise with `advice.advise` (ranking, lead, next question) from the same `finder_data`;
the book's `_static/tp-finder.js` repeats the rule in the browser and `tp-finder-page.js`
wires the page. The map shows every muscle's zones; the page's script or the widget's map
(`mapwidget`, the same scripts) overlays the top candidates' patterns.
"""

import html

from ..display import DualView, json_script
from ..knowledge import loaded
from ..maps.anatomy import anatomy_for
from ..maps.draw import draw_view, new_figure
from ..maps.geometry import SIDES, VIEW_CHOICES, load_geometry, panel_key
from ..maps.patterns import muscle_patterns
from ..maps.selection import drawn_zones, muscle_colour, point_records, zone_records
from ..maps.svg import figure_svg, svg_prefix
from .advice import advise, checked_answers
from .panel import panel_html
from .sides import SIDE_CHOICES
from .rank import (NOTE, OVERLAY_TOP, RED_FLAGS_HTML, RED_FLAGS_LAB, RED_FLAGS_LEAD, RED_FLAGS_TEXT,
                   checked_ids, finder_data)

# ---------------------------------------------------------------- display: both worlds

AREA_VIEWS = (("posterior", "Pain areas, back of the body"), ("anterior", "Pain areas, front of the body"))
DRAW_TOOLS = ('<div class="tp-finder-draw" data-tp-finder-draw role="group" aria-label="Draw the pain">'
              '<button type="button" data-tp-finder-draw-mode aria-pressed="true">Drawing</button>'
              '<button type="button" data-tp-finder-undo disabled>Undo last stroke</button>'
              '<button type="button" data-tp-finder-clear-strokes disabled>Clear drawing</button>'
              '<span class="tp-finder-draw-status" data-tp-finder-draw-status aria-live="polite"></span></div>')


def pain_finder(regions=(), aggravators=(), *, kb=None):
    """The pain finder: a live widget in JupyterLab, a static HTML twin in the book."""
    kb = loaded(kb)
    data = finder_data(kb)
    regions = checked_ids(regions, data["regions"], "region")
    aggravators = checked_ids(aggravators, data["aggravators"], "aggravator")
    result = advise(data, _answers(data, regions, aggravators))
    text = f"Pain finder. {result['message']} {result['lead']['text']} {NOTE} {RED_FLAGS_TEXT}"
    figure = map_html(data, kb)  # drawn once, shown by both twins
    return DualView(live_finder(data, regions, aggravators, kb, figure).view,
                    static_html(data, regions, aggravators, kb, figure), text.replace("  ", " "))


def _answers(data, regions, aggravators):
    return checked_answers(data, {"regions": dict.fromkeys(regions, "yes"),
                                  "aggravators": dict.fromkeys(aggravators, "yes")})


def static_html(data, regions=(), aggravators=(), kb=None, figure=None):
    """Self-contained markup for the book; _static/tp-finder*.js wire it up."""
    answers = _answers(data, regions, aggravators)
    result = advise(data, answers)
    return "".join([
        '<section class="tp-finder" data-tp-finder aria-label="Pain finder">',
        _note_html(RED_FLAGS_HTML),
        '<form class="tp-finder-body" data-tp-finder-controls>',
        figure if figure is not None else map_html(data, kb) if kb is not None else "",
        '<div class="tp-finder-regions">', *_region_fieldsets(data, regions), _side_fieldset(), "</div>",
        _aggravator_fieldset(data, aggravators),
        '<div class="tp-finder-actions"><button type="button" data-tp-finder-clear>Clear all marks'
        "</button></div>", _summary_html(result["rows"]), "</form>",
        results_html(data, result["rows"], result["message"], RED_FLAGS_HTML,
                     panel_html(data, result, answers)),
        json_script(data, None, data_tp_finder_data="1"),
        "</section>",
    ])


def _summary_html(rows):
    """One line that stays in view on a phone (tp-finder-hover.js keeps it up to date)."""
    likely = [r["name"] for r in rows if r["score"] > 0][:3]
    text = (f"Likely muscles: {', '.join(likely)} (details below)." if likely
            else "No area marked yet: the likely muscles will show here.")
    return f'<p class="tp-finder-summary" data-tp-finder-summary aria-hidden="true">{html.escape(text)}</p>'


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


def _side_fieldset(choice="right"):
    radios = "".join(f'<label><input type="radio" name="side" value="{v}"{" checked" if v == choice else ""}> '
                     f'{text}</label> ' for v, text in SIDE_CHOICES)
    return ('<fieldset class="tp-finder-side"><legend>Side of the pain</legend>'
            f'{radios}<p class="tp-finder-side-note" data-tp-finder-side-note></p></fieldset>')  # the results announce


def _aggravator_fieldset(data, aggravators):
    boxes = "".join(_checkbox("aggravator", a, a["id"] in aggravators) for a in data["aggravators"])
    return ('<fieldset class="tp-finder-aggravators"><legend>What makes the pain worse?</legend>'
            f'<ul class="tp-finder-options">{boxes}</ul></fieldset>')


def results_html(data, rows, message, red_flags=RED_FLAGS_HTML, panel=""):
    """The ranked list, the reasoning panel and the caveat (tp-finder-page.js renders the same)."""
    return ('<div class="tp-finder-results" data-tp-finder-results aria-live="polite">'
            f'<div data-tp-finder-list>{list_html(data, rows, message)}</div>'
            f'<div class="tp-finder-advice" data-tp-finder-advice tabindex="-1">{panel}</div>'
            f'<p class="tp-finder-caveat">{html.escape(NOTE)} Red flags come first: '
            f'<a href="{red_flags}">red flags page</a>.</p></div>')


def list_html(data, rows, message):
    """The ranked candidates; muscles the marks count against (score 0 or less) apart, as unlikely."""
    likely = "".join(_row_html(data, row) for row in rows if row["score"] > 0)
    unlikely = "".join(_row_html(data, row) for row in rows if row["score"] <= 0)
    listing = f'<ol class="tp-finder-ranking">{likely}</ol>' if likely else ""
    if unlikely:
        listing += ('<p class="tp-finder-unlikely-title">Unlikely: your marks count against these.</p>'
                    f'<ul class="tp-finder-unlikely">{unlikely}</ul>')
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
    """One map with every muscle's zones and trigger points on both sides; the script shows the
    top ones on the side(s) of the pain. Four figures in a row: back and front (both sides on
    each), then the side view of the right and of the left; tp-finder-views.js shows one pair at
    a time (the side view shares the areas of the others: a mark there is the same mark)."""
    parts, geos = list(kb.part_ids), load_geometry()
    figures = [(v, "right", SIDES) for v in VIEW_CHOICES["both"]] + [("lateral", s, (s,)) for s in SIDES]
    keys = [panel_key(v, side) for v, side, _ in figures]
    fig, axes = new_figure(keys)
    zones = muscle_patterns(drawn_zones(zone_records(parts, kb, sides=SIDES)))
    points, bones = point_records(parts, kb, SIDES), anatomy_for(kb)  # the bones only: no muscle is chosen
    for (view, side, shown), key in zip(figures, keys):
        draw_view(axes[key], geos[view], view, zones, points, kb, bones[view], region_edges=True, side=side,
                  sides=shown, muscle_inks=True)  # several muscles at once: each in its own ink, as its key says
    label = "Body map, posterior, anterior and lateral views, both sides. No area is marked."
    return figure_svg(fig, svg_prefix("finder"), label)


def map_html(data, kb):
    """The map figure: the SVG, the drawing tools, the caption and the muscles' keys."""
    svg = finder_map_svg(kb)
    keys = "".join(
        f'<li data-muscle="{m["id"]}" hidden><span class="tp-finder-swatch" aria-hidden="true" '
        f'style="background:{muscle_colour(m["id"], kb)}"></span> {html.escape(m["short"])}</li>'
        for m in data["muscles"])
    return ('<figure class="tp-finder-map" data-tp-finder-map>' + svg + DRAW_TOOLS +
            '<figcaption>Click an area of the map to mark it, draw over the painful areas with a '
            'mouse, finger or pen (a stroke marks each area it runs inside for at least half the '
            "area's thickness, so grazing a corner marks nothing), or use the checkboxes. A marked area has a dashed black "
            'outline with a white edge; an area answered "no" a dotted grey one. The referral zones '
            'of the top '
            f'{OVERLAY_TOP} candidates are overlaid on the side of the pain (marking an area on the '
            'other half of the figure makes it both sides): solid fill for the essential zone, hatched '
            'for the spillover zone, X for a trigger point.'
            f'<ul class="tp-finder-keys" data-tp-finder-keys>{keys}</ul></figcaption></figure>')


def live_finder(data, regions=(), aggravators=(), kb=None, figure=None):
    """The JupyterLab twin (`widget.FinderWidget`, shown as its `.view`): same markup, live answers."""
    from .widget import FinderWidget

    def results(data, rows, message):
        return results_html(data, rows, message, RED_FLAGS_LAB)

    figure = figure if figure is not None else map_html(data, loaded(kb))
    return FinderWidget(data, regions, aggravators, figure, _note_html(RED_FLAGS_LAB),
                        results, AREA_VIEWS)
