"""Load and validate the knowledge base in data/: the one source of facts.

`load_knowledge_base()` reads every table, checks it completely, and only then
builds typed pandas DataFrames. Problems are collected rather than raised one by
one, so a single KnowledgeBaseError lists everything that needs fixing and
nothing is half-loaded.

Every fact is checked against the record of what was read (data/source_checks.csv)
and the kind of each source read (data/sources.csv), ranked as DESIGN ranks them:
1 peer-reviewed papers; 2 sources quoting the Trigger Point Manual or the 1983 papers
verbatim, with the quote's locator; 3 professional bodies' summaries; 4 textbooks by
named authors; never alone: commercial pages, blogs, flashcards, document-sharing
copies, aggregators, spam-mixed copies. Provenance means what was read: classic =
"the Manual, quoted" (a kind-2 source was read), secondary = "summary" (kinds 1, 3, 4),
article = "article only". The rules that follow from this live in record.py.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from pathlib import Path

import pandas as pd

from ..paths import DATA_DIR
from .record import record_problems
from .schema import SHARING_VIEWS, TABLE_NAMES, TABLES, KnowledgeBase, KnowledgeBaseError, Problem

DEFAULT_DATA_DIR = DATA_DIR
BIB_PATH_FROM_DATA = Path("..") / "book" / "references.bib"
_CACHE: dict = {}


def load_knowledge_base(data_dir=None) -> KnowledgeBase:
    """Load, validate and return the knowledge base (cached per directory)."""
    directory = Path(data_dir or os.environ.get("TRIGGERPOINTS_DATA") or DEFAULT_DATA_DIR).resolve()
    if directory not in _CACHE:
        _CACHE[directory] = _load(directory)
    return _CACHE[directory]


def clear_cache():
    """Forget loaded knowledge bases (tests and benchmarks need cold loads)."""
    _CACHE.clear()


load_knowledge_base.cache_clear = clear_cache


def loaded(kb=None) -> KnowledgeBase:
    """The knowledge base given, or the course's own (every drawer and table takes `kb=None`)."""
    return load_knowledge_base() if kb is None else kb


def _load(directory: Path) -> KnowledgeBase:
    problems = []
    bib_keys = _read_bib_keys(directory, problems)
    rows = {}
    for table in TABLES:
        rows[table.name] = _read_table(directory, table, problems)
    # Check the rows of every table that could be read, so one run reports everything;
    # links into a table that could not be read are skipped rather than reported twice.
    _check_rows(rows, bib_keys, problems)
    if problems:
        raise KnowledgeBaseError(problems)
    return _build(directory, rows, bib_keys)


# ---------------------------------------------------------------- reading

def _read_bib_keys(directory, problems):
    path = (directory / BIB_PATH_FROM_DATA).resolve()
    display = "book/references.bib"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(display, "", "", f"file not found (looked for {path})"))
        return None
    except UnicodeDecodeError as err:
        problems.append(Problem(display, "", "", f"not valid UTF-8 ({err.reason} at byte {err.start})"))
        return None
    return frozenset(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text))


def _read_table(directory, table, problems):
    """Return the rows of one CSV as dicts, or None when the file cannot be used."""
    display = f"data/{table.name}.csv"
    raw = _read_bytes(directory / f"{table.name}.csv", display, problems)
    if raw is None:
        return None
    text = _decode(raw, display, problems)
    if text is None:
        return None
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records:
        problems.append(Problem(display, "", "", "the file is empty; expected a header row and data rows"))
        return None
    header = [h.strip() for h in records[0]]
    missing = [c for c in table.columns if c not in header]
    for column in missing:
        problems.append(Problem(display, "file line 1", column, f"missing column '{column}'"
                                f"{_suggest(column, header)}; expected columns: {', '.join(table.columns)}"))
    if missing:
        return None
    body = records[1:]
    if not body:
        problems.append(Problem(display, "", "", "no data rows; expected at least one row after the header"))
        return None
    return _rows_as_dicts(display, header, body, problems)


def _read_bytes(path, display, problems):
    try:
        return path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(display, "", "", f"file not found (looked for {path})"))
        return None


def _decode(raw, display, problems):
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(display, "file line 1", "", "starts with a byte-order mark (BOM); "
                                "save it as UTF-8 without BOM"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(display, f"file line {line}", "", f"is not valid UTF-8 (byte "
                                f"0x{raw[err.start]:02x}); save the file as UTF-8"))
        return None


