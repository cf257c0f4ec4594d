"""The book's logo and favicon, drawn at build time from the course's own body map.

A back view of the body on its skeleton, with the quadratus lumborum and its confirmed essential
zone: outline, bones, muscle and zone come from data/, so the logo follows the maps.
"""

import io
from dataclasses import replace
from pathlib import Path

LOGO_MUSCLE = "quadratus_lumborum"
ALT = "Low Back Trigger Points: a back view of the body on its skeleton, with the low back's referral zone"
THIN = 0.6  # the maps' line widths are for a figure 200 px wide; the logo is about 53
BONE_DETAIL = 0.6  # body-map units (about 0.25 px in the sidebar): finer bone outlines draw nothing


def draw_brand(directory):
    """Write logo.svg and favicon.png into `directory`; returns their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    logo, favicon = directory / "logo.svg", directory / "favicon.png"
    _write_if_changed(logo, _figure(0.55, 1.0).encode())  # about 53 x 96 px in the sidebar
    _write_if_changed(favicon, _figure(1.0, 1.0, lowest=70, fmt="png"))  # head to thighs: legible at 16 px
    return logo, favicon


def _figure(width, height, lowest=None, fmt="svg", margin=4):
    from matplotlib.figure import Figure

    from ..maps.draw import draw_base, draw_muscle, draw_pattern
    from ..maps.figure import drawing_of
    from ..maps.geometry import load_geometry
    from ..maps.selection import muscle_colour, resolve_parts
    from ..maps.svg import figure_svg

    geo, parts = load_geometry()["posterior"], resolve_parts(LOGO_MUSCLE)
    drawing = drawing_of(parts, None, ("posterior",), spillover=False)
    layer = drawing["anatomy"]["posterior"]
    fig = Figure(figsize=(width, height))
    fig.patch.set_visible(False)
    ax = fig.add_axes([0, 0, 1, 1])
    body = draw_base(ax, geo, [_coarse(lm) for lm in layer["landmarks"].values()], hit_regions=False)
    for part in parts:
        draw_muscle(ax, body, layer["muscles"][part], LOGO_MUSCLE, muscle_colour(LOGO_MUSCLE), fibres=False)
    for pattern in drawing["patterns"]:
        if pattern["view"] == "posterior" and not pattern["article"]:  # what the sources confirm
            draw_pattern(ax, geo, pattern)
    for artist in (*ax.patches, *ax.lines):
        artist.set_linewidth(artist.get_linewidth() * THIN * (1 if fmt == "svg" else 2))
        artist.set_gid(None)  # a picture: no ids for the pages' scripts
    top = geo.outline[:, 1].max()
    bottom = geo.outline[:, 1].min() if lowest is None else lowest
    half = (top - bottom + 2 * margin) / 2 * width / height
    ax.set_xlim(50 - half, 50 + half)
    ax.set_ylim(bottom - margin, top + margin)
    if fmt == "svg":  # written like the maps: compact and deterministic
        return figure_svg(fig, "tplogo", ALT)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=64, transparent=True, metadata={"Software": None})
    return buf.getvalue()


def _coarse(landmark):
    """A bone with the detail the logo's size can show: fewer points, a lighter file on every page."""
    import numpy as np
    from shapely.geometry import LineString, Polygon
    if not landmark.draw or len(landmark.points) < 3:
        return landmark
    closed = landmark.kind == "outline"
    shape = (Polygon if closed else LineString)(landmark.points).simplify(BONE_DETAIL)
    return replace(landmark, points=np.asarray(shape.exterior.coords[:-1] if closed else shape.coords))


def _write_if_changed(path, content):
    """An unchanged file keeps its time stamp, so Sphinx sees nothing new to copy."""
    if not path.is_file() or path.read_bytes() != content:
        path.write_bytes(content)
