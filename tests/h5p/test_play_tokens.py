"""The signed play token: the frame's files need it (not the session), the parent page sends it with every
statement and saved state, and a tampered, expired or someone else's token is refused."""

import json
import time

import pytest
from django.urls import reverse

from h5p import tokens
from h5p.models import H5PAttempt, H5PUserData
from tests.h5p.statements import statement, token_headers


def tampered(token):
    """The token with one character of its payload changed, signature kept."""
    flipped = "A" if token[5] != "A" else "B"
    return token[:5] + flipped + token[6:]


def expired_token(monkeypatch, user, content):
    """A token issued five hours ago (the limit is four)."""
    issued_at = time.time() - 5 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: issued_at)
        token, _play = tokens.issue(user, content, parent_origin="http://testserver")
    return token


def frame_urls(token):
    return [
        reverse("h5p:frame", args=[token]),
        reverse("h5p:frame_content_file", args=[token, "h5p.json"]),
        reverse("h5p:frame_library_file", args=[token, "OEF.MultiChoice-1.0", "multichoice.js"]),
    ]


def post_statement(client, content, headers):
    return client.post(
        reverse("h5p:xapi", args=[content.pk]),
        json.dumps(statement(content)),
        content_type="application/json",
        headers=headers,
    )


def state_url(content):
    return reverse("h5p:user_data", args=[content.pk, "state", "0"])


@pytest.fixture
def token(pupil, content):
    token, _play = tokens.issue(pupil, content, parent_origin="http://testserver")
    return token


@pytest.fixture
def pupil_client(client, pupil, school_class):
    client.force_login(pupil)
    return client


def test_a_valid_token_opens_the_frame_and_its_files_without_a_session(client, school_class, token):
    for url in frame_urls(token):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("kind", ["tampered", "expired", "garbage"])
def test_a_bad_token_is_refused_by_the_frame_and_its_files(client, monkeypatch, pupil, school_class, content, kind):
    token = {
        "tampered": lambda: tampered(tokens.issue(pupil, content, parent_origin="http://testserver")[0]),
        "expired": lambda: expired_token(monkeypatch, pupil, content),
        "garbage": lambda: "eyJ1IjoxfQ:1abcde:nietgetekend",
    }[kind]()
    client.force_login(pupil)  # the session never stands in for the token
    for url in frame_urls(token):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("kind", ["missing", "tampered", "expired", "other_user", "other_content"])
def test_a_bad_token_is_refused_by_xapi_and_saved_state(
    pupil_client, monkeypatch, pupil, pupils, content, quiz, token, kind
):
    headers = {
        "missing": {},
        "tampered": {tokens.HEADER: tampered(token)},
        "expired": {tokens.HEADER: expired_token(monkeypatch, pupil, content)},
        "other_user": token_headers(pupils[1], content),
        "other_content": token_headers(pupil, quiz),
    }[kind]
    response = post_statement(pupil_client, content, headers)
    assert response.status_code == 403
    assert "niet meer geopend" in response.json()["message"]
    assert pupil_client.get(state_url(content), headers=headers).status_code == 403
    assert pupil_client.post(state_url(content), {"data": '{"a": 1}'}, headers=headers).status_code == 403
    assert not H5PAttempt.objects.exists() and not H5PUserData.objects.exists()
    # The same request with this pupil's own token goes through: the token is what was wrong.
    assert post_statement(pupil_client, content, token_headers(pupil, content)).status_code == 201


def test_the_token_of_a_deactivated_pupil_opens_nothing(client, pupil, school_class, token):
    pupil.is_active = False
    pupil.save()
    for url in frame_urls(token):
        assert client.get(url).status_code == 403, url


def test_a_token_stops_working_when_the_pupil_may_no_longer_play(client, pupil, other_class, content, token):
    content.limit_to_classes.set([other_class])
    for url in frame_urls(token):
        assert client.get(url).status_code == 404, url


def test_the_frame_document_is_sandboxed_and_framed_only_by_our_pages(client, school_class, token):
    response = client.get(reverse("h5p:frame", args=[token]))
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox allow-scripts;")
    assert "allow-same-origin" not in policy
    assert "frame-ancestors http://testserver" in policy
    assert response["Referrer-Policy"] == "no-referrer"
    assert "X-Frame-Options" not in response
    assert response["Cache-Control"] == "no-store"


def test_frame_files_may_be_fetched_from_the_opaque_origin(client, school_class, token):
    response = client.get(reverse("h5p:frame_content_file", args=[token, "h5p.json"]))
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_the_parent_page_frames_the_player_from_the_player_origin(client, settings, pupil, school_class, content):
    settings.H5P_PLAYER_ORIGIN = "https://speler.oefenfeed.example"
    client.force_login(pupil)
    html = client.get(reverse("h5p:play", args=[content.pk])).content.decode()
    assert 'data-h5p-frame-src="https://speler.oefenfeed.example/h5p/frame/' in html


def test_the_token_carries_the_lesson_and_class_of_a_running_lesson(client, teacher, pupil, school_class, content):
    from lessons.models import LessonRun
    from tests.lessons.factories import default_steps, make_lesson

    steps = default_steps()
    steps.insert(-1, ("h5p_activity", {"activity": content, "intro": ""}))
    lesson = make_lesson(steps=steps)
    run = LessonRun.start(teacher, school_class, lesson)
    client.force_login(pupil)
    html = client.get(reverse("lessons:pupil_view", args=[run.pk])).content.decode()
    play = tokens.read(html.split('data-h5p-token="')[1].split('"')[0])
    assert (play.user_id, play.content_id) == (pupil.pk, content.pk)
    assert (play.lesson_id, play.class_id) == (lesson.pk, school_class.pk)
    assert play.parent_origin == "http://testserver"
