"""Live feed over a websocket: members of a class hear, in order and each once, every event of the class they
may hear (events.may_hear); a socket that connects with ?since=N first gets what it missed after N."""

import asyncio
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.db.models import Exists

from accounts.models import SchoolClass
from oefenfeed.overload import is_overload

from . import events
from .live import group_name, user_group_name

# Close codes (4000-4999 are the application's): the user no longer belongs to the class, or logged out.
CLOSE_NOT_A_MEMBER = 4403
CLOSE_LOGGED_OUT = 4401
# The database is too busy to catch this socket up: the page connects again a little later (and asks
# from its last number again, so nothing is lost).
CLOSE_TRY_AGAIN = 1013

# Belt and braces behind the removal broadcast (which a dead Redis, a raw SQL delete or a cascade can
# miss): before passing on an event, a socket checks its membership again when its last check is older
# than this. Checking on every event would cost a query per member per event, thirty for every post in a
# busy class, in the rush when the database has least to spare.
MEMBERSHIP_RECHECK_SECONDS = 10

# With several workers, an event can overtake the one numbered before it (each worker broadcasts after
# its own commit). A socket holds the later one this long for the earlier to arrive before it asks the
# database what it missed: a broadcast that Redis lost, or that was never sent.
GAP_GRACE_SECONDS = 0.5
# Events held back at most, waiting for a missing number or a catch-up; beyond this they are dropped here
# and fetched from the database with the missing ones.
MAX_HELD = 200
# A page asks {"since": N} now and then (after its tab was hidden, or once a minute); one such question per
# socket is answered this often at most.
RESYNC_MIN_SECONDS = 5


def _membership_now(user, class_id):
    """None for outsiders and deactivated users, else "teacher" or "pupil"; one query."""
    if not user or not user.is_authenticated:
        return None
    teaching = Exists(SchoolClass.objects.for_teacher(user).filter(pk=class_id))
    learning = Exists(SchoolClass.objects.for_pupil(user).filter(pk=class_id))
    row = get_user_model().objects.filter(pk=user.pk, is_active=True).values_list(teaching, learning).first()
    if row is None:
        return None
    if row[0]:
        return "teacher"
    return "pupil" if row[1] else None


# Not thread_sensitive: those calls all queue on one thread per process, which every consumer needs (at
# connect, and channels' own connection clean-up). A check waiting for a pooled connection during a rush
# would hold up every socket of the worker, not just this one.
_membership = database_sync_to_async(_membership_now, thread_sensitive=False)
_events_after = database_sync_to_async(events.after, thread_sensitive=False)


# Messages from the channel layer whose handlers touch the database only through the helpers above, which
# clean up their own connections.
NO_DATABASE_HANDLERS = {"feed.event", "membership.changed", "session.ended"}


def _since(value):
    """A client's last seen number: an integer from 0, else None (then the socket starts from now)."""
    if isinstance(value, bool):
        return None
    try:
        since = int(value)
    except (TypeError, ValueError):
        return None
    return since if 0 <= since <= 2**62 else None


