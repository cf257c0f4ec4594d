"""The referral-map explorer and `show_map`, one model behind two renderers.

Every layer (zones, trigger points, comparison marks) is drawn once with matplotlib into one
SVG per view (see `bodymap` for its structure). What is visible is then a small CSS text
computed from the explorer state by :func:`visible_keys` here and by the same rules in
``_static/tp-explorer.js`` for the book, so an interaction is a string update, not a re-plot.

State: {"parts": [part ids], "view": "posterior"|"anterior"|"both", "spillover": bool,
"compare": null | [muscle id, muscle id]}.
"""

import html

from . import bodymap as bm
from .static import DualView, json_script

BASE_CSS = ("{s} .tp-zone,{s} .tp-point,{s} .tp-compare,{s} .tp-view,{s} .tp-x-legend-item"
            "{{display:none}}")
EMPTY_TEXT = "No muscle selected. Tick a muscle or one of its parts to see where its trigger points refer pain."


# ---------------------------------------------------------------- model and rules

def build_model(kb=None):
    """Everything the explorer rules need, as plain JSON-able data (shared with the JS)."""
    kb = bm._kb(kb)
    owner = bm.part_table(kb)
    muscles = []
    for m in kb.muscles.itertuples():
        parts = [{"id": p, "name": owner[p][1]} for p in kb.part_ids if owner[p][0] == m.id]
        hatch = bm.MUSCLE_HATCHES.index(bm.muscle_hatch(m.id, kb))
        muscles.append({"id": m.id, "name": m.name, "colour": bm.muscle_colour(m.id, kb), "hatch": hatch,
                        "parts": parts})
    all_parts = list(kb.part_ids)
    return {
        "muscles": muscles,
        "zones": [{k: z[k] for k in ("key", "part", "muscle", "region", "zone", "view")}
                  for z in bm.zone_records(all_parts, kb)],
        "points": [{k: t[k] for k in ("key", "part", "muscle", "region", "view")}
                   for t in bm.point_records(all_parts, kb)],
        "labels": {r: bm._label(r, kb) for r in kb.regions["id"]},
        "regions": list(kb.regions["id"]),  # JSON objects lose order; rules iterate this list
    }


def initial_state(model, muscles=(), compare=None, kb=None):
    parts = bm.resolve_parts(muscles, kb) if muscles else []
    if compare is not None:
        compare = list(compare)
        known = [m["id"] for m in model["muscles"]]
        bad = [c for c in compare if c not in known]
        if len(compare) != 2 or bad or compare[0] == compare[1]:
            raise bm.BodyMapError(f"compare needs two different muscle ids, got {compare!r}; "
                                  f"valid: {', '.join(known)}")
    return {"parts": parts, "view": "both", "spillover": True, "compare": compare}


def _views(state):
    return ("posterior", "anterior") if state["view"] == "both" else (state["view"],)


def compare_regions(model, state):
    """{'both': [...], 'first': [...], 'second': [...]} regions, in file order."""
    first, second = state["compare"]
    views = _views(state)

    def reach(muscle):
        return {z["region"] for z in model["zones"] if z["muscle"] == muscle and z["view"] in views
                and (state["spillover"] or z["zone"] == "essential")}
    a, b = reach(first), reach(second)
    order = model["regions"]
    return {"both": [r for r in order if r in a and r in b], "first": [r for r in order if r in a - b],
            "second": [r for r in order if r in b - a]}


