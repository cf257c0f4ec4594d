"""No page of the built book may load anything from another host."""

import re

import pytest

# Attributes that make the browser fetch (an <a href> is only a link a reader may follow).
FETCHING = re.compile(
    r"<(?P<tag>script|link|img|iframe|source|video|audio|embed|object|image|use|input)\b"
    r"[^>]*?\b(?P<attr>src|href|data|srcset|xlink:href|poster)\s*=\s*[\"'](?P<url>[^\"']*)",
    re.I,
)
CSS_URL = re.compile(r"(?:@import\s+(?:url\()?|url\()\s*[\"']?(?P<url>[^\"')\s]+)", re.I)
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
LOCAL = re.compile(r"^\s*(?:https?:)?//(?:127\.0\.0\.1|localhost)(?::\d+)?/", re.I)


def remote(url):
    return bool(REMOTE.match(url)) and not LOCAL.match(url)


def foreign_references(text, css_only=False):
    found = [] if css_only else [
        f"<{m['tag']} {m['attr']}={m['url']}>" for m in FETCHING.finditer(text) if remote(m["url"])
    ]
    found += [f"url({m['url']})" for m in CSS_URL.finditer(text) if remote(m["url"])]
    return found


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdn.jsdelivr.net/npm/require.js"></script>',
        "<link rel='stylesheet' href='//fonts.googleapis.com/css?family=Lato'>",
        '<img alt="" src="http://example.org/x.png">',
        "<style>@import url(https://fonts.example/f.css);</style>",
        "<style>@font-face{src:url('https://fonts.gstatic.com/a.woff2')}</style>",
    ],
)
def test_the_scan_catches_foreign_assets(snippet):
    assert foreign_references(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<a href="https://doi.org/10.2519/jospt.2020.9971">doi</a>',
        '<script src="../_static/tp-explorer.js"></script>',
        '<img alt="map" src="data:image/png;base64,AAAA">',
        "<style>.x{background:url(../_static/x.svg)}</style>",
    ],
)
def test_the_scan_allows_local_assets_and_links(snippet):
    assert not foreign_references(snippet)


def test_built_pages_load_nothing_from_another_host(book_dir):
    problems = []
    for path in sorted(book_dir.rglob("*")):
        if path.suffix in {".html", ".css"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            refs = foreign_references(text, css_only=path.suffix == ".css")
            problems += [f"{path.relative_to(book_dir)}: {r}" for r in refs]
    assert not problems, "\n".join(problems)
