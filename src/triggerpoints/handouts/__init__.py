"""Printable handouts built with the book: a one-page sheet per muscle group, the lab worksheet
(and its answer sheet, instructor edition only) and the map atlas, as PDF in A4 and US Letter.

- `catalogue`: which handouts there are, their files, editions and the lesson pages linking them.
- `content`: what each says, from the knowledge base, the case bank and the red-flag page.
- `layout`: pages in inches on matplotlib's PDF backend; text measured, wrapped and flowed.
- `sheets`: the muscle sheets and the atlas, drawn with the maps' own `draw_view` and legend.
- `lab`: the worksheet (blank outlines, cases without answers) and the answer sheet.
- `build`: `build_handouts(outdir, edition)` writes the PDFs.

Handouts know no widget: they draw through the maps' drawing modules only.
"""

from .build import build_handouts
from .catalogue import EDITIONS, GROUPS, Handout, catalogue, handouts_for_page
from .content import HandoutError
from .layout import PAPER_NAMES, PAPERS, LayoutError

__all__ = ["EDITIONS", "GROUPS", "PAPERS", "PAPER_NAMES", "Handout", "HandoutError", "LayoutError",
           "build_handouts", "catalogue", "handouts_for_page"]