def visible_keys(model, state):
    """The element keys shown for a state; the JS computes the same list (tested). Among the
    ticked parts' zones, `bm.drawn_zones` hides a spillover zone under its muscle's essential one."""
    views = _views(state)
    keys = [f"view-{v}" for v in views]
    if state.get("compare"):
        pair = state["compare"]
        groups = compare_regions(model, state)
        keys += [f"c-{r}-{kind}" for kind in ("both", "first", "second") for r in groups[kind]]
        keys += [t["key"] for t in model["points"] if t["muscle"] in pair and t["view"] in views]
        return keys + ["legend-compare"] + [f"legend-{m}" for m in pair]
    parts = set(state["parts"])
    keys += [z["key"] for z in bm.drawn_zones([z for z in model["zones"] if z["part"] in parts
             and z["view"] in views and (state["spillover"] or z["zone"] == "essential")])]
    keys += [t["key"] for t in model["points"] if t["part"] in parts and t["view"] in views]
    return keys + [f"legend-{m['id']}" for m in model["muscles"] if any(p["id"] in parts for p in m["parts"])]


def state_css(prefix, keys):
    # "#root #root-key" outranks the "#root .class" rule that hides every layer.
    shown = ",".join(f"#{prefix} #{prefix}-{k}" for k in keys)
    return BASE_CSS.format(s=f"#{prefix}") + (f"{shown}{{display:block}}" if shown else "")


def describe(model, state):
    """The status text: which regions are shown, in words (mirrored in the JS)."""
    labels, names = model["labels"], {m["id"]: m["name"] for m in model["muscles"]}
    views = _views(state)
    where = "posterior and anterior views" if len(views) == 2 else f"{views[0]} view"
    if state.get("compare"):
        first, second = state["compare"]
        g = compare_regions(model, state)
        parts = [f"Comparing {names[first]} and {names[second]} on the {where}."]
        for kind, lead in (("both", "Shared"), ("first", f"Only {names[first]}"), ("second", f"Only {names[second]}")):
            parts.append(f"{lead}: {', '.join(labels[r] for r in g[kind]) or 'none'}.")
        return " ".join(parts)
    chosen = set(state["parts"])
    sentences = []
    for m in model["muscles"]:
        if not any(p["id"] in chosen for p in m["parts"]):
            continue
        zones = [z for z in model["zones"] if z["part"] in chosen and z["muscle"] == m["id"] and z["view"] in views]
        bits, said = [], set()
        for zone in ("essential", "spillover") if state["spillover"] else ("essential",):
            regions = [r for r in dict.fromkeys(labels[z["region"]] for z in zones if z["zone"] == zone)
                       if r not in said]
            said.update(regions)
            bits.append(f"{zone} {', '.join(regions) if regions else 'none on this view'}")
        sentences.append(f"{m['name']}: {'; '.join(bits)}.")
    return (f"Shown on the {where}. " + " ".join(sentences)) if sentences else EMPTY_TEXT


# ---------------------------------------------------------------- drawing all layers once

TEMPLATE_PREFIX = "tpxTEMPLATE"
_LAYERS = {}


def layer_svgs(prefix, kb=None):
    """{view: SVG text} with every zone, point and comparison mark, tagged and hidden by CSS.

    Drawn once per knowledge base with a template prefix; each explorer gets a renamed copy.
    """
    kb = bm._kb(kb)
    if id(kb) not in _LAYERS:
        _LAYERS[id(kb)] = (kb, _draw_layers(TEMPLATE_PREFIX, kb))
    return {v: svg.replace(TEMPLATE_PREFIX, prefix) for v, svg in _LAYERS[id(kb)][1].items()}


def _draw_layers(prefix, kb):
    geos = bm.load_geometry()
    all_parts = list(kb.part_ids)
    zones, points = bm.zone_records(all_parts, kb), bm.point_records(all_parts, kb)
    out = {}
    for v in bm.VIEWS:
        fig, axes = bm.new_figure([v])
        ax, geo = axes[v], geos[v]
        body = bm.draw_view(ax, geo, v, zones, points, kb)
        for region in geo.regions:
            for kind in bm.COMPARE_STYLE:
                bm.draw_compare(ax, geo, body, region, kind, v)
        label = f"Body map, {v} view; the status text below the map lists the regions shown."
        out[v] = bm.figure_svg(fig, f"{prefix}-{v}", label, key_prefix=prefix)
    return out


