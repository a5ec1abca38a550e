"""A classroom rush against a real server: every pupil of several classes posts, comments and reacts at once.

    .venv/bin/python bench/burst.py                       # 10 classes of 30 on SQLite, one worker
    .venv/bin/python bench/burst.py --workers 2 --redis   # two workers need Redis to share websocket events
    .venv/bin/python bench/burst.py --postgres --workers 2  # PostgreSQL and Redis of the CI services

A fresh database (a SQLite file in a temporary folder, or the PostgreSQL database --database-name, created
and dropped here; never the CI's `test` database) is migrated and filled with classes of pupils that post
at once (no "eerst nadenken" draft). uvicorn serves the real ASGI application on a free port in a process
of its own; pupils are logged in by writing their sessions straight into the database. Within --seconds
every pupil makes 3 posts, 5 comments on classmates' posts and 3 reactions through the JSON API, each
text unique, while a few websocket listeners per class count the events they hear. Every post carries
an Idempotency-Key, as the composer does; a share of them (--double-taps) is sent twice at once with the
same key, as a double tap or a retry after a dropped connection would. Afterwards the database is compared
with what the clients were told: a write the client saw succeed must be there (else "lost"), once (else
"duplicated": a double tap that made two posts), and a write the client saw fail must not (else "phantom").

The report ends with one line, "burst: N requests, X rps, p50 .., p95 .., p99 .., errors {...}, lost L,
duplicated D, phantom P". The exit code is 0 whatever the numbers; it is not 0 when the bench itself could
not run.
"""

import argparse
import asyncio
import contextlib
import heapq
import http.client
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = "oefenfeed.settings.test"
POSTS, COMMENTS, REACTIONS = 3, 5, 3  # per pupil
TOKEN_RE = re.compile(r"code ([a-z]{20})")
SAFE_NAME = re.compile(r"^[a-z][a-z0-9_]{2,40}$")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--pupils", type=int, default=30, help="pupils per class")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--seconds", type=float, default=30, help="the burst is spread over this many seconds")
    parser.add_argument("--listeners", type=int, default=2, help="websocket listeners per class")
    parser.add_argument(
        "--threads", type=int, default=0, help="client threads, i.e. requests in flight at most (0: one per pupil)"
    )
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a request counts as timed out")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--double-taps", type=float, default=0.1, help="share of posts sent twice at once with the same key"
    )
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL and Redis instead of SQLite")
    parser.add_argument("--redis", action="store_true", help="Redis cache and channel layer (implied by --postgres)")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database-name", default="oefenfeed_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15", help="flushed before and after")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder with the server log")
    args = parser.parse_args(argv)
    args.redis = args.redis or args.postgres
    if args.postgres and (not SAFE_NAME.match(args.database_name) or args.database_name in {"test", "postgres"}):
        parser.error(f"--database-name {args.database_name!r}: pick a database of the bench's own")
    if args.redis and not re.search(r"/([1-9]\d*)$", args.redis_url):
        parser.error("--redis-url must name a database other than 0 (it is flushed), e.g. redis://host:6379/15")
    return args


# --- the environment: a database and Redis of the bench's own ----------------------------------------------


def prepare_services(args, workdir):
    """Environment variables for this process and the server; creates the PostgreSQL database."""
    # INFO: channels_redis says at that level when it drops a message for a full channel.
    env = {"DJANGO_SETTINGS_MODULE": SETTINGS, "LOG_LEVEL": "INFO", "MEDIA_ROOT": str(workdir / "media")}
    env["FEED_MEDIA_ROOT"] = str(workdir / "feed-media")
    if args.postgres:
        import psycopg

        with psycopg.connect(f"{args.postgres_url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.database_name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{args.database_name}"')
        env["DATABASE_URL"] = f"{args.postgres_url}/{args.database_name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
        env["REDIS_URL"] = args.redis_url
    else:
        env["REDIS_URL"] = ""  # empty is "not set": a REDIS_URL of the shell must not reach the server
    return env


def release_services(args):
    if args.postgres:
        import psycopg
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{args.postgres_url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.database_name}" WITH (FORCE)')
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()


# --- data: classes, pupils, sessions -------------------------------------------------------------------------


@dataclass
class Pupil:
    pk: int
    class_id: int
    cookie: str
    csrf: str


def populate(classes, pupils_per_class):
    """Classes with a teacher and pupils, posting at once; a logged-in session per pupil."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.utils.crypto import get_random_string

    from accounts.choices import Role
    from accounts.models import School, SchoolClass, User
    from sandbox_feed.models import FeedSettings

    by_class = {}
    with transaction.atomic():
        school = School.objects.create(name="Burstschool")
        for number in range(classes):
            school_class = SchoolClass.objects.create(school=school, name=f"Groep 7-{number}", groep=7)
            school_class.teachers.add(
                User.objects.create_user(username=f"burst-leerkracht-{number}", role=Role.TEACHER, school=school)
            )
            FeedSettings.objects.create(school_class=school_class, preview_before_post=False)
            created = school_class.add_pupils([(f"Kind{i}", "B") for i in range(pupils_per_class)])
            pupils = []
            for user in created:
                session = SessionStore()
                session[SESSION_KEY] = str(user.pk)
                session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
                session[HASH_SESSION_KEY] = user.get_session_auth_hash()
                session.save()
                # CSRF is a double-submit check: the same secret in the cookie and the X-CSRFToken header.
                csrf = get_random_string(32)
                cookie = f"sessionid={session.session_key}; csrftoken={csrf}"
                pupils.append(Pupil(user.pk, school_class.pk, cookie, csrf))
            by_class[school_class.pk] = pupils
    return by_class


# --- the server -----------------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env, workers, log_path):
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "oefenfeed.asgi:application", "--app-dir", "site"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--no-access-log", "--log-level", "warning"]
    log = open(log_path, "w")  # noqa: SIM115 (closed in stop_server)
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.log = log
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"uvicorn stopped at start-up (exit {process.returncode}); see {log_path}")
        status, _ = http_request(port, "GET", "/healthz", None, None, timeout=2)
        if status == 200:
            return process, port
        time.sleep(0.3)
    stop_server(process)
    raise SystemExit(f"uvicorn did not answer /healthz within 90 s; see {log_path}")


def stop_server(process):
    # SIGINT is uvicorn's graceful stop: requests in flight finish, then the workers exit.
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # its own session: only the server and its workers
        process.wait()
    process.log.close()


# --- the clients ----------------------------------------------------------------------------------------------


def http_request(port, method, path, body, pupil, timeout, extra_headers=None):
    """(status or error name, parsed JSON or None). A connection per request: with keep-alive, a server
    that closes an idle connection just as a request goes out makes an error that says nothing of the app."""
    headers = {"Connection": "close", **(extra_headers or {})}
    if pupil is not None:
        headers.update({"Cookie": pupil.cookie, "X-CSRFToken": pupil.csrf})
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        response = conn.getresponse()
        data = response.read()
    except TimeoutError:
        return "timeout", None
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__, None
    finally:
        conn.close()
    try:
        return response.status, json.loads(data) if data else None
    except ValueError:
        return response.status, None


@dataclass
class Outcome:
    kind: str  # post, comment, reaction
    pupil: Pupil
    token: str = ""  # the unique word in a post's or comment's text
    key: str = ""  # a post's Idempotency-Key; a double tap's two requests share it (and the token)
    post_id: int | None = None  # the post commented on or reacted to
    status: object = None
    created_id: int | None = None
    scheduled: float = 0.0
    started: float = 0.0
    finished: float = 0.0


@dataclass(order=True)
class Planned:
    at: float
    seq: int
    kind: str = field(compare=False)
    pupil: Pupil = field(compare=False)
    twice: bool = field(default=False, compare=False)  # a double tap


def plan(by_class, seconds, rng, double_taps=0.0):
    """When each pupil does what: posts in the first half, comments and reactions once there are posts."""
    heap, seq = [], 0
    for pupils in by_class.values():
        for pupil in pupils:
            for kind, count, start, end in (
                ("post", POSTS, 0.0, 0.5),
                ("comment", COMMENTS, 0.15, 1.0),
                ("reaction", REACTIONS, 0.15, 1.0),
            ):
                for _ in range(count):
                    twice = kind == "post" and rng.random() < double_taps
                    heapq.heappush(heap, Planned(rng.uniform(start, end) * seconds, seq, kind, pupil, twice))
                    seq += 1
    return heap


class Burst:
    def __init__(self, port, by_class, args):
        self.port, self.by_class, self.args = port, by_class, args
        self.rng = random.Random(args.seed)
        self.lock = threading.Lock()
        self.posts = defaultdict(list)  # class id -> [(post id, author pk)] the clients know of
        self.reacted = defaultdict(set)  # pupil pk -> post ids picked for a reaction
        self.outcomes = []
        self.skipped = Counter()

    def target(self, planned):
        """A classmate's post to comment on or react to (a different one per reaction); None if none yet."""
        with self.lock:
            choices = [pk for pk, author in self.posts[planned.pupil.class_id] if author != planned.pupil.pk]
        if planned.kind == "reaction":
            choices = [pk for pk in choices if pk not in self.reacted[planned.pupil.pk]]
        if not choices:
            return None
        post_id = self.rng.choice(choices)
        if planned.kind == "reaction":
            self.reacted[planned.pupil.pk].add(post_id)
        return post_id

    def run(self):
        heap = plan(self.by_class, self.args.seconds, self.rng, self.args.double_taps)
        give_up = self.args.seconds + 15
        # One thread per pupil by default, as each has a browser of their own: a slow server then shows as
        # latency, not as requests the client never got round to sending.
        threads = self.args.threads or sum(len(pupils) for pupils in self.by_class.values())
        with ThreadPoolExecutor(max_workers=threads) as pool:
            start = time.monotonic()
            self.start = start
            while heap:
                planned = heapq.heappop(heap)
                delay = planned.at - (time.monotonic() - start)
                if delay > 0:
                    time.sleep(delay)
                outcome = Outcome(planned.kind, planned.pupil, scheduled=start + planned.at)
                if planned.kind != "post":
                    outcome.post_id = self.target(planned)
                    if outcome.post_id is None:
                        if planned.at < give_up:  # no classmate's post yet: try again a little later
                            heapq.heappush(heap, Planned(planned.at + 0.5, planned.seq, planned.kind, planned.pupil))
                        else:
                            self.skipped[planned.kind] += 1
                        continue
                if planned.kind != "reaction":
                    outcome.token = self.token()
                if planned.kind == "post":
                    outcome.key = str(uuid.uuid4())
                tap = [outcome]
                if planned.twice:
                    tap.append(
                        Outcome(planned.kind, planned.pupil, outcome.token, outcome.key, scheduled=outcome.scheduled)
                    )
                for sent in tap:
                    self.outcomes.append(sent)
                    pool.submit(self.send, sent)
        self.end = max((o.finished for o in self.outcomes), default=time.monotonic())
        self.wall_end = time.time() - (time.monotonic() - self.end)

    def token(self):
        # Letters only: digits could look like a phone number to the word filter, which sends it to the teacher.
        return "".join(self.rng.choice(string.ascii_lowercase) for _ in range(20))

    def send(self, outcome):
        pupil = outcome.pupil
        if outcome.kind == "post":
            path = f"/api/v1/feed/classes/{pupil.class_id}/posts"
            body = {"text": f"Burstbericht code {outcome.token}: wat een drukte in de klas vandaag!"}
        elif outcome.kind == "comment":
            path = f"/api/v1/feed/posts/{outcome.post_id}/comments"
            body = {"text": f"Reactie code {outcome.token}, leuk!"}
        else:
            path = f"/api/v1/feed/posts/{outcome.post_id}/reactions"
            body = {"kind": "heart", "active": True}
        headers = {"Idempotency-Key": outcome.key} if outcome.key else None
        outcome.started = time.monotonic()
        outcome.status, data = http_request(self.port, "POST", path, body, pupil, self.args.timeout, headers)
        outcome.finished = time.monotonic()
        if isinstance(outcome.status, int) and 200 <= outcome.status < 300 and isinstance(data, dict):
            outcome.created_id = data.get("id")
            if outcome.kind == "post" and outcome.created_id:
                with self.lock:
                    self.posts[pupil.class_id].append((outcome.created_id, pupil.pk))


class Listeners:
    """A few pupils per class keep the feed's websocket open and count the distinct events (numbers) they
    hear. When the burst is over and quiet, each asks {"since": last number heard}, as an open page does
    every minute, and counts what that brings: events dropped on the way (a socket that read too slowly
    has its channel overflow) come from the database then. They run in a process of their own: in this
    one, hundreds of client threads would keep them from reading in time, and a socket read late fills the
    server's buffers and looks like a slow server."""

    QUIET_SECONDS = 3  # after the burst: listening stops once nothing came for this long
    MAX_WAIT_SECONDS = 60

    def __init__(self, port, by_class, per_class):
        self.sockets = [pupils[-1 - i] for pupils in by_class.values() for i in range(min(per_class, len(pupils)))]
        self.heard, self.heard_live, self.refused, self.last_heard = [], [], 0, None
        context = multiprocessing.get_context("spawn")
        self.pipe, child_end = context.Pipe()
        targets = [(pupil.class_id, pupil.cookie) for pupil in self.sockets]
        self.process = context.Process(target=listen, args=(port, targets, child_end), daemon=True)

    def start(self):
        self.process.start()
        if not self.pipe.poll(60):
            raise SystemExit("the websocket listeners did not connect within 60 s")
        self.refused = self.pipe.recv()

    def stop(self):
        """Wait for the quiet after the burst; returns when the listeners have reported."""
        self.pipe.send("stop")
        if self.pipe.poll(self.MAX_WAIT_SECONDS + 30):
            self.heard_live, self.heard, self.last_heard = self.pipe.recv()
        self.process.join(10)


def listen(port, targets, pipe):
    asyncio.run(_listen(port, targets, pipe))


async def _listen(port, targets, pipe):
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed, InvalidHandshake

    seqs, last = [set() for _ in targets], [0.0]

    async def count(index, ws):
        async for message in ws:
            seq = json.loads(message).get("seq")
            if seq is not None:
                seqs[index].add(seq)
            last[0] = time.time()

    async def quiet(since):
        while time.time() - max(last[0], since) < Listeners.QUIET_SECONDS:
            if time.time() - since > Listeners.MAX_WAIT_SECONDS:
                break
            await asyncio.sleep(0.2)

    connected, refused = [], 0
    for index, (class_id, cookie) in enumerate(targets):
        url = f"ws://127.0.0.1:{port}/ws/feed/{class_id}/"
        try:
            ws = await connect(url, additional_headers={"Cookie": cookie}, proxy=None, open_timeout=30)
        except (OSError, TimeoutError, InvalidHandshake) as error:
            print(f"burst: listener {index} not connected: {error!r}", flush=True)
            refused += 1
            continue
        connected.append((index, ws, asyncio.ensure_future(count(index, ws))))
    pipe.send(refused)
    await asyncio.get_running_loop().run_in_executor(None, pipe.recv)
    await quiet(time.time())
    live = [len(heard) for heard in seqs]
    last_live = last[0] or None
    for index, ws, _task in connected:
        with contextlib.suppress(ConnectionClosed):
            await ws.send(json.dumps({"since": max(seqs[index], default=0)}))
    await quiet(time.time())
    for _index, ws, task in connected:
        await ws.close()
        task.cancel()
    pipe.send((live, [len(heard) for heard in seqs], last_live))


# --- the report -----------------------------------------------------------------------------------------------


def ok(outcome):
    return isinstance(outcome.status, int) and 200 <= outcome.status < 300


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))]


