"""Two real uvicorn worker processes behind one Redis share a class's events: a pupil's socket on each hears
the same event with the same number, whichever worker wrote it, and a socket that connects late to the other
worker catches up from the database.

Needs Redis (REDIS_URL, the CI's PostgreSQL and Redis leg); without it the test is skipped with the reason.
"""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from sandbox_feed.models import FeedSettings, Post

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs REDIS_URL: two worker processes share events only through Redis (CI's PostgreSQL leg)",
    ),
]


def database_url():
    """The test database as a URL for the workers (they must see what this test commits)."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


@pytest.fixture
def two_workers(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "oefenfeed.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "FEED_MEDIA_ROOT": str(tmp_path / "feed-media"),
    }
    workers = []
    try:
        for number in (1, 2):
            port = free_port()
            log = open(tmp_path / f"worker{number}.log", "w")  # noqa: SIM115 (closed below)
            command = [sys.executable, "-m", "uvicorn", "oefenfeed.asgi:application", "--app-dir", "site"]
            command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
            workers.append((process, port, log))
        deadline = time.monotonic() + 90
        for process, port, _log in workers:
            while not healthy(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    logs = "\n".join((tmp_path / f"worker{n}.log").read_text() for n in (1, 2))
                    pytest.fail(f"a worker did not start:\n{logs}")
                time.sleep(0.3)
        yield [port for _process, port, _log in workers]
    finally:
        for process, _port, _log in workers:
            process.send_signal(signal.SIGINT)
        for process, _port, log in workers:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # its own session: only this worker
                process.wait()
            log.close()


def cookie_for(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    csrf = uuid.uuid4().hex
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={csrf}", csrf


def api_post(port, path, body, login):
    cookie, csrf = login
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Cookie": cookie,
            "X-CSRFToken": csrf,
            "Origin": f"http://127.0.0.1:{port}",
            "Referer": f"http://127.0.0.1:{port}/",
        },
    )
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
        return response.status, json.loads(response.read())


async def open_socket(port, class_id, login, since=None):
    from websockets.asyncio.client import connect

    cookie, _csrf = login
    query = "" if since is None else f"?since={since}"
    return await connect(
        f"ws://127.0.0.1:{port}/ws/feed/{class_id}/{query}",
        additional_headers={"Cookie": cookie, "Origin": f"http://127.0.0.1:{port}"},
        proxy=None,
        open_timeout=20,
    )


async def next_event(ws):
    return json.loads(await asyncio.wait_for(ws.recv(), 10))


def test_a_post_through_one_worker_reaches_a_socket_on_each_with_the_same_number(two_workers, school_class, pupils):
    first, second = two_workers
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": False})
    # The sessions are written here: the ORM is not for the event loop's thread.
    logins = [cookie_for(pupil) for pupil in pupils]

    async def scenario():
        sockets = [await open_socket(port, school_class.pk, logins[n]) for port, n in ((first, 1), (second, 2))]
        try:
            loop = asyncio.get_running_loop()
            status, post = await loop.run_in_executor(
                None, api_post, first, f"/api/v1/feed/classes/{school_class.pk}/posts", {"text": "Hoi"}, logins[0]
            )
            assert status == 201
            heard = [await next_event(ws) for ws in sockets]
            expected = {"seq": 1, "event": "post", "post_id": post["id"], "comment_id": None}
            assert heard == [expected, expected]
            status, _ = await loop.run_in_executor(
                None,
                api_post,
                second,
                f"/api/v1/feed/posts/{post['id']}/reactions",
                {"kind": "heart", "active": True},
                logins[1],
            )
            assert status == 200
            heard = [await next_event(ws) for ws in sockets]
            assert [(m["seq"], m["event"]) for m in heard] == [(2, "reaction"), (2, "reaction")]
            # A page that opens late on the other worker asks from 0 and gets both from the database.
            late = await open_socket(second, school_class.pk, logins[0], since=0)
            sockets.append(late)
            assert [(await next_event(late))["seq"] for _ in range(2)] == [1, 2]
            return post["id"]
        finally:
            for ws in sockets:
                await ws.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        post_id = pool.submit(asyncio.run, scenario()).result(timeout=120)
    assert Post.objects.filter(pk=post_id, text__contains="Hoi").exists()
