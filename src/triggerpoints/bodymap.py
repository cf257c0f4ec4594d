"""The body map: geometry, drawing (matplotlib -> SVG) and alt text.

Geometry lives in ``data/bodymap/geometry.json`` (canvas x 0-100, y 0-200, y up; see the
team contract). Outlines are stored as control points of the right half and smoothed with
centripetal Catmull-Rom splines, then mirrored, so the figure is symmetric by construction.
Regions are polygons on the patient's right side, clipped to the body outline when drawn.

Public: ``map_svg(ids, view, spillover, anonymous)`` (the SVG text), ``map_figure(...)`` (the
matplotlib Figure), ``alt_text(ids, ...)``, ``load_geometry()`` ({view: ViewGeometry} with
``.region(id)`` and ``.contains(id, x, y)``), ``muscle_colour``, ``ink``, ``resolve_parts``,
``drawn_zones`` (essential wins over the same muscle's spillover in one region; every drawer
applies it to the zones of the parts it shows).
The drawing steps (``new_figure``, ``draw_view``, ``draw_compare``, ``figure_svg``) are shared
by the maps, the explorer and the pain finder; keep their signatures.

SVG structure (what :func:`map_svg` and the explorer emit; other tools rely on it)::

    <svg class="tp-map" data-tp-map="<prefix>" role="img" aria-label="<alt text>" viewBox=...>
      <title>alt text</title>
      <defs> <style> with one class per look (fill, stroke, clip), scoped to
             [data-tp-map="<prefix>"]; hatch <pattern>s (one per hatch and colour);
             <path id="<prefix>-s<n>"> for each shape drawn more than once, with no look of
             its own: the shapes below draw it as <use class=... href=...> </defs>
      <g id="<prefix>-r-<region>" class="tp-region" data-region="sacroiliac" data-view="posterior">
          one per region of the view, always present: a transparent, clickable shape (a <path>
          or a <use>) with a faint border (fill none; the pain finder's CSS makes it clickable)
      <g id="<prefix>-z-<part>-<region>" class="tp-zone tp-essential|tp-spillover"
         data-muscle="piriformis" data-part="piriformis" data-region="sacroiliac"
         data-zone="essential|spillover" data-view="posterior">
          essential = solid fill, spillover = hatch (per-muscle direction) and a dashed edge;
          map_svg omits a spillover zone that an essential zone of the same muscle covers
          (``drawn_zones``); the explorer draws it and hides it by the same rule
      <g id="<prefix>-t-<trigger point id>" class="tp-point" data-muscle=... data-part=...
         data-region=... data-view=...>          an X marker with a white halo
      <g id="<prefix>-c-<region>-<both|first|second>" class="tp-compare" data-region=...
         data-compare="both|first|second" data-view=...>     (explorer only)
    </svg>

With ``anonymous=True`` the muscle name is gone from the title, legend and alt text, the
``data-muscle``/``data-part`` attributes are dropped and zone/point ids are numbered.
Every other id in the SVG (matplotlib's clip paths, patterns, shared shapes) carries the same
prefix, so several maps can share one page. The explorer (``explorer.py``) draws one SVG per
view with every layer and shows or hides elements by id, ``#<explorer id>-<key>``.
Output is deterministic: fixed ``svg.hashsalt``, no date, rounded coordinates. It is also compact
(path data relative, to 0.1 pt; matplotlib's wrapper groups dropped), since maps dominate a page.
"""

import hashlib
import io
import json
import re
import textwrap
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

GEOMETRY_FILE = Path(__file__).resolve().parents[2] / "data" / "bodymap" / "geometry.json"
VIEWS = ("posterior", "anterior")

# Okabe-Ito, one colour per muscle (grey extends the eight colours to nine muscles).
MUSCLE_COLOURS = {
    "quadratus_lumborum": "#E69F00", "erector_spinae": "#56B4E9", "multifidus": "#009E73",
    "gluteus_medius": "#F0E442", "gluteus_minimus": "#0072B2", "piriformis": "#D55E00",
    "iliopsoas": "#CC79A7", "hamstrings": "#000000", "adductors": "#999999",
}
# Spillover hatch differs per muscle, so overlaid muscles stay apart in greyscale too.
MUSCLE_HATCHES = ("////", "\\\\\\\\", "||||", "----", "xxx", "++", "..", "oo", "////")
COMPARE_STYLE = {  # kind -> (ink, hatch, legend text); told apart by pattern, not by colour
    "both": ("#000000", "xxx", "reached by both"),
    "first": ("#333333", "////", "reached only by the first"),
    "second": ("#333333", "\\\\\\\\", "reached only by the second"),
}
BODY_FILL, BODY_EDGE, REGION_EDGE, LANDMARK = "#f4efe9", "#4a4a4a", "#c9c0b6", "#8c8279"