def check_database(outcomes, class_ids):
    """(lost, duplicated, phantom, details): what the clients were told against what the database holds.
    The two requests of a double tap are judged together: one stored post answers both."""
    from sandbox_feed.choices import PostStatus
    from sandbox_feed.models import Comment, Post, Reaction

    rows = {}
    for model, kind in ((Post, "post"), (Comment, "comment")):
        filters = {"school_class__in": class_ids} if model is Post else {"post__school_class__in": class_ids}
        for pk, text in model.objects.filter(**filters).values_list("pk", "text"):
            for found in TOKEN_RE.findall(text):
                rows.setdefault((kind, found), []).append(pk)
    reactions = set(
        Reaction.objects.filter(post__school_class__in=class_ids, kind="heart").values_list("post_id", "user_id")
    )
    lost, duplicated, phantom, details = 0, 0, 0, Counter()
    taps = defaultdict(list)  # one entry per tap; a double tap's two requests share a token
    for outcome in outcomes:
        taps[(outcome.kind, outcome.token or id(outcome))].append(outcome)
    for (kind, token), sent in taps.items():
        if kind == "reaction":
            there = (sent[0].post_id, sent[0].pupil.pk) in reactions
            stored_ids = []
        else:
            stored_ids = rows.get((kind, token), [])
            there = bool(stored_ids)
            if len(stored_ids) > 1:
                duplicated += len(stored_ids) - 1  # written more than once for one tap
                details[f"{kind} duplicated"] += 1
        answered = [outcome for outcome in sent if ok(outcome)]
        if answered and (not there or any(stored_ids and o.created_id not in stored_ids for o in answered)):
            lost += 1
            details[f"{kind} lost"] += 1
        elif not answered and there:
            phantom += 1
            details[f"{kind} phantom ({sent[0].status})"] += 1
        if len(sent) > 1 and len({o.created_id for o in answered}) > 1:
            details[f"{kind} double tap answered with two ids"] += 1
    not_visible = Post.objects.filter(school_class__in=class_ids).exclude(status=PostStatus.VISIBLE).count()
    if not_visible:
        details["posts not visible"] = not_visible
    return lost, duplicated, phantom, details


