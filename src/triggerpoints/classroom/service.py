"""The answers service: a JupyterHub-managed web service that records quiz answers.

    c.JupyterHub.services = [{"name": "answers", "url": "http://127.0.0.1:10101",
                              "command": ["python3", "-m", "triggerpoints.classroom.service"],
                              "environment": {"TRIGGERPOINTS_DB": "sqlite:////srv/answers/answers.sqlite"}}]

Every request is authenticated by the hub (`HubOAuthenticated`): a kernel sends its server's
token, a browser goes through the hub's OAuth. Who is asking comes from the hub's user model
only, never from the request body or the kernel's environment. Routes, under the prefix the
hub gives (`/services/answers/`; the proxy does not strip it):

    POST api/answers         {"answers": [answer, ...]}: record them for the caller
    GET  api/answers         the caller's own answers; ?all=1 everyone's (instructors only)
    GET  api/whoami          {"name", "instructor"}: who the hub says is calling
    GET  ./                  a page: the live class view (instructors) or your own answers

Instructors are the members of the hub group `$TRIGGERPOINTS_INSTRUCTORS` (default
`instructors`). The database is `$TRIGGERPOINTS_DB` (a SQLAlchemy URL). Nothing happens at import time: `main()` builds the app from the hub's
environment (`JUPYTERHUB_SERVICE_PREFIX`, `JUPYTERHUB_SERVICE_URL`).
"""

import asyncio
import html
import json
import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

from sqlalchemy.exc import SQLAlchemyError
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated, UserNotAllowed
from jupyterhub.utils import url_path_join

from . import db

MAX_BODY = 256 * 1024      # a kernel sends its waiting answers in batches far below this
MAX_BATCH = 500
DB_DOWN = ("The answers database is not reachable just now. Your answer is kept on your own "
           "computer and will be sent with your next one.")


class GroupCommit:
    """Answers that arrive together are written in one transaction, in a thread of its own:
    one disk flush serves every student waiting, and the event loop never waits on the disk."""

    def __init__(self, store):
        self.store, self.waiting, self.busy = store, [], False
        self.writer, self.readers = ThreadPoolExecutor(1), ThreadPoolExecutor(2)

    async def record(self, student, answers):
        [db.check_answer(a, i) for i, a in enumerate(answers)]  # a malformed answer fails alone, before the queue
        done = asyncio.get_running_loop().create_future()
        self.waiting.append((student, answers, done))
        if not self.busy:
            self.busy = True
            asyncio.ensure_future(self._drain())
        return await done

    async def _drain(self):
        loop = asyncio.get_running_loop()
        try:
            while self.waiting:
                batch, self.waiting = self.waiting, []
                try:
                    results = await loop.run_in_executor(self.writer, self.store.record_many,
                                                         [(who, answers) for who, answers, _ in batch])
                except Exception as err:  # noqa: BLE001 (the database is down: every waiting request says so)
                    [done.set_exception(err) for *_, done in batch if not done.done()]
                else:
                    [done.set_result(r) for (*_, done), r in zip(batch, results) if not done.done()]
        finally:
            self.busy = False

    async def answers(self, *args):
        return await asyncio.get_running_loop().run_in_executor(self.readers, self.store.answers, *args)


class AnswersHandler(HubOAuthenticated, web.RequestHandler):
    """Base: the store, the caller (a hub user, never a service), JSON errors."""

    def initialize(self, store, instructors, group):
        self.store, self.instructors, self.group = store, instructors, group

    async def prepare(self):
        if len(self.request.body or b"") > MAX_BODY:
            raise web.HTTPError(413, f"the request body is over {MAX_BODY // 1024} KiB: send fewer answers at once")
        if self.request.headers.get("Authorization"):
            await self.identify()

    async def identify(self):
        """Ask the hub who holds this token without blocking the other requests (cached by HubAuth)."""
        try:
            model = await self.hub_auth.get_user(self, sync=False)
            self._hub_auth_user_cache = self.check_hub_user(model) if model else None
        except UserNotAllowed:
            self._hub_auth_user_cache = None

    def caller(self):
        """(name, is an instructor) from the hub's user model; 403 for a service's token."""
        model = self.current_user
        if not model:
            raise web.HTTPError(401, "no valid hub token: sign in to the hub (a kernel sends its server's token)")
        if model.get("kind", "user") != "user":
            raise web.HTTPError(403, "answers are recorded for hub users only")
        return model["name"], self.instructors in (model.get("groups") or [])

    def write_error(self, status, **kwargs):
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, SQLAlchemyError):
            status, message = 503, DB_DOWN
        else:
            message = getattr(error, "log_message", None) or self._reason
        self.set_status(status)
        if self.request.path.rstrip("/").endswith(("api/answers", "api/whoami")):
            self.finish({"status": status, "message": message})
        else:
            self.finish(f"<!DOCTYPE html><title>Answers</title><p role='alert'>{html.escape(message)}</p>")


