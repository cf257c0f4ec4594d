"""Every page of the built book, as a reader gets it: over http and from file://.

Each page must load with no request to another host, no console error, no missing
asset, no WCAG 2.1 A/AA violation found by axe-core, and no more than 1 MB to load
(HTML plus every asset, as the benchmark measures it); a screenshot of each is kept
under _build/screenshots/ for a person to look at.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
import yaml
from conftest import loaded_bytes, PAGE_BUDGET_BYTES, ROOT
from triggerpoints.book.editions import INSTRUCTOR_ONLY

BOOK = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rules we cannot satisfy, each with its reason. Keep this empty unless truly forced.
ACCEPTED_VIOLATIONS = {}


def toc_pages():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part["chapters"]:
            files.append(chapter["file"])
            files += [s["file"] for s in chapter.get("sections", [])]
    # make test builds the student edition, which leaves the instructor-only pages out
    return [f"{f}.html" for f in files if f not in INSTRUCTOR_ONLY] + ["genindex.html", "search.html"]


PAGES = toc_pages()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def parse(path):
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


@pytest.mark.parametrize("name", PAGES)
def test_internal_links_resolve(book_dir, name):
    page = book_dir / name
    assert page.is_file(), f"{name} was not built"
    broken = []
    for href in parse(page).hrefs:
        url, fragment = urldefrag(href)
        if urlparse(url).scheme or href.startswith("//") or href.startswith("mailto:"):
            continue
        target = (page.parent / unquote(url)).resolve() if url else page
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{href}: no file {target}")
        elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
            broken.append(f"{href}: no element with id {fragment!r}")
    assert not broken, f"{name}:\n" + "\n".join(broken)


@pytest.mark.parametrize("name", PAGES)
def test_ids_are_unique_and_each_figure_refers_only_to_its_own(book_dir, name):
    """Maps and charts share pages: an id defined twice, or a <use>/url(#) reaching into another
    figure, would draw one figure with another's shapes, patterns or clips."""
    text = (book_dir / name).read_text(encoding="utf-8")
    twice = sorted(i for i, n in Counter(re.findall(r'\sid="([^"]+)"', text)).items() if n > 1)
    assert not twice, f"{name}: ids defined twice: {twice[:5]}"
    for svg in re.findall(r"<svg\b.*?</svg>", text, flags=re.S):
        own = set(re.findall(r'\bid="([^"]+)"', svg))
        refs = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))
        assert refs <= own, f"{name}: {sorted(refs - own)[:5]} not defined in the same figure"


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    # preload=False: axe would re-fetch stylesheets itself (CORS errors from file://).
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"], "preload": False}
    results = Axe().run(page, options=options).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["id"] not in ACCEPTED_VIOLATIONS
    ]


def open_page(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_timeout(100)  # let our scripts wire up the widgets


@pytest.mark.parametrize("name", PAGES)
def test_page_over_http_is_offline_clean_and_accessible(page, book_url, name):
    open_page(page, f"{book_url}/{name}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / (re.sub(r"[/.]", "_", name.removesuffix(".html")) + ".png")), full_page=True)
    violations = axe_violations(page)
    assert not violations, f"{name}:\n" + "\n".join(violations)


@pytest.mark.parametrize("name", PAGES)
def test_page_from_file_is_offline_clean_and_accessible(page, book_dir, name):
    open_page(page, (book_dir / name).as_uri())
    violations = axe_violations(page)
    assert not violations, f"{name} (file://):\n" + "\n".join(violations)


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_at_most_1_mb(browser, book_url, name):
    weight = loaded_bytes(browser, f"{book_url}/{name}")
    assert weight <= PAGE_BUDGET_BYTES, f"{name} loads {weight / 1e6:.2f} MB"


@pytest.mark.parametrize("where", ["http", "file"])
def test_search_from_any_page_by_keyboard(page, book_url, book_dir, where):
    start = f"{book_url}/book/intro.html" if where == "http" else (book_dir / "book/intro.html").as_uri()
    open_page(page, start)
    page.keyboard.press("Control+k")
    page.keyboard.type("piriformis")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=piriformis")
    results = page.locator("#search-results")
    results.get_by_text("Search finished").wait_for()
    assert "Lesson 5" in results.inner_text()
