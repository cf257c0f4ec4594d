"""Printed pages on matplotlib's PDF backend: paper sizes, text measured and flowed into frames.

Positions are in inches from the page's top-left corner, the way a page is read. Text is
measured with the Agg renderer at 720 dpi (fine enough that hinting does not skew the widths),
so what is laid out is what the PDF shows. A block that does not fit its frames is reported, never cut silently.
"""

from dataclasses import dataclass, field
from functools import lru_cache

PAPERS = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}  # width, height in inches
PAPER_NAMES = {"a4": "A4", "letter": "US Letter"}
MARGIN = 0.5
INK, MUTED = "#000000", "#444444"
LEADING = 1.28


class LayoutError(ValueError):
    """Content that does not fit its page at the smallest readable size."""


@lru_cache(maxsize=1)
def _renderer():
    from matplotlib.backends.backend_agg import RendererAgg
    return RendererAgg(10, 10, 720)  # fine enough that hinting does not skew the widths


@lru_cache(maxsize=20_000)
def text_width(text, size, weight="normal"):
    """Width in inches of `text` set in the handouts' font."""
    from matplotlib.font_manager import FontProperties
    prop = FontProperties(size=size, weight=weight)  # the maps' font: one font file in the PDF
    width, _, _ = _renderer().get_text_width_height_descent(text, prop, ismath=False)
    return width / 720.0


@dataclass
class Block:
    """A paragraph: runs of (text, weight), set at `size` points; a heading is a bold block."""

    runs: list
    size: float = 8.5
    colour: str = INK
    indent: float = 0.0          # inches; a bullet hangs in the indent
    bullet: bool = False         # a dot hangs in the indent
    space_before: float = 0.04   # inches
    keep_with_next: bool = False
    rules: int = 0               # writing lines ruled under the text, for a pen

    @classmethod
    def plain(cls, text, **kw):
        return cls([(text, "normal")], **kw)

    @classmethod
    def lead(cls, lead, text, **kw):
        """'Lead: text' with the lead in bold."""
        return cls([(lead, "bold"), (text, "normal")], **kw)

    @classmethod
    def heading(cls, text, size=10.5, **kw):
        kw.setdefault("space_before", 0.12)
        return cls([(text, "bold")], size=size, keep_with_next=True, **kw)


RULE_STEP = 0.32  # inches between writing lines


@dataclass
class Placed:
    x: float
    y: float   # baseline, inches from the top
    text: str  # None: a writing line `size` inches long
    size: float
    weight: str
    colour: str


@dataclass
class Frame:
    """A box text flows into: left, top, width, bottom (inches from the page's top-left)."""

    x: float
    top: float
    width: float
    bottom: float
    y: float = field(init=False)

    def __post_init__(self):
        self.y = self.top


def wrap(block, width):
    """The lines of a block: each a list of (x offset, text, weight), greedy word wrap."""
    size, lines, line, x = block.size, [], [], 0.0
    avail = width - block.indent
    for text, weight in block.runs:
        space = text_width(" ", size, weight)  # a bold space is wider: runs are drawn merged
        for word in text.split():
            w = text_width(word, size, weight)
            if line and x + w > avail:
                lines.append(line)
                line, x = [], 0.0
            line.append((x, word, weight))
            x += w + space
    if line:
        lines.append(line)
    return lines


def _merge(line):
    """Neighbouring words of one weight become one text run (fewer, longer strings in the PDF)."""
    runs = []
    for x, word, weight in line:
        if runs and runs[-1][2] == weight:
            runs[-1][1] += " " + word
        else:
            runs.append([x, word, weight])
    return runs


def block_height(block, width):
    return (block.space_before + len(wrap(block, width)) * block.size * LEADING / 72.0
            + block.rules * RULE_STEP)


def flow(blocks, frames):
    """Place blocks into frames in order; a block never splits, and stays in one frame with the
    blocks it keeps with unless they are too tall for any frame. Returns the placed runs; raises
    LayoutError naming the first block that found no room."""
    placed, frames, i = [], list(frames), 0
    while i < len(blocks):
        block = blocks[i]
        if not frames:
            raise LayoutError(f"no room left for: {_start(block)!r}")
        frame = frames[0]
        chain = sum(block_height(b, frame.width) for b in _chain(blocks, i))
        alone = block_height(block, frame.width)
        empty = frame.y == frame.top
        if frame.y + chain <= frame.bottom or (empty and chain > frame.bottom - frame.top
                                               and frame.y + alone <= frame.bottom):
            placed += place(block, frame)
            i += 1
        else:
            frames.pop(0)
    return placed


def _start(block):
    return " ".join(t for t, _ in block.runs)[:60]


def _chain(blocks, i):
    """The block at i and those it keeps with: they go into one frame together."""
    j = i
    while j + 1 < len(blocks) and blocks[j].keep_with_next:
        j += 1
    return blocks[i:j + 1]