def _rows_as_dicts(display, header, body, problems):
    rows = []
    for index, record in enumerate(body, start=1):
        if not any(cell.strip() for cell in record):
            continue  # blank lines carry no facts; csv keeps them as empty records
        if len(record) != len(header):
            problems.append(Problem(display, _where(index), "", f"has {len(record)} fields; "
                                    f"the header has {len(header)}"))
            continue
        row = {h: cell.strip() for h, cell in zip(header, record)}
        row["_row"] = index
        rows.append(row)
    return rows


def _where(row_number):
    # Data rows count from 1 after the header, so the file line is one more.
    return f"row {row_number} (file line {row_number + 1})"


def _suggest(value, choices):
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# ---------------------------------------------------------------- checking

def _check_rows(rows, bib_keys, problems):
    ids = {name: None if rows[name] is None else [r["id"] for r in rows[name]] for name in TABLE_NAMES}
    sections = ids["article_sections"]
    for table in TABLES:
        if rows[table.name] is None:
            continue
        display = f"data/{table.name}.csv"
        for row in rows[table.name]:
            check = _RowCheck(display, row, problems)
            check.required(table)
            check.enums(table.enums)
            check.refs(table.refs, ids)
            check.multi_refs(table.multi_refs, ids)
            check.floats(table.floats)
            if table.has_source:
                check.source(sections, bib_keys)
            if "provenance" in table.enums:
                check.provenance()
        _check_unique_ids(display, rows[table.name], problems)
    _check_cross_table(rows, problems)
    if not problems:  # the record's rules need sound tables to say anything useful
        problems.extend(record_problems(rows))


class _RowCheck:
    """Checks for one row; each failed check adds one Problem."""

    def provenance(self):
        """A fact cited to the article is article only (record.py decides the provenance of the rest
        from what their checks read: a row whose checks read only excluded kinds is article only too,
        "unconfirmed" to the reader)."""
        value, source = self.row["provenance"], self.row["source"]
        if not value or not source or value not in ("classic", "secondary", "article"):
            return
        if source.startswith("article:") and value != "article":
            self.add("provenance", f"'{value}' does not match source '{source}'; expected 'article' "
                     "(a fact the article alone gives)")

    def __init__(self, display, row, problems):
        self.display, self.row, self.problems = display, row, problems

    def add(self, column, message):
        self.problems.append(Problem(self.display, _where(self.row["_row"]), column, message))

    def required(self, table):
        for column in table.columns:
            if column not in table.optional and not self.row[column]:
                self.add(column, "is empty; a value is required")
        if table.snake_ids and self.row["id"] and not re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*|[a-z0-9-]+", self.row["id"]):
            self.add("id", f"'{self.row['id']}' is not a snake_case id")

    def enums(self, enums):
        for column, allowed in enums.items():
            value = self.row[column]
            if value and value not in allowed:
                self.add(column, f"'{value}' is not allowed{_suggest(value, allowed)}; "
                         f"use one of: {', '.join(allowed)}")

    def refs(self, refs, ids):
        for column, target in refs.items():
            self._ref(column, self.row[column], target, ids)

    def multi_refs(self, refs, ids):
        for column, target in refs.items():
            for value in filter(None, (v.strip() for v in self.row[column].split(";"))):
                self._ref(column, value, target, ids)

    def _ref(self, column, value, target, ids):
        known = ids[target]
        if known is not None and value and value not in known:
            noun = target.removesuffix("s").replace("_", " ")
            self.add(column, f"'{value}' is not a known {noun}{_suggest(value, known)}; "
                     f"expected an id from data/{target}.csv")

    def floats(self, ranges):
        for column, (low, high) in ranges.items():
            value = self.row[column]
            try:
                number = float(value)
            except ValueError:
                self.add(column, f"'{value}' is not a number; expected {low:g} to {high:g}")
                continue
            if not low <= number <= high:
                self.add(column, f"{value} is out of range; expected {low:g} to {high:g}")

    def source(self, sections, bib_keys):
        value = self.row["source"]
        if not value:
            return
        if value.startswith("article:"):
            section = value.removeprefix("article:")
            if sections is not None and section not in sections:
                self.add("source", f"'{value}' names no article section{_suggest(section, sections)}; "
                         "expected article:<id from data/article_sections.csv>")
        elif bib_keys is not None and value not in bib_keys:
            self.add("source", f"'{value}' is not a key in book/references.bib{_suggest(value, bib_keys)}; "
                     "expected article:<section> or a BibTeX key")


