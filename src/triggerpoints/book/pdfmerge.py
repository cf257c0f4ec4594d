"""Joins the page prints of the book PDF into one document that reads as a book.

- links between pages (Chromium writes them as file:// addresses of the other page) become
  links inside the PDF, to the page's first sheet; links within a page keep their place;
- bookmarks: one per page of the book, in reading order, with the page's own headings
  (Chromium's outline of that print) below it;
- page numbers on every sheet but the title page, stamped from a print of the numbers alone
  (so the digits are real text in an embedded font, like the rest).
"""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse


@dataclass
class Part:
    doc: str | None          # the book page it prints; None for a page added to the book (answers)
    title: str
    path: Path


@dataclass
class Merged:
    starts: list = field(default_factory=list)   # printed page number where each book page starts
    pages: int = 0


def _docs_by_uri(site, parts):
    return {(Path(site) / f"{p.doc}.html").resolve().as_posix(): p.doc for p in parts if p.doc}


def _dest_array(writer, index, top=None):
    from pypdf.generic import ArrayObject, NameObject, NullObject, NumberObject

    return ArrayObject([writer.pages[index].indirect_reference, NameObject("/XYZ"), NullObject(),
                        NumberObject(top) if top is not None else NullObject(), NullObject()])


def _relink(writer, index, reader, offset, starts_by_doc, docs):
    """Rewrites the link annotations of one merged sheet."""
    from pypdf.generic import DictionaryObject, NameObject

    for ref in writer.pages[index].get("/Annots") or []:
        annot = ref.get_object()
        if annot.get("/Subtype") != "/Link":
            continue
        dest = annot.get("/Dest")
        if dest is not None and not isinstance(dest, list):
            named = reader.named_destinations.get(str(dest))
            if named is not None:
                local = reader.get_destination_page_number(named)
                annot[NameObject("/Dest")] = _dest_array(writer, offset + local, named.get("/Top"))
            continue
        action = annot.get("/A")
        uri = action.get("/URI") if action else None
        if not uri or not str(uri).startswith("file://"):
            continue
        doc = docs.get(Path(unquote(urlparse(str(uri)).path)).as_posix())
        if doc in starts_by_doc:
            del annot["/A"]
            annot[NameObject("/Dest")] = _dest_array(writer, starts_by_doc[doc])


def _outline(writer, reader, offset, chapter):
    """Puts a print's own headings (Chromium's outline of it) under the page's bookmark; its
    first entry is the page title, which the chapter bookmark already is."""
    items = list(reader.outline)
    if items and not isinstance(items[0], list):
        items = items[1:]
    if items and isinstance(items[0], list):
        items = list(items[0]) + items[1:]
    _copy(writer, reader, offset, items, chapter, 1)


def _copy(writer, reader, offset, items, parent, depth):
    last = None
    for item in items:
        if isinstance(item, list):
            if last is not None and depth < 2:
                _copy(writer, reader, offset, item, last, depth + 1)
            continue
        last = writer.add_outline_item(item.title, offset + reader.get_destination_page_number(item), parent=parent)


def merge(site, front, parts, out, numbers_pdf=None):
    """Joins front matter and parts; writes `out` (if given) with links, bookmarks and page
    numbers. Returns where each book page starts (printed page numbers, title page = 1)."""
    from pypdf import PdfReader, PdfWriter

    writer, readers, result = PdfWriter(), [], Merged()
    front_reader = PdfReader(str(front))
    writer.append(front_reader, import_outline=False)
    offset = len(front_reader.pages)
    for part in parts:
        reader = PdfReader(str(part.path))
        readers.append((part, reader, offset))
        if part.doc:
            result.starts.append(offset + 1)
        offset += len(reader.pages)
    result.pages = offset
    if out is None:
        return result
    for part, reader, start in readers:
        writer.append(reader, import_outline=False)
    starts_by_doc = {p.doc: s - 1 for (p, _, _), s in zip([r for r in readers if r[0].doc], result.starts)}
    docs = _docs_by_uri(site, parts)
    for index in range(len(front_reader.pages)):
        _relink(writer, index, front_reader, 0, starts_by_doc, docs)
    for part, reader, start in readers:
        for local in range(len(reader.pages)):
            _relink(writer, start + local, reader, start, starts_by_doc, docs)
    writer.add_outline_item("Contents", 1 if len(front_reader.pages) > 1 else 0)
    chapter = None
    for part, reader, start in readers:
        if part.doc:
            chapter = writer.add_outline_item(part.title, start)
            _outline(writer, reader, start, chapter)
        else:
            writer.add_outline_item(part.title, start, parent=chapter)
    if numbers_pdf is not None:
        stamp(writer, numbers_pdf)
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": "Low Back Trigger Points", "/Author": "The Low Back Trigger Points team"})
    # Each page's print embeds its own copy of the fonts and images every page shares: keep one.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    with open(out, "wb") as f:
        writer.write(f)
    return result


def stamp(writer, numbers_pdf):
    """Overlays sheet i of `numbers_pdf` (a print of the page numbers alone) on sheet i."""
    from pypdf import PdfReader

    numbers = PdfReader(str(numbers_pdf))
    for index, page in enumerate(writer.pages):
        if index and index < len(numbers.pages):
            page.merge_page(numbers.pages[index], over=True)
            page.compress_content_streams()  # merge_page leaves the sheet's drawing uncompressed
