from django.urls import path

from .consumers import FeedConsumer

websocket_urlpatterns = [path("ws/feed/<int:class_id>/", FeedConsumer.as_asgi())]
