"""Live feed over a websocket: members of a class join its group and hear about new posts, comments, reactions."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from accounts.models import SchoolClass

from .live import group_name


@database_sync_to_async
def _is_member(user, class_id):
    if not user or not user.is_authenticated:
        return False
    return SchoolClass.objects.for_member(user).filter(pk=class_id).exists()


class FeedConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.class_id = int(self.scope["url_route"]["kwargs"]["class_id"])
        self.group = None
        if not await _is_member(self.scope.get("user"), self.class_id):
            await self.close()  # before accept: the handshake is refused (HTTP 403)
            return
        self.group = group_name(self.class_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The feed only pushes; anything a client sends is ignored.
        return

    async def feed_event(self, message):
        # Only ids go out: the page fetches what this user may see through the permission-checked views.
        await self.send_json({"event": message["event"], "post_id": message["post_id"]})
