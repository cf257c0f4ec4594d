"""Every lesson page of the built book links its handouts, and the handouts page lists them."""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import ROOT

from triggerpoints.handouts import GROUPS, catalogue, handouts_for_page

LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MUSCLE_LESSONS = [name for name in LESSONS if handouts_for_page(f"notebooks/{name}")
                  and any(h.kind == "muscle" for h in handouts_for_page(f"notebooks/{name}"))]
LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')


def _box(book_dir, name):
    html = (book_dir / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
    box = re.search(r'<div class="admonition tip tp-handouts">(.*?)</div>', html, flags=re.S)
    assert box, f"{name}: no handout box"
    return box.group(1)


def _target(page, href):
    return (page.parent / unquote(href.split("#")[0])).resolve()


def test_the_muscle_lessons_are_the_six_muscle_chapters():
    assert len(MUSCLE_LESSONS) == 6 and len(LESSONS) >= 10


@pytest.mark.parametrize("name", LESSONS)
def test_every_lesson_links_its_handouts_and_the_handouts_page(book_dir, name):
    page = book_dir / "notebooks" / f"{name}.html"
    links = LINK.findall(_box(book_dir, name))
    assert ("../book/handouts.html", "All printable handouts") in links
    for href, _ in links:
        assert _target(page, href).is_file(), f"{name}: {href} is not in the built site"
    expected = handouts_for_page(f"notebooks/{name}")
    pdfs = [href for href, _ in links if href.endswith(".pdf")]
    for handout in expected:
        assert any(href.endswith(handout.filename("a4")) for href in pdfs), f"{name}: no A4 link to {handout.id}"
        assert any(href.endswith(handout.filename("letter")) for href in pdfs), f"{name}: no Letter link to {handout.id}"
    if name in MUSCLE_LESSONS:
        assert any(text.startswith("Download the one-page handout (PDF)") for _, text in links), name


def test_the_muscle_lessons_link_every_muscle_sheet_once(book_dir):
    linked = [h.id for name in MUSCLE_LESSONS for h in handouts_for_page(f"notebooks/{name}") if h.kind == "muscle"]
    assert sorted(linked) == sorted(GROUPS)
    box = _box(book_dir, "07_hamstrings_adductors")
    assert "Hamstrings" in box and "Adductors" in box
    assert "lab-worksheet-a4.pdf" in _box(book_dir, "10_case_lab")


def test_the_handouts_page_lists_the_student_edition_and_its_links_work(book_dir):
    page = book_dir / "book" / "handouts.html"
    html = page.read_text(encoding="utf-8")
    listing = re.search(r'<ul class="tp-handout-list">(.*?)</ul>', html, flags=re.S).group(1)
    for handout in catalogue("student"):
        assert handout.title in listing
        assert handout.filename("a4") in listing and handout.filename("letter") in listing
    assert "answer sheet" not in listing.lower() and "lab-answers" not in html
    for href, _ in LINK.findall(listing):
        assert _target(page, href).is_file(), href


def test_the_handouts_page_is_in_the_book_navigation(book_dir):
    assert 'href="book/handouts.html"' in (book_dir / "index.html").read_text(encoding="utf-8") or \
        "handouts.html" in (book_dir / "book" / "red_flags.html").read_text(encoding="utf-8")
