"""The answers service's handlers, on a real HTTP port: who may write and read what, and how
bad input is answered. The hub's side (tokens, OAuth, groups) is stood in for by a table of
tokens -> user models here; tests/classroom/test_real_hub.py runs the real hub."""

import asyncio
import json
import threading
import urllib.error
import urllib.request

import pytest
from tornado.httpserver import HTTPServer

from triggerpoints.classroom import client, db, service
from triggerpoints.quizzes import load_bank
from isolation import own_settings  # noqa: F401  (autouse: own settings folder, off a hub)

MODELS = {"token alice": {"kind": "user", "name": "alice", "groups": []},
          "token bob": {"kind": "user", "name": "bob", "groups": []},
          "token teach": {"kind": "user", "name": "teach", "groups": ["instructors"]},
          "token svc": {"kind": "service", "name": "other-service"}}
PREFIX = "/services/answers/"


@pytest.fixture
def running(tmp_path, monkeypatch):
    async def identify(self):
        self._hub_auth_user_cache = MODELS.get(self.request.headers.get("Authorization"))

    monkeypatch.setattr(service.AnswersHandler, "identify", identify)
    monkeypatch.setattr(service.AnswersHandler, "get_current_user",
                        lambda self: MODELS.get(self.request.headers.get("Authorization")))
    store = db.open_store(f"sqlite:///{tmp_path / 'answers.sqlite'}")
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def serve():
        asyncio.set_event_loop(loop)
        server = HTTPServer(service.make_app(store, PREFIX), max_body_size=4 * service.MAX_BODY)
        sockets = __import__("tornado.netutil").netutil.bind_sockets(0, "127.0.0.1")
        server.add_sockets(sockets)
        running.port = sockets[0].getsockname()[1]
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    yield store, f"http://127.0.0.1:{running.port}{PREFIX}"
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def call(url, method="GET", body=None, token=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    headers = {"Authorization": token} if token else {}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, _decode(response.read())
    except urllib.error.HTTPError as err:
        return err.code, _decode(err.read())


def _decode(text):
    try:
        return json.loads(text)
    except ValueError:
        return text.decode()


def test_a_student_records_and_reads_only_their_own(running):
    store, url = running
    answer = db.new_answer("causes", "q1", ["a"], True)
    assert call(url + "api/answers", "POST", {"answers": [answer]}, "token alice") == (
        200, {"student": "alice", "recorded": 1, "already_recorded": 0})
    assert call(url + "api/answers", "POST", {"answers": [answer]}, "token alice")[1]["already_recorded"] == 1
    # naming someone else in the body changes nothing: the hub's user model decides
    forged = {**db.new_answer("causes", "q2", ["a"], True), "student": "bob"}
    assert call(url + "api/answers", "POST", {"answers": [forged], "student": "bob"}, "token alice")[0] == 200
    assert {r["student"] for r in store.answers()} == {"alice"} and store.answers("bob") == []
    status, mine = call(url + "api/answers", token="token bob")
    assert status == 200 and mine == {"answers": []}
    assert call(url + "api/answers?all=1", token="token bob")[0] == 403
    assert call(url + "api/whoami", token="token alice")[1] == {"name": "alice", "instructor": False}


def test_instructors_read_everyone_and_see_the_class_page(running):
    store, url = running
    qid = load_bank("causes")[0]["id"]
    store.record("alice", [db.new_answer("causes", qid, ["a"], True)])
    store.record("bob", [db.new_answer("causes", qid, ["b"], False)])
    status, everyone = call(url + "api/answers?all=1", token="token teach")
    assert status == 200 and [r["student"] for r in everyone["answers"]] == ["alice", "bob"]
    assert len(call(url + f"api/answers?all=1&since={everyone['answers'][0]['seq']}", token="token teach")[1]["answers"]) == 1
    status, page = call(url, token="token teach")
    assert status == 200 and "2 students" in page and 'http-equiv="refresh"' in page
    status, page = call(url, token="token alice")
    assert "1 answer(s) recorded for you, alice" in page and "2 students" not in page


@pytest.mark.parametrize("token", [None, "token forged", "token svc"])
def test_without_a_hub_user_token_nothing_is_stored(running, token):
    store, url = running
    status, reply = call(url + "api/answers", "POST", {"answers": [db.new_answer("causes", "q1", ["a"], True)]}, token)
    assert status in (401, 403) and store.count() == 0
    assert call(url + "api/answers?all=1", token=token)[0] in (401, 403)


@pytest.mark.parametrize("body, field", [
    (b"not json", "the body is not JSON"),
    (json.dumps({"answers": []}).encode(), "field answers"),
    (json.dumps({"answer": [1]}).encode(), "field answers"),
    (json.dumps({"answers": [{**db.new_answer("causes", "q1", ["a"], True), "correct": "yes"}]}).encode(),
     "field answers[0].correct"),
])
def test_a_malformed_answer_gets_400_naming_the_field(running, body, field):
    store, url = running
    status, reply = call(url + "api/answers", "POST", token="token alice", raw=body)
    assert status == 400 and field in reply["message"] and store.count() == 0


def test_students_answering_together_share_one_transaction_and_each_learns_their_count(running):
    import concurrent.futures

    store, url = running
    calls = []
    real = store.record_many
    store.record_many = lambda requests: calls.append(len(requests)) or real(requests)
    one = db.new_answer("causes", "q0", ["a"], True)

    def send(i):
        who = ("token alice", "token bob")[i % 2]
        answers = [one] if i == 0 else [db.new_answer("causes", f"q{i}", ["a"], True)]
        return call(url + "api/answers", "POST", {"answers": answers}, who)[1]

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        replies = list(pool.map(send, range(60)))
    assert sum(r["recorded"] for r in replies) == 60 == store.count()
    assert {r["student"] for r in replies[1::2]} == {"bob"} and {r["student"] for r in replies[::2]} == {"alice"}
    assert len(calls) < 60, f"no request shared a transaction: {calls}"
    assert call(url + "api/answers", "POST", {"answers": [one]}, "token alice")[1]["already_recorded"] == 1


def test_an_oversized_body_is_refused(running):
    store, url = running
    many = [db.new_answer("causes", f"q{i}", ["a"], True) for i in range(2000)]
    status, reply = call(url + "api/answers", "POST", {"answers": many}, "token alice")
    assert status == 413 and "KiB" in reply["message"] and store.count() == 0


def test_an_unreachable_database_is_503_and_the_kernel_keeps_the_answer(running, monkeypatch):
    store, url = running
    from sqlalchemy.exc import OperationalError

    def down(*a, **k):
        raise OperationalError("INSERT", {}, Exception("connection refused"))

    real = store.record_many
    monkeypatch.setattr(store, "record_many", down)
    box = client.Outbox(client.Service(url, "alice"), "test")
    box.target.token = "alice"  # Service sends "token alice"
    delivery = box.save(db.new_answer("causes", "q1", ["a"], True))
    assert not delivery.delivered and delivery.waiting == 1
    assert "database is not reachable" in delivery.message and "kept on this computer" in delivery.message
    monkeypatch.setattr(store, "record_many", real)
    assert box.flush().delivered and store.count() == 1 and box.waiting() == []
