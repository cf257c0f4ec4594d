"""Shared fixtures: the built book, served on loopback, opened in Debian's Chromium."""

import contextlib
import functools
import http.server
import socket
import subprocess
import sys
import threading
import time
import urllib.request
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


def bones_drawn(svg):
    """How many shapes of an SVG map are drawn in a bone's look (the skeleton's outlines and lines)."""
    import re
    from triggerpoints.maps.draw import BONE_EDGE
    looks = re.findall(r"\.(tp\d+)\{[^}]*stroke:" + BONE_EDGE, svg, flags=re.I)
    return sum(svg.count(f'class="{c}"') for c in looks)


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


@contextlib.contextmanager
def jupyter_lab(root, token="tp-test"):
    """A real JupyterLab on loopback serving `root`; yields its URL (the token is `token`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--allow-root", "--no-browser", f"--port={port}",
         f"--ServerApp.token={token}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={root}",
         "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("jupyter lab did not start within 60 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_notebook_in_lab(browser, url, name, ready, token="tp-test"):
    """Open notebook `name` in JupyterLab, run its first cell, wait for the `ready` selector."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/lab/tree/{name}?token={token}&reset")
    page.wait_for_selector(".jp-Notebook", timeout=60000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60000)
    for attempt in range(3):  # a keystroke sent while the kernel still starts can be lost
        page.locator(".jp-Cell .jp-InputArea-editor:visible").first.click()
        page.keyboard.press("Shift+Enter")
        try:
            page.wait_for_selector(ready, timeout=60000)
            return page
        except Exception:
            if attempt == 2:
                raise


@pytest.fixture(scope="module")
def kb():
    """The course's knowledge base, loaded from data/."""
    from triggerpoints import load_knowledge_base
    return load_knowledge_base()


@pytest.fixture(scope="module")
def model(kb):
    """The map explorer's model of the course (maps.explorer_model)."""
    from triggerpoints.maps.explorer_model import build_model
    return build_model(kb)
