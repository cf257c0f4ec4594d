"""A real JupyterHub for the tests: 127.0.0.1, LocalProcessSpawner, real Unix users, and the
course's answers service run by the hub (as its own Unix user, its SQLite file in a folder
only that user can open, or a PostgreSQL URL).

Two ways to run the students' servers: each as the student's own Unix user (The Littlest
JupyterHub), or every one as one and the same Unix user (`shared_unix`, as every student is
`jovyan` on Zero to JupyterHub). `make hub` builds what it runs (see the Makefile): a venv from
Debian's python3 in a world-readable folder with a copy of the course, and
configurable-http-proxy in tools/hub/node_modules. Every process started here is stopped by
its PID; every user made here is removed.
"""

import asyncio
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HUB_DIR = Path(os.environ.get("TP_HUB_DIR", "/opt/triggerpoints-hub"))
HUB_BIN = HUB_DIR / "venv" / "bin"
CHP = ROOT / "tools" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
SCOPES = ["admin:users", "admin:servers", "admin:server_state", "access:servers", "tokens", "admin:groups"]

CONFIG = """
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.pid_file = {work!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + {work!r} + "/hub.sqlite"
c.JupyterHub.cookie_secret_file = {work!r} + "/cookie_secret"
c.JupyterHub.spawner_class = "localprocess"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = set({users!r})
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.environment = {{"TRIGGERPOINTS_SERVICE_URL": "http://127.0.0.1:{port}/services/answers/", "MPLBACKEND": "Agg"}}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.services = [
    {{"name": "tp-test", "api_token": {token!r}}},
    {{"name": "answers", "url": "http://127.0.0.1:{service_port}", "user": {service_user!r}, "oauth_no_confirm": True,
      "command": [{python!r}, "-m", "triggerpoints.classroom.service"],
      "environment": {{"TRIGGERPOINTS_DB": {db_url!r}, "TRIGGERPOINTS_INSTRUCTORS": {group!r}}}}},
]
c.JupyterHub.load_groups = {{{group!r}: {{"users": [{instructor!r}]}}}}
c.JupyterHub.load_roles = [
    {{"name": "tp-test", "scopes": {scopes!r}, "services": ["tp-test"]}},
    {{"name": "user", "scopes": ["self", "access:services!service=answers"]}},
]
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", "access:services!service=answers"]
"""

# As on Kubernetes: every server runs as one and the same Unix user, whoever the student is.
SHARED = """
from jupyterhub.spawner import LocalProcessSpawner

class OneUnixUser(LocalProcessSpawner):
    def make_preexec_fn(self, name):
        return super().make_preexec_fn({shared!r})

    def user_env(self, env):
        import pwd
        env.update(USER={shared!r}, HOME=pwd.getpwnam({shared!r}).pw_dir, SHELL="/bin/sh")
        return env

c.JupyterHub.spawner_class = OneUnixUser
"""


def missing_parts():
    """What `make hub` should have built, if anything is missing or stale."""
    wanted = [HUB_BIN / "jupyterhub", HUB_BIN / "jupyterhub-singleuser", CHP]
    missing = [str(p) for p in wanted if not p.exists()]
    copy = HUB_DIR / "course"
    for src in [*(ROOT / "src").rglob("*.py"), *(ROOT / "data").rglob("*.*")]:
        twin = copy / src.relative_to(ROOT)
        if not twin.exists() or twin.read_bytes() != src.read_bytes():
            missing.append(f"{twin} (stale copy of the course)")
            break
    return missing


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True)


