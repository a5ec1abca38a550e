"""Live feed over a websocket: members of a class join its group and hear about new posts, comments, reactions."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from accounts.models import SchoolClass

from .live import group_name


@database_sync_to_async
def _membership(user, class_id):
    """None for outsiders, else "teacher" or "pupil"."""
    if not user or not user.is_authenticated:
        return None
    if SchoolClass.objects.for_teacher(user).filter(pk=class_id).exists():
        return "teacher"
    if SchoolClass.objects.for_pupil(user).filter(pk=class_id).exists():
        return "pupil"
    return None


class FeedConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.class_id = int(self.scope["url_route"]["kwargs"]["class_id"])
        self.groups_joined = []
        role = await _membership(self.scope.get("user"), self.class_id)
        if role is None:
            await self.close()  # before accept: the handshake is refused (HTTP 403)
            return
        self.groups_joined = [group_name(self.class_id)]
        if role == "teacher":
            self.groups_joined.append(group_name(self.class_id, "teachers"))
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The feed only pushes; anything a client sends is ignored.
        return

    async def feed_event(self, message):
        # Only ids go out: the page fetches what this user may see through the permission-checked views.
        await self.send_json({"event": message["event"], "post_id": message["post_id"]})
