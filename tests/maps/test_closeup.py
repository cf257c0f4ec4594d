"""Regional close-ups: the region that holds the muscle, large, with its skeleton and numbered
trigger points that never overlap at the drawn size; screenshots of every view and close-up are
written to _build/screenshots for a person to look at."""

from pathlib import Path

import numpy as np

from triggerpoints.maps.figure import map_figure
from triggerpoints.maps.selection import part_table

SHOTS = Path(__file__).resolve().parents[2] / "_build" / "screenshots"
MARKER_PT = 8  # draw_point's markersize


def _point_axes(fig):
    """{axes: [(x, y) in points on the page]} of every trigger point drawn."""
    out = {}
    for ax in fig.axes:
        for line in ax.lines:
            if line.get_marker() == "X":
                xy = ax.transData.transform(line.get_xydata()) * 72 / fig.dpi
                out.setdefault(ax, []).extend(map(tuple, xy))
    return out


def test_trigger_points_never_overlap_at_the_drawn_size(kb):
    """Each muscle's map: every pair of X in one panel at least a marker apart."""
    for muscle in kb.muscle_ids:
        fig = map_figure(muscle, view="all", kb=kb)
        fig.canvas.draw()
        for ax, pts in _point_axes(fig).items():
            p = np.array(pts)
            gaps = [np.hypot(*(p[i] - p[j])) for i in range(len(p)) for j in range(i + 1, len(p))]
            assert not gaps or min(gaps) >= MARKER_PT, (muscle, min(gaps))


def test_a_close_up_shows_the_region_large_and_numbers_several_points(kb):
    fig = map_figure("quadratus_lumborum", view="posterior", kb=kb)
    close, *whole = fig.axes
    assert "T10 to mid-thigh" in " ".join(t.get_text() for t in close.texts)
    (x0, x1), (y0, y1) = close.get_xlim(), close.get_ylim()
    fig.canvas.draw()

    def scale(ax):  # pixels per canvas unit
        return ax.transData.transform([0, 10])[1] - ax.transData.transform([0, 0])[1]
    assert y1 - y0 < 80 and scale(close) > 2.5 * scale(whole[0])
    numbers = sorted(t.get_text() for t in close.texts if t.get_text().isdigit())
    assert numbers == ["1", "2", "3", "4"]  # QL's four points on the back, in the data's order
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    ql = kb.trigger_points[(kb.trigger_points["part"].str.startswith("ql_")) & (kb.trigger_points["view"] == "posterior")]
    for i, words in enumerate(ql["description"], 1):
        assert any(line.startswith(f"{i} (posterior)") and words in line for line in legend), (i, words)


def test_the_thigh_muscles_get_the_thigh(kb):
    for muscle in ("hamstrings", "adductors"):
        close = map_figure(muscle, kb=kb).axes[0]
        assert "the thigh" in " ".join(t.get_text() for t in close.texts), muscle


def test_no_empty_whole_body_view(kb):
    """A muscle with nothing on the anterior view gets no anterior whole body (unless asked)."""
    fig = map_figure("piriformis", kb=kb)
    owner = part_table(kb)
    assert owner  # the table the maps use
    captions = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    drawn = {v for v in ("posterior", "anterior") if f"{v.capitalize()} view" in captions}
    has = set(kb.trigger_points[kb.trigger_points["part"] == "piriformis"]["view"]) | \
        set(kb.referral_zones[kb.referral_zones["part"] == "piriformis"]["region"].map(
            dict(zip(kb.regions["id"], kb.regions["view"]))))
    assert drawn <= has
    everything = map_figure("piriformis", closeup=False, kb=kb)
    assert len(everything.axes) == 2  # the reader's choice still works: both views, whole


def test_screenshots_of_every_view_and_close_up(kb):
    """Written for a person to look at (and kept by CI as an artifact): each muscle's close-ups
    beside its pattern, and each whole view with every muscle drawn."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for muscle in kb.muscle_ids:
        path = SHOTS / f"map-{muscle}.png"
        map_figure(muscle, view="all", kb=kb).savefig(path, dpi=80)
        assert path.stat().st_size > 10_000
    for view in ("posterior", "anterior", "lateral"):
        path = SHOTS / f"view-{view}-all-muscles.png"
        map_figure(list(kb.muscle_ids), view=view, layer="muscle", closeup=False, kb=kb).savefig(path, dpi=80)
        assert path.stat().st_size > 10_000
