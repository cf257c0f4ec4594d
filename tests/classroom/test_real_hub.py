"""Lab sessions on a real JupyterHub: students answer through real kernels into the hub-managed
answers service, and the instructor reads the class from it.

Two hubs, one after the other: servers running as each student's own Unix user (as on The
Littlest JupyterHub), and every server running as one and the same Unix user (as on Zero to
JupyterHub, where everyone is `jovyan`). On both, a student cannot record as someone else,
read another's answers, or become someone else by changing JUPYTERHUB_USER: the service
learns who is calling from the hub, by the server's token.
"""

import json
import os
import pwd
import secrets
import textwrap

import pytest

from triggerpoints.classroom import db

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the real-hub test creates Unix users and runs a hub, "
                                                          "so it needs root (CI runs it as root)")

ANSWER = """
import json, os
from triggerpoints.classroom import session
from triggerpoints.quizzes import options
widget = session.quiz_widget("causes")       # on a hub, quizzes record without start_session()
view = widget.views[0]
right = [k for k in view.order if options(view.question)[k]["correct"]]
if view.question["type"] == "many_choice":
    for k, box in zip(view.order, view.boxes):
        box.value = k in right
else:
    view.radio.value = right[0]
view.check.click()
print(json.dumps({"banner": widget.banner.value, "notice": widget.notice.value, "question": view.question["id"]}))
"""

ATTACK = """
import json, os, urllib.request, urllib.error
from triggerpoints.classroom import client, db, liveview, results, session
other, database = {other!r}, {database!r}

def attempt(action):
    try:
        action()
        return "allowed"
    except PermissionError as err:
        return type(err).__name__

service = client.for_hub().target
forged = {{**db.new_answer("causes", "forged", ["a"], True), "student": other}}
report = {{
    "quiz_as_other": attempt(lambda: session.quiz("causes", student=other)),
    "session_as_other": attempt(lambda: session.start_session(other)),
    "read_everyone": attempt(lambda: service.answers(everyone=True)),
    "gather": attempt(lambda: results.gather()),
    "live_view": attempt(lambda: liveview.class_status()),
    "open_database": attempt(lambda: open(database, "rb").close()),
    # the body names someone else: the service records for the token's user all the same
    "forged_body": service.request("POST", "api/answers", {{"answers": [forged], "student": other}})["student"],
}}
os.environ["JUPYTERHUB_USER"] = other           # a student changes the variable ...
session._SESSION.clear(); session._SESSION.update(student=None, results_dir=None)
report["whoami_after_spoof"] = service.whoami()["name"]
report["recorded_after_spoof"] = service.deliver([db.new_answer("causes", "spoofed", ["a"], True)])["student"]
report["own_rows_seen"] = sorted({{r["student"] for r in service.answers()}})
bare = urllib.request.Request(service.url + "api/answers", data=json.dumps({{"answers": [forged]}}).encode(), method="POST")
try:
    urllib.request.urlopen(bare, timeout=10)
    report["no_token"] = 200
except urllib.error.HTTPError as err:
    report["no_token"] = err.code
print(json.dumps(report))
"""

INSTRUCTOR = """
import json, tempfile
from triggerpoints.classroom import client, itemanalysis, liveview, results, scores
from triggerpoints.quizzes import load_banks, question_ids
banks = load_banks()
gathered = results.gather(None, question_ids(banks))          # from the service, this server's token
analysis = itemanalysis.item_analysis(gathered, banks)
path = scores.export_scores(gathered, tempfile.mktemp(suffix=".csv"), "canvas")
page = client.for_hub().target.request("GET", "api/whoami")
print(json.dumps({{"students": sorted(gathered.answers["student"].unique()), "rows": len(gathered.answers),
                   "problems": gathered.problems, "live": repr(liveview.class_status()), "items": len(analysis),
                   "export_rows": len(open(path).read().splitlines()), "whoami": page}}))
"""


@pytest.fixture(scope="module", params=["own-unix-users", "one-unix-user"])
def hub(request):
    from hub import Hub, missing_parts

    missing = missing_parts()
    if missing:
        pytest.fail("the real-hub test needs `make hub` (make test runs it): missing " + ", ".join(missing))
    tag = secrets.token_hex(3)
    shared = f"tpj{tag}" if request.param == "one-unix-user" else None
    running = Hub([f"tpa{tag}", f"tpb{tag}", f"tpc{tag}"], f"tpt{tag}", f"tpinst{tag}", f"tps{tag}", shared)
    try:
        running.create_accounts()
        running.start()
        for user in [*running.students, running.instructor]:
            running.spawn(user)
        yield running
    finally:
        running.stop()


