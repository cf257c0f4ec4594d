"""Shared fixtures: the built book, served on loopback, opened in Debian's Chromium."""

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium calls Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PAGE_BUDGET_BYTES = 1_000_000  # no page over 1 MB, its HTML plus everything it loads


@pytest.fixture(scope="session")
def book_dir():
    if not (BOOK / "index.html").is_file():
        pytest.fail(f"{BOOK} has no index.html: run `make book` first (make test does).")
    return BOOK


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def book_url(book_dir):
    handler = functools.partial(_QuietHandler, directory=str(book_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def loaded_bytes(browser, url):
    """Bytes of every response the page needs with an empty cache: what a first visit costs."""
    context = browser.new_context()
    page = context.new_page()
    sizes = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
    page.goto(url, wait_until="networkidle")
    context.close()
    return sum(sizes)


def is_foreign(url):
    """True for any request that leaves this machine (file:, data: and blob: stay local)."""
    parsed = urlparse(url)
    if parsed.scheme in {"file", "data", "blob", "about"}:
        return False
    return parsed.hostname not in LOCAL_HOSTS


class PageWatch:
    """What a page did that a reader would notice: foreign requests, errors, 404s."""

    def __init__(self, page):
        self.foreign, self.errors, self.missing = [], [], []
        page.on("request", lambda r: is_foreign(r.url) and self.foreign.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and self.missing.append(f"{r.status} {r.url}"))
        page.on("requestfailed", lambda r: not is_foreign(r.url) and self.missing.append(f"failed {r.url}"))

    def problems(self):
        return (
            [f"request to another host: {u}" for u in self.foreign]
            + [f"console error: {e}" for e in self.errors]
            + [f"missing: {m}" for m in self.missing]
        )


@pytest.fixture
def page(browser):
    """A fresh page; the test fails on any foreign request, console error or missing asset."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Block rather than wait on hosts we cannot reach; the watch still records them.
    context.route(lambda url: is_foreign(url), lambda route: route.abort())
    watch = PageWatch(page)
    page.watch = watch
    yield page
    context.close()
    problems = watch.problems()
    assert not problems, "\n".join(problems)