def place(block, frame):
    """Set one block at the frame's current height and move the frame's cursor below it."""
    out, step = [], block.size * LEADING / 72.0
    frame.y += block.space_before
    for n, line in enumerate(wrap(block, frame.width)):
        frame.y += step
        if n == 0 and block.bullet:
            out.append(Placed(frame.x + block.indent - 0.08, frame.y - 0.22 * step - block.size * 0.3 / 72,
                              "", block.size, "bullet", block.colour))
        for x, text, weight in _merge(line):
            out.append(Placed(frame.x + block.indent + x, frame.y - 0.22 * step, text, block.size, weight, block.colour))
    for _ in range(block.rules):
        frame.y += RULE_STEP
        out.append(Placed(frame.x + block.indent, frame.y, None, frame.width - block.indent, "normal", MUTED))
    return out


def fit(make_blocks, frames_for, sizes=(8.5, 8.0, 7.5, 7.0, 6.5)):
    """Flow the content at the largest text size that fits: `make_blocks(size)` gives the blocks,
    `frames_for()` fresh frames. Raises LayoutError when even the smallest size overflows."""
    last = None
    for size in sizes:
        try:
            return flow(make_blocks(size), frames_for()), size
        except LayoutError as err:
            last = err
    raise LayoutError(f"does not fit at {sizes[-1]} pt: {last}")


class Page:
    """One printed page: a matplotlib Figure of the paper's size, addressed in inches."""

    def __init__(self, paper):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        if paper not in PAPERS:
            raise ValueError(f"unknown paper {paper!r}; use one of: {', '.join(PAPERS)}")
        self.paper = paper
        self.width, self.height = PAPERS[paper]
        self.fig = Figure(figsize=(self.width, self.height))
        FigureCanvasAgg(self.fig)
        self._z = 3.0

    def next_z(self):
        """A z-order one step above the last: matplotlib writes artists in z-order, so text and
        figures given rising z-orders reach the PDF's text layer in reading order (copying and
        screen readers follow the columns, not the order the page was computed in)."""
        self._z += 0.001
        return self._z

    def axes(self, x, top, width, height):
        """Axes whose box starts `top` inches below the page's top edge."""
        W, H = self.width, self.height
        return self.fig.add_axes([x / W, 1 - (top + height) / H, width / W, height / H])

    def text(self, x, y, text, size=8.5, weight="normal", colour=INK, ha="left", **kw):
        # No ligatures: their glyphs would go into a second font subset (a slower, larger file),
        # and "fi" stays two letters for search.
        kw.setdefault("zorder", self.next_z())
        return self.fig.text(x / self.width, 1 - y / self.height, text, fontsize=size, fontweight=weight,
                             color=colour, ha=ha, va="baseline", parse_math=False, fontfeatures=("-liga",), **kw)

    def draw_placed(self, placed):
        for p in placed:
            if p.text is None:
                self.rule(p.y, p.x, p.x + p.size, lw=0.5, colour=p.colour)
            elif p.weight == "bullet":
                self.dot(p.x, p.y, p.size * 0.3, p.colour)
            else:
                self.text(p.x, p.y, p.text, p.size, p.weight, p.colour)

    def dot(self, x, y, size, colour=INK):
        """A bullet drawn as a marker: a glyph outside Latin-1 would add a second font subset."""
        from matplotlib.lines import Line2D
        self.fig.add_artist(Line2D([x / self.width], [1 - y / self.height], marker="o", markersize=size,
                                   color=colour, linestyle="none"))

    def rule(self, y, x0=MARGIN, x1=None, lw=0.6, colour=MUTED):
        from matplotlib.lines import Line2D
        x1 = self.width - MARGIN if x1 is None else x1
        self.fig.add_artist(Line2D([x0 / self.width, x1 / self.width], [1 - y / self.height] * 2,
                                   lw=lw, color=colour))

    def box(self, x, top, width, height, lw=1.0, colour=INK, dashed=False):
        from matplotlib.patches import Rectangle
        self.fig.add_artist(Rectangle((x / self.width, 1 - (top + height) / self.height),
                                      width / self.width, height / self.height, fill=False, lw=lw,
                                      edgecolor=colour, linestyle=(0, (4, 2)) if dashed else "-",
                                      transform=self.fig.transFigure))

    def header(self, title, kicker):
        """Title at the top left, the course name over it, a rule under it; returns the y below."""
        self.text(MARGIN, MARGIN + 0.12, kicker, 8, colour=MUTED)
        self.text(MARGIN, MARGIN + 0.42, title, 17, "bold")
        self.rule(MARGIN + 0.55, lw=1.0, colour=INK)
        return MARGIN + 0.62

    def footer(self, text, number=None):
        """The licence line under a rule at the page's foot; the page number at the top right."""
        y = self.height - MARGIN + 0.2
        self.rule(y - 0.14, lw=0.5)
        self.text(MARGIN, y, text, 6.8, colour=MUTED)
        if number is not None:
            self.text(self.width - MARGIN, MARGIN + 0.12, f"Page {number}", 8, colour=MUTED, ha="right")
