"""Drawing a body view with matplotlib: the figure, its regions, zones, trigger points, legend.

The steps (``new_figure``, ``draw_view``, ``draw_compare``) are shared by the maps, the explorer
and the pain finder. Each artist carries a ``tpg|...`` gid that ``svg.figure_svg`` turns into
the ids, classes and data attributes the pages rely on. Nothing here knows of widgets.
"""

from .anatomy import on_side
from .geometry import mirror, panel_key
from .patterns import pattern_shape, shape_path
from .selection import compare_key, muscle_colour, muscle_hatch, part_table, side_key
from .svg import hatch_tag
from .words import short_name

# Compare mode: each compared muscle in its own colour with its own hatch direction, the regions
# both reach in black cross-hatch, so colour is never the only cue.
COMPARE_HATCH = {"first": "////", "second": "\\\\\\\\", "both": "xxx"}
COMPARE_BOTH_INK = "#000000"
BODY_FILL, BODY_EDGE, REGION_EDGE, LANDMARK = "#f4efe9", "#4a4a4a", "#c9c0b6", "#8c8279"
BONE_FILL, BONE_EDGE = "#e8dfd3", "#a39686"  # bony landmarks: light, under everything but the body
LAYERS = ("both", "pain", "muscle")  # what a map shows: the pain pattern, the muscle, or both
SKELETON_DRAWS = {"iliac_crest", "sacrum", "spine", "kneecap"}  # geometry.json's lines the skeleton replaces


def where(view, side):
    """The view and side a gid carries ('posterior/left'); `svg` makes data-view and data-side of it."""
    return f"{view}/{side}"


def draw_base(ax, geo, landmarks=(), region_edges=False, sides=("right",), hit_regions=True):
    """Figure, landmarks (geometry lines; bony landmarks, lightly, on both halves of a front or
    back figure) and every region (transparent, clickable) of one figure, on each of `sides`.
    A region's faint edge is drawn only where regions are what the reader picks (the pain finder):
    elsewhere it would show as seams inside the shapes. `geo`: the figure's geometry, already
    mirrored for a left lateral figure."""
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
    body = ax.add_patch(Polygon(geo.outline, zorder=2, gid=f"tpg|body|{where(geo.name, geo.side)}", **body_style))
    for name, xy in geo.lines.items():
        if landmarks and name in SKELETON_DRAWS:
            continue  # the skeleton draws this bone itself, at its own proportions
        for half in ((xy, mirror(xy)) if geo.symmetric else (xy,)):
            ax.plot(half[:, 0], half[:, 1], color=LANDMARK, lw=0.7, zorder=7, solid_capstyle="round", clip_on=False,
                    dashes=(3, 2) if name in ("spine", "midline") else (None, None))
    for side in (sides if geo.symmetric else (geo.side,)) if hit_regions else ():
        for rid, xy in geo.on(side).regions.items():
            key = side_key(f"r-{rid}" + ("" if geo.symmetric else f"-{geo.name}"), side)  # ids unique on a page
            p = ax.add_patch(Polygon(xy, facecolor=(1, 1, 1, 0), edgecolor=REGION_EDGE if region_edges else "none",
                                     linewidth=0.45, zorder=3, gid=f"tpg|region|{key}|{rid}|{where(geo.name, side)}"))
            p.set_clip_path(body)
    for lm in landmarks:
        if lm.draw:
            draw_landmark(ax, lm, geo.symmetric)
    return body


def draw_landmark(ax, lm, both_halves=True):
    """A bone of the skeleton, drawn lightly as in an anatomy plate (on both halves of a front or
    back figure, once if it straddles the midline): an outline (femur, vertebra) or a line."""
    from matplotlib.patches import Polygon
    for xy in ((lm.points, mirror(lm.points)) if both_halves and not lm.midline else (lm.points,)):
        if lm.kind == "outline":
            ax.add_patch(Polygon(xy, facecolor=BONE_FILL, edgecolor=BONE_EDGE, linewidth=0.5, zorder=2.5,
                                 clip_on=False))
        else:
            ax.plot(xy[:, 0], xy[:, 1], color=BONE_EDGE, lw=0.9, zorder=2.5, solid_capstyle="round",
                    clip_on=False)


