"""Live updates: from a teacher's approval to 30 pupils' open feed sockets receiving it, as a ratio to a plain
websocket echo round trip measured in the same run, on the same server.

Not a page, so this module has `run()`. uvicorn serves the real ASGI application in a thread of this process
(the channel layer is in-memory, or Redis when REDIS_URL is set), plus a bare echo endpoint beside it. Each
round: one echo round trip, then the teacher approves a waiting post through the API and the time runs
until the last of the 30 sockets has the event. The ratio says how much the feed's path (HTTP request,
database write with its event number, commit, broadcast, 30 deliveries) costs against the cheapest message
the same server can bounce back. `BENCH_LIVE_ROUNDS` (default 15) sets the rounds.
"""

import asyncio
import http.client
import json
import os
import socket
import statistics
import threading
import time
import uuid

from django.conf import settings

CLIENTS = 30
ROUNDS = int(os.environ.get("BENCH_LIVE_ROUNDS", "15"))
TIMEOUT = 30


async def _echo(scope, receive, send):
    await receive()  # websocket.connect
    await send({"type": "websocket.accept"})
    while True:
        message = await receive()
        if message["type"] != "websocket.receive":
            return
        await send({"type": "websocket.send", "text": message.get("text") or ""})


def _server():
    import uvicorn

    from oefenfeed.asgi import application

    async def app(scope, receive, send):
        if scope["type"] == "websocket" and scope["path"] == "/bench-echo/":
            return await _echo(scope, receive, send)
        return await application(scope, receive, send)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("bench_live: uvicorn did not start")
        time.sleep(0.05)
    return server, thread, port


def _login(user):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    csrf = uuid.uuid4().hex
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={csrf}", csrf


def _classroom():
    from accounts.choices import Role
    from accounts.models import School, SchoolClass, User
    from sandbox_feed.choices import ModerationMode
    from sandbox_feed.models import FeedSettings

    school, _ = School.objects.get_or_create(name="Benchschool")
    school_class = SchoolClass.objects.create(school=school, name=f"Live {uuid.uuid4().hex[:6]}", groep=7)
    teacher = User.objects.create_user(username=f"bench-live-{uuid.uuid4().hex[:8]}", role=Role.TEACHER, school=school)
    school_class.teachers.add(teacher)
    pupils = school_class.add_pupils([(f"Kind{i}", "L") for i in range(CLIENTS + 1)])
    # Pre-moderation: every post waits for the approval that is measured; no rate limit for the one author.
    FeedSettings.objects.create(
        school_class=school_class,
        moderation_mode=ModerationMode.PRE,
        preview_before_post=False,
        posts_per_minute=10_000,
    )
    return school_class, teacher, pupils


def _approve(port, post_id, login):
    cookie, csrf = login
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request(
            "POST",
            f"/api/v1/feed/posts/{post_id}/approve",
            headers={"Cookie": cookie, "X-CSRFToken": csrf, "Content-Length": "0"},
        )
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


async def _rounds(port, class_id, pupil_logins, teacher_login, make_pending):
    from websockets.asyncio.client import connect

    base = f"ws://127.0.0.1:{port}"
    sockets = [
        await connect(f"{base}/ws/feed/{class_id}/", additional_headers={"Cookie": cookie}, proxy=None)
        for cookie, _csrf in pupil_logins
    ]
    echo = await connect(f"{base}/bench-echo/", proxy=None)
    loop = asyncio.get_running_loop()
    echo_ms, approval_ms, first_ms = [], [], []

    async def heard(ws, post_id):
        while True:
            message = json.loads(await ws.recv())
            if message.get("post_id") == post_id and message.get("event") == "post_approve":
                return time.perf_counter()

    try:
        for _ in range(ROUNDS + 1):  # the first round warms up and is not counted
            started = time.perf_counter()
            await echo.send("ping")
            await asyncio.wait_for(echo.recv(), TIMEOUT)
            echo_round = (time.perf_counter() - started) * 1000
            post_id = await loop.run_in_executor(None, make_pending)
            waiting = [asyncio.ensure_future(heard(ws, post_id)) for ws in sockets]
            started = time.perf_counter()
            status = await loop.run_in_executor(None, _approve, port, post_id, teacher_login)
            if status != 200:
                raise SystemExit(f"bench_live: the approval answered {status}")
            arrivals = await asyncio.wait_for(asyncio.gather(*waiting), TIMEOUT)
            echo_ms.append(echo_round)
            approval_ms.append((max(arrivals) - started) * 1000)
            first_ms.append((min(arrivals) - started) * 1000)
    finally:
        for ws in [*sockets, echo]:
            await ws.close()
    return echo_ms[1:], approval_ms[1:], first_ms[1:]


def run():
    from django.db import close_old_connections

    from sandbox_feed import services

    school_class, teacher, pupils = _classroom()
    author, listeners = pupils[0], pupils[1:]
    pupil_logins = [_login(pupil) for pupil in listeners]
    teacher_login = _login(teacher)

    def make_pending():
        try:
            post = services.create_post(school_class=school_class, author=author, raw_text="Mag dit?", fields={})
            return post.pk
        finally:
            close_old_connections()

    server, thread, port = _server()
    try:
        result = {}

        def in_own_loop():
            result["rounds"] = asyncio.run(_rounds(port, school_class.pk, pupil_logins, teacher_login, make_pending))

        worker = threading.Thread(target=in_own_loop)
        worker.start()
        worker.join()
        echo_ms, approval_ms, first_ms = result["rounds"]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    layer = "redis" if settings.CHANNEL_LAYERS["default"]["BACKEND"].startswith("channels_redis") else "in-memory"
    ratios = [a / e for a, e in zip(approval_ms, echo_ms, strict=True)]
    echo_median = statistics.median(echo_ms)
    return [
        (f"live ({layer}): websocket echo round trip", 1, echo_median, max(echo_ms), None),
        (f"live ({layer}): approval to first socket", CLIENTS, statistics.median(first_ms), max(first_ms), None),
        (f"live ({layer}): approval to all sockets", CLIENTS, statistics.median(approval_ms), max(approval_ms), None),
        (
            f"live ({layer}): all sockets / echo (ratio)",
            CLIENTS,
            statistics.median(approval_ms) / echo_median,
            max(ratios),
            None,
        ),
    ]
