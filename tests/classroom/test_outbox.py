"""No answer lost: while the service or the file is away, answers wait in the student's own
settings folder and are sent later in order; a retry after a lost reply records nothing twice."""

import errno
import os

import pytest

from triggerpoints.classroom import client, db, session
from isolation import own_settings  # noqa: F401  (autouse: own settings folder, off a hub)
from test_service import running  # noqa: F401  (the service on a real port, hub identities stood in)


class Flaky:
    """A store behind a link that can be down, or that drops the reply after recording."""

    def __init__(self, store):
        self.store, self.down, self.lose_reply, self.batches = store, False, False, []

    def deliver(self, answers):
        if self.down:
            raise client.Wait("the link is down")
        self.store.record("ana", answers)
        self.batches.append(len(answers))
        if self.lose_reply:
            self.lose_reply = False
            raise client.Wait("the reply was lost")


@pytest.fixture
def flaky(tmp_path):
    return Flaky(db.open_store(f"sqlite:///{tmp_path / 'answers.sqlite'}"))


def test_answers_wait_while_the_store_is_away_and_are_sent_in_order(flaky, own_settings):
    box = client.Outbox(flaky, "k")
    flaky.down = True
    sent = [db.new_answer("causes", f"q{i}", ["a"], True) for i in range(3)]
    replies = [box.save(a) for a in sent]
    assert [r.waiting for r in replies] == [1, 2, 3] and not any(r.delivered for r in replies)
    assert "Not recorded yet: the link is down" in replies[-1].message and str(own_settings) in replies[-1].message
    assert (own_settings / "outbox").stat().st_mode & 0o077 == 0, "the outbox is the student's alone"
    flaky.down = False
    last = box.save(db.new_answer("causes", "q3", ["a"], True))
    assert last.delivered and "3 earlier answer(s)" in last.message and box.waiting() == []
    assert [r["question_id"] for r in flaky.store.answers("ana")] == ["q0", "q1", "q2", "q3"]


def test_a_lost_reply_means_a_retry_and_no_double(flaky):
    box = client.Outbox(flaky, "k")
    flaky.lose_reply = True
    assert not box.save(db.new_answer("causes", "q1", ["a"], True)).delivered
    assert box.flush().delivered and flaky.batches == [1, 1], "sent twice"
    assert flaky.store.count() == 1, "recorded once"


def test_a_long_outage_is_sent_in_batches(flaky):
    box = client.Outbox(flaky, "k")
    flaky.down = True
    for i in range(client.BATCH + 5):
        box.save(db.new_answer("cases", f"q{i}", ["a"], True))
    flaky.down = False
    assert box.flush().delivered and flaky.batches == [client.BATCH, 5] and flaky.store.count() == client.BATCH + 5


def test_a_refused_batch_is_kept_aside_not_dropped(flaky):
    box = client.Outbox(flaky, "k")
    bad = {**db.new_answer("causes", "q1", ["a"], True), "correct": "yes"}
    flaky.store.record = lambda who, answers: (_ for _ in ()).throw(client.Refused("field answers[0].correct"))
    reply = box.save(bad)
    assert "refused" in reply.message and "tell your instructor" in reply.message
    assert client._read(box.refused) == [bad] and box.waiting() == []


def test_a_full_disk_while_keeping_tells_the_student(tmp_path, monkeypatch):
    real = os.write

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(client.os, "write", full)
    message = session.recorder("Ana", tmp_path)("causes", "q1", ["a"], True)
    assert "No space left on device" in message and "tell your instructor" in message
    monkeypatch.setattr(client.os, "write", real)


def test_on_a_hub_quizzes_record_through_the_service_for_the_token_not_the_variable(running, monkeypatch):
    from test_session import _answer

    store, url = running
    monkeypatch.setenv("TRIGGERPOINTS_SERVICE_URL", "http://127.0.0.1:9/services/answers/")  # nothing listens
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "alice")   # the stand-in hub knows this token as alice
    monkeypatch.setenv("JUPYTERHUB_USER", "bob")          # a student changed the variable
    widget = session.quiz_widget("causes")                # records without start_session on a hub
    _answer(widget)
    assert "cannot be reached" in widget.notice.value and "kept on this computer" in widget.notice.value
    assert store.count() == 0
    monkeypatch.setenv("TRIGGERPOINTS_SERVICE_URL", url)
    notice = session.start_session()
    assert repr(notice).startswith("Recording answers as alice (in the hub's answers service)"), repr(notice)
    assert [r["student"] for r in store.answers()] == ["alice"], "the waiting answer, sent for the token's user"
    with pytest.raises(PermissionError, match="signed in as 'alice'"):
        session.quiz("causes", student="bob")
    again = session.quiz_widget("causes")
    assert again.views[0].correct, "a restarted kernel shows the recorded answer"
