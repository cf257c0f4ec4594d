"""The whole course as one PDF, printed by Chromium from the built site.

Route: each page of the built book, in the order of `_toc.yml`, is opened in Chromium as a
reader opens it (its scripts run, so every map and widget is in its initial state) and printed
through the book's own print stylesheet (`_static/tp-print.css`); each lesson with a quiz is
followed by a page of its answers; a title page and the contents go in front. `pdfmerge` then
joins the prints, turns links between pages into links inside the PDF, makes the bookmarks
(one per page, its headings below it) and numbers the pages. Why this route: the reader gets
the pages exactly as the book draws them (the same inline SVG maps, stylesheets and fonts,
which Chromium embeds), and a page that fails to print is known by name. One print of all the
pages joined as a single HTML document was tried first: without each page's scripts the
widgets print every hidden layer (67 MB); LaTeX, Jupyter Book's other route, would need TeX
Live and redraw the maps as PNGs.

    python -m triggerpoints.book.pdf _build/html                 # student edition
    python -m triggerpoints.book.pdf _build/instructor/_build/html --edition instructor
"""

import html
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import yaml
from bs4 import BeautifulSoup

from ..paths import ROOT
from .editions import EDITIONS, INSTRUCTOR_ONLY

TITLE = "Low Back Trigger Points"
PDF_NAMES = {"student": "low-back-trigger-points.pdf", "instructor": "low-back-trigger-points-instructor.pdf"}
QUIZ_CALL = re.compile(r"""\bquiz\(\s*["'](\w+)["']""")


class BookPdfError(RuntimeError):
    """A page could not be put into the book PDF; the message names the page."""


def reading_order(toc=ROOT / "_toc.yml"):
    """Document names in the order of the table of contents, with their part captions."""
    data = yaml.safe_load(Path(toc).read_text(encoding="utf-8"))
    out = [(data["root"], None)]
    for part in data.get("parts", []):
        for i, chapter in enumerate(part["chapters"]):
            out.append((chapter["file"], part.get("caption") if i == 0 else None))
            out += [(s["file"], None) for s in chapter.get("sections", [])]
    return out


def book_pages(site, edition="student", toc=ROOT / "_toc.yml"):
    """[(docname, part caption)] of the pages this edition prints; a page the edition should
    have but the site lacks is an error naming it."""
    pages = []
    for doc, caption in reading_order(toc):
        if edition == "student" and doc in INSTRUCTOR_ONLY:
            continue
        if not (Path(site) / f"{doc}.html").is_file():
            raise BookPdfError(f"{doc}: {Path(site) / (doc + '.html')} is missing; build the book first")
        pages.append((doc, caption))
    return pages


def _styles(site):
    """The theme's and the course's stylesheets, as links from the site's root."""
    head = BeautifulSoup((Path(site) / "genindex.html").read_text(encoding="utf-8"), "html.parser")
    return "".join(str(link) for link in head.find_all("link", rel="stylesheet"))


def _document(site, body, title):
    return (f'<!DOCTYPE html><html lang="en" data-theme="light"><head><meta charset="utf-8">'
            f'<base href="{Path(site).resolve().as_uri()}/"><title>{html.escape(title)}</title>'
            f"{_styles(site)}<style>{FRONT_CSS}</style></head>"
            f'<body><main class="bd-main"><article class="bd-article">{body}</article></main></body></html>')


FRONT_CSS = """
.tp-pdf-title { text-align: center; padding-top: 28vh; break-after: page; }
.tp-pdf-title h1 { font-size: 2.4rem; }
.tp-pdf-toc ol { list-style: none; padding: 0; }
.tp-pdf-toc li { display: flex; justify-content: space-between; gap: 1rem; border-bottom: 1px dotted #8c8279; padding: 0.12rem 0; }
.tp-pdf-toc li.tp-pdf-part { font-weight: 700; border: 0; margin-top: 0.7rem; }
.tp-pdf-answers table { font-size: 0.8rem; }
"""


def front_matter(site, edition, entries, numbers=None):
    """Title page and contents; `numbers` are the printed page numbers, once known."""
    rows = []
    for i, (doc, title, caption) in enumerate(entries):
        if caption:
            rows.append(f'<li class="tp-pdf-part">{html.escape(caption)}</li>')
        href = (Path(site) / f"{doc}.html").resolve().as_uri()
        number = str(numbers[i]) if numbers else "000"
        rows.append(f'<li><a href="{href}">{html.escape(title)}</a><span>{number}</span></li>')
    kind = "Instructor edition" if edition == "instructor" else "Student edition"
    body = (f'<section class="tp-pdf-title"><h1>{TITLE}</h1><p>The trigger points of the low back '
            f"muscles: an open course for students of physiotherapy, massage therapy and sports "
            f"science.</p><p>{kind}. Course content CC BY 4.0. Educational, not a diagnosis.</p></section>"
            f'<nav class="tp-pdf-toc" aria-label="Contents"><h1>Contents</h1><ol>{"".join(rows)}</ol></nav>')
    return _document(site, body, TITLE)