def test_servers_run_as_the_configured_unix_users(hub):
    for user, pid in zip([*hub.students, hub.instructor], hub.pids):
        with open(f"/proc/{pid}/status") as f:
            uid = next(int(line.split()[1]) for line in f if line.startswith("Uid:"))
        assert pwd.getpwuid(uid).pw_name == (hub.shared_unix or user)
    info = hub.share.stat()
    assert pwd.getpwuid(info.st_uid).pw_name == hub.service_user and info.st_mode & 0o777 == 0o700


def test_students_answer_and_none_can_act_or_read_as_another(hub):
    alice, bob, carol = hub.students
    reports = {u: json.loads(hub.execute(u, ANSWER)) for u in hub.students}
    for user, report in reports.items():
        assert report["notice"] == "", f"{user}'s answer was not recorded at once: {report}"
        assert f"Recording answers as <strong>{user}</strong>" in report["banner"]
    store = db.open_store(f"sqlite:///{hub.database}")
    assert sorted(r["student"] for r in store.answers()) == sorted(hub.students), "one answer each, under their names"

    report = json.loads(hub.execute(alice, textwrap.dedent(ATTACK.format(other=bob, database=str(hub.database)))))
    assert report == {"quiz_as_other": "IdentityError", "session_as_other": "IdentityError",
                      "read_everyone": "Denied", "gather": "Denied", "live_view": "Denied",
                      "open_database": "PermissionError", "forged_body": alice,
                      "whoami_after_spoof": alice, "recorded_after_spoof": alice,
                      "own_rows_seen": [alice], "no_token": report["no_token"]}, report
    assert report["no_token"] in (401, 403)
    rows = store.answers()
    assert not [r for r in rows if r["student"] == bob and r["question_id"] in ("forged", "spoofed")]
    assert [r["question_id"] for r in rows if r["student"] == alice][1:] == ["forged", "spoofed"], \
        "what alice sent under another name is recorded as hers"

    # the instructor (in the hub's instructors group) reads the whole class through the service
    seen = json.loads(hub.execute(hub.instructor, INSTRUCTOR.format()))
    assert seen["students"] == sorted(hub.students) and seen["rows"] == 3, seen
    assert any("'forged' is not a question in the banks" in p for p in seen["problems"]), seen["problems"]
    assert seen["live"].startswith("3 students, 3 active, 3 first answers"), seen["live"]
    assert seen["items"] == 1 and seen["export_rows"] == 4
    assert seen["whoami"] == {"name": hub.instructor, "instructor": True}


def test_a_hub_token_for_another_service_or_none_records_nothing(hub):
    import urllib.error
    import urllib.request

    before = db.open_store(f"sqlite:///{hub.database}").count()
    body = json.dumps({"answers": [db.new_answer("causes", "q1", ["a"], True)]}).encode()
    for headers in ({}, {"Authorization": f"token {hub.token}"}, {"Authorization": "token not-a-token"}):
        request = urllib.request.Request(hub.url + "/services/answers/api/answers", data=body, method="POST",
                                         headers=headers)
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=10)
        assert err.value.code in (401, 403), headers
    assert db.open_store(f"sqlite:///{hub.database}").count() == before


def _browser(hub, user):
    """A browser's session: sign in to the hub with its login form (cookies, _xsrf)."""
    import http.cookiejar
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(hub.url + "/hub/login", timeout=30).read()
    xsrf = next(c.value for c in jar if c.name == "_xsrf")
    form = urllib.parse.urlencode({"username": user, "password": "any", "_xsrf": xsrf}).encode()
    opener.open(hub.url + "/hub/login?next=/hub/home", data=form, timeout=60).read()
    return opener


def test_the_service_page_signs_in_through_the_hub_and_shows_the_class_to_instructors_only(hub):
    """The page goes through the hub's OAuth: the browser is sent to the hub and back with a code."""
    with _browser(hub, hub.instructor).open(hub.url + "/services/answers/", timeout=60) as response:
        page = response.read().decode()
        assert response.url.startswith(hub.url + "/services/answers/"), response.url
    assert "students, " in page and "Questions so far" in page, page[:500]
    alice = hub.students[0]
    with _browser(hub, alice).open(hub.url + "/services/answers/", timeout=60) as response:
        page = response.read().decode()
    assert f"recorded for you, {alice}" in page and "Questions so far" not in page, page[:500]
