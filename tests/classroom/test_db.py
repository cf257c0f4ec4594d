"""The answers store on SQLite and on a real PostgreSQL server: ids make retries harmless,
malformed answers are named by field, and older databases are migrated, not lost."""

import re
import threading
import uuid

import pytest
from sqlalchemy import create_engine, inspect, text

from triggerpoints.classroom import db
from isolation import own_settings  # noqa: F401  (autouse: own settings folder, off a hub)


@pytest.fixture(scope="module")
def postgres():
    from pg import Postgres, why_not

    reason = why_not()
    if reason:
        pytest.skip(reason)
    server = Postgres().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'answers.sqlite'}"
    server = request.getfixturevalue("postgres")
    name = f"t{uuid.uuid4().hex[:10]}"  # a fresh database per test
    engine = create_engine(server.url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return server.url.rsplit("/", 1)[0] + "/" + name


def test_an_answer_sent_twice_is_recorded_once(url):
    store = db.open_store(url)
    first, second = db.new_answer("causes", "q1", ["b", "a"], False), db.new_answer("causes", "q1", ["a"], True)
    assert store.record("alice", [first, second, first]) == (2, 1)
    assert store.record("alice", [second]) == (0, 1), "a retry after a lost reply changes nothing"
    rows = store.answers("alice")
    assert [(r["id"], r["selected"], r["correct"]) for r in rows] == [(first["id"], "a|b", 0), (second["id"], "a", 1)]
    assert store.answers("bob") == [] and store.count() == 2


def test_many_writers_at_once_lose_and_double_nothing(url):
    store = db.open_store(url)
    answers = {f"s{i}": [db.new_answer("cases", f"q{j}", ["a"], j % 2 == 0) for j in range(30)] for i in range(8)}

    def student(name):  # each sends everything twice, as a kernel whose replies were lost would
        for a in answers[name]:
            store.record(name, [a])
        store.record(name, answers[name])

    threads = [threading.Thread(target=student, args=(n,)) for n in answers]
    [t.start() for t in threads]
    [t.join() for t in threads]
    for name, sent in answers.items():
        assert [r["id"] for r in store.answers(name)] == [a["id"] for a in sent], f"{name}'s answers in order, once"
    assert store.count() == 8 * 30


@pytest.mark.parametrize("change, field", [
    (lambda a: a.pop("id"), "answers[0].id"),
    (lambda a: a.update(question_id="q 1; DROP TABLE answers"), "answers[0].question_id"),
    (lambda a: a.update(selected=[]), "answers[0].selected"),
    (lambda a: a.update(selected="a"), "answers[0].selected"),
    (lambda a: a.update(correct="yes"), "answers[0].correct"),
    (lambda a: a.update(answered_at="yesterday"), "answers[0].answered_at"),
])
def test_a_malformed_answer_is_refused_by_field_and_nothing_is_stored(url, change, field):
    store = db.open_store(url)
    good, bad = db.new_answer("causes", "q1", ["a"], True), db.new_answer("causes", "q2", ["a"], True)
    change(bad)
    with pytest.raises(db.AnswerError, match=re.escape(f"field {field}")) as err:
        store.record("alice", [bad, good])
    assert err.value.field == field and store.count() == 0


def test_a_version_1_database_is_migrated_and_keeps_its_answers(url):
    engine = create_engine(url)
    db.migrate(engine, to=1)  # as the first release left it: no recorded_at
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO answers (answer_id, student, chapter, question_id, selected, correct, answered_at) "
                          "VALUES ('old1', 'alice', 'causes', 'q1', 'a', :yes, '2026-03-02 09:00:00+00:00')"),
                     {"yes": True})
    assert "recorded_at" not in [c["name"] for c in inspect(engine).get_columns("answers")]
    store = db.open_store(url)
    assert store.version() == db.SCHEMA_VERSION == 2
    [old] = store.answers("alice")
    assert old["id"] == "old1" and old["answered_at"] == "2026-03-02T09:00:00+00:00"
    with store.engine.connect() as conn:
        recorded = conn.execute(text("SELECT recorded_at FROM answers WHERE answer_id = 'old1'")).scalar()
    assert str(recorded).startswith("2026-03-02 09:00:00"), "the new column filled from the old one"
    assert db.open_store(url).version() == 2, "opening again migrates nothing"


def test_a_database_newer_than_the_course_is_refused(url):
    store = db.open_store(url)
    with store.engine.begin() as conn:
        conn.execute(db.version_table.update().values(version=db.SCHEMA_VERSION + 1))
    with pytest.raises(RuntimeError, match="newer than this course"):
        db.open_store(url)
