"""Sphinx extension: small fixes to what the builders and theme put on every page.

- sphinx-thebe (pulled in by Jupyter Book) writes its configuration on every page twice,
  which throws "THEBE_JS_URL has already been declared", and would fetch thebe from
  unpkg.com. The book runs without a kernel, so thebe is dropped.
- myst-nb embeds the widget state of every executed notebook (over 1 MB on a lesson with
  an explorer). The book loads no widget JavaScript and shows each widget's static HTML
  twin instead, so the state is dead weight and is dropped.
- The theme loads FontAwesome's SVG-icon script (1.4 MB) on every page, although its own
  stylesheet already draws the same icons from a 156 KB web font. The script is removed.
- The theme's stylesheets and icon font are cut to what the site uses (see `purge`).
- It also loads the search index and tools (120 KB) on every page for search-as-you-type,
  which is off: the search box sends the reader to search.html, which loads them itself.
- sphinx-design's stylesheet and tab script (60 KB) are loaded on every page; a page that
  uses none of its components (no "sd-" class in its body) goes without them. So do the pain
  finder's, the flashcards', the lesson choice's and the compare box's own files (`OWN_TOOLS`).
- The logo and favicon are drawn from the course's body map at each build (see `brand`).
- The printable handouts (see `handouts`) are written into the site, and each lesson page
  gets a box linking its own.
- The edition (TP_EDITION, see `editions`): the student edition leaves out the answer key
  and the results review.
- Code cells that only import are folded away (see `folding`).
- A page with an explorer gets the facts of its compare box (see `apart`).
- docutils marks bibliography entries role="doc-biblioentry", an ARIA role deprecated
  since DPUB-ARIA 1.1, inside role="list"; axe reports both. They are list items.
"""

import re
from pathlib import Path

from .apart import LESSON, apart_script
from .brand import draw_brand
from .editions import apply_edition, drop_stale_pages
from .folding import setup_folding
from .handouts import setup_handouts
from .purge import purge_site

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
FONTAWESOME = re.compile(r'\s*<script[^>]*src="[^"]*scripts/fontawesome\.js[^"]*"[^>]*></script>')
SEARCH = re.compile(r'\s*<script[^>]*src="[^"]*(?:searchtools|language_data|searchindex)\.js[^"]*"[^>]*></script>')


def _unwanted(asset):
    if asset.attributes.get("type") == WIDGET_STATE:
        return True
    text = f"{getattr(asset, 'filename', '') or ''} {asset.attributes.get('body', '')}"
    return "thebe" in text.lower()


def _sphinx_design(asset):
    name = getattr(asset, "filename", "") or ""
    return "sphinx-design" in name or "design-tabs" in name


# Jupyter Book puts every file of _static/ on every page; these of ours go only on the pages that
# use them (file name prefix: the mark their tool leaves in the page).
OWN_TOOLS = {"tp-finder": "data-tp-finder", "tp-cards": "data-tp-cards", "tp-compare": "data-tp-explorer",
             "tp-lessons": 'class="tp-lessons"'}


def _unused_tool(asset, body):
    name = (getattr(asset, "filename", "") or "").rsplit("/", 1)[-1]
    return any(name.startswith(prefix) and mark not in body for prefix, mark in OWN_TOOLS.items())


def fix_page(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    no_design = "sd-" not in body
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key]
                            if not (_unwanted(a) or no_design and _sphinx_design(a) or _unused_tool(a, body))]
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
        if "data-tp-explorer" in context["body"]:  # the compare box's facts (`apart`)
            context["body"] += apart_script(None, app.builder.get_relative_uri(pagename, LESSON))


def lighten_site(app, exception):
    """Takes out of the pages the script tags the theme template writes itself, then cuts the
    theme's stylesheets and fonts to what the pages use."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lighter = FONTAWESOME.sub("", text)
        if page != out / "search.html":
            lighter = SEARCH.sub("", lighter)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")
    for leftover in (out / "_static" / "scripts").glob("fontawesome.js*"):
        leftover.unlink()
    purge_site(out)


def add_brand(app, config):
    """The logo and favicon, drawn beside the built site (Sphinx copies them into _static)."""
    logo, favicon = draw_brand(Path(app.outdir).parent / "brand")
    config.html_logo, config.html_favicon = str(logo), str(favicon)
    # The theme drops the book's title when there is a logo; keep the title beside it.
    options = dict(config.html_theme_options or {})
    options["logo"] = {**options.get("logo", {}), "text": config.html_title}
    config.html_theme_options = options


def setup(app):
    app.connect("config-inited", apply_edition, priority=950)
    app.connect("build-finished", drop_stale_pages)
    app.connect("config-inited", add_brand)
    app.connect("html-page-context", fix_page, priority=900)
    app.connect("build-finished", lighten_site)
    setup_handouts(app)  # PDFs in the site, a link box on each lesson, the handouts page
    setup_folding(app)   # cells that only import are folded away
    return {"parallel_read_safe": True, "parallel_write_safe": True}
