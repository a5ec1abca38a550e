"""Live updates: after the transaction commits, tell everyone on a class's feed that something changed."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def group_name(class_id):
    return f"feed-{class_id}"


def announce(class_id, event, post_id):
    def send():
        layer = get_channel_layer()
        if layer is None:
            return
        async_to_sync(layer.group_send)(
            group_name(class_id), {"type": "feed.event", "event": event, "post_id": post_id}
        )

    transaction.on_commit(send)