# ---------------------------------------------------------------- static HTML (the book)

def _legend_html(prefix, model):
    items = []
    for m in model["muscles"]:
        c = m["colour"]
        items.append(
            f'<li class="tp-x-legend-item" id="{prefix}-legend-{m["id"]}">{html.escape(m["name"])}: '
            f'<span class="tp-swatch tp-swatch-essential" style="--tp-c:{c}"></span> essential '
            f'<span class="tp-swatch tp-swatch-spillover tp-h{m["hatch"]}" style="--tp-c:{bm.ink(c)}"></span> spillover '
            f'<span class="tp-x-mark" style="--tp-c:{c}" aria-hidden="true">&#x2716;</span> trigger point</li>')
    compare = "".join(
        f'<span class="tp-swatch tp-swatch-{k}"></span> {html.escape(text)} '
        for k, (_, _, text) in bm.COMPARE_STYLE.items())
    items.append(f'<li class="tp-x-legend-item" id="{prefix}-legend-compare">Comparison: {compare}</li>')
    return f'<ul class="tp-x-legend" aria-label="Legend">{"".join(items)}</ul>'


def _controls_html(prefix, model, state):
    chosen = set(state["parts"])
    rows = []
    for m in model["muscles"]:
        ids = [p["id"] for p in m["parts"]]
        on = all(p in chosen for p in ids)
        parts = ""
        if len(ids) > 1:
            parts = '<ul class="tp-x-parts">' + "".join(
                f'<li><input type="checkbox" id="{prefix}-p-{p["id"]}" data-part="{p["id"]}" '
                f'data-of="{m["id"]}"{" checked" if p["id"] in chosen else ""}>'
                f'<label for="{prefix}-p-{p["id"]}">{html.escape(p["name"])}</label></li>'
                for p in m["parts"]) + "</ul>"
        rows.append(
            f'<li class="tp-x-muscle"><input type="checkbox" id="{prefix}-m-{m["id"]}" data-muscle="{m["id"]}"'
            f'{" checked" if on else ""}><label for="{prefix}-m-{m["id"]}">'
            f'<span class="tp-swatch tp-swatch-essential" style="--tp-c:{m["colour"]}"></span>'
            f'{html.escape(m["name"])}</label>{parts}</li>')
    views = "".join(
        f'<label><input type="radio" name="{prefix}-view" value="{v}" data-role="view"'
        f'{" checked" if state["view"] == v else ""}> {v.capitalize()}</label> '
        for v in ("posterior", "anterior", "both"))
    options = '<option value="">none</option>' + "".join(
        f'<option value="{m["id"]}">{html.escape(m["name"])}</option>' for m in model["muscles"])
    cmp = state.get("compare") or ["", ""]
    selects = "".join(
        f'<label for="{prefix}-cmp-{i}">{lead} muscle</label> '
        f'<select id="{prefix}-cmp-{i}" data-role="compare-{i}">'
        + options.replace(f'value="{cmp[i]}"', f'value="{cmp[i]}" selected', 1) + "</select> "
        for i, lead in ((0, "First"), (1, "Second")))
    return (
        f'<div class="tp-x-controls">'
        f'<fieldset><legend>Muscles and parts</legend><ul class="tp-x-muscles">{"".join(rows)}</ul>'
        f'<button type="button" data-role="clear">Clear all</button></fieldset>'
        f'<fieldset><legend>View</legend>{views}</fieldset>'
        f'<fieldset><legend>Zones</legend><input type="checkbox" id="{prefix}-spill" data-role="spillover"'
        f'{" checked" if state["spillover"] else ""}><label for="{prefix}-spill">Show spillover zones '
        f'(hatched)</label></fieldset>'
        f'<fieldset><legend>Compare two muscles</legend>{selects}</fieldset></div>')