class BodyMapError(ValueError):
    """A muscle, part or region the map cannot draw; the message lists the valid ids."""


# ---------------------------------------------------------------- geometry

def catmull_rom(points, closed=False, samples=3):
    """Smooth a polyline through its control points (centripetal Catmull-Rom, no overshoot)."""
    p = np.asarray(points, dtype=float)
    if closed:
        p = np.vstack([p[-1], p, p[0], p[1]])
    else:
        p = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    out = []
    for i in range(1, len(p) - 2):
        out.append(_cr_segment(p[i - 1], p[i], p[i + 1], p[i + 2], samples))
    out.append(p[-2:-1] if not closed else p[1:2])
    return np.vstack(out)


def _cr_segment(p0, p1, p2, p3, n):
    def knot(t, a, b):
        return t + max(np.linalg.norm(b - a), 1e-6) ** 0.5
    t0 = 0.0
    t1 = knot(t0, p0, p1)
    t2 = knot(t1, p1, p2)
    t3 = knot(t2, p2, p3)
    t = np.linspace(t1, t2, n, endpoint=False)[:, None]
    a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
    a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
    a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
    b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
    b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
    return (t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2


def mirror(xy):
    xy = np.array(xy, dtype=float)
    xy[:, 0] = 100.0 - xy[:, 0]
    return xy


class ViewGeometry:
    """Smoothed shapes of one view, in canvas coordinates."""

    def __init__(self, name, spec):
        self.name = name
        right = np.vstack([catmull_rom(seg)[:-1] for seg in spec["body"]] + [spec["body"][-1][-1:]])
        self.outline = np.vstack([right, mirror(right)[::-1]])
        arm = catmull_rom(spec["arm"], closed=True)
        self.arms = [arm, mirror(arm)]
        self.lines = {k: catmull_rom(v) for k, v in spec["lines"].items()}
        self.regions = {k: np.asarray(v, dtype=float) for k, v in spec["regions"].items()}

    def region(self, region_id):
        if region_id not in self.regions:
            raise BodyMapError(
                f"region {region_id!r} has no geometry on the {self.name} view in {GEOMETRY_FILE.name}; "
                f"regions drawn there: {', '.join(sorted(self.regions))}")
        return self.regions[region_id]

    def contains(self, region_id, x, y):
        """True if (x, y) is inside the region as drawn (the polygon clipped to the body)."""
        from matplotlib.path import Path as MPath
        pt = (float(x), float(y))
        return MPath(self.region(region_id)).contains_point(pt) and MPath(self.outline).contains_point(pt)


@lru_cache(maxsize=4)
def load_geometry(path=GEOMETRY_FILE):
    """Read and smooth the body-map geometry: {view: ViewGeometry}."""
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    missing = [v for v in VIEWS if v not in spec.get("views", {})]
    if missing:
        raise BodyMapError(f"{path}: missing view(s) {missing}; expected {list(VIEWS)}")
    return {v: ViewGeometry(v, spec["views"][v]) for v in VIEWS}


# ---------------------------------------------------------------- data

def _kb(kb=None):
    if kb is not None:
        return kb
    from .knowledge import load_knowledge_base
    return load_knowledge_base()


def muscle_colour(muscle_id, kb=None):
    if muscle_id in MUSCLE_COLOURS:
        return MUSCLE_COLOURS[muscle_id]
    ids = list(_kb(kb).muscle_ids)
    return list(MUSCLE_COLOURS.values())[ids.index(muscle_id) % len(MUSCLE_COLOURS)]


def muscle_hatch(muscle_id, kb=None):
    ids = list(_kb(kb).muscle_ids)
    return MUSCLE_HATCHES[ids.index(muscle_id) % len(MUSCLE_HATCHES)]


def resolve_parts(ids, kb=None):
    """Muscle or part ids -> part ids in file order; unknown ids raise, naming the valid ones."""
    kb = _kb(kb)
    if isinstance(ids, str):
        ids = (ids,)
    parts = kb.parts
    chosen = set()
    for ident in ids:
        if ident in kb.muscle_ids:
            chosen.update(parts.loc[parts["muscle"] == ident, "id"])
        elif ident in kb.part_ids:
            chosen.add(ident)
        else:
            raise BodyMapError(
                f"unknown muscle or part id {ident!r}; muscles: {', '.join(kb.muscle_ids)}; "
                f"parts: {', '.join(kb.part_ids)}")
    return [p for p in kb.part_ids if p in chosen]


def part_table(kb=None):
    """{part id: (muscle id, part name)}."""
    kb = _kb(kb)
    return {r.id: (r.muscle, r.name) for r in kb.parts.itertuples()}


def region_views(kb=None):
    kb = _kb(kb)
    return dict(zip(kb.regions["id"], kb.regions["view"]))


def zone_records(parts, kb=None, spillover=True):
    """The referral zones of these parts, each with its muscle, view and drawing key."""
    kb = _kb(kb)
    owner, views = part_table(kb), region_views(kb)
    rows = kb.referral_zones[kb.referral_zones["part"].isin(parts)]
    out = []
    for r in rows.itertuples():
        if r.zone == "spillover" and not spillover:
            continue
        if r.region not in views:
            raise BodyMapError(f"referral zone {r.id!r}: region {r.region!r} is not in regions.csv")
        out.append({"key": f"z-{r.part}-{r.region}", "part": r.part, "muscle": owner[r.part][0],
                    "region": r.region, "zone": r.zone, "view": views[r.region]})
    return out


def drawn_zones(zones):
    """The zones a map shows, given every zone of the parts on it: a muscle's spillover zone is
    left out where the same muscle has an essential zone in that region, because the hatch would
    show through the translucent fill and the region would read as spillover."""
    covered = {(z["muscle"], z["region"]) for z in zones if z["zone"] == "essential"}
    return [z for z in zones if z["zone"] == "essential" or (z["muscle"], z["region"]) not in covered]


def point_records(parts, kb=None):
    kb = _kb(kb)
    owner = part_table(kb)
    rows = kb.trigger_points[kb.trigger_points["part"].isin(parts)]
    return [{"key": f"t-{r.id}", "id": r.id, "part": r.part, "muscle": owner[r.part][0], "region": r.region,
             "view": r.view, "x": float(r.x), "y": float(r.y)} for r in rows.itertuples()]


# ---------------------------------------------------------------- drawing

def draw_base(ax, geo):
    """Figure, landmarks and every region (transparent, clickable) of one view."""
    from matplotlib.patches import Polygon
    ax.set_xlim(12, 88)
    ax.set_ylim(-4, 203)
    ax.set_aspect("equal")
    ax.set_axis_off()
    # The figure, its landmarks and the trigger points lie well inside the axes: clipping them to
    # the axes (matplotlib's default) would cut nothing, and costs the SVG a clip in each look.
    body_style = dict(facecolor=BODY_FILL, edgecolor=BODY_EDGE, linewidth=1.1, joinstyle="round", clip_on=False)
    for arm in geo.arms:
        ax.add_patch(Polygon(arm, zorder=1, **body_style))
    body = ax.add_patch(Polygon(geo.outline, zorder=2, **body_style))
    for name, xy in geo.lines.items():
        for side in (xy, mirror(xy)):
            ax.plot(side[:, 0], side[:, 1], color=LANDMARK, lw=0.7, zorder=7, solid_capstyle="round", clip_on=False,
                    dashes=(3, 2) if name in ("spine", "midline") else (None, None))
    for rid, xy in geo.regions.items():
        p = ax.add_patch(Polygon(xy, facecolor=(1, 1, 1, 0), edgecolor=REGION_EDGE, linewidth=0.45,
                                 zorder=3, gid=f"tpg|region|{rid}|{geo.name}"))
        p.set_clip_path(body)
    return body


def _luminance(rgb):
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ink(colour, against=BODY_FILL, ratio=3.0):
    """The colour for outlines and hatches: the muscle's colour, darkened just enough to keep
    3:1 contrast against the pale figure (WCAG 1.4.11); fills keep the palette colour."""
    from matplotlib.colors import to_hex, to_rgb
    rgb, bg = to_rgb(colour), _luminance(to_rgb(against))
    while (bg + 0.05) / (_luminance(rgb) + 0.05) < ratio:
        rgb = tuple(c * 0.92 for c in rgb)
    return to_hex(rgb).upper()


def _zone_style(zone, colour, hatch):
    from matplotlib.colors import to_rgba
    if zone == "essential":
        return dict(facecolor=to_rgba(colour, 0.62), edgecolor=ink(colour), linewidth=0.9)
    colour = ink(colour)
    # No face: in SVG a face's opacity would fade the hatch lines with it.
    return dict(facecolor="none", edgecolor=colour, hatchcolor=colour, hatch=hatch,
                linewidth=0.9, linestyle=(0, (3, 1.5)))


def draw_zone(ax, geo, body, z, colour, hatch):
    from matplotlib.patches import Polygon
    gid = f"tpg|zone|{z['key']}|{z['muscle']}|{z['part']}|{z['region']}|{z['zone']}|{z['view']}"
    if z["zone"] == "spillover":
        gid += _hatch_tag(hatch, ink(colour))
    p = ax.add_patch(Polygon(geo.region(z["region"]), zorder=5 if z["zone"] == "essential" else 4,
                             gid=gid, **_zone_style(z["zone"], colour, hatch)))
    p.set_clip_path(body)


def point_style(colour):
    """The X marker: the muscle's colour, a black edge, and a white halo outside the edge so the
    X stays visible on its own essential fill (black on black for the hamstrings otherwise)."""
    from matplotlib import patheffects
    return dict(marker="X", color=colour, markeredgecolor="#000000", markeredgewidth=0.9, linestyle="none",
                path_effects=[patheffects.withStroke(linewidth=3.2, foreground="#FFFFFF")])


def draw_point(ax, t, colour):
    gid = f"tpg|point|{t['key']}|{t['muscle']}|{t['part']}|{t['region']}|{t['view']}"
    ax.plot([t["x"]], [t["y"]], markersize=10, zorder=9, gid=gid, clip_on=False, **point_style(colour))


def draw_compare(ax, geo, body, region, kind, view):
    from matplotlib.patches import Polygon
    face, hatch, _ = COMPARE_STYLE[kind]
    p = ax.add_patch(Polygon(geo.region(region), facecolor="none", edgecolor=face,
                             hatchcolor=face, hatch=hatch, linewidth=1.6 if kind == "both" else 1.0,
                             zorder=6, gid=f"tpg|compare|c-{region}-{kind}|{region}|{kind}|{view}"
                             + _hatch_tag(hatch, face)))
    p.set_clip_path(body)


def view_caption(ax, view):
    side = ("Left", "Right") if view == "posterior" else ("Right", "Left")
    ax.text(50, -3.5, f"{view.capitalize()} view", ha="center", va="top", fontsize=10, color="#222222")
    ax.text(16, 4, side[0], ha="left", va="bottom", fontsize=7.5, color="#555555")
    ax.text(84, 4, side[1], ha="right", va="bottom", fontsize=7.5, color="#555555")


def new_figure(views, legend_rows=0, title=None):
    import matplotlib
    from matplotlib.figure import Figure
    matplotlib.rcParams["svg.hashsalt"] = "triggerpoints"
    width = 2.9 * len(views)
    legend_h = 0.26 * legend_rows
    title_h = 0.3 * (title.count("\n") + 1) + 0.08 if title else 0.0
    fig = Figure(figsize=(width, 6.6 + legend_h + title_h))
    top = 1 - title_h / fig.get_figheight()
    bottom = legend_h / fig.get_figheight()
    axes = {}
    for i, v in enumerate(views):
        axes[v] = fig.add_axes([i / len(views), bottom + 0.02, 1 / len(views), top - bottom - 0.03])
    if title:
        fig.suptitle(title, y=1 - 0.06 / fig.get_figheight(), va="top", fontsize=12)
    return fig, axes


def figure_svg(fig, prefix, label, key_prefix=None):
    """Deterministic SVG text of a figure, with our gids turned into classes and data attributes."""
    import matplotlib
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "triggerpoints", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = _root_defaults(svg)
    svg = _compact_patterns(_hoist_patterns(svg))
    svg = re.sub(r'<g id="tpg\|([^"]*)">', _tag_group, svg)
    svg = _define_repeated_paths(_round_paths(svg))
    svg = re.sub(r">\s+<", "><", _drop_wrappers(svg))  # indentation draws nothing
    svg = re.sub(r' transform="rotate\(-0 [^)]*\)"', "", svg)  # matplotlib's note that text is upright
    svg = svg.replace(' version="1.1"', "")  # SVG 2 has none
    if "xlink:href" not in svg:
        svg = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    svg = re.sub(r'\bid="(?!tpk-)([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = svg.replace('id="tpk-', f'id="{key_prefix or prefix}-')
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    svg = _style_classes(svg, prefix)
    svg = re.sub(r'<svg ([^>]*?)width="([\d.]+)pt" height="([\d.]+)pt"',
                 lambda m: f'<svg {m.group(1)}width="{m.group(2)}pt" height="{m.group(3)}pt" '
                           f'class="tp-map" data-tp-map="{prefix}" role="img" aria-label="{_attr(label)}"', svg, count=1)
    svg = re.sub(r"(<svg [^>]*>)", lambda m: m.group(1) + f"<title>{_text(label)}</title>", svg, count=1)
    return svg.strip()


def _hoist_patterns(svg):
    """Move hatch <pattern>s out of the groups that use them: Chromium ignores a pattern whose
    group is display:none, and the explorer hides most groups at first."""
    found = re.findall(r"<defs>\s*(<pattern .*?</pattern>)\s*</defs>", svg, flags=re.S)
    svg = re.sub(r"<defs>\s*<pattern .*?</pattern>\s*</defs>", "", svg, flags=re.S)
    return _add_defs(svg, "".join(dict.fromkeys(found)))


def _add_defs(svg, content):
    """Put definitions in the first <defs> of the SVG, outside every group a page may hide."""
    if not content:
        return svg
    top = re.search(r"<svg [^>]*>(<defs>)?", svg)
    return svg[:top.end()] + (content if top.group(1) else f"<defs>{content}</defs>") + svg[top.end():]


def _root_defaults(svg):
    """matplotlib's `*{stroke-linejoin: round; stroke-linecap: butt}` reaches every element of the
    page, the shapes behind a <use> included, where it would beat the miter joins the <use> asks
    for. The same defaults on the <svg> element are inherited instead, so the <use> wins."""
    rule = re.compile(r'\s*<defs>\s*<style type="text/css">\*\{stroke-linejoin: round; stroke-linecap: butt\}'
                      r"</style>\s*</defs>")
    if not rule.search(svg):
        return svg
    svg = rule.sub("", svg, count=1)
    return svg.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)


def _hatch_tag(hatch, colour):
    """Carried in a gid so that the SVG post-processing knows which hatch a pattern draws."""
    return f"|H:{hatch.encode().hex()}:{colour.lstrip('#')}"


def _compact_patterns(svg):
    """Swap matplotlib's hatch tiles (72 pt of lines each) for small rotated-line patterns."""
    spec = {}
    for m in re.finditer(r'<g id="tpg\|[^"]*\|H:([0-9a-f]+):([0-9a-fA-F]+)">\s*<path [^>]*?fill: url\(#([^)]+)\)', svg):
        spec[m.group(3)] = (bytes.fromhex(m.group(1)).decode(), "#" + m.group(2))

    def swap(m):
        pid = m.group(1)
        return _pattern(pid, *spec[pid]) if pid in spec else m.group(0)
    svg = re.sub(r'<pattern id="([^"]+)".*?</pattern>', swap, svg, flags=re.S)
    return re.sub(r'(<g id="tpg\|[^"]*)\|H:[^"]*"', r'\1"', svg)


def _pattern(pid, hatch, colour):
    """One SVG pattern per (hatch, colour): line spacing from the hatch's density, as matplotlib does."""
    step = f"{round(18 / max(len(hatch), 1) + 1, 2):g}"
    line = f'stroke="{colour}" stroke-width="0.9"'
    kind = hatch[0]
    if kind in "/\\|-":
        angle = {"/": 45, "\\": -45, "|": 0, "-": 90}[kind]
        body = f'<path d="M0 0V{step}" {line}/>'
    elif kind in "x+":
        angle = 45 if kind == "x" else 0
        body = f'<path d="M0 0V{step}M0 0H{step}" {line}/>'
    else:  # dots and rings read as stipple only when dense
        angle = 45
        step, centre = (4, 2) if kind == "." else (6, 3)
        r, fill = (0.85, colour) if kind == "." else (1.5, "none")
        body = f'<circle cx="{centre}" cy="{centre}" r="{r}" fill="{fill}"{" " + line if kind == "o" else ""}/>'
    turn = f' patternTransform="rotate({angle})"' if angle else ""
    return f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{step}" height="{step}"{turn}>{body}</pattern>'


def _round_paths(svg):
    """Path data to a tenth of a point (finer than any screen shows), written relative and in its
    shortest legal form: about a third of matplotlib's absolute text."""
    return re.sub(r' d="([^"]*)"', lambda m: f' d="{_relative_path(m.group(1))}"', svg)


def _relative_path(d):
    """Absolute M/L/z data -> relative m/z with implicit line-tos. Points are rounded first and
    the deltas taken between rounded points, so every vertex lands exactly where rounding put it
    (no drift). Other data (our hatch tiles, already short) is returned as it is."""
    if not re.fullmatch(r"[MLz\d.\s-]*", d):
        return d
    out, tokens = [], iter(re.findall(r"[MLz]|[-\d.]+", d))
    x = y = x0 = y0 = points = 0
    moving = False
    for token in tokens:
        if token == "z":
            if (x, y) == (x0, y0) and points > 2:
                del out[-2:]  # a line back to the start: z draws it (matplotlib writes it for outlines)
            out.append("z")
            x, y = x0, y0  # a closed subpath ends at its start
        elif token == "M":
            out.append("m")
            moving, points = True, 0
        elif token == "L":
            if out[-1:] == ["z"]:  # a line-to is implicit only after m or another line-to
                out.append("l")
        else:
            nx, ny = _tenths(token), _tenths(next(tokens))
            out += [_number(nx - x), _number(ny - y)]
            if moving:
                x0, y0, moving = nx, ny, False
            x, y, points = nx, ny, points + 1
    return _path_text(out)


def _tenths(number):
    """'104.44' -> 1044: rounded to 0.1 as Python formats it, then counted exactly in tenths."""
    return round(round(float(number), 1) * 10)


def _number(tenths):
    """A count of tenths as the shortest SVG number: 5 -> '.5', -12 -> '-1.2', 30 -> '3'."""
    whole, tenth = divmod(abs(tenths), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return ("-" if tenths < 0 else "") + (text or "0")


def _path_text(tokens):
    """Join commands and numbers, with a space only where the next number would run into the
    previous one ('1.5.5' is 1.5 then .5; '-' always starts a number)."""
    text, prev = "", ""
    for token in tokens:
        joined = prev[-1:].isalpha() or token.isalpha() or token[0] == "-" or (token[0] == "." and "." in prev)
        text += token if joined or not prev else " " + token
        prev = token
    return text


def _define_repeated_paths(svg):
    """A shape drawn more than once is defined once and <use>d: each region's outline is drawn by
    the base layer, again by every zone over it and (explorer) by its comparison marks, and the
    body outline is also its own clip. The definition has no fill, stroke or clip of its own, so
    each <use> keeps its own: the clone inherits them. Short data (hatch tiles) costs less than a
    reference and stays. vector-effect is not inherited by default: 'inherit' lets a page's CSS
    set it on a <use> (the pain finder's marked area)."""
    counts = Counter(re.findall(r'<path d="([^"]{40,})"', svg))
    ids = {d: f"s{i}" for i, d in enumerate(d for d, n in counts.items() if n > 1)}
    svg = re.sub(r'<path d="([^"]*)"', lambda m: f'<use href="#{ids[m[1]]}"' if m[1] in ids else m[0], svg)
    return _add_defs(svg, "".join(f'<path id="{i}" d="{d}" vector-effect="inherit"/>' for d, i in ids.items()))


def _style_classes(svg, scope):
    """Each distinct look (style and clip) is written once, as a class of a <style> scoped to this
    map: the shapes of a map share a few dozen looks, and matplotlib writes each one in full.
    The fonts, the same for every text, are named once for all of them."""
    scope = f'[data-tp-map="{scope}"]'
    fonts = set(re.findall(r' font-family: ([^;"]*);', svg))
    shared = ""
    if len(fonts) == 1:
        font = fonts.pop()
        svg = svg.replace(f" font-family: {font};", "")
        shared = f"{scope} text{{font-family:{font.replace(', ', ',')}}}"
    looks = {}

    def classed(m):
        tag, attrs = m.group(1), m.group(2)
        clip = re.search(r' clip-path="(url\([^)]*\))"', attrs)
        style = re.search(r' style="([^"]*)"', attrs)
        if not (clip or style):
            return m.group(0)
        look = (style.group(1) + ";" if style else "") + (f"clip-path:{clip.group(1)}" if clip else "")
        name = looks.setdefault(re.sub(r"\s*([:;,])\s*", r"\1", look).rstrip(";"), f"tp{len(looks)}")
        return f'<{tag} class="{name}"' + re.sub(r' (?:clip-path|style)="[^"]*"', "", attrs)
    svg = re.sub(r"<(path|use|text)\b([^>]*)", classed, svg)
    css = shared + "".join(f"{scope} .{name}{{{rule}}}" for rule, name in looks.items())
    return _add_defs(svg, f"<style>{css}</style>" if css else "")


def _drop_wrappers(svg):
    """matplotlib wraps every artist in a <g id="patch_3"> (figure_1, axes_1, line2d_7, ...) that
    draws nothing and that nothing refers to: drop those tags, keep what they hold."""
    referenced = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg))
    kept = []

    def tag(m):
        if m[0] == "</g>":
            return m[0] if kept.pop() else ""
        anonymous = re.fullmatch(r'<g id="(\w+_\d+)">', m[0])
        kept.append(not anonymous or anonymous[1] in referenced)
        return m[0] if kept[-1] else ""
    return re.sub(r"<g\b[^>]*>|</g>", tag, svg)


