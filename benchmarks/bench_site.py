"""Weight of each built page (its HTML plus every asset it loads) and of the whole site."""

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

BOOK = Path(__file__).resolve().parents[1] / "_build" / "html"
ASSET = re.compile(r"<(?:script|img|link)\b[^>]*?\b(?:src|href)\s*=\s*[\"']([^\"'#?]+)", re.I)
PAGE_BUDGET_MB = 1.0
SITE_BUDGET_MB = 30.0


def assets(page):
    """Local files the page loads (links to other pages are not loaded, so not counted)."""
    found = set()
    for ref in ASSET.findall(page.read_text(encoding="utf-8", errors="replace")):
        if urlparse(ref).scheme or ref.endswith(".html"):
            continue
        path = (page.parent / unquote(ref)).resolve()
        if path.is_file():
            found.add(path)
    return found


def page_weight(page):
    return page.stat().st_size + sum(a.stat().st_size for a in assets(page))


def run():
    pages = sorted(BOOK.rglob("*.html"))
    if not pages:
        raise SystemExit(f"{BOOK} is empty: run make book first")
    weights = {p.relative_to(BOOK).as_posix(): page_weight(p) / 1e6 for p in pages}
    heaviest = max(weights, key=weights.get)
    site = sum(f.stat().st_size for f in BOOK.rglob("*") if f.is_file()) / 1e6
    per_page = ", ".join(f"{k} {v:.2f}" for k, v in sorted(weights.items()))
    return [
        {"name": "heaviest page (HTML + assets)", "value": weights[heaviest], "unit": "MB",
         "budget": PAGE_BUDGET_MB, "detail": f"{heaviest}; every page in MB: {per_page}"},
        {"name": "whole site", "value": site, "unit": "MB", "budget": SITE_BUDGET_MB,
         "detail": f"{sum(1 for _ in BOOK.rglob('*') if _.is_file())} files in _build/html"},
    ]