def static_html(prefix, model, state, svgs):
    keys = visible_keys(model, state)
    views = "".join(f'<div class="tp-view" id="{prefix}-view-{v}">{svgs[v]}</div>' for v in bm.VIEWS)
    return (
        f'<div class="tp-explorer" id="{prefix}" data-tp-explorer="{prefix}">'
        f'<style data-role="state">{state_css(prefix, keys)}</style>'
        + json_script({"model": model, "state": state}, data_tp_model=prefix)
        + _controls_html(prefix, model, state)
        + f'<div class="tp-x-stage">{_legend_html(prefix, model)}<div class="tp-x-views">{views}</div>'
        f'<p class="tp-x-status" id="{prefix}-status" aria-live="polite">{html.escape(describe(model, state))}</p>'
        f'</div></div>')


# ---------------------------------------------------------------- the live widget (JupyterLab)

CSS_FILE = bm.GEOMETRY_FILE.parents[2] / "_static" / "tp-explorer.css"


def widget_css():
    """The book's stylesheet, for JupyterLab, which does not load the book's _static files."""
    return CSS_FILE.read_text(encoding="utf-8") if CSS_FILE.is_file() else ""


def instant_css(prefix, model):
    """CSS :has() rules that show a ticked part's layers in the browser at once, without waiting
    for the kernel round trip (about 50 ms here). Outside compare mode they give the same set as
    `visible_keys` once the kernel has synced the boxes (tested); the kernel still owns views,
    compare mode and the status text. A spillover zone covered by its muscle's essential zone
    gets its own rule (`_covered_spillover_rule`)."""
    root = f".tp-live-{prefix}:not(.tp-cmp-on)"

    def ticked(part, muscle):
        return (f"{root}:has(.tpc-p-{part} input:checked)", f"{root}:has(.tpc-m-{muscle} input:checked)")
    spill = ":has(.tpc-spill input:checked)"
    sels = []
    for z in model["zones"]:
        covering = _covering_parts(model, z)
        if covering:
            sels.append(_covered_spillover_rule(root, prefix, z, covering))
        else:
            sels += [f"{t}{spill if z['zone'] == 'spillover' else ''} #{prefix}-{z['key']}"
                     for t in ticked(z["part"], z["muscle"])]
    sels += [f"{t} #{prefix}-{p['key']}" for p in model["points"] for t in ticked(p["part"], p["muscle"])]
    sels += [f"{t} #{prefix}-legend-{m['id']}" for m in model["muscles"] for p in m["parts"]
             for t in ticked(p["id"], m["id"])]
    return ",".join(sels) + "{display:block}"


def _covering_parts(model, zone):
    """The other parts of a spillover zone's muscle with an essential zone in its region."""
    if zone["zone"] != "spillover":
        return []
    return [z["part"] for z in model["zones"] if z["zone"] == "essential"
            and z["muscle"] == zone["muscle"] and z["region"] == zone["region"]]


def _covered_spillover_rule(root, prefix, zone, covering):
    """Show such a zone only while none of the covering parts is ticked (the `drawn_zones` rule).
    A ticked muscle box ticks every part, covering ones included, so it never shows the zone."""
    absent = "".join(f":not(:has(.tpc-p-{p} input:checked))" for p in covering)
    return (f"{root}:has(.tpc-p-{zone['part']} input:checked):has(.tpc-spill input:checked)"
            f":not(:has(.tpc-m-{zone['muscle']} input:checked)){absent} #{prefix}-{zone['key']}")


