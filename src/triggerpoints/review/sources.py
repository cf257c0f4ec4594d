"""A card's source line, from the fact-check record, never naming an excluded kind of source.

The course's rule (DESIGN, "What counts as a source"): a commercial clinic or marketing page, a
blog, user-made flashcards, a document-sharing copy or an aggregator is never what a card cites.
Each URL, and each BibTeX entry that is a web page (`@misc` with a URL), is given a kind:
from the registry `data/sources.csv` when it exists, otherwise by a conservative built-in rule
that admits only hosts known to be journals, bibliographic records, professional bodies or
named reference works, so an unknown host is left out rather than printed.
"""

import csv
import re
from functools import lru_cache
from urllib.parse import urlparse

from ..knowledge import source_label
from ..paths import ROOT

EXCLUDED_KINDS = ("commercial", "clinic", "marketing", "blog", "flashcard", "document", "sharing",
                  "aggregator")
# Hosts of an included kind, for when there is no registry: journals and bibliographic records,
# professional bodies and public agencies, named reference works.
ADMITTED_HOSTS = (
    "pubmed.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov", "doi.org", "search.pedro.org.au",
    "archives-pmr.org", "hindawi.com", "iwh.on.ca", "cochranelibrary.com", "link.springer.com",
    "myofascialtherapy.org", "hssib.org.uk", "oxfordindex.oup.com", "orthobullets.com",
    "gpnotebook.co.uk", "imaios.com", "imaios.cn", "anatomyzone.com", "okstate.edu",
    "wheelessonline.com",
)


class SourceError(ValueError):
    """A card cites a fact the fact-check record does not cover."""


def _host(url):
    return (urlparse(url).hostname or "").removeprefix("www.")


@lru_cache(maxsize=4)
def _registry(path):
    """[(match, kind)] from data/sources.csv if present: each row's URL, host or key, and kind."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        return None
    out = []
    for row in rows:
        kind = (row.get("kind") or "").strip().lower()
        for col in ("url", "host", "domain", "prefix", "pattern", "key", "source", "id"):
            if (row.get(col) or "").strip():
                out.append((row[col].strip().lower().removeprefix("www."), kind))
    return out


def source_kind(source, registry_path=ROOT / "data" / "sources.csv"):
    """'excluded' or 'admitted' for a URL (or a BibTeX key, by the registry only)."""
    registry = _registry(str(registry_path))
    if registry is not None:
        lowered = re.sub(r"^https?://(www\.)?", "", source.lower())
        host = _host(source) or lowered
        for match, kind in registry:
            bare = re.sub(r"^https?://(www\.)?", "", match)
            if lowered == bare or lowered.startswith(bare.rstrip("/") + "/") or host == bare:
                return "excluded" if any(k in kind for k in EXCLUDED_KINDS) else "admitted"
    if not source.startswith("http"):
        return "admitted"        # a key or article section: judged by its own entry (below)
    host = _host(source)
    return "admitted" if any(host == h or host.endswith("." + h) for h in ADMITTED_HOSTS) else "excluded"


@lru_cache(maxsize=4)
def _bib_urls(bib_path):
    """{key: url} for BibTeX entries that are web pages."""
    text = open(bib_path, encoding="utf-8").read()
    out = {}
    for key, body in re.findall(r"@\w+\{([^,]+),(.*?)\n\}", text, flags=re.S):
        url = re.search(r"\\url\{([^}]+)\}|url\s*=\s*\{([^}]+)\}", body)
        if url and body and not re.search(r"doi\s*=", body):
            out[key.strip()] = url.group(1) or url.group(2)
    return out


def _label_if_admitted(source, kb):
    url = _bib_urls(str(kb.data_dir.parent / "book" / "references.bib")).get(source)
    if url and source_kind(url) == "excluded":
        return None
    if source_kind(source) == "excluded":
        return None
    return source_label(source, kb)


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
            urls += [u for u in row.source.split() if u.startswith("http") and source_kind(u) == "admitted"]
    kept = list(dict.fromkeys(labels + [_short(u) for u in urls]))
    checked = f" (fact check {', '.join(dict.fromkeys(ids))})" if ids else ""
    if not kept:
        return f"no source of an admitted kind; see How the facts were checked{checked}"
    return "; ".join(kept) + checked


def _short(url):
    """A readable web address: host and path, no scheme or query."""
    p = urlparse(url)
    return (p.hostname or "").removeprefix("www.") + p.path.rstrip("/")