def muscle_style(colour, deep):
    """A superficial muscle: a light wash of its colour inside a solid outline in its ink; a deep
    one: a dashed outline around a fainter wash."""
    from matplotlib.colors import to_rgba
    edge = ink(colour, ratio=4.5)  # darker than a zone's edge, so the muscle reads on its own pattern
    if deep:
        return dict(facecolor=to_rgba(colour, 0.15), edgecolor=edge, linewidth=1.4, linestyle=(0, (2.4, 1.4)))
    return dict(facecolor=to_rgba(colour, 0.35), edgecolor=edge, linewidth=1.4)


def draw_muscle(ax, body, shape, muscle, colour, side="right", fibres=True):
    """A muscle (or part) on one view, keyed m-<part>-<view>. Drawn over the pain zones (under the
    trigger points): the wash is light enough that a zone shows through it, and the muscle darkens
    its own part of the pattern as in the classic maps; a deep part goes under a superficial one."""
    from matplotlib.patches import Polygon
    depth = "deep" if shape.deep else "superficial"
    key = side_key(f"m-{shape.part}-{shape.view}", side)
    gid = f"tpg|muscle|{key}|{muscle}|{shape.part}|{where(shape.view, side)}|{depth}"
    z = 5.4 if shape.deep else 5.6
    p = ax.add_patch(Polygon(shape.outline, zorder=z, gid=gid, **muscle_style(colour, shape.deep)))
    p.set_clip_path(body)
    if shape.fibres and fibres:  # striation: the fibres' direction, one light path for the whole muscle
        from matplotlib.collections import LineCollection
        ax.add_collection(LineCollection(shape.fibres, colors=ink(colour, ratio=4.5), linewidths=0.35,
                                         alpha=0.45 if shape.deep else 0.6, zorder=z + 0.05))


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


# One visual code for every referral pattern, as the Manual draws it: one ink, solid where the
# pain is essential, stipple where it spills over, a bold X with a light halo for each trigger
# point; a zone only the course article gives is a grey dashed outline, under the classic pattern.
ZONE_INK, ESSENTIAL_FILL, STIPPLE = "#A4161A", "#D1495B", "...."
ARTICLE_INK, POINT_INK, HALO = "#6B6B6B", "#000000", "#FFFFFF"


def _zone_style(zone, colour=None, hatch=None, article=False):
    """Essential: solid fill; spillover: stipple; article only: a grey dashed outline. The same
    for every muscle, unless a figure that overlays several muscles at once (the pain finder)
    passes each muscle's `colour` and `hatch`: then its ink, solid and its own hatch."""
    if article:
        return dict(facecolor="none", edgecolor=ARTICLE_INK, linewidth=1.3, linestyle=(0, (3.5, 2.2)))
    if colour is not None:
        from matplotlib.colors import to_rgba
        if zone == "essential":
            return dict(facecolor=to_rgba(colour, 0.62), edgecolor=ink(colour), linewidth=0.9)
        return dict(facecolor="none", edgecolor=ink(colour), hatchcolor=ink(colour), hatch=hatch, linewidth=0.9,
                    linestyle=(0, (3, 1.5)))
    if zone == "essential":
        return dict(facecolor=ESSENTIAL_FILL, edgecolor=ZONE_INK, linewidth=0.8)
    # No face: in SVG a face's opacity would fade the stipple with it.
    return dict(facecolor="none", edgecolor=ZONE_INK, hatchcolor=ZONE_INK, hatch=STIPPLE, linewidth=0.5,
                linestyle=(0, (1, 2.5)))


def draw_pattern(ax, geo, pat, colour=None, hatch=None):
    """A referral shape (`patterns`): the union of its zones' drawn shapes, inside the body
    outline; essential solid, spillover stipple, article-only a grey dashed outline beneath."""
    from matplotlib.patches import PathPatch
    shape = pattern_shape(geo, pat)
    if shape.is_empty:
        return
    article = pat.get("article", False)
    gid = (f"tpg|zone|{pat['key']}|{pat['muscle']}|{pat['part']}|{' '.join(pat['regions'])}|"
           f"{pat['zone']}|{where(pat['view'], pat.get('side', 'right'))}|{'article' if article else 'classic'}")
    if pat["zone"] == "spillover" and not article:
        gid += hatch_tag(STIPPLE, ZONE_INK) if colour is None else hatch_tag(hatch, ink(colour))
    ax.add_patch(PathPatch(shape_path(shape), zorder=3.9 if article else 5 if pat["zone"] == "essential" else 4,
                           gid=gid, **_zone_style(pat["zone"], colour, hatch, article)))