class ExplorerWidget:
    """ipywidgets controls around a fixed SVG; each change rewrites only a <style> and a sentence."""

    def __init__(self, model, state, svgs, prefix):
        import ipywidgets as w
        self.model, self.state, self.prefix = model, dict(state), prefix
        self._syncing = False
        self.muscle_boxes, self.part_boxes = {}, {}
        rows = [self._muscle_row(w, m) for m in model["muscles"]]
        self.view = w.ToggleButtons(options=[("Posterior", "posterior"), ("Anterior", "anterior"),
                                             ("Both", "both")], value=state["view"], description="View")
        self.spillover = w.Checkbox(value=state["spillover"], description="Show spillover zones (hatched)")
        names = [("none", "")] + [(m["name"], m["id"]) for m in model["muscles"]]
        cmp = state.get("compare") or ["", ""]
        self.compare = [w.Dropdown(options=names, value=cmp[i], description=d)
                        for i, d in enumerate(("First muscle", "Second muscle"))]
        for c in [self.view, self.spillover, *self.compare]:
            c.observe(self._on_setting, names="value")
        views = "".join(f'<div class="tp-view" id="{prefix}-view-{v}">{svgs[v]}</div>' for v in bm.VIEWS)
        # Legend and maps never change: their visibility comes from the <style> in self.live.
        self.stage = w.HTML(f'<style>{widget_css()}{instant_css(prefix, model)}</style>'
                            f'<div class="tp-explorer" id="{prefix}">'
                            f'<div class="tp-x-stage">{_legend_html(prefix, model)}'
                            f'<div class="tp-x-views">{views}</div></div></div>')
        self.live = w.HTML()  # one widget, so each interaction is one message from the kernel
        controls = w.VBox([w.HTML("<b>Muscles and parts</b>"), *rows, self.view, self.spillover,
                           w.HTML("<b>Compare two muscles</b>"), *self.compare],
                          layout=w.Layout(min_width="20em"))
        self.box = w.HBox([controls, w.VBox([self.stage, self.live])])
        self.box.add_class(f"tp-live-{prefix}")
        self.spillover.add_class("tpc-spill")
        self.update()

    def _muscle_row(self, w, m):
        chosen = set(self.state["parts"])
        box = w.Checkbox(value=all(p["id"] in chosen for p in m["parts"]), description=bm.short_name(m["name"]),
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
                parts.append(pb)
        return w.VBox([box, *parts])

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

    def _on_setting(self, _change):
        self.state["view"] = self.view.value
        self.state["spillover"] = self.spillover.value
        a, b = (c.value for c in self.compare)
        self.state["compare"] = [a, b] if a and b and a != b else None
        self.update()

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
        shown = keys if comparing else [k for k in keys if k.startswith("view-")]
        self.live.value = (f'<style data-role="state">{state_css(self.prefix, shown)}</style>'
                           f'<p class="tp-x-status" aria-live="polite">'
                           f'{html.escape(describe(self.model, self.state))}</p>')
        return keys


# ---------------------------------------------------------------- public API

_COUNTER = {"explore": 0}


def explore(muscles=(), compare=None, kb=None):
    """The referral-map explorer: a live widget in JupyterLab, inline SVG + small JS in the book.

    muscles: muscle or part ids ticked at start; compare: two muscle ids to compare.
    """
    kb = bm._kb(kb)
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


class MapFigure:
    """A muscle's map as a <figure>: inline SVG (role=img, alt text), legend and title inside it."""

    def __init__(self, svg, caption):
        self.svg, self.caption = svg, caption

    def _repr_html_(self):
        return (f'<figure class="tp-map-figure">{self.svg}'
                f'<figcaption>{html.escape(self.caption)}</figcaption></figure>')

    def __repr__(self):
        return self.caption


def show_map(*ids, view="both", spillover=True, anonymous=False, kb=None):
    """The referral map of one or more muscles or parts, ready to display in a lesson."""
    kb = bm._kb(kb)
    if not ids:
        raise bm.BodyMapError("show_map needs at least one muscle or part id; muscles: "
                              + ", ".join(kb.muscle_ids))
    svg = bm.map_svg(ids, view=view, spillover=spillover, anonymous=anonymous, kb=kb)
    return MapFigure(svg, bm.alt_text(ids, view, spillover, anonymous, kb))
