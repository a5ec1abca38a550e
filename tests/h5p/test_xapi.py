"""The xAPI endpoint: actor from the session, clamped scores, Moodle's attempt rules, login, CSRF, visibility."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from h5p.models import H5PAttempt, H5PStatement, H5PSubContentResult
from tests.h5p.statements import statement, token_headers


def post(client, content, data, user=None):
    """POST as the parent page does: JSON, with the play token issued to the logged-in user (or `user`)."""
    user = user or getattr(client, "user", None)
    headers = token_headers(user, content) if user is not None else {}
    return client.post(
        reverse("h5p:xapi", args=[content.pk]), json.dumps(data), content_type="application/json", headers=headers
    )


@pytest.fixture
def pupil_client(client, pupil, school_class):
    client.force_login(pupil)
    client.user = pupil
    return client


def test_forged_actor_is_replaced_by_the_logged_in_user(pupil_client, pupil, content):
    response = post(pupil_client, content, statement(content, actor={"name": "Juf", "mbox": "mailto:juf@school.nl"}))
    assert response.status_code == 201
    kept = H5PStatement.objects.get()
    assert kept.user == pupil
    assert kept.statement["actor"]["account"]["name"] == str(pupil.pk)
    assert "mbox" not in kept.statement["actor"]
    assert H5PAttempt.objects.get().user == pupil


def test_raw_score_is_clamped_to_max_and_zero(pupil_client, content):
    post(pupil_client, content, statement(content, raw=50, maximum=4))
    post(pupil_client, content, statement(content, raw=-3, maximum=4))
    first, second = H5PAttempt.objects.order_by("number")
    assert (first.raw_score, first.max_score, first.scaled) == (4, 4, 1)
    assert second.raw_score == 0


def test_each_top_level_statement_opens_the_next_attempt(pupil_client, pupil, other_teacher, content):
    for _ in range(3):
        post(pupil_client, content, statement(content))
    assert list(H5PAttempt.objects.filter(user=pupil).values_list("number", flat=True)) == [1, 2, 3]


def test_attempt_numbers_are_per_user(client, pupils, school_class, content):
    for pupil in pupils[:2]:
        client.force_login(pupil)
        post(client, content, statement(content), user=pupil)
    assert list(H5PAttempt.objects.values_list("number", flat=True)) == [1, 1]


def test_sub_content_statements_attach_to_the_attempt_in_progress(pupil_client, quiz):
    post(pupil_client, quiz, statement(quiz, raw=1, sub_content_id="vraag-1"))
    post(pupil_client, quiz, statement(quiz, raw=0, sub_content_id="vraag-2"))
    post(pupil_client, quiz, statement(quiz, verb="completed", raw=1, maximum=2))
    post(pupil_client, quiz, statement(quiz, raw=1, sub_content_id="vraag-1"))

    first, second = H5PAttempt.objects.order_by("number")
    assert first.raw_score == 1 and first.max_score == 2
    assert sorted(first.results.values_list("sub_content_id", "raw_score")) == [("vraag-1", 1), ("vraag-2", 0)]
    assert second.raw_score is None
    assert list(second.results.values_list("sub_content_id", flat=True)) == ["vraag-1"]
    assert H5PSubContentResult.objects.count() == 3


def test_statements_without_result_or_other_verbs_are_not_kept(pupil_client, content):
    interacted = statement(content, verb="interacted")
    response = post(pupil_client, content, interacted)
    assert response.status_code == 200 and response.json()["stored"] is False
    no_result = statement(content)
    del no_result["result"]
    post(pupil_client, content, no_result)
    assert not H5PStatement.objects.exists() and not H5PAttempt.objects.exists()


def test_statement_about_another_object_is_refused(pupil_client, content, quiz):
    response = post(pupil_client, content, statement(quiz))
    assert response.status_code == 400
    assert "hoort niet bij deze activiteit" in response.json()["message"]
    assert not H5PAttempt.objects.exists()


def test_login_is_required(client, content):
    response = post(client, content, statement(content))
    assert response.status_code == 403
    assert not H5PStatement.objects.exists()


def test_csrf_token_is_required(pupil, content):
    client = Client(enforce_csrf_checks=True)
    client.force_login(pupil)
    response = post(client, content, statement(content), user=pupil)
    assert response.status_code == 403
    assert not H5PStatement.objects.exists()


def test_get_is_not_allowed(pupil_client, content):
    assert pupil_client.get(reverse("h5p:xapi", args=[content.pk])).status_code == 405


def test_content_limited_to_other_class_is_refused(client, outsider_pupil, school_class, content):
    content.limit_to_classes.set([school_class])
    client.force_login(outsider_pupil)
    assert post(client, content, statement(content), user=outsider_pupil).status_code == 404
    assert not H5PAttempt.objects.exists()


def test_pupil_of_the_limited_class_may_post(pupil_client, school_class, content):
    content.limit_to_classes.set([school_class])
    assert post(pupil_client, content, statement(content)).status_code == 201


def test_invalid_json_gets_a_clear_message(pupil_client, content):
    response = pupil_client.post(
        reverse("h5p:xapi", args=[content.pk]),
        "{niet",
        content_type="application/json",
        headers=token_headers(pupil_client.user, content),
    )
    assert response.status_code == 400
    assert "geen geldige JSON" in response.json()["message"]
