"""Weight of each built page as Chromium loads it (HTML plus every asset, fonts included)
and of the whole site on disk."""

import functools
import http.server
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "_build" / "html"
SITE_BUDGET_MB = 30.0


def pages():
    """The pages a reader can reach: every file of the table of contents, plus search."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [f"{f}.html" for f in files] + ["genindex.html", "search.html"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve():
    handler = functools.partial(QuietHandler, directory=str(BOOK))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# The study downloads, measured on their own (bench_study): the whole-course PDF and the Anki deck.
DOWNLOADS = {"low-back-trigger-points.pdf", "low-back-trigger-points-instructor.pdf", "low-back-trigger-points.apkg"}


def run():
    from playwright.sync_api import sync_playwright

    import sys
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, PAGE_BUDGET_BYTES, loaded_bytes

    server = serve()
    base = f"http://127.0.0.1:{server.server_port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        weights = {name: loaded_bytes(browser, f"{base}/{name}") / 1e6 for name in pages()}
        browser.close()
    server.shutdown()
    heaviest = max(weights, key=weights.get)
    files = [f for f in BOOK.rglob("*") if f.is_file() and f.name not in DOWNLOADS]
    site = sum(f.stat().st_size for f in files) / 1e6
    per_page = ", ".join(f"{k} {v:.2f}" for k, v in weights.items())
    return [
        {"name": "heaviest page (HTML + everything it loads)", "value": weights[heaviest], "unit": "MB",
         "budget": PAGE_BUDGET_BYTES / 1e6, "detail": f"{heaviest}; every page in MB: {per_page}"},
        {"name": "whole site", "value": site, "unit": "MB", "budget": SITE_BUDGET_MB,
         "detail": f"{len(files)} files in _build/html, without the downloads {', '.join(sorted(DOWNLOADS))} "
                   "(the course PDF and the Anki deck: bench_study measures them against their own budgets)"},
    ]
