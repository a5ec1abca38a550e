"""Websocket routes. Apps with live updates add their patterns to this list."""

from sandbox_feed.routing import websocket_urlpatterns as feed_websockets

websocket_urlpatterns = [*feed_websockets]
