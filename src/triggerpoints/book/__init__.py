"""What the static book needs at build time: the Sphinx extension and the stylesheet purge.

- `extension`: drops what the book never runs (thebe, widget state, FontAwesome's script, the
  search tools on every page), fixes ARIA roles, and calls the purge when the build ends.
- `handouts`: writes the printable PDFs into the site, links them from each lesson page and
  lists them on the handouts page (the `handout-list` directive).
- `apart`: the facts that tell two compared muscles apart, for the explorer's compare box.
- `purge`: cuts the theme's stylesheets to the rules an element can match and its icon font
  to the glyphs drawn.

Named in `_config.yml` as the Sphinx extension `triggerpoints.book`. It knows no widget.
"""

from .extension import setup

__all__ = ["setup"]
