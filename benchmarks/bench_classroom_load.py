"""A lab of 300 students at once, through a real hub and its answers service (needs root and
`make hub` and `make postgres`; skipped otherwise, with the reason printed).

For each database (the service's SQLite file, then a PostgreSQL server started here):
- a hub with the answers service; 300 hub users, each with a real hub token that may call it;
- all 300 start together, each sending 89 answers one by one through the hub's proxy, with a
  think time drawn uniformly from 0-2 s between answers (a class answering as fast as it
  reads: about 150 answers a second); 2% of the answers are sent a second time, as a kernel
  whose reply was lost would; a failed request is retried (the outbox would);
- then: answers lost (sent but not stored) and doubled (stored more than once), p95 of the
  time to record one answer (request to reply, at the student's side), and the live view of
  the 300 students as the instructor's kernel reads it from the service (cold, and a refresh
  after 300 new answers).
"""

import asyncio
import json
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STUDENTS, ANSWERS, THINK = 300, 89, 2.0


def _why_not():
    sys.path.insert(0, str(ROOT / "tests" / "classroom"))
    from hub import missing_parts
    from pg import why_not

    if os.geteuid() != 0:
        return "needs root (it runs a hub and makes Unix users)"
    return ("; ".join(missing_parts()) and "run make hub first") or why_not()


async def _student(url, token, qids, latencies, failures, rng):
    from tornado.httpclient import AsyncHTTPClient, HTTPClientError

    from triggerpoints.classroom import db

    http = AsyncHTTPClient()
    sent = []
    await asyncio.sleep(rng.uniform(0, 0.1))
    for qid in qids:
        answer = db.new_answer("cases", qid, ["a"], rng.random() < 0.6)
        copies = 2 if rng.random() < 0.02 else 1
        for _ in range(copies):
            while True:
                start = time.perf_counter()
                try:
                    await http.fetch(url, method="POST", body=json.dumps({"answers": [answer]}),
                                     headers={"Authorization": f"token {token}"}, request_timeout=60)
                    latencies.append((time.perf_counter() - start) * 1000)
                    break
                except (HTTPClientError, OSError) as err:
                    failures.append(str(err))
                    await asyncio.sleep(1)
        sent.append(answer["id"])
        await asyncio.sleep(rng.uniform(0, THINK))
    return sent


async def _class(url, tokens, qids):
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=STUDENTS + 10)
    latencies, failures = [], []
    rngs = [random.Random(i) for i in range(len(tokens))]
    sent = await asyncio.gather(*[_student(url, t, qids, latencies, failures, r) for t, r in zip(tokens, rngs)])
    return [i for ids in sent for i in ids], latencies, failures


def _live_view_ms(hub, instructor_token, tokens, banks):
    from triggerpoints.classroom import client, db, liveview

    url = hub.url + "/services/answers/"
    service = client.Service(url, instructor_token)
    start = time.perf_counter()
    status = liveview.class_status(service, banks, cache=(cache := {}))
    cold = (time.perf_counter() - start) * 1000
    for token in tokens:  # one new answer from every student, then a refresh
        client.Service(url, token).deliver([db.new_answer("cases", banks["cases"][0]["id"], ["a"], True)])
    start = time.perf_counter()
    liveview.class_status(service, banks, cache=cache)
    return cold, (time.perf_counter() - start) * 1000, repr(status)


def _one_database(kind, banks):
    from hub import Hub
    from pg import Postgres

    from triggerpoints.classroom import db

    tag = secrets.token_hex(3)
    server = Postgres().start() if kind == "postgresql" else None
    students = [f"s{i:03d}" for i in range(STUDENTS)]
    hub = Hub(students, f"tpt{tag}", "instructors", f"tps{tag}", shared_unix=f"tpj{tag}",
              db_url=server.url if server else None)
    try:
        hub.create_accounts()
        hub.start()
        tokens = [hub.user_token(u) for u in students]
        instructor = hub.user_token(hub.instructor)
        qids = [q["id"] for chapter in banks.values() for q in chapter][:ANSWERS]
        start = time.perf_counter()
        sent, latencies, failures = asyncio.run(_class(hub.url + "/services/answers/api/answers", tokens, qids))
        wall, machine = time.perf_counter() - start, os.getloadavg()[0]
        rows = db.open_store(hub.db_url or f"sqlite:///{hub.database}").answers()
        stored = [r["id"] for r in rows]
        lost, doubled = len(set(sent) - set(stored)), len(stored) - len(set(stored))
        cold, refresh, summary = _live_view_ms(hub, instructor, tokens, banks)
        return {"sent": len(sent), "stored": len(stored), "lost": lost, "doubled": doubled, "wall": wall,
                "p95": statistics.quantiles(latencies, n=20)[18], "p50": statistics.median(latencies),
                "requests": len(latencies), "failures": len(failures), "load": machine, "cold": cold, "refresh": refresh,
                "summary": summary}
    finally:
        hub.stop()
        if server:
            server.stop()


def run():
    reason = _why_not()
    if reason:
        print(f"   bench_classroom_load skipped: {reason}")
        return []
    from triggerpoints.quizzes import bank as quizbank

    banks = quizbank.load_banks()
    rows = []
    for kind in ("sqlite", "postgresql"):
        r = _one_database(kind, banks)
        load = (f"{STUDENTS} students x {ANSWERS} answers at once through the hub's proxy with real hub tokens, "
                f"think time 0-{THINK:g} s; {r['requests']} requests in {r['wall']:.0f} s, {r['failures']} failed and retried; "
                f"the load generator, proxy, hub and service share this machine ({os.cpu_count()} CPUs, load average "
                f"{r['load']:.1f} at the end)")
        rows += [
            {"name": f"classroom load ({kind}): answers lost or doubled", "value": r["lost"] + r["doubled"], "unit": "",
             "budget": 0, "detail": f"{r['sent']} sent, {r['stored']} stored, {r['lost']} lost, {r['doubled']} doubled "
                                    f"(2% sent twice on purpose); {load}"},
            {"name": f"classroom load ({kind}): record one answer, p95", "value": r["p95"], "unit": "ms", "budget": 50.0,
             "detail": f"request to reply at the student's side; median {r['p50']:.1f} ms; {load}"},
            {"name": f"classroom load ({kind}): live view, 300 students, refresh", "value": r["refresh"], "unit": "ms",
             "budget": 200.0, "detail": f"the instructor's kernel through the service, after 300 new answers "
                                        f"(cold first view: {r['cold']:.0f} ms); {r['summary']}"},
        ]
    return rows