def point_style(colour=None):
    """The trigger point: a bold X in one neutral ink with a light halo, readable on any fill."""
    from matplotlib import patheffects
    return dict(marker="X", color=POINT_INK, markeredgecolor=POINT_INK, markeredgewidth=0.6, linestyle="none",
                path_effects=[patheffects.withStroke(linewidth=3.2, foreground=HALO)])


def draw_point(ax, t, colour=None):
    gid = f"tpg|point|{t['key']}|{t['muscle']}|{t['part']}|{t['region']}|{where(t['view'], t.get('side', 'right'))}"
    ax.plot([t["x"]], [t["y"]], markersize=9, zorder=9, gid=gid, clip_on=False, **point_style(colour))


def draw_compare(ax, geo, body, region, kind, view, muscle=None, colour=None, side="right"):
    """A comparison mark over a region on one side: the muscle's ink in its role's hatch, or black
    cross-hatch where both compared muscles reach."""
    from matplotlib.patches import Polygon
    face, hatch = (COMPARE_BOTH_INK if kind == "both" else ink(colour)), COMPARE_HATCH[kind]
    key = side_key(compare_key(region, kind, muscle) + ("" if geo.symmetric else f"-{view}"), side)
    gid = f"tpg|compare|{key}|{region}|{kind}|{where(view, side)}|{muscle or ''}"
    p = ax.add_patch(Polygon(geo.on(side).region(region), facecolor="none", edgecolor=face,
                             hatchcolor=face, hatch=hatch, linewidth=1.6 if kind == "both" else 1.1,
                             zorder=6, gid=gid + hatch_tag(hatch, face)))
    p.set_clip_path(body)


def view_caption(ax, view, side="right", frame=""):
    """'Posterior view' with the patient's Left and Right at its feet; 'Lateral view, right side'
    with Back and Front (the patient faces the reader's right on the right side)."""
    if view == "lateral":
        title, ends = f"Lateral view, {side} side", ("Back", "Front") if side == "right" else ("Front", "Back")
    else:
        title, ends = f"{view.capitalize()} view", ("Left", "Right") if view == "posterior" else ("Right", "Left")
    if frame:
        title += f" ({frame})"
    inches = ax.get_position().width * ax.figure.get_figwidth()
    size = 10 if inches > 1.9 else 8 if inches > 1.45 else 7  # narrow figures (handouts) keep captions apart
    ax.text(0.5, 0.002, title, ha="center", va="top", fontsize=size, color="#222222", transform=ax.transAxes)
    ax.text(0.053, 0.039, ends[0], ha="left", va="bottom", fontsize=7.5, color="#555555", transform=ax.transAxes)
    ax.text(0.947, 0.039, ends[1], ha="right", va="bottom", fontsize=7.5, color="#555555", transform=ax.transAxes)


def new_figure(views, legend_rows=0, title=None, widths=None):
    """A figure with one axes per entry of `views` (panel keys: 'posterior', 'lateral-left'...);
    widths: each panel's width in whole-body panels (a close-up is wider), 1 each by default."""
    import matplotlib
    from matplotlib.figure import Figure
    matplotlib.rcParams["svg.hashsalt"] = "triggerpoints"
    widths = list(widths or [1.0] * len(views))
    width = 2.9 * sum(widths)
    legend_h = 0.26 * legend_rows
    title_h = 0.3 * (title.count("\n") + 1) + 0.08 if title else 0.0
    fig = Figure(figsize=(width, 6.6 + legend_h + title_h))
    top = 1 - title_h / fig.get_figheight()
    bottom = legend_h / fig.get_figheight()
    axes = {}
    left = 0.0
    for v, w in zip(views, widths):
        axes[v] = fig.add_axes([left / sum(widths), bottom + 0.02, w / sum(widths), top - bottom - 0.03])
        left += w
    if title:
        fig.suptitle(title, y=1 - 0.06 / fig.get_figheight(), va="top", fontsize=12)
    return fig, axes


ARTICLE_LEGEND = "Unconfirmed zone: only the course's source article or pages we do not count as sources give it (grey dashed outline)"
PATTERN_LEGEND = ("Essential zone: where the pain is felt (solid)", "Spillover zone: where it may spread (stipple)",
                  "Trigger point (X)")