def _tag_group(match):
    kind, key, *rest = match.group(1).split("|")
    if kind == "region":
        region, view = key, rest[0]
        return (f'<g id="tpk-r-{region}" class="tp-region" data-region="{region}" data-view="{view}">')
    if kind == "zone":
        muscle, part, region, zone, view = rest
        return (f'<g id="tpk-{key}" class="tp-zone tp-{zone}" data-muscle="{muscle}" data-part="{part}" '
                f'data-region="{region}" data-zone="{zone}" data-view="{view}">')
    if kind == "point":
        muscle, part, region, view = rest
        return (f'<g id="tpk-{key}" class="tp-point" data-muscle="{muscle}" data-part="{part}" '
                f'data-region="{region}" data-view="{view}">')
    region, cmp, view = rest
    return f'<g id="tpk-{key}" class="tp-compare" data-region="{region}" data-compare="{cmp}" data-view="{view}">'


def _attr(text):
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;")


def svg_prefix(*parts):
    return "tpm" + hashlib.sha1(repr(parts).encode()).hexdigest()[:8]


# ---------------------------------------------------------------- alt text

def _label(region, kb):
    labels = dict(zip(kb.regions["id"], kb.regions["label"]))
    text = labels.get(region, region.replace("_", " "))
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def join_words(items):
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def short_name(name):
    """'Iliopsoas (psoas major, ...)' -> 'Iliopsoas', for legends and titles."""
    return name.split(" (")[0]


