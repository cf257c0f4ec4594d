"""A card's source line, from the fact-check record, never naming an excluded kind of source.

The course's rule (DESIGN, "What counts as a source"): a commercial clinic or marketing page, a
blog, user-made flashcards, a document-sharing copy or an aggregator is never what a card cites.
Each source's kind is the one the knowledge base's registry (`data/sources.csv`) gives it; the
loader refuses a check that cites an unregistered source, so every source here has a kind.
"""

from urllib.parse import urlparse

from ..knowledge import source_label
from ..knowledge.schema import EXCLUDED_KINDS


class SourceError(ValueError):
    """A card cites a fact the fact-check record does not cover."""


def admitted(source, kb):
    """Whether a card may name `source` (a URL, BibTeX key or article section): not of an excluded kind."""
    kinds = dict(zip(kb.sources["id"], kb.sources["kind"]))
    return kinds.get(source) not in EXCLUDED_KINDS


def _label_if_admitted(source, kb):
    return source_label(source, kb) if admitted(source, kb) else None


def checks_for(fact, kb):
    """The fact-check rows of a fact ("table:id" or "lesson:page")."""
    checks = kb.source_checks
    return checks[checks["checked"] == fact]


def source_line(card, kb):
    """'Source: ...' for a card: its rows' own sources and the URLs its checks read, each of an
    admitted kind. Raises SourceError naming the card and the fact if a fact has no check."""
    labels, urls, ids = [], [], []
    for source in card.sources:
        label = _label_if_admitted(source, kb)
        if label:
            labels.append(label)
    for fact in card.facts:
        rows = checks_for(fact, kb)
        if rows.empty:
            raise SourceError(f"card {card.id}: fact {fact} has no check in data/source_checks.csv")
        for row in rows.itertuples():
            ids.append(row.id)
            urls += [u for u in row.source.split() if u.startswith("http") and admitted(u, kb)]
    kept = list(dict.fromkeys(labels + [_short(u) for u in urls]))
    checked = f" (fact check {', '.join(dict.fromkeys(ids))})" if ids else ""
    if not kept:
        return f"no source of an admitted kind; see How the facts were checked{checked}"
    return "; ".join(kept) + checked


def _short(url):
    """A readable web address: host and path, no scheme or query."""
    p = urlparse(url)
    return (p.hostname or "").removeprefix("www.") + p.path.rstrip("/")
