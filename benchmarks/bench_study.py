"""Study anywhere: what the Anki deck and the whole-course PDF add to a cold build, and the
PDF's size.

- deck + PDF: `python -m triggerpoints.review.deck` and `python -m triggerpoints.book.pdf`
  (Chromium prints each page of the built site, pypdf joins them), each in a fresh process,
  the two steps `make book` adds to the Jupyter Book build; the PDF is written to a temporary
  folder, so the site's own copy is left alone;
- PDF size: the student edition, as `make book` publishes it.
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
STEPS_BUDGET_S = 60.0
PDF_BUDGET_MB = 15.0


def _timed(args):
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def run():
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        deck = _timed(["-m", "triggerpoints.review.deck", str(Path(tmp) / "deck.apkg")])
        code = ("from triggerpoints.book.pdf import build_pdf; "
                f"build_pdf({str(SITE)!r}, out={str(Path(tmp) / 'book.pdf')!r})")
        pdf = _timed(["-c", code])
        size = (Path(tmp) / "book.pdf").stat().st_size / 1e6
        pages = len(PdfReader(str(Path(tmp) / "book.pdf")).pages)
    return [
        {"name": "deck and whole-course PDF added to the cold build", "value": deck + pdf, "unit": "s",
         "budget": STEPS_BUDGET_S, "detail": f"deck {deck:.1f} s, PDF {pdf:.1f} s (Chromium prints each page, pypdf joins)"},
        {"name": "whole-course PDF size", "value": size, "unit": "MB", "budget": PDF_BUDGET_MB,
         "detail": f"student edition, {pages} A4 pages"},
    ]
