"""The book's logo and favicon: drawn from the course's own body map, on every page."""

import re

import pytest
from conftest import bones_drawn
from test_browser_book import PAGES

from triggerpoints.book.brand import draw_brand
from triggerpoints.maps.anatomy import anatomy_for
from triggerpoints.maps.draw import ZONE_INK
from triggerpoints.maps.selection import muscle_colour


def test_logo_and_favicon_are_drawn_from_the_body_map(tmp_path):
    logo, favicon = draw_brand(tmp_path)
    svg = logo.read_text(encoding="utf-8")
    assert 'role="img"' in svg and "<title>Low Back Trigger Points" in svg
    assert muscle_colour("quadratus_lumborum").lower() in svg.lower(), "the QL muscle is drawn"
    assert ZONE_INK.lower() in svg.lower(), "its essential zone is drawn as the maps draw one"
    bones = [lm for lm in anatomy_for()["posterior"]["landmarks"].values() if lm.draw]
    assert bones_drawn(svg) >= len(bones), "the skeleton is drawn"
    assert "#f4efe9" in svg, "the body is drawn in the maps' body colour"
    assert favicon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    stamp = logo.stat().st_mtime_ns
    draw_brand(tmp_path)
    assert logo.stat().st_mtime_ns == stamp, "an unchanged logo is not rewritten (no needless re-copy)"


@pytest.mark.parametrize("name", PAGES)
def test_every_page_shows_the_logo_with_alt_text_and_names_the_favicon(book_dir, name):
    page = (book_dir / name).read_text(encoding="utf-8")
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page)
    brand = re.search(r'<a class="navbar-brand logo"[^>]*>(.*?)</a>', page, re.S)
    assert icon and brand, f"{name}: favicon link or logo missing"
    logo = re.search(r'<img src="([^"]*logo\.svg)"[^>]*alt="([^"]*)"', brand.group(1))
    here = (book_dir / name).parent
    assert (here / icon.group(1)).resolve().is_file() and (here / logo.group(1)).resolve().is_file()
    # The link names the book: by the title beside the logo (the image is then decorative) or its alt.
    title = re.sub(r"<[^>]+>", " ", brand.group(1))
    assert "Low Back Trigger Points" in title + logo.group(2), f"{name}: the logo link does not name the book"