class Hub:
    """Users, the answers service's folder and a running hub; `stop()` undoes all of it."""

    def __init__(self, students, instructor, group, service_user, shared_unix=None, db_url=None):
        self.students, self.instructor, self.group = students, instructor, group
        self.service_user, self.shared_unix, self.db_url = service_user, shared_unix, db_url
        self.token = uuid.uuid4().hex
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.pids, self.process = [], None
        self.work = Path(tempfile.mkdtemp(prefix="tp-hub-"))           # root only: hub db, secret
        self.share = Path(tempfile.mkdtemp(prefix="tp-hub-db-"))       # the service's own folder
        self.database = self.share / "answers.sqlite"

    def unix_users(self):
        people = [self.shared_unix] if self.shared_unix else [*self.students, self.instructor]
        return [*people, self.service_user]

    def create_accounts(self):
        for user in self.unix_users():
            run("useradd", "-m", "-s", "/bin/sh", user)
        shutil.chown(self.share, self.service_user, self.service_user)
        self.share.chmod(0o700)  # the answers file: the service's alone

    def start(self):
        config = CONFIG.format(port=self.port, hub_port=free_port(), proxy_port=free_port(), chp=str(CHP),
                               work=str(self.work), users=[*self.students, self.instructor],
                               singleuser=str(HUB_BIN / "jupyterhub-singleuser"), token=self.token, scopes=SCOPES,
                               service_port=free_port(), service_user=self.service_user, python=str(HUB_BIN / "python"),
                               db_url=self.db_url or f"sqlite:///{self.database}", group=self.group,
                               instructor=self.instructor)
        if self.shared_unix:
            config += SHARED.format(shared=self.shared_unix)
        (self.work / "jupyterhub_config.py").write_text(config)
        self.log = open(self.work / "hub.log", "w")
        self.process = subprocess.Popen([str(HUB_BIN / "jupyterhub"), "-f", "jupyterhub_config.py"], cwd=self.work,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait(lambda: self.api("GET", "/hub/api/") is not None, 90, "the hub to answer")
        self._wait(self.service_up, 60, "the answers service")

    def service_up(self):
        try:
            urllib.request.urlopen(self.url + "/services/answers/api/whoami", timeout=5)
        except urllib.error.HTTPError as err:
            return err.code in (401, 403)  # up, and asking who we are
        except (urllib.error.URLError, ConnectionError):
            return False
        return False

    def user_token(self, user):
        """A token for a hub user that may call the answers service (as a server's token may)."""
        reply = self.api("POST", f"/hub/api/users/{user}/tokens",
                         {"scopes": ["access:services!service=answers"], "note": "tp test"})
        return reply["token"]

    def api(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read()
                return json.loads(text) if text else {}
        except urllib.error.HTTPError as err:
            if err.code == 404 and method == "GET":
                return None
            raise AssertionError(f"{method} {path}: {err.code} {err.read()[:300]!r}\n{self.log_text()}") from err
        except (urllib.error.URLError, ConnectionError):
            return None

    def spawn(self, user):
        """POST /hub/api/users/NAME/server, then wait until the server is ready."""
        self.api("POST", f"/hub/api/users/{user}/server", {})
        ready = lambda: (self.api("GET", f"/hub/api/users/{user}") or {}).get("servers", {}).get("", {})
        self._wait(lambda: ready().get("ready"), 120, f"{user}'s server")
        self.pids.append(ready()["state"]["pid"])

    def execute(self, user, code, timeout=120):
        """Run code in a new kernel on the user's server (its REST and websocket API)."""
        kernel = self.api("POST", f"/user/{user}/api/kernels", {"name": "python3"})
        url = f"ws://127.0.0.1:{self.port}/user/{user}/api/kernels/{kernel['id']}/channels"
        try:
            # in a thread of its own: in the full run, playwright's event loop is running here
            with ThreadPoolExecutor(1) as pool:
                return pool.submit(asyncio.run, self._execute(url, code, timeout)).result()
        finally:
            self.api("DELETE", f"/user/{user}/api/kernels/{kernel['id']}")

    async def _execute(self, url, code, timeout):
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"}))
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": "execute_request", "username": "tp-test",
                  "session": uuid.uuid4().hex, "version": "5.3"}
        content = {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}
        ws.write_message(json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                                     "channel": "shell", "buffers": []}))
        out, error = [], None
        while True:
            msg = json.loads(await asyncio.wait_for(ws.read_message(), timeout))
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                error = "\n".join(msg["content"]["traceback"])
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        ws.close()
        if error:
            raise AssertionError(f"the kernel raised:\n{error}")
        return "".join(out)

    def log_text(self):
        path = self.work / "hub.log"
        return path.read_text()[-3000:] if path.exists() else ""

    def _wait(self, ready, seconds, what):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"the hub exited while waiting for {what}:\n{self.log_text()}")
            if ready():
                return
            time.sleep(0.5)
        raise AssertionError(f"timed out waiting for {what}:\n{self.log_text()}")

    def stop(self):
        """Stop the servers, the hub (and with it the service) and its proxy (each by PID); remove users, folders."""
        if self.process is not None and self.process.poll() is None:
            for user in [*self.students, self.instructor]:
                self.api("DELETE", f"/hub/api/users/{user}/server")
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        proxy = self.work / "proxy.pid"
        if proxy.exists():
            self.pids.append(int(proxy.read_text().strip() or 0))
        for pid in filter(None, self.pids):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for user in self.unix_users():
            if _exists(user):
                subprocess.run(["userdel", "-r", user], capture_output=True)
        if getattr(self, "log", None):
            self.log.close()
        shutil.rmtree(self.work, ignore_errors=True)
        shutil.rmtree(self.share, ignore_errors=True)


def _exists(user):
    try:
        pwd.getpwnam(user)
        return True
    except KeyError:
        return False
