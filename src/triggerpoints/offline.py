"""Sphinx extension that keeps the built book offline and quiet.

sphinx-thebe (pulled in by Jupyter Book) puts its configuration on every page twice,
which throws "THEBE_JS_URL has already been declared", and would fetch thebe from
unpkg.com. The book runs without a kernel, so thebe is dropped from every page.
"""


def _is_thebe(asset):
    text = f"{getattr(asset, 'filename', '') or ''} {asset.attributes.get('body', '')}"
    return "thebe" in text.lower()


def drop_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _is_thebe(a)]


def setup(app):
    app.connect("html-page-context", drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