def legend_handles(parts, kb, spillover, layer="both", deep=(), article=False):
    """The one legend of every map: the pattern's code (pain layer), the muscle of each muscle
    shown and, for deep parts, its dashed outline (muscle layer), then the article-only style."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    owner = part_table(kb)
    names = dict(zip(kb.muscles["id"], kb.muscles["name"]))
    handles = []
    if layer != "muscle":
        handles.append(Patch(label=PATTERN_LEGEND[0], **_zone_style("essential")))
        if spillover:
            handles.append(Patch(label=PATTERN_LEGEND[1], **_zone_style("spillover")))
    handles.append(Line2D([], [], markersize=9, label=PATTERN_LEGEND[2], **point_style()))
    if layer != "pain":
        for muscle in dict.fromkeys(owner[p][0] for p in parts):
            c, name = muscle_colour(muscle, kb), short_name(names[muscle])
            mine = [p for p in parts if owner[p][0] == muscle]
            if any(p not in deep for p in mine):
                handles.append(Patch(label=f"{name}: the muscle", **muscle_style(c, False)))
            if any(p in deep for p in mine):
                handles.append(Patch(label=f"{name}: deep muscle (dashed)", **muscle_style(c, True)))
    if article and layer != "muscle":
        handles.append(Patch(label=ARTICLE_LEGEND, **_zone_style("essential", article=True)))
    return handles


def _overlaps(artist, frame):
    """Whether an artist's data bounds meet a close-up's frame (a collection: always)."""
    import numpy as np
    xy = artist.get_xy() if hasattr(artist, "get_xy") else artist.get_xydata() if hasattr(artist, "get_xydata") else None
    if xy is None or not len(xy):
        return True
    xy = np.asarray(xy)
    return (xy[:, 0].max() >= frame.xlim[0] and xy[:, 0].min() <= frame.xlim[1]
            and xy[:, 1].max() >= frame.ylim[0] and xy[:, 1].min() <= frame.ylim[1])


def draw_view(ax, geo, view, patterns, points, kb, anatomy=None, muscles=(), region_edges=False,
              side="right", sides=("right",), hit_regions=True, frame=None, muscle_inks=False,
              skeleton=True):
    """One figure of a view: the body, its bony landmarks, the muscle shapes of these parts, the
    referral shapes (`patterns` records) and trigger points that lie on it on each of `sides`, its
    caption. anatomy: the view's muscle layer (`anatomy`), on the right; side: the figure's own
    side (the lateral view draws one figure per side, `geometry.panels`); frame: a close-up
    (`closeup.Frame`): the view cropped to it, each trigger point numbered in the data's order;
    skeleton: draw the bones (a whole body beside a close-up leaves them to the close-up: page weight).
    muscle_inks: each muscle's zones in its own ink, for a figure overlaying several (the finder).
    Returns the body outline, the clip for anything drawn on top."""
    anatomy = anatomy or {"muscles": {}, "landmarks": {}}
    sides = sides if geo.symmetric else (side,)
    bones = on_side(anatomy, side)["landmarks"].values() if skeleton else ()
    body = draw_base(ax, geo.on(side), bones, region_edges, sides, hit_regions and not frame)
    owner = part_table(kb)
    for s in sides:
        shapes = on_side(anatomy, s)["muscles"]
        for part in muscles:
            if part in shapes:
                muscle = owner[part][0]
                draw_muscle(ax, body, shapes[part], muscle, muscle_colour(muscle, kb), s, fibres=skeleton)
    for pat in patterns:
        if pat["view"] == view and pat.get("side", "right") in sides:
            own = (muscle_colour(pat["muscle"], kb), muscle_hatch(pat["muscle"], kb)) if muscle_inks else ()
            draw_pattern(ax, geo.on(pat.get("side", "right")), pat, *own)
    shown = [t for t in points if t["view"] == view and t.get("side", "right") in sides]
    for t in shown:
        draw_point(ax, t, muscle_colour(t["muscle"], kb))
    if frame:
        ax.set_xlim(*frame.xlim)
        ax.set_ylim(*frame.ylim)
        for a in (*ax.patches, *ax.lines, *ax.collections):  # drawn unclipped for whole bodies: crop them
            if not _overlaps(a, frame):
                a.remove()  # wholly outside: it would leave an empty path behind
                continue
            a.set_clip_on(True)
            a.set_clip_box(ax.bbox)
            a.set_gid(None)  # a picture: the ids and data the pages use stay with the whole-body views
        for t in shown:
            if t.get("number"):
                ax.annotate(str(t["number"]), (t["x"], t["y"]), xytext=(6, 4), textcoords="offset points",
                            fontsize=8, fontweight="bold", color="#111111", zorder=9.5,
                            bbox=dict(boxstyle="round,pad=0.12", fc="#FFFFFF", ec="none", alpha=0.85))
    view_caption(ax, view, side, frame.label if frame else "")
    return body
