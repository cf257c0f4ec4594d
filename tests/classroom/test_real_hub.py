"""Lab sessions on a real JupyterHub: three Unix students answer through real kernels.

The hub runs on 127.0.0.1 with the LocalProcessSpawner; the students' servers are spawned
through its REST API and the quizzes are answered in kernels started on those servers. The
instructor gathers all three; no student can read or change another's answers, nor record
under another name.
"""

import json
import os
import pwd
import secrets
import textwrap

import pytest

from triggerpoints.classroom import exchange, store

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the real-hub test creates Unix users and runs a hub, "
                                                          "so it needs root (CI runs it as root)")

ANSWER = """
import json, os
from triggerpoints.classroom import session, store
from triggerpoints.quizzes import options
widget = session.quiz_widget("causes")
view = widget.views[0]
right = [k for k in view.order if options(view.question)[k]["correct"]]
if view.question["type"] == "many_choice":
    for k, box in zip(view.order, view.boxes):
        box.value = k in right
else:
    view.radio.value = right[0]
view.check.click()
print(json.dumps({"banner": widget.banner.value, "notice": widget.notice.value,
                  "user": os.environ["JUPYTERHUB_USER"], "path": str(store.results_path(os.environ["JUPYTERHUB_USER"]))}))
"""

ATTACK = """
import json, os
from pathlib import Path
from triggerpoints.classroom import liveview, session, store
other, theirs, exchange = {other!r}, Path({theirs!r}), Path({exchange!r})

def attempt(action):
    try:
        action()
        return "allowed"
    except PermissionError as err:
        return type(err).__name__

def spoofed():
    os.environ["JUPYTERHUB_USER"] = other
    try:
        store.record_answer(other, "causes", "spoof", ["a"], True)
    finally:
        os.environ["JUPYTERHUB_USER"] = {me!r}

report = {{
    "read": attempt(theirs.read_text),
    "append": attempt(lambda: open(theirs, "a").close()),
    "list_their_folder": attempt(lambda: os.listdir(theirs.parent)),
    "list_exchange": attempt(lambda: os.listdir(exchange)),
    "record_as_other": attempt(lambda: store.record_answer(other, "causes", "q", ["a"], True)),
    "quiz_as_other": attempt(lambda: session.quiz("causes", student=other)),
    "session_as_other": attempt(lambda: session.start_session(other)),
    "spoofed_hub_user": attempt(spoofed),
    "live_view": attempt(liveview.class_status),
}}
# What a student CAN do: write rows naming someone else into their own file, or take a folder
# for a name nobody has used yet. The instructor's gather must not count either.
store.append_rows(store.results_path({me!r}), [store.answer_row(other, "causes", "forged", ["a"], True)])
store.record_answer("nobody_yet", "causes", "squat", ["a"], True)
print(json.dumps(report))
"""

GATHER = """
import json
from pathlib import Path
from triggerpoints.classroom import liveview, results
gathered = results.gather({exchange!r})
live = repr(liveview.class_status({exchange!r}))
theirs = Path({theirs!r})
try:
    open(theirs, "a").close()
    append = "allowed"
except PermissionError as err:
    append = type(err).__name__
print(json.dumps({{"students": sorted(map(str, gathered.answers["student"].unique())), "rows": len(gathered.answers),
                   "problems": gathered.problems, "append": append, "live": live}}))
"""


@pytest.fixture(scope="module")
def hub():
    from hub import Hub, missing_parts

    missing = missing_parts()
    if missing:
        pytest.fail("the real-hub test needs `make hub` (make test runs it): missing " + ", ".join(missing))
    tag = secrets.token_hex(3)
    running = Hub([f"tpa{tag}", f"tpb{tag}", f"tpc{tag}"], f"tpt{tag}", f"tpinst{tag}")
    try:
        running.create_accounts()
        running.start(exchange.setup_exchange)
        for user in running.students:
            running.spawn(user)
        yield running
    finally:
        running.stop()


def test_servers_run_as_their_students(hub):
    for user, pid in zip(hub.students, hub.pids):
        with open(f"/proc/{pid}/status") as f:
            uid = next(int(line.split()[1]) for line in f if line.startswith("Uid:"))
        assert pwd.getpwuid(uid).pw_name == user


def test_students_answer_and_only_their_own_answers_are_theirs(hub):
    alice, bob, carol = hub.students
    reports = {u: json.loads(hub.execute(u, ANSWER)) for u in hub.students}
    for user, report in reports.items():
        assert report["user"] == user and report["notice"] == "", report
        assert f"Recording answers as <strong>{user}</strong>" in report["banner"]
        folder = store.student_dir(user, hub.exchange)
        info = folder.stat()
        assert report["path"] == str(store.results_path(user, hub.exchange))
        assert pwd.getpwuid(info.st_uid).pw_name == user and info.st_mode & 0o7777 == 0o2750
        assert (folder / "answers.csv").stat().st_mode & 0o777 == 0o640

    theirs = str(store.results_path(bob, hub.exchange))
    attack = ATTACK.format(other=bob, theirs=theirs, exchange=str(hub.exchange), me=alice)
    report = json.loads(hub.execute(alice, textwrap.dedent(attack)))
    assert report == {"read": "PermissionError", "append": "PermissionError", "list_their_folder": "PermissionError",
                      "list_exchange": "PermissionError", "record_as_other": "NotYourFolder",
                      "quiz_as_other": "IdentityError", "session_as_other": "IdentityError",
                      "spoofed_hub_user": "NotYourFolder", "live_view": "PermissionError"}, report

    # the instructor (in the instructors' group, not root) gathers the class
    gathered = json.loads(hub.as_user(hub.instructor, GATHER.format(exchange=str(hub.exchange),
                                                                    theirs=str(store.results_path(carol, hub.exchange)))))
    assert gathered["students"] == sorted(hub.students) and gathered["rows"] == 3, gathered
    problems = "\n".join(gathered["problems"])
    assert f"column student: {bob!r} in a folder owned by {alice!r}" in problems
    assert f"column student: 'nobody_yet' in a folder owned by {alice!r}" in problems
    assert gathered["append"] == "PermissionError", "instructors read answers, they do not change them"
    assert gathered["live"].startswith("3 students, 3 active, 3 first answers"), gathered["live"]
