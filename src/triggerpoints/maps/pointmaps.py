"""A pattern per trigger point: one panel for each point (or named group of points) whose
referral the sources give apart, as the Manual draws QL's upper and lower points apart.

A zone whose point is ``all`` belongs to the part's points together: it is drawn in each of their
panels. Referral felt inside the body (`zoneshapes.INTERNAL`) is said in a caption line.
"""

import textwrap

from ..knowledge import loaded
from .draw import draw_view, legend_handles, new_figure
from .geometry import load_geometry, panel_key, panels, sides_for
from .patterns import muscle_patterns
from .selection import drawn_zones, point_records, resolve_parts, zone_records
from .svg import figure_svg, svg_prefix
from .zoneshapes import ALL_POINTS, INTERNAL

PANEL, TITLE, AXES = 2.9, 0.5, 5.6  # inches: a panel's width, its row's title band, its body
ROW = TITLE + AXES + 0.5             # and the view's caption under it


def point_groups(parts, kb=None):
    """[{"part", "point", "label", "zones": set of zone ids}] in the data's order: one per point a
    part's zones name, or one for the part when its zones all belong to 'all'."""
    kb = loaded(kb)
    words = dict(zip(kb.trigger_points["id"], kb.trigger_points["description"]))
    names = dict(zip(kb.parts["id"], kb.parts["name"]))
    out = []
    for part in parts:
        rows = kb.referral_zones[kb.referral_zones["part"] == part]
        shared = set(rows.loc[rows["point"] == ALL_POINTS, "id"])
        points = [p for p in dict.fromkeys(rows["point"]) if p != ALL_POINTS]
        if not points:
            out.append({"part": part, "point": ALL_POINTS, "label": f"{names[part]}: all its trigger points",
                        "zones": shared})
        for p in points:
            out.append({"part": part, "point": p, "label": f"{names[part]}: {words[p].rstrip('.')}",
                        "zones": set(rows.loc[rows["point"] == p, "id"]) | shared})
    return out


def internal_note(parts, kb=None):
    """'Also felt inside the pelvis (pubic bone, bladder, vagina or rectum): deep, not drawn on the
    skin.' for the parts that refer there, else ''."""
    kb = loaded(kb)
    rows = kb.referral_zones[kb.referral_zones["part"].isin(parts) & kb.referral_zones["region"].isin(INTERNAL)]
    if rows.empty:
        return ""
    said = dict(zip(kb.regions["id"], kb.regions["description"]))
    return " ".join(f"Also felt {said[r].split(':')[0].lower().replace('deep pain felt ', '')}"
                    f"{(' (' + said[r].split(': ', 1)[1].rstrip('.') + ')') if ': ' in said[r] else ''}: "
                    "deep, so not drawn on the skin." for r in dict.fromkeys(rows["region"]))


def _base_point(t):
    return t["id"][: -len("_lateral")] if t["view"] == "lateral" and t["id"].endswith("_lateral") else t["id"]


def point_figure(ids, spillover=True, kb=None, side="right"):
    """A Figure with one row of panels per point group: the views its zones are drawn on (its own
    view when it has none on the skin), its zones alone, its X alone."""
    kb = loaded(kb)
    parts, sides, geos = resolve_parts(ids, kb), sides_for(side), load_geometry()
    groups = point_groups(parts, kb)
    zones = zone_records(parts, kb, spillover, sides=sides)
    by_id = dict(zip(zip(kb.referral_zones["part"], kb.referral_zones["region"]), kb.referral_zones["id"]))
    points = point_records(parts, kb, sides)
    rows = []
    for g in groups:
        mine = [z for z in zones if by_id[(z["part"], z["region"])] in g["zones"]]
        pts = [t for t in points if t["part"] == g["part"] and (g["point"] == ALL_POINTS or _base_point(t) == g["point"])]
        views = [v for v in geos if any(z["view"] == v and z["region"] not in INTERNAL for z in mine)
                 or any(t["view"] == v for t in pts)] or ["posterior"]
        rows.append((g, muscle_patterns(drawn_zones(mine)), pts, panels(views[:2], sides, geos)))
    width = max(len(r[3]) for r in rows)
    handles = legend_handles(parts, kb, spillover, "pain")
    fig, axes = new_figure([f"{i}-{j}" for i in range(len(rows)) for j in range(width)],
                           legend_rows=len(handles), title=None)
    wide = max(PANEL * width, 6.2)  # room for a legend line and a title on one panel's row
    note = textwrap.wrap(internal_note(parts, kb), int(wide * 12))
    height = ROW * len(rows) + 0.27 * len(handles) + 0.25 + 0.2 * len(note)
    fig.set_size_inches(wide, height)
    for i, (g, pats, pts, figs) in enumerate(rows):
        top = 1 - i * ROW / height
        fig.text(0.02, top - 0.08 / height, "\n".join(textwrap.wrap(g["label"], int(wide * 11))), fontsize=9,
                 va="top", ha="left")
        for j in range(width):
            ax = axes[f"{i}-{j}"]
            ax.set_position([j * PANEL / wide, top - (TITLE + AXES) / height, PANEL / wide, AXES / height])
            if j >= len(figs):
                ax.remove()
                continue
            v, s, shown = figs[j]
            draw_view(ax, geos[v], v, pats, pts, kb, None, (), side=s, sides=shown)
    fig.legend(handles=handles, loc="lower center", ncol=1, frameon=False, fontsize=8.5, handlelength=2.2,
               handleheight=1.3, borderaxespad=0.3, title="\n".join(note) or None, title_fontsize=8.5)
    return fig, groups, " ".join(note)


def point_map(ids, spillover=True, kb=None, side="right"):
    """`show_map(..., per_point=True)`: the panels' SVG and their caption."""
    kb = loaded(kb)
    fig, groups, note = point_figure(ids, spillover, kb, side)
    caption = ("One panel per trigger point: " + "; ".join(g["label"] for g in groups) + "."
               + (" " + note if note else ""))
    prefix = svg_prefix("points", tuple(resolve_parts(ids, kb)), spillover, side)
    return figure_svg(fig, prefix, caption), caption