def server_problems(log_path):
    """Distinct exception lines and warnings from the server's output, most frequent first."""
    found = Counter()
    lines = Path(log_path).read_text(errors="replace").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("Traceback"):
            # The exception is the first unindented line after the traceback's frames.
            for later in lines[number + 1 :]:
                if later and not later.startswith((" ", "Traceback", "During handling", "The above exception")):
                    found[later.strip()[:200]] += 1
                    break
        elif re.match(r"^(WARNING|ERROR|CRITICAL)\b|^(Internal Server Error|Database too busy|Live update)", line) or (
            "over capacity" in line
        ):
            found[re.sub(r"\d+", "N", line.strip())[:200]] += 1
    return found.most_common(10)


def report(args, burst, listeners, log_path):
    outcomes = burst.outcomes
    latencies = sorted((o.finished - o.started) * 1000 for o in outcomes)
    lags = sorted((o.started - o.scheduled) * 1000 for o in outcomes)
    elapsed = max(burst.end - burst.start, 1e-9)
    errors = Counter(str(o.status) for o in outcomes if not ok(o))
    class_ids = list(burst.by_class)
    lost, duplicated, phantom, details = check_database(outcomes, class_ids)

    posts = [o.token for o in outcomes if o.kind == "post"]
    double_taps = len(posts) - len(set(posts))
    database = "PostgreSQL" if args.postgres else "SQLite"
    layer = "Redis" if args.redis else "in-memory"
    total = sum(len(p) for p in burst.by_class.values())
    print(
        f"burst setup: {database}, {layer} cache and channel layer, {args.workers} worker(s), "
        f"{len(class_ids)} classes x {args.pupils} pupils = {total} pupils, over {args.seconds:g} s, "
        f"{double_taps} posts sent twice at once (double taps)"
    )
    for kind in ("post", "comment", "reaction"):
        mine = sorted((o.finished - o.started) * 1000 for o in outcomes if o.kind == kind)
        print(
            f"  {kind + 's':<10} {len(mine):>6} requests, p50 {percentile(mine, 0.5):>7.0f} ms, "
            f"p95 {percentile(mine, 0.95):>7.0f} ms, max {mine[-1] if mine else 0:>7.0f} ms"
        )
    waits = sorted((o.finished - o.scheduled) * 1000 for o in outcomes)
    print(
        f"  client lag behind the plan: p50 {percentile(lags, 0.5):.0f} ms, p99 {percentile(lags, 0.99):.0f} ms; "
        f"planned moment to answer: p50 {percentile(waits, 0.5):.0f} ms, p95 {percentile(waits, 0.95):.0f} ms, "
        f"p99 {percentile(waits, 0.99):.0f} ms"
    )
    if burst.skipped:
        print(f"  skipped (no classmate's post to pick): {dict(burst.skipped)}")
    if details:
        print(f"  database check: {dict(details)}")
    if listeners is not None:
        expected, counted = Counter(), set()
        for o in outcomes:
            if ok(o) and (o.kind, o.token or id(o)) not in counted:  # a double tap is one event
                counted.add((o.kind, o.token or id(o)))
                expected[o.pupil.class_id] += 1
        want = sum(expected[pupil.class_id] for pupil in listeners.sockets)
        if listeners.last_heard:
            note_lag = f" (the last {listeners.last_heard - burst.wall_end:.1f} s after the last answer)"
        else:
            note_lag = ""
        note = (
            " (in-memory layer: each worker only hears its own requests live)"
            if args.workers > 1 and not args.redis
            else ""
        )
        print(
            f"  websockets: {len(listeners.sockets) - listeners.refused} of {len(listeners.sockets)} listeners, "
            f"events expected {want}, heard live {sum(listeners.heard_live)}{note_lag}, "
            f"after asking since {sum(listeners.heard)}{note}"
        )
    problems = server_problems(log_path)
    if problems:
        print(f"  server log {log_path}:")
        for line, count in problems:
            print(f"    {count:>5} x {line}")
    print(
        f"burst: {len(outcomes)} requests, {len(outcomes) / elapsed:.1f} rps, p50 {percentile(latencies, 0.5):.0f} ms, "
        f"p95 {percentile(latencies, 0.95):.0f} ms, p99 {percentile(latencies, 0.99):.0f} ms, "
        f"errors {dict(sorted(errors.items()))}, lost {lost}, duplicated {duplicated}, phantom {phantom}"
    )
    return bool(errors or lost or duplicated or phantom or problems)


def main(argv=None):
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="oefenfeed-burst-"))
    env = prepare_services(args, workdir)
    os.environ.update(env)
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    import django

    django.setup()
    from django.core.management import call_command

    keep = True  # the server log explains a bench that broke off; it is removed after a clean report
    try:
        started = time.monotonic()
        call_command("migrate", verbosity=0)
        by_class = populate(args.classes, args.pupils)
        print(f"burst: database ready in {time.monotonic() - started:.0f} s; starting uvicorn", flush=True)
        log_path = workdir / "uvicorn.log"
        process, port = start_server(env, args.workers, log_path)
        listeners = None
        try:
            if args.listeners:
                listeners = Listeners(port, by_class, args.listeners)
                listeners.start()
            burst = Burst(port, by_class, args)
            burst.run()
            if listeners is not None:
                listeners.stop()
        finally:
            stop_server(process)
        keep = report(args, burst, listeners, log_path) or args.keep
    finally:
        release_services(args)
        if keep:
            print(f"burst: kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
