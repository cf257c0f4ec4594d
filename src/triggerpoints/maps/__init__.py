"""Body maps: where each muscle's trigger points refer pain, drawn from the knowledge base.

- `geometry`: the body outline, landmarks and region polygons of each view (data/bodymap).
- `anatomy`: the muscle layer's shapes and bony landmarks (data/bodymap/anatomy.json), checked at load.
- `patterns`: a muscle's regions of one zone kind merged into one smooth referral shape.
- `selection`: what a selection of muscles or parts puts on a map (zones, trigger points).
- `draw`: matplotlib drawing of a view; `svg`: the figure as deterministic, compact SVG.
- `words`: muscle and region names in sentences, and the alt text of every map.
- `figure`: one map (`map_svg`, `map_figure`) and `show_map` for lessons.
- `explorer_model` and `explorer`: the referral-map explorer, its rules and both renderers;
  `comparing`: what its compare menus offer (muscles, and parts of muscles of several).

Drawing knows no widget: only `explorer` builds one, and imports ipywidgets when it does.
"""

from .explorer import explore
from .figure import MapFigure, map_figure, map_svg, show_map
from .geometry import VIEWS, BodyMapError, load_geometry
from .words import alt_text

__all__ = ["VIEWS", "BodyMapError", "MapFigure", "alt_text", "explore", "load_geometry",
           "map_figure", "map_svg", "show_map"]
