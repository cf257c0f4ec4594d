"""The book's logo and favicon, drawn at build time from the course's own body map.

A back view of the body with the quadratus lumborum's essential zone: the outline and the
zone come from data/, so the logo follows the maps if their geometry changes.
"""

import io
from pathlib import Path

LOGO_MUSCLE = "quadratus_lumborum"
ALT = "Low Back Trigger Points: a back view of the body with the low back's referral zone"


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
    from matplotlib.patches import Polygon

    from ..maps.draw import BODY_EDGE, BODY_FILL, ink
    from ..maps.geometry import load_geometry
    from ..maps.selection import muscle_colour, resolve_parts, zone_records
    from ..maps.svg import figure_svg

    geo = load_geometry()["posterior"]
    fig = Figure(figsize=(width, height))
    fig.patch.set_visible(False)
    ax = fig.add_axes([0, 0, 1, 1])
    top = geo.outline[:, 1].max()
    bottom = geo.outline[:, 1].min() if lowest is None else lowest
    half = (top - bottom + 2 * margin) / 2 * width / height
    ax.set_xlim(50 - half, 50 + half)
    ax.set_ylim(bottom - margin, top + margin)
    ax.set_axis_off()
    style = dict(facecolor=BODY_FILL, edgecolor=BODY_EDGE, linewidth=0.8 if fmt == "svg" else 1.6)
    for arm in geo.arms:
        ax.add_patch(Polygon(arm, **style))
    body = ax.add_patch(Polygon(geo.outline, **style))
    colour = muscle_colour(LOGO_MUSCLE)
    for zone in zone_records(resolve_parts(LOGO_MUSCLE), spillover=False):
        if zone["view"] == "posterior":
            patch = ax.add_patch(Polygon(geo.region(zone["region"]), facecolor=colour, edgecolor=ink(colour), linewidth=0.6))
            patch.set_clip_path(body)
    if fmt == "svg":  # written like the maps: compact and deterministic
        return figure_svg(fig, "tplogo", ALT)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=64, transparent=True, metadata={"Software": None})
    return buf.getvalue()


def _write_if_changed(path, content):
    """An unchanged file keeps its time stamp, so Sphinx sees nothing new to copy."""
    if not path.is_file() or path.read_bytes() != content:
        path.write_bytes(content)
