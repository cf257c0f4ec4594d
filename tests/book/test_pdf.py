"""The whole course as one PDF: reading order, contents, bookmarks, page numbers, embedded
fonts, working internal links, the quiz answers after each lesson, and a clear error for a page
that cannot be printed. The built PDF is checked with poppler (pdftotext, pdffonts) and pypdf."""

import re
import shutil
import subprocess

import pytest
from conftest import ROOT
from triggerpoints.book.editions import INSTRUCTOR_ONLY
from triggerpoints.book.pdf import PDF_NAMES, BookPdfError, _print, book_pages, page_title, reading_order

BUDGET_BYTES = 15_000_000


def _tool(name):
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} is missing: `make pdftools` installs Debian's poppler-utils.")
    return path


def _text(pdf, first=None, last=None):
    pick = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run([_tool("pdftotext"), "-layout", *pick, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture(scope="module")
def book_pdf(book_dir):
    path = book_dir / PDF_NAMES["student"]
    assert path.is_file(), "make book writes the whole-book PDF into the site"
    from pypdf import PdfReader

    return path, PdfReader(str(path))


def test_the_reading_order_is_the_table_of_contents_and_the_student_edition_leaves_out_instructor_pages(book_dir):
    docs = [d for d, _ in reading_order()]
    assert docs[0] == "book/intro" and docs.index("notebooks/02_quadratus_lumborum") < docs.index("book/red_flags")
    student = [d for d, _ in book_pages(book_dir, "student")]
    assert student == [d for d in docs if d not in INSTRUCTOR_ONLY]


def test_a_missing_or_headless_page_or_a_failed_print_fails_naming_the_page(tmp_path):
    for doc, _ in reading_order():
        page = tmp_path / f"{doc}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text('<article class="bd-article"><h1>Title</h1></article>', encoding="utf-8")
    instructor = [d for d, _ in book_pages(tmp_path, "instructor")]
    assert set(INSTRUCTOR_ONLY) <= set(instructor) and instructor == [d for d, _ in reading_order()], \
        "the instructor edition prints every page"
    (tmp_path / "book" / "glossary.html").unlink()
    with pytest.raises(BookPdfError, match=r"^book/glossary: .*glossary.html is missing"):
        book_pages(tmp_path)
    (tmp_path / "book" / "red_flags.html").write_text("<main><p>no heading</p></main>", encoding="utf-8")
    with pytest.raises(BookPdfError, match=r"^book/red_flags: .* no article with a heading"):
        page_title(tmp_path, "book/red_flags")

    class Broken:
        def goto(self, *a, **k):
            raise RuntimeError("net::ERR_FILE_NOT_FOUND")

    with pytest.raises(BookPdfError, match=r"^notebooks/05_piriformis: Chromium could not print it: net::ERR"):
        _print(Broken(), "file:///nowhere.html", tmp_path / "x.pdf", "notebooks/05_piriformis")


def test_the_pdf_is_within_budget_with_fonts_embedded_and_selectable_text(book_pdf):
    path, reader = book_pdf
    assert path.stat().st_size <= BUDGET_BYTES, f"{path.stat().st_size / 1e6:.1f} MB"
    fonts = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("yes" in r[-5:-4] for r in rows), "every font embedded"
    assert "Quadratus lumborum" in _text(path, 10, 40)


def test_every_page_is_in_reading_order_with_a_bookmark_and_an_entry_in_the_contents(book_pdf, book_dir):
    path, reader = book_pdf
    titles = [page_title(book_dir, d) for d, _ in book_pages(book_dir)]
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == ["Contents", *titles]
    starts = [reader.get_destination_page_number(i) for i in reader.outline if not isinstance(i, list)][1:]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for title, start in zip(titles, starts):
        first = " ".join(_text(path, start + 1, start + 1).split())
        assert " ".join(title.split())[:30] in first, (title, start + 1)
    nested = [i for i in reader.outline if isinstance(i, list)]
    assert len(nested) >= 10, "each lesson's headings are bookmarks under it"
    contents = " ".join(_text(path, 2, 3).split())
    for title, start in zip(titles, starts):
        assert re.search(re.escape(" ".join(title.split())[:25]) + r".{0,80}?\b" + str(start + 1) + r"\b", contents), title


def test_the_contents_links_go_to_the_pages_they_name(book_pdf, book_dir):
    path, reader = book_pdf
    starts = [reader.get_destination_page_number(i) for i in reader.outline if not isinstance(i, list)][1:]
    targets = []
    for page in reader.pages[1:3]:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            dest = annot.get("/Dest")
            if isinstance(dest, list):
                targets.append(reader.get_page_number(dest[0].get_object()))
    assert set(starts) <= set(targets), "a contents entry links to its page"
    uris = [ref.get_object()["/A"]["/URI"] for page in reader.pages for ref in page.get("/Annots") or []
            if "/A" in ref.get_object() and "/URI" in ref.get_object()["/A"]]
    assert not [u for u in uris if u.startswith("file:") and u.endswith(".html")], "links between pages stay inside the PDF"


def test_page_numbers_and_the_quiz_answers_after_each_lesson(book_pdf):
    path, reader = book_pdf
    total = len(reader.pages)
    assert f"5 / {total}" in _text(path, 5, 5)
    starts = {i.title: reader.get_destination_page_number(i) + 1 for i in reader.outline if not isinstance(i, list)}
    two, three = starts["Lesson 2: Quadratus lumborum"], starts["Lesson 3: Erector spinae and multifidus"]
    lesson = _text(path, two, three - 1).split("\f")
    answers = [i for i, page in enumerate(lesson) if "Answers to the quiz" in page]
    assert answers and answers[0] > 0 and "Correct answer" in lesson[answers[0]], "the answers close the chapter"
    text = _text(path)
    assert "Show the import" not in text
    assert "from triggerpoints import show_map, explore, muscle_card" not in text, "import-only cells are left out"


def test_the_introduction_and_the_handouts_page_link_the_pdf(book_dir):
    for page in ("book/intro.html", "book/handouts.html"):
        assert f'href="../{PDF_NAMES["student"]}"' in (book_dir / page).read_text(encoding="utf-8"), page
    assert PDF_NAMES["instructor"] not in (book_dir / "book/intro.html").read_text(encoding="utf-8"), \
        "the student edition does not link the instructor PDF"
