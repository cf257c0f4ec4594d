"""The kernel's side of recording: an outbox in the student's own settings folder, and two ways
to deliver it (the hub's answers service, or a local SQLite file off a hub).

Every checked answer is first appended to the outbox (one JSON line, fsync'd), then the whole
outbox is delivered in order, oldest first, in batches. What was delivered leaves the outbox;
what was not waits there for the next answer (or `start_session()`), so an answer is never
lost while the service or the database is down or slow. Each answer carries an id made here,
and the store ignores an id it already holds: a batch sent twice (a reply lost on the way
back) is recorded once.

    outbox = for_hub()      # on a hub: $TRIGGERPOINTS_SERVICE_URL with the server's token
    outbox = for_file(path) # off a hub: a local SQLite file through the same store
    outbox.save(answer)     # -> Delivery(delivered, message, waiting)
"""

import fcntl
import hashlib
import json
import os
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .identity import settings_dir

BATCH = 200
TIMEOUT = 5.0


class Wait(Exception):
    """Delivery failed for now; the answers stay in the outbox. The message is for the student."""


class Denied(Wait, PermissionError):
    """The hub or the service said no (401/403): answers wait; a read is refused."""


class Refused(Exception):
    """The store refused a batch as malformed (a bug, not an outage): kept aside, never dropped."""


@dataclass
class Delivery:
    delivered: bool
    message: str = ""
    waiting: int = 0


# ------------------------------------------------------------------ the service, over HTTP

class Service:
    """The hub's answers service, called with this server's own hub token."""

    def __init__(self, url, token):
        self.url, self.token = url.rstrip("/") + "/", token

    def request(self, method, path, body=None, timeout=TIMEOUT):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as err:
            reply = _json(err)
            if err.code == 400:
                raise Refused(reply.get("message") or f"the service refused the answers ({err.code})") from err
            message = reply.get("message") or f"the answers service answered {err.code} {err.reason}"
            raise (Denied if err.code in (401, 403) else Wait)(message) from err
        except (urllib.error.URLError, OSError, ValueError) as err:
            reason = getattr(err, "reason", err)
            raise Wait(f"the answers service at {self.url} cannot be reached ({reason})") from err

    def deliver(self, answers):
        return self.request("POST", "api/answers", {"answers": answers})

    def answers(self, everyone=False, since=0):
        query = f"api/answers?since={since}" + ("&all=1" if everyone else "")
        return self.request("GET", query, timeout=60)["answers"]

    def whoami(self):
        return self.request("GET", "api/whoami")


def _json(err):
    try:
        return json.loads(err.read())
    except (ValueError, OSError):
        return {}


_STORES = {}


class LocalFile:
    """Off a hub: the same store as the service, on a SQLite file, for the typed name."""

    def __init__(self, url, student):
        self.url, self.student = url, student

    def deliver(self, answers):
        from sqlalchemy.exc import SQLAlchemyError

        from . import db

        try:
            if self.url not in _STORES:
                _STORES[self.url] = db.open_store(self.url)
            _STORES[self.url].record(self.student, answers)
        except db.AnswerError as err:
            raise Refused(str(err)) from err
        except (SQLAlchemyError, OSError) as err:
            raise Wait(f"the answers file {self.url.removeprefix('sqlite:///')} cannot be written "
                       f"({getattr(err, 'orig', err)})") from err


# ------------------------------------------------------------------ the outbox

class Outbox:
    """Answers waiting for `target`, one JSON line each, in the student's settings folder."""

    def __init__(self, target, key):
        self.target = target
        folder = settings_dir() / "outbox"
        name = hashlib.sha256(key.encode()).hexdigest()[:12]
        self.path, self.refused, self.lock = (folder / f"{name}.jsonl", folder / f"{name}.refused.jsonl",
                                              folder / f"{name}.lock")

    def save(self, answer):
        """Keep the answer, then deliver everything waiting; what the student should read."""
        with self._locked():
            _append(self.path, [answer])
            return self._deliver()

    def flush(self):
        with self._locked():
            return self._deliver() if self.waiting() else Delivery(True)

    def waiting(self):
        return _read(self.path)

    def _deliver(self):
        queued = _read(self.path)
        sent = 0
        try:
            while sent < len(queued):
                batch = queued[sent:sent + BATCH]
                try:
                    self.target.deliver(batch)
                except Refused as err:
                    _append(self.refused, batch)
                    _rewrite(self.path, queued[sent + len(batch):])
                    return Delivery(False, f"{len(batch)} answer(s) were refused ({err}); they are kept in "
                                           f"{self.refused}: tell your instructor.", len(queued) - sent - len(batch))
                sent += len(batch)
                _rewrite(self.path, queued[sent:])
        except Wait as err:
            left = len(queued) - sent
            return Delivery(False, f"Not recorded yet: {err}. {left} answer(s) are kept on this computer in "
                                   f"{self.path} and will be sent, in order, with your next answer.", left)
        earlier = f"{sent - 1} earlier answer(s) kept on this computer were sent too." if sent > 1 else ""
        return Delivery(True, earlier, 0)

    @contextmanager
    def _locked(self):
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.lock, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


def _append(path, answers):
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, "".join(json.dumps(a) + "\n" for a in answers).encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def _rewrite(path, answers):
    if not answers:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("".join(json.dumps(a) + "\n" for a in answers))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _read(path):
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except ValueError:
            continue  # a line cut short by a crash while it was appended: never fsync'd, never confirmed
    return out


# ------------------------------------------------------------------ choosing the route

def service_url():
    """The answers service the hub told this server about, or None off a hub."""
    return os.environ.get("TRIGGERPOINTS_SERVICE_URL") or None


def for_hub():
    """The outbox to the hub's service, with this server's own token (its identity is the hub's)."""
    url, token = service_url(), os.environ.get("JUPYTERHUB_API_TOKEN", "")
    # the key only names the file: the service decides who the answers are for (by the token),
    # and waiting answers go to whatever service the hub names now, even if it moved
    return Outbox(Service(url, token), f"hub|{os.environ.get('JUPYTERHUB_USER', '')}")


def for_file(db_url, student):
    return Outbox(LocalFile(db_url, student), f"{db_url}|{student}")
