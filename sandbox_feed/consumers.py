"""Live feed over a websocket: members of a class join its group and hear about new posts, comments, reactions."""

import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model
from django.db.models import Exists

from accounts.models import SchoolClass

from .live import group_name, user_group_name

# Close codes (4000-4999 are the application's): the user no longer belongs to the class, or logged out.
CLOSE_NOT_A_MEMBER = 4403
CLOSE_LOGGED_OUT = 4401

# Belt and braces behind the removal broadcast (which a dead Redis, a raw SQL delete or a cascade can
# miss): before passing on an event, a socket checks its membership again when its last check is older
# than this. Checking on every event would cost a query per member per event, thirty for every post in a
# busy class, in the rush when the database has least to spare.
MEMBERSHIP_RECHECK_SECONDS = 10


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


# Messages from the channel layer whose handlers touch the database only through _membership, which
# cleans up its own connections.
NO_DATABASE_HANDLERS = {"feed.event", "membership.changed", "session.ended"}


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
        class_groups = [group_name(self.class_id)]
        if self.role == "teacher":
            class_groups.append(group_name(self.class_id, "teachers"))
        for group in class_groups:
            await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined += class_groups
        await self.accept()

    async def disconnect(self, code):
        await self._leave_groups()

    async def receive_json(self, content, **kwargs):
        # The feed only pushes; anything a client sends is ignored.
        return

    async def feed_event(self, message):
        if self.closing:
            return  # events already queued for this socket when it was closed
        if time.monotonic() - self.checked_at >= MEMBERSHIP_RECHECK_SECONDS and not await self._still_member():
            return
        # Only ids go out: the page fetches what this user may see through the permission-checked views.
        await self.send_json({"event": message["event"], "post_id": message["post_id"]})

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
        await self._leave_groups()
        await self.close(code=code)

    async def _leave_groups(self):
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = []
