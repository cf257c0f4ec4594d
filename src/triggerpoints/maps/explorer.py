"""The referral-map explorer: every layer drawn once, shown or hidden by a small CSS text.

Every layer (zones, trigger points, comparison marks) is drawn once with matplotlib into one
SVG per view (see `svg` for its structure). What is visible is a CSS text computed from the
explorer state by `explorer_model.visible_keys` here and by the same rules in
``_static/tp-explorer.js`` for the book, so an interaction is a string update, not a re-plot.
"""

import html

from ..display import DualView, json_script
from ..knowledge import loaded
from ..paths import STATIC_DIR
from .draw import COMPARE_BOTH_INK, ESSENTIAL_FILL, POINT_INK, ZONE_INK, draw_compare, draw_view, ink, new_figure
from .explorer_model import (build_model, describe, initial_state, instant_css, page_model, pattern_records, state_css,
                             visible_keys)
from .anatomy import anatomy_for
from .comparing import compare_options
from .pointchoice import chosen_points, point_dropdowns, point_select_html
from .geometry import SIDES, VIEWS, load_geometry, panel_key, panels
from .selection import muscle_colour, point_records, zone_records
from .svg import figure_svg
from .words import short_name


# ---------------------------------------------------------------- drawing all layers once

TEMPLATE_PREFIX = "tpxTEMPLATE"
_LAYERS = {}


def layer_svgs(prefix, kb=None):
    """{figure: SVG text} with every zone, point and comparison mark on both sides, tagged and
    hidden by CSS; figures: the views' `geometry.panels` ('posterior', ..., 'lateral-left').

    Drawn once per knowledge base with a template prefix; each explorer gets a renamed copy.
    """
    kb = loaded(kb)
    if id(kb) not in _LAYERS:
        _LAYERS[id(kb)] = (kb, _draw_layers(TEMPLATE_PREFIX, kb))
    return {v: svg.replace(TEMPLATE_PREFIX, prefix) for v, svg in _LAYERS[id(kb)][1].items()}


def _draw_layers(prefix, kb):
    geos, anatomy = load_geometry(), anatomy_for(kb)  # checked in full before anything is drawn
    all_parts = list(kb.part_ids)
    zones, points = zone_records(all_parts, kb), point_records(all_parts, kb, SIDES)
    patterns = pattern_records(build_model(kb))
    out = {}
    for v, side, shown in panels(VIEWS, SIDES, geos):
        key = panel_key(v, side)
        fig, axes = new_figure([key])
        ax, geo = axes[key], geos[v]
        # The explorer is not clicked by area: its regions' hit shapes would only weigh on the page.
        body = draw_view(ax, geo, v, patterns, points, kb, anatomy[v], all_parts, side=side, sides=shown,
                         hit_regions=False)
        _draw_compare_marks(ax, geo, body, v, zones, kb, shown)
        where = "lateral view, left side" if key == "lateral-left" else f"{v} view"
        label = f"Body map, {where}; the status text below the map lists the regions shown."
        out[key] = figure_svg(fig, f"{prefix}-{key}", label, key_prefix=prefix, data=False)  # found by id
    return out


def _draw_compare_marks(ax, geo, body, view, zones, kb, sides):
    """On each side, a black cross-hatch per region (reached by both), and per region a muscle
    reaches, that muscle's mark as first and as second of the pair (only the regions it reaches:
    fewer shapes)."""
    reach = dict.fromkeys((z["muscle"], z["region"]) for z in zones if z["view"] == view)
    for side in sides:
        for region in geo.regions:
            draw_compare(ax, geo, body, region, "both", view, side=side)
        for muscle, region in reach:
            for kind in ("first", "second"):
                draw_compare(ax, geo, body, region, kind, view, muscle, muscle_colour(muscle, kb), side)


# ---------------------------------------------------------------- static HTML (the book)

def _legend_html(prefix, model):
    items = []
    for m in model["muscles"]:
        c = m["colour"]
        items.append(
            f'<li class="tp-x-legend-item" id="{prefix}-legend-{m["id"]}">{html.escape(m["name"])}: '
            f'<span class="tp-swatch tp-swatch-essential" style="--tp-c:{ESSENTIAL_FILL}"></span> essential '
            f'<span class="tp-swatch tp-swatch-spillover tp-h6" style="--tp-c:{ZONE_INK}"></span> spillover (stipple) '
            f'<span class="tp-swatch tp-swatch-muscle" style="--tp-c:{c};--tp-e:{ink(c, ratio=4.5)}"></span> '
            f'the muscle (dashed outline: deep) '
            f'<span class="tp-x-mark" style="--tp-c:{POINT_INK}" aria-hidden="true">&#x2716;</span> trigger point</li>')
    for m in model["muscles"]:
        of = ", or the part of it compared" if len(m["parts"]) > 1 else ""
        for kind, sign in (("first", "/"), ("second", "\\")):
            items.append(
                f'<li class="tp-x-legend-item" id="{prefix}-legend-cmp-{m["id"]}-{kind}">Only '
                f'{html.escape(m["name"])}{of}: <span class="tp-swatch tp-swatch-{kind}" style="--tp-c:{ink(m["colour"])}">'
                f'</span> hatched {sign} in its colour</li>')
    items.append(f'<li class="tp-x-legend-item tp-x-legend-article" id="{prefix}-legend-article">'
                 f'<span class="tp-swatch tp-swatch-article"></span> grey dashed outline: an unconfirmed zone, '
                 f'given only by the course\'s source article or by pages we do not count as sources (hide it '
                 f'with the switch above the figure)</li>')
    items.append(f'<li class="tp-x-legend-item" id="{prefix}-legend-cmp-both">Reached by both: '
                 f'<span class="tp-swatch tp-swatch-both" style="--tp-c:{COMPARE_BOTH_INK}"></span> '
                 f'black cross-hatch</li>')
    return f'<ul class="tp-x-legend" aria-label="Legend">{"".join(items)}</ul>'


def _controls_html(prefix, model, state):
    chosen = set(state["parts"])
    why = f'aria-describedby="{prefix}-boxes-why"'
    rows = []
    for m in model["muscles"]:
        ids = [p["id"] for p in m["parts"]]
        on = all(p in chosen for p in ids)
        parts = ""
        if len(ids) > 1:
            parts = '<ul class="tp-x-parts">' + "".join(
                f'<li><input type="checkbox" id="{prefix}-p-{p["id"]}" data-part="{p["id"]}" {why}'
                f'data-of="{m["id"]}"{" checked" if p["id"] in chosen else ""}>'
                f'<label for="{prefix}-p-{p["id"]}">{html.escape(p["name"])}</label>'
                f'{point_select_html(prefix, p["id"], model, why)}</li>'
                for p in m["parts"]) + "</ul>"
        rows.append(
            f'<li class="tp-x-muscle"><input type="checkbox" id="{prefix}-m-{m["id"]}" data-muscle="{m["id"]}" {why}'
            f'{" checked" if on else ""}><label for="{prefix}-m-{m["id"]}">'
            f'<span class="tp-swatch tp-swatch-essential" style="--tp-c:{m["colour"]}"></span>'
            f'{html.escape(m["name"])}</label>{parts or point_select_html(prefix, ids[0], model, why)}</li>')
    views = _radios(prefix, "view", VIEW_CHOICES, state["view"])
    sides = _radios(prefix, "side", SIDE_CHOICES, state.get("side") or "right")
    layers = _radios(prefix, "layer", LAYER_CHOICES, state.get("layer") or "both")
    # Only "none" and the chosen ones: tp-explorer.js adds the rest from the model (page weight).
    cmp, named = state.get("compare") or ["", ""], {v: t for t, v in compare_options(model)}
    selects = "".join(
        f'<label for="{prefix}-cmp-{i}">{lead} muscle or part</label> '
        f'<select id="{prefix}-cmp-{i}" data-role="compare-{i}"><option value="">none</option>'
        + (f'<option value="{cmp[i]}" selected>{html.escape(named[cmp[i]])}</option>' if cmp[i] else "") + "</select> "
        for i, lead in ((0, "First"), (1, "Second")))
    return (
        f'<div class="tp-x-controls">'
        f'<fieldset><legend>Muscles and parts</legend>'
        f'<p class="tp-x-reason" id="{prefix}-boxes-why" data-role="boxes-why" hidden>{BOXES_WHY}</p>'
        # Focusable, so the list scrolls by keyboard even while its boxes are disabled (comparing).
        f'<ul class="tp-x-muscles" tabindex="0" aria-label="Muscles and parts">{"".join(rows)}</ul>'
        f'<button type="button" data-role="clear" aria-describedby="{prefix}-clear-why">Clear all</button> '
        f'<span class="tp-x-reason" id="{prefix}-clear-why" data-role="clear-why" hidden>{CLEAR_WHY}</span>'
        f'</fieldset>'
        f'<fieldset><legend>View</legend>{views}</fieldset>'
        f'<fieldset><legend>Side of the body</legend>{sides}</fieldset>'
        f'<fieldset><legend>Show</legend>{layers}</fieldset>'
        f'<fieldset><legend>Zones</legend><input type="checkbox" id="{prefix}-spill" data-role="spillover"'
        f' aria-describedby="{prefix}-spill-why"{" checked" if state["spillover"] else ""}>'
        f'<label for="{prefix}-spill">Show spillover zones (stippled)</label> '
        f'<span class="tp-x-reason" id="{prefix}-spill-why" data-role="spill-why" hidden>{SPILL_WHY}</span><br>'
        f'<input type="checkbox" id="{prefix}-classic" data-role="classic"{" checked" if state.get("classic") else ""}>'
        f'<label for="{prefix}-classic">{CLASSIC_LABEL}</label>'
        f'</fieldset>'
        f'<fieldset><legend>Compare two muscles or parts</legend>{selects}'
        f'<button type="button" data-role="stop-compare" aria-describedby="{prefix}-stop-why">Stop comparing</button> '
        f'<span class="tp-x-reason" id="{prefix}-stop-why" data-role="stop-why" hidden>{STOP_WHY}</span>'
        f'</fieldset></div>')


def _radios(prefix, role, choices, value):
    return "".join(f'<label><input type="radio" name="{prefix}-{role}" value="{v}" data-role="{role}"'
                   f'{" checked" if value == v else ""}> {text}</label> ' for v, text in choices)


LAYER_CHOICES = (("both", "Pain and muscle"), ("pain", "Pain pattern"), ("muscle", "Muscle"))
VIEW_CHOICES = (("posterior", "Posterior"), ("anterior", "Anterior"), ("lateral", "Lateral"), ("both", "Posterior and anterior"),
                ("all", "All three"))
SIDE_CHOICES = (("right", "Right"), ("left", "Left"), ("both", "Both sides"))
BOXES_WHY = "Paused while two muscles are compared: press Stop comparing to tick muscles again."
CLEAR_WHY = "Nothing to clear yet."
CLASSIC_LABEL = "Hide the unconfirmed zones (only the course's source article or pages we do not count as sources give them)"
SPILL_WHY = "Zones are hidden while Show is set to Muscle."
STOP_WHY = "Nothing to stop: choose two muscles above to compare them."


def static_html(prefix, model, state, svgs):
    keys = visible_keys(model, state)
    views = "".join(f'<div class="tp-view" id="{prefix}-view-{k}">{svg}</div>' for k, svg in svgs.items())
    return (
        f'<div class="tp-explorer" id="{prefix}" data-tp-explorer="{prefix}">'
        f'<style data-role="state">{state_css(prefix, keys)}</style>'
        + json_script({"model": page_model(model), "state": state}, data_tp_model=prefix)
        + _controls_html(prefix, model, state)
        + f'<div class="tp-x-stage">{_legend_html(prefix, model)}<div class="tp-x-views">{views}</div>'
        f'<p class="tp-x-status" id="{prefix}-status" aria-live="polite">{html.escape(describe(model, state))}</p>'
        f'</div></div>')


# ---------------------------------------------------------------- the live widget (JupyterLab)

CSS_FILE = STATIC_DIR / "tp-explorer.css"


def widget_css():
    """The book's stylesheet, for JupyterLab, which does not load the book's _static files."""
    return CSS_FILE.read_text(encoding="utf-8") if CSS_FILE.is_file() else ""


STATUS_ESM = """
function render({ model, el }) {
  // One element for the widget's life: a screen reader announces a change to a live region only
  // if the region stays (ipywidgets' HTML widget replaces its content, and the region with it).
  const status = document.createElement("p");
  status.className = "tp-x-status";
  status.setAttribute("aria-live", "polite");
  status.textContent = model.get("text");
  el.appendChild(status);
  model.on("change:text", () => { status.textContent = model.get("text"); });
}
export default { render };
"""


def status_line(text=""):
    """The explorer's sentence in JupyterLab, in a live region that is never replaced."""
    import anywidget
    import traitlets

    class StatusLine(anywidget.AnyWidget):
        _esm = traitlets.Unicode(STATUS_ESM).tag(sync=True)
        text = traitlets.Unicode("").tag(sync=True)
    return StatusLine(text=text)


class ExplorerWidget:
    """ipywidgets controls around a fixed SVG; each change rewrites only a <style> and a sentence."""

    def __init__(self, model, state, svgs, prefix):
        import ipywidgets as w
        self.model, self.state, self.prefix = model, dict(state), prefix
        self._syncing = False
        self.muscle_boxes, self.part_boxes = {}, {}
        self.state.setdefault("points", {})
        self.point_menus = point_dropdowns(w, model, self._on_point)
        rows = [self._muscle_row(w, m) for m in model["muscles"]]
        self.view = w.ToggleButtons(options=[(t, v) for v, t in VIEW_CHOICES], value=state["view"], description="View")
        self.side = w.ToggleButtons(options=[(t, v) for v, t in SIDE_CHOICES], value=state.get("side") or "right",
                                    description="Side")
        self.spillover = w.Checkbox(value=state["spillover"], description="Show spillover zones (stippled)")
        self.classic = w.Checkbox(value=bool(state.get("classic")), description=CLASSIC_LABEL)
        self.classic.add_class("tpc-classic")  # instant_css hides the article's zones by it
        self.layer = w.ToggleButtons(options=[(t, v) for v, t in LAYER_CHOICES], value=state.get("layer") or "both",
                                     description="Show")
        cmp = state.get("compare") or ["", ""]
        self.compare = [w.Dropdown(options=compare_options(model), value=cmp[i], description=d)
                        for i, d in enumerate(("First", "Second"))]
        for c in [self.view, self.side, self.layer, self.spillover, self.classic, *self.compare]:
            c.observe(self._on_setting, names="value")
        self.stop = w.Button(description="Stop comparing", tooltip="Leave compare mode")
        self.stop.on_click(self._stop_comparing)
        # Why a control is disabled, beside it (the same sentences as the book's page).
        self.boxes_why, self.stop_why = w.HTML(f"<i>{BOXES_WHY}</i>"), w.HTML(f"<i>{STOP_WHY}</i>")
        self.spill_why = w.HTML(f"<i>{SPILL_WHY}</i>")
        views = "".join(f'<div class="tp-view" id="{prefix}-view-{k}">{svg}</div>' for k, svg in svgs.items())
        # Legend and maps never change: their visibility comes from the <style> in self.live.
        self.stage = w.HTML(f'<style>{widget_css()}{instant_css(prefix, model)}</style>'
                            f'<div class="tp-explorer" id="{prefix}">'
                            f'<div class="tp-x-stage">{_legend_html(prefix, model)}'
                            f'<div class="tp-x-views">{views}</div></div></div>')
        self.live = w.HTML()  # the state's <style>
        self.status = status_line()
        controls = w.VBox([w.HTML("<b>Muscles and parts</b>"), self.boxes_why, *rows, self.view, self.side, self.layer,
                           self.spillover, self.spill_why, self.classic,
                           w.HTML("<b>Compare two muscles or parts</b>"), *self.compare, self.stop, self.stop_why],
                          layout=w.Layout(min_width="20em"))
        self.box = w.HBox([controls, w.VBox([self.stage, self.live, self.status])])
        self.box.add_class(f"tp-live-{prefix}")
        self.spillover.add_class("tpc-spill")
        self.update()

    def _muscle_row(self, w, m):
        chosen = set(self.state["parts"])
        box = w.Checkbox(value=all(p["id"] in chosen for p in m["parts"]), description=short_name(m["name"]),
                         indent=False, description_allow_html=False, tooltip=m["name"],
                         style={"description_width": "initial"}, layout=w.Layout(width="auto"))
        box.observe(lambda ch, mid=m["id"]: self._on_muscle(mid, ch["new"]), names="value")
        box.add_class(f"tpc-m-{m['id']}")  # instant_css finds the box by this class
        self.muscle_boxes[m["id"]] = box
        parts = []
        if len(m["parts"]) > 1:
            for p in m["parts"]:
                pb = w.Checkbox(value=p["id"] in chosen, description=p["name"], indent=False,
                                style={"description_width": "initial"},
                                layout=w.Layout(width="auto", margin="0 0 0 1.6em"))
                pb.observe(lambda ch, pid=p["id"]: self._on_part(pid, ch["new"]), names="value")
                pb.add_class(f"tpc-p-{p['id']}")
                self.part_boxes[p["id"]] = pb
                parts += [pb, *self._menu_of(p["id"])]
        else:
            parts = self._menu_of(m["parts"][0]["id"])
        return w.VBox([box, *parts])

    def _menu_of(self, part):
        return [self.point_menus[part]] if part in self.point_menus else []

    def _on_muscle(self, muscle, on):
        if self._syncing:
            return
        ids = [p["id"] for m in self.model["muscles"] if m["id"] == muscle for p in m["parts"]]
        rest = [p for p in self.state["parts"] if p not in ids]
        self.state["parts"] = rest + ids if on else rest
        self._sync_boxes()
        self.update()

    def _on_part(self, part, on):
        if self._syncing:
            return
        parts = [p for p in self.state["parts"] if p != part]
        self.state["parts"] = parts + [part] if on else parts
        self._sync_boxes()
        self.update()

    def _on_point(self, part, point):
        """A part's trigger point chosen: shown alone (its part ticked if it was not)."""
        self.state["points"] = {**self.state["points"], part: point}
        if point and part not in self.state["parts"]:
            self.state["parts"] = self.state["parts"] + [part]
            self._sync_boxes()
        self.update()

    def _on_setting(self, _change):
        self.state["view"] = self.view.value
        self.state["side"] = self.side.value
        self.state["spillover"] = self.spillover.value
        self.state["layer"] = self.layer.value
        self.state["classic"] = self.classic.value
        a, b = (c.value for c in self.compare)
        self.state["compare"] = [a, b] if a and b and a != b else None
        self.state["picked"] = [a, b]
        self.update()

    def _stop_comparing(self, _button=None):
        for c in self.compare:
            c.value = ""  # each change runs _on_setting

    def _sync_boxes(self):
        """Keep muscle and part boxes consistent without re-entering the handlers."""
        self._syncing = True
        chosen = set(self.state["parts"])
        for m in self.model["muscles"]:
            self.muscle_boxes[m["id"]].value = all(p["id"] in chosen for p in m["parts"])
            for p in m["parts"]:
                if p["id"] in self.part_boxes:
                    self.part_boxes[p["id"]].value = p["id"] in chosen
        self._syncing = False

    def update(self):
        keys = visible_keys(self.model, self.state)
        # Outside compare mode the browser already shows the layers (instant_css); say only the views.
        comparing = bool(self.state.get("compare"))
        (self.box.add_class if comparing else self.box.remove_class)("tp-cmp-on")
        for layer in ("pain", "muscle"):  # the instant rules follow these marks (instant_css)
            (self.box.add_class if self.state.get("layer") == layer else self.box.remove_class)(f"tp-layer-{layer}")
        for side in ("left", "both"):
            (self.box.add_class if self.state.get("side") == side else self.box.remove_class)(f"tp-side-{side}")
        for box in [*self.muscle_boxes.values(), *self.part_boxes.values(), *self.point_menus.values()]:
            box.disabled = comparing
        kernel = comparing or bool(chosen_points(self.model, self.state))  # instant rules know no point choice
        (self.box.add_class if kernel and not comparing else self.box.remove_class)("tp-pt-on")
        self.stop.disabled = not comparing
        self.spillover.disabled = self.state.get("layer") == "muscle"
        self.spill_why.layout.display = None if self.spillover.disabled else "none"
        self.boxes_why.layout.display = None if comparing else "none"
        self.stop_why.layout.display = "none" if comparing else None
        shown = keys if kernel else [k for k in keys if k.startswith("view-")]
        self.live.value = f'<style data-role="state">{state_css(self.prefix, shown)}</style>'
        self.status.text = describe(self.model, self.state)
        return keys


# ---------------------------------------------------------------- public API

_COUNTER = {"explore": 0}


def explore(muscles=(), compare=None, kb=None):
    """The referral-map explorer: a live widget in JupyterLab, inline SVG + small JS in the book.

    muscles: muscle or part ids ticked at start; compare: two muscle or part ids to compare.
    """
    kb = loaded(kb)
    model = build_model(kb)
    state = initial_state(model, muscles, compare, kb)
    _COUNTER["explore"] += 1
    prefix = f"tpx{_COUNTER['explore']}"
    page = static_html(prefix, model, state, layer_svgs(prefix, kb))
    widget = None
    try:
        import uuid
        live = "tpx" + uuid.uuid4().hex[:10]  # the live copy must not clash across open notebooks
        widget = ExplorerWidget(model, state, layer_svgs(live, kb), live).box
    except ImportError:
        pass
    return DualView(widget, page, "Referral map explorer: " + describe(model, state))
