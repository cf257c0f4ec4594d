"""The answers database: SQLAlchemy tables, the schema version and its migrations, the queries.

    store = open_store("sqlite:////srv/answers/answers.sqlite")     # the default: one file
    store = open_store("postgresql+psycopg://answers@db/answers")    # a big hub: one URL
    store.record("alice", [answer, ...])      # each answer carries its own id: a retry is a no-op
    store.answers("alice")                    # her rows, oldest first; store.answers() all rows

The service and the laptop use this same store (the service for a hub, a local SQLite file
off one). Names here are the hub's names, given by the caller: this module never decides who
is asking. `schema_version` holds one row; `open_store` brings an older database up to
`SCHEMA_VERSION` by running each missing step of `MIGRATIONS` in one transaction.
"""

import re
import uuid
from datetime import datetime, timezone

from sqlalchemy import (Boolean, Column, DateTime, Integer, MetaData, String, Table, create_engine, event, func,
                        insert, inspect, select, text)
from sqlalchemy.dialects import postgresql, sqlite

FIELDS = ("student", "chapter", "question_id", "selected", "correct", "answered_at")
SCHEMA_VERSION = 2
MAX_SELECTED = 16
ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")

metadata = MetaData()
version_table = Table("schema_version", metadata, Column("version", Integer, nullable=False))
answers_table = Table(
    "answers", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),       # the order answers arrived in
    Column("answer_id", String(64), nullable=False, unique=True),       # made by the student's kernel
    Column("student", String(80), nullable=False, index=True),
    Column("chapter", String(64), nullable=False),
    Column("question_id", String(64), nullable=False),
    Column("selected", String(1100), nullable=False),                   # keys joined with "|", sorted
    Column("correct", Boolean, nullable=False),
    Column("answered_at", DateTime(timezone=True), nullable=False),     # on the student's clock
    Column("recorded_at", DateTime(timezone=True), nullable=False),     # on the service's clock (for audits)
)


class AnswerError(ValueError):
    """A malformed answer; `field` names what was wrong."""

    def __init__(self, field, message):
        super().__init__(f"field {field}: {message}")
        self.field = field


def new_answer(chapter, question_id, selected, correct, when=None):
    """An answer as the kernel makes it: with a fresh id, so sending it twice records it once."""
    return {"id": uuid.uuid4().hex, "chapter": chapter, "question_id": question_id, "selected": sorted(selected),
            "correct": bool(correct), "answered_at": (when or datetime.now(timezone.utc)).isoformat(timespec="seconds")}


def check_answer(answer, index=0):
    """The row to store, or AnswerError naming the field (`answers[3].selected`)."""
    where = f"answers[{index}]"
    if not isinstance(answer, dict):
        raise AnswerError(where, f"expected an object, found {type(answer).__name__}")
    for name in ("id", "chapter", "question_id"):
        value = answer.get(name)
        if not isinstance(value, str) or not ID.match(value):
            raise AnswerError(f"{where}.{name}", f"expected 1-64 letters, digits or _.:-, found {value!r}"[:200])
    selected = answer.get("selected")
    if (not isinstance(selected, list) or not 0 < len(selected) <= MAX_SELECTED
            or not all(isinstance(k, str) and ID.match(k) for k in selected)):
        raise AnswerError(f"{where}.selected", f"expected a list of 1-{MAX_SELECTED} option keys or region ids "
                                               f"(1-64 letters, digits or _.:-), found {selected!r}"[:200])
    if not isinstance(answer.get("correct"), bool):
        raise AnswerError(f"{where}.correct", f"expected true or false, found {answer.get('correct')!r}"[:200])
    try:
        when = datetime.fromisoformat(answer.get("answered_at"))
    except (TypeError, ValueError):
        raise AnswerError(f"{where}.answered_at", f"expected an ISO date and time, found {answer.get('answered_at')!r}"[:200])
    return {"answer_id": answer["id"], "chapter": answer["chapter"], "question_id": answer["question_id"],
            "selected": "|".join(sorted(selected)), "correct": answer["correct"],
            "answered_at": when if when.tzinfo else when.replace(tzinfo=timezone.utc)}


