"""Write every handout of an edition as PDF, in each paper size, under the built site.

matplotlib's PDF backend draws the maps with the book's own drawing code and embeds the font
as a TrueType subset (`pdf.fonttype` 42), so text stays selectable and searchable. Output is
deterministic: no creation date, fixed metadata.
"""

from pathlib import Path

from ..knowledge import loaded
from .catalogue import EDITIONS, catalogue, groups
from .content import LICENCE
from .lab import answer_pages, worksheet_pages
from .layout import PAPERS
from .sheets import atlas_pages, muscle_pages

PDF_RC = {"pdf.fonttype": 42, "pdf.compression": 9, "svg.hashsalt": "triggerpoints"}


def pages_of(handout, paper, kb=None):
    if handout.kind == "muscle":
        title, muscles = groups(kb)[handout.id]
        return muscle_pages(handout.id, title, muscles, paper, kb)
    if handout.kind == "atlas":
        return atlas_pages(paper, kb)
    if handout.kind == "worksheet":
        return worksheet_pages(paper)
    return answer_pages(paper)


def write_pdf(pages, path, title):
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages
    meta = {"Title": title, "Author": "The Low Back Trigger Points team", "Subject": LICENCE,
            "Creator": "triggerpoints.handouts", "CreationDate": None}
    path.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(PDF_RC), PdfPages(path, metadata=meta) as pdf:
        for page in pages:
            pdf.savefig(page.fig)


def build_handouts(outdir, edition="student", papers=tuple(PAPERS), only=None, workers=2, kb=None):
    """Write the edition's handouts (or `only` those ids) to `outdir`, and remove any PDF there
    that the edition does not include (an instructor build's answer sheet must not survive a
    student build). Each paper size is built in its own process, up to `workers` at a time (the
    sizes share nothing, and the build is CPU-bound). Returns the paths written."""
    kb = loaded(kb)
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; use one of: {', '.join(EDITIONS)}")
    outdir = Path(outdir)
    ids = [h.id for h in catalogue(edition, kb) if only is None or h.id in only]
    expected = {outdir / h.filename(p) for h in catalogue(edition, kb) for p in papers}
    for stale in set(outdir.glob("*.pdf")) - expected:
        stale.unlink()
    jobs = [(outdir, edition, paper, ids) for paper in papers]
    if workers > 1 and len(jobs) > 1 and kb is loaded():
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            return [path for paths in pool.map(_build_paper, *zip(*jobs)) for path in paths]
    return [path for job in jobs for path in _build_paper(*job, kb=kb)]


def _build_paper(outdir, edition, paper, ids, kb=None):
    written = []
    for handout in catalogue(edition, kb):
        if handout.id in ids:
            pages = pages_of(handout, paper, kb)
            path = outdir / handout.filename(paper)
            write_pdf(pages, path, pages[0].title)
            written.append(path)
    return written
