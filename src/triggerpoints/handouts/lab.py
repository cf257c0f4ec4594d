"""The lab worksheet (blank outlines of every view, the case vignettes without their answers)
and the instructor's answer sheet."""

from ..maps.geometry import VIEW_CHOICES, load_geometry
from ..maps.draw import draw_view
from .content import LICENCE, cases
from .layout import MARGIN, MUTED, Block, Frame, Page, flow
from .sheets import CANVAS_RATIO, KICKER, share_clip

VIEWS = VIEW_CHOICES["both"]  # a page has room for the back and front figures

DRAW_KEY = ("Shade the essential zone solid, dot the spillover zone, and mark each trigger point "
            "with an X. Write the side (left or right) and what provokes the pain beside the figure.")


def _pages_of(blocks, paper, title, first_top=None, number_from=1):
    """Flow blocks over as many two-column pages as they need."""
    pages, i = [], 0
    while i < len(blocks):
        page = Page(paper)
        top = page.header(title, KICKER) if first_top is None or pages else first_top(page)
        col_w = (page.width - 2 * MARGIN - 0.3) / 2
        bottom = page.height - MARGIN - 0.3
        frames = [Frame(MARGIN, top + 0.1, col_w, bottom), Frame(MARGIN + col_w + 0.3, top + 0.1, col_w, bottom)]
        placed, i = _flow_some(blocks, i, frames)
        page.draw_placed(placed)
        page.footer(LICENCE, number_from + len(pages))
        pages.append(page)
    return pages


def _flow_some(blocks, start, frames):
    """As many blocks from `start` as fit, a case never split from its heading."""
    from .layout import LayoutError
    end = len(blocks)
    while end > start:
        try:
            return flow(blocks[start:end], [Frame(f.x, f.top, f.width, f.bottom) for f in frames]), end
        except LayoutError:
            end -= 1
            while end > start and blocks[end - 1].keep_with_next:
                end -= 1
    raise ValueError(f"block {start} does not fit on an empty page")


def worksheet_pages(paper="a4"):
    page = Page(paper)
    W, H = page.width, page.height
    top = page.header("Lab worksheet", KICKER)
    fields = [Block.lead("Name: ", "_" * 28 + "   ", size=10),
              Block.lead("Partner or case: ", "_" * 22 + "   Date: " + "_" * 12, size=10),
              Block.plain(DRAW_KEY, size=8.5, colour=MUTED)]
    placed = flow(fields, [Frame(MARGIN, top + 0.05, W - 2 * MARGIN, H)])
    page.draw_placed(placed)
    y = placed[-1].y + 0.2
    height = min(H - MARGIN - 0.4 - y, (W - 2 * MARGIN) / (len(VIEWS) * CANVAS_RATIO) + 0.2)
    width = (height - 0.2) * CANVAS_RATIO
    gap = (W - 2 * MARGIN - len(VIEWS) * width) / max(len(VIEWS), 1)
    geos, page.views = load_geometry(), {}
    for i, view in enumerate(VIEWS):
        ax = page.axes(MARGIN + gap / 2 + i * (width + gap), y, width, height - 0.2)
        draw_view(ax, geos[view], view, [], [], None)
        share_clip(ax)
        page.views[view] = ax
    page.footer(LICENCE, 1)
    blocks = []
    for n, case in enumerate(cases(), start=1):
        blocks += [Block.heading(f"Case {n}", 10.5, space_before=0.14),
                   Block.plain(case["history"], size=8.5, keep_with_next=True),
                   Block.lead("Candidates: ", ", ".join(case["options"]) + ".", size=8.5, keep_with_next=True),
                   Block.plain("Likeliest source, and what rules out the others:", size=8.5, colour=MUTED, rules=3)]
    pages = [page] + _pages_of(blocks, paper, "Lab worksheet: case vignettes", number_from=2)
    pages[0].title = "Lab worksheet: body outlines and case vignettes"
    return pages


def answer_pages(paper="a4"):
    blocks = [Block.plain("Instructor edition. Keep this sheet apart from the students' worksheets.",
                          size=9, colour=MUTED)]
    for n, case in enumerate(cases(), start=1):
        others = [Block.lead(f"{name}: ", why, size=8, bullet=True, indent=0.12, keep_with_next=True)
                  for name, why in case["others"]]
        if others:
            others[-1].keep_with_next = False
        blocks += [Block.heading(f"Case {n}: {case['answer']}", 10.5, space_before=0.14),
                   Block.plain(case["why"], size=8.5, keep_with_next=True), *others]
    pages = _pages_of(blocks, paper, "Lab worksheet: answer sheet")
    pages[0].title = "Lab worksheet: answer sheet (instructor edition)"
    return pages