def quiz_answers(site, doc):
    """A page with the answers to the quizzes a lesson notebook runs, or None."""
    from ..quizzes.answerkey import chapter_key

    notebook = ROOT / f"{doc}.ipynb"
    if not doc.startswith("notebooks/") or not notebook.is_file():
        return None
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    chapters = list(dict.fromkeys(QUIZ_CALL.findall(code)))
    if not chapters:
        return None
    tables = "".join(chapter_key(c)._repr_html_() for c in chapters)
    return _document(site, f'<section class="tp-pdf-answers"><h1>Answers to the quiz</h1>{tables}</section>',
                     "Answers to the quiz")


def page_title(site, doc):
    """The page's first heading, as the contents and the bookmarks call it."""
    soup = BeautifulSoup((Path(site) / f"{doc}.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article", class_="bd-article") or soup.find("main")
    heading = article.find(["h1", "h2"]) if article else None
    if heading is None:
        raise BookPdfError(f"{doc}: {Path(site) / (doc + '.html')} has no article with a heading to print")
    return re.sub(r"\s+", " ", heading.get_text(" ", strip=True)).strip("# ")


def _print(page, url, target, name):
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(50)        # the page's own scripts set up its widgets
        page.emulate_media(media="print")
        page.pdf(path=str(target), format="A4", print_background=True, outline=True, tagged=True,
                 margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
    except Exception as error:
        raise BookPdfError(f"{name}: Chromium could not print it: {error}") from error


def _print_numbers(page, folder, total):
    """A print of the page numbers alone, one per A4 sheet, on a transparent ground."""
    sheets = "".join(f'<div class="n"><span>{i} / {total}</span></div>' for i in range(1, total + 1))
    source = Path(folder) / "numbers.html"
    source.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page numbers</title>'
                      "<style>@page { size: A4; margin: 0 } body { margin: 0; font: 8pt 'DejaVu Sans', sans-serif; }"
                      ".n { height: 297mm; position: relative; break-after: page; overflow: hidden; }"
                      ".n span { position: absolute; bottom: 7mm; width: 100%; text-align: center; color: #333; }"
                      f"</style></head><body>{sheets}</body></html>", encoding="utf-8")
    target = Path(folder) / "numbers.pdf"
    page.goto(source.as_uri(), wait_until="load")
    page.pdf(path=str(target), format="A4", print_background=False, prefer_css_page_size=True,
             margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
    return target


def _print_html(page, folder, name, document):
    source = Path(folder) / f"{name}.html"
    source.write_text(document, encoding="utf-8")
    target = Path(folder) / f"{name}.pdf"
    _print(page, source.as_uri(), target, name)
    return target


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WORKERS = 2   # the prints are CPU-bound; two Chromium tabs keep two cores busy


def _print_jobs(jobs):
    """Prints [(name, url, target)] in one Chromium of its own (one per thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for name, url, target in jobs:
                _print(page, url, target, name)
        finally:
            browser.close()


def build_pdf(site, edition="student", out=None, workers=WORKERS):
    """Prints the edition's whole book to `out` (default: in the site); returns (path, entries)."""
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    from playwright.sync_api import sync_playwright

    from .pdfmerge import Part, merge

    if edition not in EDITIONS:
        raise ValueError(f"edition: expected one of {', '.join(EDITIONS)}, found {edition!r}")
    site = Path(site).resolve()
    out = Path(out) if out else site / PDF_NAMES[edition]
    entries = [(doc, page_title(site, doc), caption) for doc, caption in book_pages(site, edition)]
    with tempfile.TemporaryDirectory(dir=site) as tmp:
        parts, jobs = [], []
        for doc, title, caption in entries:
            target = Path(tmp) / (_slug(doc) + ".pdf")
            jobs.append((doc, (site / f"{doc}.html").as_uri(), target))
            parts.append(Part(doc, title, target))
            answers = quiz_answers(site, doc)
            if answers:
                source = Path(tmp) / f"{_slug(doc)}-answers.html"
                source.write_text(answers, encoding="utf-8")
                jobs.append((f"{doc} (quiz answers)", source.as_uri(), source.with_suffix(".pdf")))
                parts.append(Part(None, "Answers to the quiz", source.with_suffix(".pdf")))
        # Heaviest first, dealt in turn, so the tabs finish together; each raises naming its page.
        order = sorted(jobs, key=lambda job: -Path(unquote(job[1].removeprefix("file://"))).stat().st_size)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_print_jobs, [order[i::workers] for i in range(workers)]))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                draft = _print_html(page, tmp, "front-draft", front_matter(site, edition, entries))
                layout = merge(site, draft, parts, None)
                front = _print_html(page, tmp, "front", front_matter(site, edition, entries, layout.starts))
                numbers = _print_numbers(page, tmp, layout.pages)
            finally:
                browser.close()
        merge(site, front, parts, out, numbers)
    return out, entries


def _slug(doc):
    return re.sub(r"[^a-z0-9]+", "-", doc.lower()).strip("-")


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) not in (1, 3) or (len(args) == 3 and args[1] != "--edition"):
        sys.exit("usage: python -m triggerpoints.book.pdf SITE_DIR [--edition student|instructor]")
    try:
        path, entries = build_pdf(args[0], args[2] if len(args) == 3 else "student")
    except BookPdfError as error:
        sys.exit(f"book PDF: {error}")
    print(f"{path}: {len(entries)} pages of the book, {path.stat().st_size / 1e6:.1f} MB")
