"""The one-page muscle sheets and the map atlas, drawn with the maps' own drawing code.

Each view is drawn by `maps.draw.draw_view` into an axes of the page, with the zones and
trigger points `maps.selection` picks and the legend `maps.draw.legend_handles` makes, so a
printed map is the book's map: essential zones a solid tone, spillover zones hatched.
"""

from ..knowledge import loaded
from ..maps.draw import draw_view, legend_handles
from ..maps.figure import drawing_of
from ..maps.geometry import VIEW_CHOICES, VIEWS as ALL_VIEWS, load_geometry
from ..maps.selection import region_on_views
from ..maps.words import join_words
from .content import LICENCE, muscle_sheet, part_title, red_flags
from .layout import MARGIN, MUTED, Block, Frame, Page, fit, flow

VIEWS = VIEW_CHOICES["both"]  # a page has room for the back and front figures

KICKER = "Low Back Trigger Points · printable handout · educational, not a diagnosis"
CANVAS_RATIO = (88 - 12) / (203 - (-4))  # width / height of a view, as draw_base sets its limits
KEY = ("How to read the map: a solid tone marks the essential zone, where the pain is usually "
       "felt; stipple (fine dots) marks the spillover zone, where some people feel it too; X marks a "
       "trigger point; a grey dashed outline marks an unconfirmed zone. Zones differ by pattern, so "
       "they stay apart in black and white.")


def sheet_views(parts, kb):
    """The views a pattern needs: the back and front, and the side where a zone or a trigger point
    lies on it (a pattern down the side of the leg)."""
    drawing = drawing_of(parts, kb, VIEWS + ("lateral",))
    lateral = any(p["view"] == "lateral" for p in drawing["patterns"] + drawing["points"])
    return VIEWS + (("lateral",) if lateral else ())


def draw_views(page, parts, x, top, height, kb, gap=0.12, views=VIEWS, skeleton=True):
    """The body views of these parts side by side, `height` inches tall; returns {view: axes}."""
    geos, width = load_geometry(), (height - 0.2) * CANVAS_RATIO
    drawing = drawing_of(parts, kb, views)  # the muscle under the pain, as in the book
    axes = {}
    for i, view in enumerate(views):
        axes[view] = ax = page.axes(x + i * (width + gap), top, width, height - 0.2)
        ax.set_zorder(page.next_z())  # its labels come here in the text layer
        draw_view(ax, geos[view], view, drawing["patterns"], drawing["points"], kb,
                  drawing["anatomy"][view], drawing["muscles"], skeleton=skeleton)
        share_clip(ax)
    return axes


def share_clip(ax):
    """Give the artists clipped to one shape the same clip objects. The picture is unchanged, but
    the PDF backend writes a clip only when it changes, so the body outline goes into the file
    once per view and layer instead of once per region (an atlas page is much smaller)."""
    shared = {}
    for artist in ax.get_children():
        shape = getattr(artist.get_clip_path(), "_patch", None)
        if shape is not None:
            path, box = shared.setdefault(id(shape), (artist.get_clip_path(), artist.get_clip_box()))
            artist.set_clip_path(path)
            artist.set_clip_box(box)


def views_width(height, gap=0.12, count=len(VIEWS)):
    return count * (height - 0.2) * CANVAS_RATIO + (count - 1) * gap


def legend(page, parts, kb, x, top, size=8.0, ncol=1, views=VIEWS):
    """The maps' legend for these parts at (x, top); returns its height in inches."""
    drawing = drawing_of(parts, kb, views)
    handles = legend_handles(parts, kb, True, "both", drawing["deep"], drawing["article"])
    leg = page.fig.legend(handles=handles, loc="upper left", ncol=ncol, frameon=False, fontsize=size,
                          handlelength=2.2, handleheight=1.3, borderaxespad=0, borderpad=0,
                          bbox_to_anchor=(x / page.width, 1 - top / page.height))
    leg.set_zorder(page.next_z())
    box = leg.get_window_extent(page.fig.canvas.get_renderer())
    return box.height / page.fig.dpi


# ---------------------------------------------------------------- muscle sheets