def _check_unique_ids(display, rows, problems):
    first_seen = {}
    for row in rows:
        ident = row["id"]
        if ident in first_seen:
            problems.append(Problem(display, _where(row["_row"]), "id",
                                    f"duplicate id '{ident}' (first used at row {first_seen[ident]})"))
        else:
            first_seen[ident] = row["_row"]


# A fact stated twice under two ids would count twice in the pain finder.
UNIQUE_PAIRS = {"referral_zones": ("part", "region"), "muscle_aggravators": ("muscle", "aggravator")}


def _check_unique_pairs(rows, problems):
    for name, (first, second) in UNIQUE_PAIRS.items():
        seen = {}
        for row in rows[name] or ():
            pair = (row[first], row[second])
            if pair in seen:
                problems.append(Problem(f"data/{name}.csv", _where(row["_row"]), second,
                                        f"'{pair[0]}' already has '{pair[1]}' at row {seen[pair]}; "
                                        "state each fact once"))
            seen.setdefault(pair, row["_row"])


ALL_POINTS = "all"  # a zone of a part's trigger points together, where the sources give one pattern


def _check_zone_points(rows, problems):
    """A zone belongs to one trigger point of its own part (its posterior or anterior row), or to
    them all ('all')."""
    if rows["referral_zones"] is None:
        return
    mine = {}
    for t in rows["trigger_points"]:
        if t["view"] != "lateral":  # a lateral row is the same point seen from the side
            mine.setdefault(t["part"], []).append(t["id"])
    for row in rows["referral_zones"]:
        points = mine.get(row["part"], [])
        if row["point"] != ALL_POINTS and row["point"] not in points:
            problems.append(Problem("data/referral_zones.csv", _where(row["_row"]), "point",
                                    f"zone '{row['id']}': '{row['point']}' is not a trigger point of part "
                                    f"'{row['part']}'; expected one of {', '.join(points) or '(none)'} or "
                                    f"'{ALL_POINTS}'"))


def _check_cross_table(rows, problems):
    _check_unique_pairs(rows, problems)
    if any(rows[name] is None for name in ("regions", "trigger_points", "parts", "muscles")):
        return
    region_view = {r["id"]: r["view"] for r in rows["regions"]}
    for row in rows["trigger_points"]:
        expected = region_view.get(row["region"])
        if expected and row["view"] not in (expected, *SHARING_VIEWS):  # the lateral view shares their regions
            problems.append(Problem("data/trigger_points.csv", _where(row["_row"]), "view",
                                    f"'{row['view']}' does not match region '{row['region']}', "
                                    f"which is drawn on the {expected} view"))
    _check_zone_points(rows, problems)
    with_parts = {r["muscle"] for r in rows["parts"]}
    for row in rows["muscles"]:
        if row["id"] not in with_parts:
            problems.append(Problem("data/muscles.csv", _where(row["_row"]), "id",
                                    f"muscle '{row['id']}' has no part in data/parts.csv; "
                                    "add one (its id may equal the muscle id)"))


# ---------------------------------------------------------------- building

def _build(directory, rows, bib_keys):
    frames = {t.name: _frame(t, rows[t.name]) for t in TABLES}
    return KnowledgeBase(
        data_dir=directory, bib_keys=tuple(sorted(bib_keys)), **frames,
        region_ids=tuple(frames["regions"]["id"]), aggravator_ids=tuple(frames["aggravators"]["id"]),
        muscle_ids=tuple(frames["muscles"]["id"]), part_ids=tuple(frames["parts"]["id"]),
    )


def _frame(table, rows):
    columns = list(dict.fromkeys([*table.columns, *(k for k in rows[0] if k != "_row")]))
    data = {c: [r[c] for r in rows] for c in columns}
    for column, allowed in table.enums.items():
        data[column] = pd.Categorical(data[column], categories=list(allowed))
    for column in table.floats:
        data[column] = [float(v) for v in data[column]]
    frame = pd.DataFrame(data, columns=columns)
    for column in table.floats:
        frame[column] = frame[column].astype("float64")
    return frame