def _lower_first(text):
    """'Psoas major' -> 'psoas major', but 'QL deep fibres' keeps its capitals."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def selection_name(parts, kb=None, anonymous=False, short=False):
    """'Piriformis', or 'Erector spinae, iliocostalis lumborum' for some parts of one muscle."""
    kb = _kb(kb)
    if anonymous:
        return "This muscle"
    owner = part_table(kb)
    names = dict(zip(kb.muscles["id"], kb.muscles["name"]))
    muscle = owner[parts[0]][0]
    all_parts = [p for p, (m, _) in owner.items() if m == muscle]
    if sorted(all_parts) == sorted(parts) or len(all_parts) == 1:
        return short_name(names[muscle]) if short else names[muscle]
    return f"{short_name(names[muscle])}, {join_words(_lower_first(owner[p][1]) for p in parts)}"


def selection_names(parts, kb=None, anonymous=False, short=False):
    """One name per muscle among these parts, in order."""
    kb = _kb(kb)
    owner = part_table(kb)
    muscles = dict.fromkeys(owner[p][0] for p in parts)
    return [selection_name([p for p in parts if owner[p][0] == m], kb, anonymous, short) for m in muscles]


def alt_text(ids, view="both", spillover=True, anonymous=False, kb=None):
    """A sentence per muscle: its essential zone, its spillover zone, where its trigger points are."""
    kb = _kb(kb)
    parts = resolve_parts(ids, kb)
    owner = part_table(kb)
    views = VIEWS if view == "both" else (check_view(view),)
    sentences = []
    for muscle in dict.fromkeys(owner[p][0] for p in parts):
        mine = [p for p in parts if owner[p][0] == muscle]
        zones = drawn_zones([z for z in zone_records(mine, kb, spillover) if z["view"] in views])
        name = selection_name(mine, kb, anonymous)
        clauses = []
        for zone, lead in (("essential", "essential zone over the"), ("spillover", "spillover over the")):
            regions = list(dict.fromkeys(z["region"] for z in zones if z["zone"] == zone))
            if regions:
                clauses.append(f"{lead} {join_words(_label(r, kb) for r in regions)}")
        points = [t for t in point_records(mine, kb) if t["view"] in views]
        if points:
            where = join_words(dict.fromkeys(_label(t["region"], kb) for t in points))
            clauses.append(f"trigger point{'s' if len(points) > 1 else ''} (X) in the {where}")
        sentences.append(f"{name}: " + ("; ".join(clauses) if clauses else "no zone on this view") + ".")
    shown = "posterior and anterior views" if view == "both" else f"{view} view"
    return "Body map, " + shown + ". " + " ".join(sentences)


def check_view(view):
    if view not in VIEWS and view != "both":
        raise BodyMapError(f"unknown view {view!r}; use 'posterior', 'anterior' or 'both'")
    return view


# ---------------------------------------------------------------- one muscle's map

def _views_for(view):
    return VIEWS if check_view(view) == "both" else (view,)


def _legend_handles(parts, kb, spillover):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    owner = part_table(kb)
    names = dict(zip(kb.muscles["id"], kb.muscles["name"]))
    handles = []
    for muscle in dict.fromkeys(owner[p][0] for p in parts):
        c, h = muscle_colour(muscle, kb), muscle_hatch(muscle, kb)
        name = short_name(names[muscle])
        handles.append(Patch(label=f"{name}: essential zone", **_zone_style("essential", c, h)))
        if spillover:
            handles.append(Patch(label=f"{name}: spillover zone", **_zone_style("spillover", c, h)))
        handles.append(Line2D([], [], markersize=9, label=f"{name}: trigger point", **point_style(c)))
    return handles


def draw_view(ax, geo, view, zones, points, kb):
    """One view: the body, the zones and trigger points that lie on it, its caption.
    Returns the body outline, the clip for anything drawn on top."""
    body = draw_base(ax, geo)
    for z in zones:
        if z["view"] == view:
            draw_zone(ax, geo, body, z, muscle_colour(z["muscle"], kb), muscle_hatch(z["muscle"], kb))
    for t in points:
        if t["view"] == view:
            draw_point(ax, t, muscle_colour(t["muscle"], kb))
    view_caption(ax, view)
    return body


def map_figure(ids, view="both", spillover=True, anonymous=False, kb=None, title=None):
    """A matplotlib Figure of the selected muscles/parts: zones, trigger points, legend, title."""
    kb = _kb(kb)
    parts = resolve_parts(ids, kb)
    views = _views_for(view)
    geos = load_geometry()
    handles = _legend_handles(parts, kb, spillover)
    if anonymous:
        for h in handles:
            h.set_label(h.get_label().split(": ", 1)[1].capitalize())
    ncol = 1 if len(views) == 1 or max(len(h.get_label()) for h in handles) > 34 else 2
    if title is None:
        names = "This muscle" if anonymous else join_words(selection_names(parts, kb, short=True))
        title = f"{names}: referral pattern"
    title = "\n".join(textwrap.wrap(title, 32 * len(views)))  # a long title must not run off the figure
    fig, axes = new_figure(views, legend_rows=-(-len(handles) // ncol), title=title)
    zones, points = drawn_zones(zone_records(parts, kb, spillover)), point_records(parts, kb)
    for v in views:
        draw_view(axes[v], geos[v], v, zones, points, kb)
    fig.legend(handles=handles, loc="lower center", ncol=ncol, frameon=False, fontsize=8.5,
               handlelength=2.2, handleheight=1.3, borderaxespad=0.3)
    return fig


def map_svg(ids, view="both", spillover=True, anonymous=False, kb=None):
    """The SVG text of a muscle's map (see the module docstring for its structure)."""
    kb = _kb(kb)
    fig = map_figure(ids, view, spillover, anonymous, kb)
    label = alt_text(ids, view, spillover, anonymous, kb)
    prefix = svg_prefix("map", tuple(resolve_parts(ids, kb)), view, spillover, anonymous)
    svg = figure_svg(fig, prefix, label)
    return _anonymise(svg, prefix) if anonymous else svg


def _anonymise(svg, prefix):
    """Drop every trace of the muscle's name (attributes, ids) for 'whose map is this?' questions."""
    svg = re.sub(r' data-(muscle|part)="[^"]*"', "", svg)
    counter = iter(range(1, 10_000))
    return re.sub(rf'id="{prefix}-([zt])-[^"]*"', lambda m: f'id="{prefix}-{m.group(1)}-{next(counter)}"', svg)
