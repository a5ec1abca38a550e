"""GET /healthz answers 503, naming the failing check, when the Redis behind cache or channel layer is down."""

import asyncio

import pytest

from oefenfeed import health

pytestmark = pytest.mark.django_db

# Port 1 (tcpmux) has no listener on a test machine: every connection is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": DEAD_REDIS}}


@pytest.fixture
def dead_channel_layer(settings):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [DEAD_REDIS]}}
    }


def test_healthz_names_the_cache_when_its_redis_is_down(client, dead_cache):
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"] == {"ok": False, "error": "ConnectionError"}
    assert checks["database"]["ok"] is True
    assert checks["channel_layer"]["ok"] is True


def test_healthz_names_the_channel_layer_when_its_redis_is_down(client, dead_channel_layer):
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["channel_layer"]["ok"] is False
    assert checks["channel_layer"]["error"]
    assert checks["cache"]["ok"] is True


def test_healthz_names_both_when_one_redis_serves_both(client, dead_cache, dead_channel_layer):
    response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "error"
    assert not data["checks"]["cache"]["ok"]
    assert not data["checks"]["channel_layer"]["ok"]


class StuckLayer:
    """A channel layer whose Redis accepts the connection and never answers."""

    async def new_channel(self):
        return "specific.healthz!stuck"

    async def send(self, channel, message):
        await asyncio.sleep(30)


def test_healthz_gives_up_on_a_stuck_channel_layer(client, monkeypatch):
    monkeypatch.setattr(health, "get_channel_layer", StuckLayer)
    monkeypatch.setattr(health, "CHANNEL_LAYER_TIMEOUT", 0.2)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["channel_layer"] == {"ok": False, "error": "TimeoutError"}
