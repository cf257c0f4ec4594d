"""Screenshots of every part's referral pattern (and its per-point panels), written for review
beside the sources' descriptions: _build/screenshots/patterns/<part>.png, <part>-points.png."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb

from triggerpoints import load_knowledge_base
from triggerpoints.maps.draw import ESSENTIAL_FILL
from triggerpoints.maps.figure import map_figure
from triggerpoints.maps.pointmaps import point_figure, point_groups
from triggerpoints.paths import ROOT

OUT = ROOT / "_build" / "screenshots" / "patterns"
KB = load_knowledge_base()


def _save(fig, path):
    canvas = FigureCanvasAgg(fig)
    fig.savefig(path, dpi=70)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3] / 255.0


def _has_colour(pixels, colour, tol=0.04):
    return bool((np.abs(pixels - np.array(to_rgb(colour))).max(axis=-1) < tol).any())


@pytest.mark.parametrize("part", list(KB.part_ids))
def test_every_part_has_a_pattern_screenshot(part):
    OUT.mkdir(parents=True, exist_ok=True)
    pixels = _save(map_figure(part, view="all", kb=KB, layer="pain", anonymous=True), OUT / f"{part}.png")
    rows = KB.referral_zones[KB.referral_zones["part"] == part]
    if (rows["zone"] == "essential").any() and not (rows["provenance"] == "article").all():
        assert _has_colour(pixels, ESSENTIAL_FILL), f"{part}: no essential zone drawn"
    if len(point_groups([part], KB)) > 1:
        fig, groups, _ = point_figure(part, kb=KB)
        _save(fig, OUT / f"{part}-points.png")
        assert (OUT / f"{part}-points.png").stat().st_size > 5000
