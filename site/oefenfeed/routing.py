"""Websocket routes. Apps with live updates add their patterns to this list."""

websocket_urlpatterns = []