class FeedConsumer(AsyncJsonWebsocketConsumer):
    async def dispatch(self, message):
        # channels closes stale database connections before every handler, on the one thread per process
        # that thread-sensitive database calls share: a hop per event per socket, thirty sockets for every
        # post in a busy class. The feed's events skip it; everything else takes the usual path.
        if message.get("type") in NO_DATABASE_HANDLERS:
            await getattr(self, message["type"].replace(".", "_"))(message)
        else:
            await super().dispatch(message)

    async def connect(self):
        self.class_id = int(self.scope["url_route"]["kwargs"]["class_id"])
        self.user = self.scope.get("user")
        self.groups_joined = []
        self.closing = False
        # The class's numbers this socket has dealt with (passed on or, not for this user, skipped), the
        # events that came ahead of a missing number, and the task that fetches a missing one.
        self.seen = 0
        self.held = {}
        self.behind_until = 0
        self.gap_task = None
        self.resynced_at = None
        self.in_order = asyncio.Lock()
        if self.user is not None and self.user.is_authenticated:
            # The user's group first, the check after: a removal that commits in between still reaches
            # this socket, and its handler checks again once connect() is done.
            self.groups_joined.append(user_group_name(self.user.pk))
            await self.channel_layer.group_add(self.groups_joined[0], self.channel_name)
        self.role = await _membership(self.user, self.class_id)
        self.checked_at = time.monotonic()
        if self.role is None:
            await self._leave_groups()
            await self.close()  # before accept: the handshake is refused (HTTP 403)
            return
        # The group before the catch-up: an event committed in between is in both, and counted once. The
        # catch-up is read before the handshake completes, so the socket counts from a known number the
        # moment the page has it open; events broadcast meanwhile wait until connect() is done.
        await self.channel_layer.group_add(group_name(self.class_id), self.channel_name)
        self.groups_joined.append(group_name(self.class_id))
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        found = await self._read_after(_since(query.get("since", [None])[0]))
        await self.accept()
        if found is None:
            await self._shut(CLOSE_TRY_AGAIN)
            return
        async with self.in_order:
            await self._pass_on_found(found)

    async def disconnect(self, code):
        self.closing = True
        if self.gap_task is not None:
            self.gap_task.cancel()
        await self._leave_groups()

    async def receive_json(self, content, **kwargs):
        # The only question a page asks: {"since": N}, "what came after N?" (its tab was asleep, or a
        # minute passed). Everything else is ignored; the feed is written through the views and the API.
        if not isinstance(content, dict) or self.closing:
            return
        since = _since(content.get("since"))
        now = time.monotonic()
        if since is None or (self.resynced_at is not None and now - self.resynced_at < RESYNC_MIN_SECONDS):
            return
        self.resynced_at = now
        if now - self.checked_at >= MEMBERSHIP_RECHECK_SECONDS and not await self._still_member():
            return
        async with self.in_order:
            await self._catch_up(since)

    async def feed_event(self, message):
        if self.closing:
            return  # events already queued for this socket when it was closed
        if time.monotonic() - self.checked_at >= MEMBERSHIP_RECHECK_SECONDS and not await self._still_member():
            return
        seq = message["seq"]
        if seq <= self.seen:
            return  # already passed on (a catch-up got there first)
        if seq > self.seen + 1 or self.in_order.locked():
            # A number is missing, or a catch-up is reading the database: hold this one. Never wait here: a
            # socket that waits stops reading its channel, which then overflows and drops events.
            self._hold(message)
            return
        async with self.in_order:
            await self._pass_on(message)
            await self._release_held()

    def _hold(self, message):
        self.held[message["seq"]] = message
        if len(self.held) > MAX_HELD:
            # All of them are in the database: forget them here, and catch up to at least the last one.
            self.behind_until = max(self.behind_until, *self.held)
            self.held.clear()
        if self.gap_task is None and not self.closing:
            self.gap_task = asyncio.ensure_future(self._fill_gap())

    async def _fill_gap(self):
        """A number is missing: give it a moment to arrive, then ask the database for what came after the
        last number dealt with (the events ahead of it included, as they were committed before they came)."""
        try:
            await asyncio.sleep(GAP_GRACE_SECONDS)
            async with self.in_order:
                self.gap_task = None
                if (self.held or self.seen < self.behind_until) and not self.closing:
                    await self._catch_up(self.seen)
        except asyncio.CancelledError:
            return

    async def _catch_up(self, since):
        """Pass on the events after `since` from the database (or tell the page to reload when it is too
        far behind); from then on this socket counts from the class's current number."""
        found = await self._read_after(since)
        if found is None:
            await self._shut(CLOSE_TRY_AGAIN)
            return
        await self._pass_on_found(found)

    async def _read_after(self, since):
        """events.after() for this class, or None when the database is too busy to answer now."""
        try:
            return await _events_after(self.class_id, since)
        except OperationalError as error:
            if not is_overload(error):
                raise
            return None

    async def _pass_on_found(self, found):
        if found.reload:
            await self.send_json({"reload": True, "seq": found.cursor})
        for message in found.events:
            await self._pass_on(message)
        self.seen = max(self.seen, found.cursor)
        await self._release_held()

    async def _release_held(self):
        """Pass on held events that now follow on (more may be held meanwhile), drop those already dealt
        with, and if a number is still missing, make sure it will be fetched."""
        while (message := self.held.pop(self.seen + 1, None)) is not None:
            await self._pass_on(message)
        for seq in [seq for seq in self.held if seq <= self.seen]:
            del self.held[seq]
        if self.held or self.seen < self.behind_until:
            if self.gap_task is None and not self.closing:
                self.gap_task = asyncio.ensure_future(self._fill_gap())
        elif self.gap_task is not None:
            self.gap_task.cancel()
            self.gap_task = None

    async def _pass_on(self, message):
        """Only ids and the number go out: the page fetches what this user may see through the
        permission-checked views. An event the user may not hear only moves the count on."""
        self.seen = max(self.seen, message["seq"])
        if self.closing:
            return
        if events.may_hear(message, teacher=self.role == "teacher", user_id=self.user.pk):
            await self.send_json(events.for_client(message))

    async def membership_changed(self, message):
        # Sent for every class a user leaves; a user on several classes' feeds hears about all of them.
        if message["class_id"] == self.class_id and not self.closing:
            await self._still_member()

    async def session_ended(self, message):
        if not self.closing:
            await self._shut(CLOSE_LOGGED_OUT)

    async def _still_member(self):
        """Check the database; a socket whose user left the class, or changed role in it, is closed."""
        role = await _membership(self.user, self.class_id)
        self.checked_at = time.monotonic()
        if role != self.role:
            # A teacher who became a pupil of the class reconnects and joins the pupils' groups only.
            await self._shut(CLOSE_NOT_A_MEMBER)
            return False
        return True

    async def _shut(self, code):
        self.closing = True
        if self.gap_task is not None and self.gap_task is not asyncio.current_task():
            self.gap_task.cancel()
        await self._leave_groups()
        await self.close(code=code)

    async def _leave_groups(self):
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = []
