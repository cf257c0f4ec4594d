"""The handouts in the book: PDFs written into the built site, a link box on each lesson page,
and the list on the handouts page (the `handout-list` directive).

The edition comes from `editions.edition()` (TP_EDITION: `student` by default, `instructor`);
instructor-only handouts are neither written nor listed in the student edition.
"""

import html
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..handouts import PAPER_NAMES, PAPERS, build_handouts, catalogue, handouts_for_page
from ..handouts.catalogue import INDEX_PAGE
from .editions import edition

OUT_DIR = "handouts"


def write_handouts(app, exception):
    """After a successful HTML build: every handout of the edition, in every paper size."""
    if exception is None and app.builder.format == "html":
        build_handouts(Path(app.outdir) / OUT_DIR, edition())


def _link_text(handout):
    if handout.kind == "muscle":
        return f"Download the one-page handout (PDF): {handout.title.split(':')[0]}"
    return f"Download the {handout.title[0].lower()}{handout.title[1:]} (PDF)"


def _links(handout, pathto):
    first, *others = PAPERS
    url = html.escape(pathto(f"{OUT_DIR}/{handout.filename(first)}", 1))
    more = ", ".join(f'<a href="{html.escape(pathto(f"{OUT_DIR}/{handout.filename(p)}", 1))}">{PAPER_NAMES[p]}</a>'
                     for p in others)
    return (f'<li><a href="{url}">{html.escape(_link_text(handout))}</a>, {PAPER_NAMES[first]}'
            + (f" (also {more})" if more else "") + "</li>")


def link_box(pagename, pathto):
    """The 'Print' box of a lesson page: its handouts and the page listing them all."""
    items = "".join(_links(h, pathto) for h in handouts_for_page(pagename))
    index = html.escape(pathto(INDEX_PAGE))
    return (f'<div class="admonition tip tp-handouts"><p class="admonition-title">Print</p>'
            f'<ul class="simple">{items}<li><a href="{index}">All printable handouts</a></li></ul></div>')


def add_links(app, pagename, templatename, context, doctree):
    """Put the box under the title of every lesson page."""
    body = context.get("body", "")
    if pagename.startswith("notebooks/") and "</h1>" in body:
        head, tail = body.split("</h1>", 1)
        context["body"] = f"{head}</h1>{link_box(pagename, context['pathto'])}{tail}"


class HandoutList(SphinxDirective):
    """```{handout-list}```: every handout of the edition, with a link per paper size."""

    def run(self):
        up = "../" * self.env.docname.count("/")
        rows = []
        for h in catalogue(edition()):
            links = ", ".join(f'<a href="{up}{OUT_DIR}/{h.filename(p)}">{PAPER_NAMES[p]}</a>' for p in PAPERS)
            badge = " <em>(instructor edition)</em>" if h.edition == "instructor" else ""
            rows.append(f"<li><strong>{html.escape(h.title)}</strong>{badge}: {html.escape(h.description)} "
                        f"PDF: {links}.</li>")
        return [nodes.raw("", f'<ul class="tp-handout-list">{"".join(rows)}</ul>', format="html")]


def always_reread(app, env, added, changed, removed):
    """The list depends on TP_EDITION, which Sphinx does not track: read the page every build."""
    return [INDEX_PAGE] if INDEX_PAGE in env.found_docs else []


def setup_handouts(app):
    app.add_directive("handout-list", HandoutList)
    app.connect("env-get-outdated", always_reread)
    app.connect("html-page-context", add_links)
    app.connect("build-finished", write_handouts)