def _sheet_blocks(sheet, size):
    b = [Block.heading("Where the pain goes", size + 2, space_before=0)]
    for part, essential, spillover, points in sheet.where:
        text = f"essential zone over the {join_words(essential) or 'none recorded'}"
        text += f"; spillover over the {join_words(spillover)}." if spillover else "."
        if points:
            text += f" Trigger point{'s' if len(points) > 1 else ''}: {' '.join(points)}"
        b.append(Block.lead(f"{part}: ", text, size=size))
    b.append(Block.heading("What aggravates it", size + 2))
    for name, labels in sheet.aggravators:
        words = (join_words(labels) or "none recorded") + "."
        b.append(Block.lead(f"{name}: ", words, size=size) if len(sheet.aggravators) > 1
                 else Block.plain(words, size=size))
    b.append(Block.heading("How it differs from its neighbours", size + 2))
    for versus, statements in sheet.differences:
        b.append(Block.lead(f"vs {versus}: ", " ".join(statements), size=size, bullet=True, indent=0.12))
    if not sheet.differences:
        b.append(Block.plain("The course records no differentiator for this group.", size=size))
    b.append(Block.heading("Self-care, with dosage", size + 2))
    for name, kind, dosage, how in sheet.self_care:
        b.append(Block.lead(f"{name} ({kind}). ", f"{how} Dosage: {dosage}.", size=size, bullet=True, indent=0.12))
    return b


def _bottom_blocks(sheet, width, size=7.0):
    emergency, soon = red_flags()
    flags = [Block.heading("Red flags: medical care, not self-treatment", size + 2, space_before=0),
             Block.plain("Move within comfort during self-care. Stop and ask a clinician if the pain "
                         "spreads or worsens, or if any of these appears.", size=size),
             Block.lead("Emergency care now if back pain comes with: ", "; ".join(emergency) + ".", size=size),
             Block.lead("See a doctor within days if it comes with: ", "; ".join(soon) + ".", size=size)]
    sources = [Block.lead("Sources: ", "; ".join(sheet.sources) + ".", size=size - 0.5, colour=MUTED)]
    return flags, sources


def muscle_pages(group, title, muscles, paper="a4", kb=None):
    """The one-page handout of a muscle group: [Page], its `views` kept for tests. Everything is
    drawn in reading order (title, maps, legend, key, the two columns, red flags, sources,
    licence), so the PDF's text layer reads as the page does."""
    kb = loaded(kb)
    sheet = muscle_sheet(group, title, muscles, kb)
    page = Page(paper)
    W, H = page.width, page.height
    top = page.header(title, KICKER)
    views = sheet_views(sheet.parts, kb)
    # The maps take up to 62 % of the width, so the legend and key keep a readable column.
    map_h = min(4.9, H * 0.42, (0.62 * (W - 2 * MARGIN) - 0.12 * (len(views) - 1)) / (len(views) * CANVAS_RATIO) + 0.2)
    page.views = draw_views(page, sheet.parts, MARGIN, top + 0.08, map_h, kb, views=views)
    side_x = MARGIN + views_width(map_h, count=len(views)) + 0.3
    side_w = W - MARGIN - side_x
    leg_h = legend(page, sheet.parts, kb, side_x, top + 0.12, ncol=1 if side_w < 4.2 else 2, views=views)
    key = flow([Block.plain(KEY, size=7.5, colour=MUTED)], [Frame(side_x, top + 0.12 + leg_h, side_w, H)])
    page.draw_placed(key)
    key_bottom = key[-1].y + 0.08
    # The red-flag box, then the sources, are set from the bottom up; the rest flows above them.
    inner = W - 2 * MARGIN - 0.2
    flags, sources = _bottom_blocks(sheet, inner)
    foot_top = H - MARGIN - 0.12
    src_h = sum(_height(b, W - 2 * MARGIN) for b in sources)
    src_top = foot_top - src_h - 0.04
    flags_h = sum(_height(b, inner) for b in flags) + 0.16
    flags_top = src_top - flags_h - 0.1
    below = top + 0.08 + map_h + 0.12
    col_w = (W - 2 * MARGIN - 0.3) / 2

    def frames():
        return [Frame(side_x, key_bottom, side_w, below - 0.05),
                Frame(MARGIN, below, col_w, flags_top - 0.1),
                Frame(MARGIN + col_w + 0.3, below, col_w, flags_top - 0.1)]

    placed, page.text_size = fit(lambda size: _sheet_blocks(sheet, size), frames)
    page.draw_placed(placed)
    page.box(MARGIN, flags_top, W - 2 * MARGIN, flags_h, lw=1.4)
    page.draw_placed(flow(flags, [Frame(MARGIN + 0.1, flags_top + 0.06, inner, flags_top + flags_h)]))
    page.draw_placed(flow(sources, [Frame(MARGIN, src_top, W - 2 * MARGIN, foot_top)]))
    page.footer(LICENCE)
    page.title = f"{title}: trigger points, referral map and self-care"
    return [page]


