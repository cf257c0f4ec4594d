"""What a notebook cell returns: display objects that read the same in JupyterLab and the book.

`DualView` serves both worlds: JupyterLab shows the live widget; the book's HTML builder
prefers the `text/html` (see `nb_mime_priority_overrides` in `_config.yml`), which must be
self-contained: inline SVG and data, driven by our own small scripts in `_static/`.
`HtmlTable`, `HtmlCard` and `HtmlGroup` give deterministic, accessible HTML (a <caption>,
scoped headers, text escaped) and a one-line text summary, so nbval sees the same output on
every run.
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


class HtmlTable:
    """One table: a caption, column headings and rows of plain text (escaped on output)."""

    def __init__(self, caption, headers, rows, css="tp-table"):
        self.caption, self.headers, self.css = caption, list(headers), css
        self.rows = [[str(cell) for cell in row] for row in rows]

    def _repr_html_(self):
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in self.headers)
        body = "".join(_row_html(row) for row in self.rows)
        return (f'<table class="{self.css}"><caption>{escape(self.caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def __repr__(self):
        noun = "row" if len(self.rows) == 1 else "rows"
        return f"{self.caption} ({len(self.rows)} {noun})"


class HtmlCard:
    """A muscle card: a labelled section with a definition list and a table."""

    def __init__(self, title, facts, table):
        self.title, self.facts, self.table = title, facts, table

    def _repr_html_(self):
        items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in self.facts)
        return (f'<section class="tp-card" aria-label="{escape(self.title)}">'
                f'<p class="tp-card-title"><strong>{escape(self.title)}</strong></p>'
                f"<dl>{items}</dl>{self.table._repr_html_()}</section>")

    def __repr__(self):
        return f"{self.title}: {len(self.facts)} facts, {self.table!r}"


class HtmlGroup:
    """Several cards or tables shown one after another."""

    def __init__(self, items, text):
        self.items, self.text = list(items), text

    def _repr_html_(self):
        inner = "".join(item._repr_html_() for item in self.items)
        return f'<div class="tp-tables">{inner}</div>'

    def __repr__(self):
        return self.text


def escape(text):
    return html.escape(str(text), quote=True)


def _row_html(row):
    first, rest = row[0], row[1:]
    cells = "".join(f"<td>{escape(c)}</td>" for c in rest)
    return f'<tr><th scope="row">{escape(first)}</th>{cells}</tr>'
