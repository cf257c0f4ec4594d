"""Sphinx extension: small fixes to what the builders and theme put on every page.

- sphinx-thebe (pulled in by Jupyter Book) writes its configuration on every page twice,
  which throws "THEBE_JS_URL has already been declared", and would fetch thebe from
  unpkg.com. The book runs without a kernel, so thebe is dropped.
- myst-nb embeds the widget state of every executed notebook (over 1 MB on a lesson with
  an explorer). The book loads no widget JavaScript and shows each widget's static HTML
  twin instead, so the state is dead weight and is dropped.
- docutils marks bibliography entries role="doc-biblioentry", an ARIA role deprecated
  since DPUB-ARIA 1.1, inside role="list"; axe reports both. They are list items.
"""

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _unwanted(asset):
    if asset.attributes.get("type") == WIDGET_STATE:
        return True
    text = f"{getattr(asset, 'filename', '') or ''} {asset.attributes.get('body', '')}"
    return "thebe" in text.lower()


def fix_page(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _unwanted(a)]
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("html-page-context", fix_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
