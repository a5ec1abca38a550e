"""GET /healthz reports the database, cache and channel layer."""

import pytest
from django.db import DatabaseError

from oefenfeed import health

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_every_service_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "channel_layer"}
    assert all(check["ok"] for check in data["checks"].values())


def test_healthz_reports_a_broken_database_with_503(client, monkeypatch):
    def broken():
        raise DatabaseError("gone")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "DatabaseError"}
