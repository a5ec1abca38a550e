"""The /api/v1/ basics: the OpenAPI document, /me and its permission rules."""

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_document_lists_me(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/me" in response.json()["paths"]


def test_me_needs_a_login(client):
    assert client.get("/api/v1/me").status_code == 401


def test_me_tells_a_pupil_only_their_own_class(client, school_class, other_class, pupil):
    client.force_login(pupil)
    data = client.get("/api/v1/me").json()
    assert data["role"] == "pupil"
    assert data["display_name"] == pupil.display_name
    assert [c["name"] for c in data["classes"]] == ["Groep 7B"]
    assert "email" not in data


def test_me_tells_a_teacher_their_classes(client, school_class, other_class, teacher):
    client.force_login(teacher)
    data = client.get("/api/v1/me").json()
    assert [(c["name"], c["role"]) for c in data["classes"]] == [("Groep 7B", "teacher")]
