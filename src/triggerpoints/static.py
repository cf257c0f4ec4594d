"""What the static book needs: one display object that serves both worlds.

JupyterLab shows the live widget; the book's HTML builder prefers the `text/html`
(see `nb_mime_priority_overrides` in `_config.yml`), which must be self-contained:
inline SVG and data, driven by our own small scripts in `_static/`.
"""

import html
import json


class DualView:
    """A cell output carrying a live ipywidget and its static HTML twin."""

    def __init__(self, widget, static_html, text):
        self.widget = widget
        self.static_html = static_html
        self.text = text

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {}
        if self.widget is not None:
            bundle.update(self.widget._repr_mimebundle_() or {})
        bundle["text/html"] = self.static_html
        bundle["text/plain"] = self.text
        return bundle


def json_script(data, element_id=None, **attributes):
    """Embed data in a page as an inert JSON block that our scripts read."""
    payload = json.dumps(data, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    attrs = "".join(f' {k.replace("_", "-")}="{html.escape(str(v))}"' for k, v in attributes.items())
    ident = f' id="{html.escape(element_id)}"' if element_id else ""
    return f'<script type="application/json"{ident}{attrs}>{payload}</script>'
