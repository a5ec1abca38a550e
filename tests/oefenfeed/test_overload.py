"""An overloaded database (pool exhausted, SQLite locked) answers a friendly 503 with Retry-After, not a 500."""

import logging

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.urls("tests.oefenfeed.overload_urls")

MESSAGE = "Het is even erg druk. Probeer het zo nog eens."


@pytest.mark.parametrize("url", ["/pagina/vol/", "/pagina/vol-kaal/", "/pagina/op-slot/"])
def test_it_answers_a_page_with_503_and_retry_after(client, url):
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/html")
    assert MESSAGE in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/api/v1/vol/", "/api/v1/op-slot/"])
def test_it_answers_the_api_with_json(client, url):
    response = client.post(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {"detail": MESSAGE}


def test_it_logs_the_cause_as_a_warning_not_as_a_500(client, caplog):
    with caplog.at_level(logging.WARNING):
        client.get("/pagina/op-slot/")
    assert any(record.name == "oefenfeed.overload" and record.levelno == logging.WARNING for record in caplog.records)
    assert not any("Internal Server Error" in record.getMessage() for record in caplog.records)


def test_other_database_errors_stay_errors(client):
    with pytest.raises(OperationalError, match="no such table"):
        client.get("/pagina/kapot/")


def test_ordinary_pages_are_untouched(client):
    response = client.get("/pagina/goed/")
    assert response.status_code == 200
    assert "Retry-After" not in response