def open_store(url):
    """A Store on the database at `url`, created or migrated to SCHEMA_VERSION."""
    sqlite_file = url.startswith("sqlite")
    engine = create_engine(url, pool_pre_ping=not sqlite_file,
                           **({"connect_args": {"timeout": 30}} if sqlite_file else {"pool_size": 10}))
    if sqlite_file:
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return Store(engine)


def _sqlite_pragmas(connection, _record):
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")     # readers (the live view) never block the writer
    cursor.execute("PRAGMA synchronous=FULL")     # a recorded answer survives a power cut
    cursor.close()


# ------------------------------------------------------------------ schema version, migrations

def _v1(conn):
    """Version 1: answers without the service's clock."""
    conn.execute(text("CREATE TABLE schema_version (version INTEGER NOT NULL)"))
    columns = [c for c in answers_table.columns if c.name != "recorded_at"]
    Table("answers", MetaData(), *[c._copy() for c in columns]).create(conn)


def _v2(conn):
    """Version 2: when the service recorded each answer (a student's clock can be wrong)."""
    conn.execute(text("ALTER TABLE answers ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE"
                      if conn.dialect.name == "postgresql" else "ALTER TABLE answers ADD COLUMN recorded_at DATETIME"))
    conn.execute(text("UPDATE answers SET recorded_at = answered_at"))


MIGRATIONS = {1: _v1, 2: _v2}


def schema_version(conn):
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(select(func.max(version_table.c.version))).scalar() or 0


def migrate(engine, to=SCHEMA_VERSION):
    """Run each missing migration step, all in one transaction (a failure changes nothing)."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # two services starting at once migrate one after the other
            conn.execute(text("SELECT pg_advisory_xact_lock(26026)"))
        found = schema_version(conn)
        if found > SCHEMA_VERSION:
            raise RuntimeError(f"the answers database is at schema version {found}, newer than this course "
                               f"({SCHEMA_VERSION}): update the course before using it")
        for version in range(found + 1, to + 1):
            MIGRATIONS[version](conn)
            conn.execute(version_table.delete())
            conn.execute(insert(version_table).values(version=version))
    return to


# ------------------------------------------------------------------ the queries

class Store:
    """Answers in one database; every method is one short transaction."""

    def __init__(self, engine):
        self.engine = engine

    def record(self, student, answers):
        """Store the checked answers for `student`; an id already stored is skipped.
        Returns (recorded, already there)."""
        return self.record_many([(student, answers)])[0]

    def record_many(self, requests):
        """Several students' answers [(student, answers), ...] in ONE transaction (one disk
        flush for all: the service's group commit). Returns (recorded, already there) each."""
        rows = [[{**check_answer(a, i), "student": who} for i, a in enumerate(answers)] for who, answers in requests]
        flat = [r for group in rows for r in group]
        if not flat:
            return [(0, 0) for _ in requests]
        now = datetime.now(timezone.utc)
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        statement = (dialect.insert(answers_table).on_conflict_do_nothing(index_elements=["answer_id"])
                     .returning(answers_table.c.answer_id, answers_table.c.student))
        with self.engine.begin() as conn:
            new = {tuple(r) for r in conn.execute(statement, [{**row, "recorded_at": now} for row in flat])}
        out = []
        for group in rows:
            done = 0
            for r in group:
                if (r["answer_id"], r["student"]) in new:  # counted once even if sent twice in this batch
                    new.discard((r["answer_id"], r["student"]))
                    done += 1
            out.append((done, len(group) - done))
        return out

    def answers(self, student=None, since=0):
        """Rows (dicts with FIELDS, `seq`, `id`) oldest first; one student's, or everyone's."""
        t = answers_table.c
        query = (select(t.seq, t.answer_id, t.student, t.chapter, t.question_id, t.selected, t.correct, t.answered_at)
                 .where(t.seq > since).order_by(t.seq))
        if student is not None:
            query = query.where(t.student == student)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()  # plain tuples: a class of 1,000 is 40,000+ rows
        return [{"seq": seq, "id": aid, "student": who, "chapter": chapter, "question_id": qid, "selected": selected,
                 "correct": int(correct), "answered_at": _stamp(when)}
                for seq, aid, who, chapter, qid, selected, correct, when in rows]

    def count(self):
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(answers_table)).scalar()

    def version(self):
        with self.engine.connect() as conn:
            return schema_version(conn)


def _stamp(when):
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).isoformat(timespec="seconds")