def _height(block, width):
    from .layout import block_height
    return block_height(block, width)


# ---------------------------------------------------------------- atlas

ATLAS_ROWS, ATLAS_COLS = 2, 2


def atlas_pages(paper="a4", kb=None):
    """Every part's map, four to a page, after an index page that names each part's page."""
    kb = loaded(kb)
    parts = list(kb.parts["id"])
    per_page = ATLAS_ROWS * ATLAS_COLS
    index = Page(paper)
    pages = [index]
    for start in range(0, len(parts), per_page):
        page = Page(paper)
        page.header("Map atlas", KICKER)
        page.views = {}
        for k, part in enumerate(parts[start:start + per_page]):
            page.views[part] = _atlas_cell(page, part, k, kb)
        page.footer(LICENCE, len(pages) + 1)
        pages.append(page)
    _atlas_index(index, parts, per_page, kb)
    index.title = "Map atlas: the referral map of every muscle part"
    return pages


def _atlas_cell(page, part, k, kb):
    W, H = page.width, page.height
    top0, bottom = MARGIN + 0.7, H - MARGIN - 0.25
    cell_w = (W - 2 * MARGIN - 0.3) / ATLAS_COLS
    cell_h = (bottom - top0) / ATLAS_ROWS
    x = MARGIN + (k % ATLAS_COLS) * (cell_w + 0.3)
    top = top0 + (k // ATLAS_COLS) * cell_h
    title = flow([Block.heading(part_title(part, kb), 10, space_before=0)], [Frame(x, top, cell_w, top + 0.5)])
    page.draw_placed(title)
    map_top = title[-1].y + 0.1
    map_h = top + cell_h - 0.75 - map_top
    # An atlas cell is small and there are twenty of them: the bones stay on the muscle sheets (file size).
    views = draw_views(page, [part], x + (cell_w - views_width(map_h)) / 2, map_top, map_h, kb, skeleton=False)
    legend(page, [part], kb, x + 0.1, map_top + map_h + 0.02, size=7.0)
    return views


def _atlas_index(page, parts, per_page, kb):
    W, H = page.width, page.height
    top = page.header("Map atlas", KICKER)
    names = dict(zip(kb.muscles["id"], kb.muscles["name"]))
    owner = dict(zip(kb.parts["id"], kb.parts["muscle"]))
    intro = flow([Block.plain("The referral map of every muscle part in the course, four to a page, drawn "
                              "from the same knowledge base as the book's maps.", size=9),
                  Block.plain(KEY, size=8.5, colour=MUTED), Block.heading("Index", 12)],
                 [Frame(MARGIN, top + 0.1, W - 2 * MARGIN, H)])
    page.draw_placed(intro)
    blocks = []
    for muscle in dict.fromkeys(owner[p] for p in parts):
        blocks.append(Block.heading(names[muscle], 9.5, space_before=0.08))
        for p in [p for p in parts if owner[p] == muscle]:
            page_no = parts.index(p) // per_page + 2
            blocks.append(Block.lead(f"page {page_no}  ", part_title(p, kb), size=8.5, indent=0.15))
    col_w = (W - 2 * MARGIN - 0.3) / 2
    start = intro[-1].y + 0.05
    frames = [Frame(MARGIN, start, col_w, H - MARGIN - 0.3),
              Frame(MARGIN + col_w + 0.3, start, col_w, H - MARGIN - 0.3)]
    page.draw_placed(flow(blocks, frames))
    page.footer(LICENCE, 1)