class ApiAnswers(AnswersHandler):
    def check_xsrf_cookie(self):
        # a token in the Authorization header is not a cookie: no cross-site risk there
        if not self.request.headers.get("Authorization"):
            super().check_xsrf_cookie()

    async def post(self):
        name, _ = self.caller()
        try:
            body = json.loads(self.request.body or b"null")
        except ValueError:
            raise web.HTTPError(400, "the body is not JSON: expected {\"answers\": [...]}")
        answers = body.get("answers") if isinstance(body, dict) else None
        if not isinstance(answers, list) or not 0 < len(answers) <= MAX_BATCH:
            raise web.HTTPError(400, f"field answers: expected a list of 1-{MAX_BATCH} answers")
        try:
            recorded, repeated = await self.group.record(name, answers)
        except db.AnswerError as err:
            self.set_status(400)
            return self.finish({"status": 400, "field": err.field, "message": str(err)})
        self.finish({"student": name, "recorded": recorded, "already_recorded": repeated})

    async def get(self):
        name, instructor = self.caller()
        since = self.get_argument("since", "0")
        if not since.isdigit():
            raise web.HTTPError(400, "field since: expected a whole number")
        if self.get_argument("all", "") and not instructor:
            raise web.HTTPError(403, f"only the {self.instructors!r} group reads everyone's answers")
        everyone = bool(self.get_argument("all", ""))
        self.finish({"answers": await self.group.answers(None if everyone else name, int(since))})


class WhoAmI(AnswersHandler):
    def get(self):
        name, instructor = self.caller()
        self.finish({"name": name, "instructor": instructor})


class Page(AnswersHandler):
    """The instructor's live class view (refreshing every 10 s) or the student's own answers."""

    @web.authenticated
    def get(self):
        from . import liveview, results

        name, instructor = self.caller()
        if instructor:
            body = liveview.class_status(self.store)._repr_html_()
        else:
            own = results.from_rows(self.store.answers(name))
            body = f"<p>{len(own.answers)} answer(s) recorded for you, {html.escape(name)}.</p>"
        self.finish('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" '
                    f'content="10"><title>Answers: {html.escape(name)}</title></head><body>{body}</body></html>')


def make_app(store, prefix="/services/answers/", instructors="instructors"):
    args = {"store": store, "instructors": instructors, "group": GroupCommit(store)}
    return web.Application([
        (prefix, Page, args),
        (url_path_join(prefix, "api/answers"), ApiAnswers, args),
        (url_path_join(prefix, "api/whoami"), WhoAmI, args),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ], cookie_secret=secrets.token_bytes(32), xsrf_cookies=True)


def main():
    store = db.open_store(os.environ.get("TRIGGERPOINTS_DB", "sqlite:///answers.sqlite"))
    app = make_app(store, os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/answers/"),
                   os.environ.get("TRIGGERPOINTS_INSTRUCTORS", "instructors"))
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    # on Kubernetes the hub names the service by its Kubernetes Service ("http://hub:10101"),
    # which is not an address of the pod: TRIGGERPOINTS_LISTEN=0.0.0.0 listens on the pod's
    HTTPServer(app, max_body_size=4 * MAX_BODY).listen(url.port, os.environ.get("TRIGGERPOINTS_LISTEN") or url.hostname)
    print(f"answers service on {url.geturl()}, database schema version {store.version()}", flush=True)
    IOLoop.current().start()


if __name__ == "__main__":
    main()
