"""Every role lands on its own start page; nobody opens another role's page."""

import pytest
from django.urls import reverse

from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_speaks_dutch(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in body
    assert "Inloggen als leerling" in body


def test_staff_log_in_with_username_and_password(client, teacher):
    response = client.post(reverse("accounts:login"), {"username": "juf.els", "password": "geheim-wachtwoord-123"})
    assert response.status_code == 302
    assert client.get(reverse("home:start")).url == reverse("home:teacher")


def test_a_wrong_password_gets_a_message(client, teacher):
    response = client.post(reverse("accounts:login"), {"username": "juf.els", "password": "fout"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'class="form-errors"' in response.content.decode()


@pytest.mark.parametrize(
    ("who", "start"),
    [("pupil", "home:pupil"), ("teacher", "home:teacher"), ("coordinator", "home:coordinator")],
)
def test_each_role_lands_on_its_own_start_page(client, school_class, request, who, start):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("home:start"))
    assert response.url == reverse(start)
    assert client.get(response.url).status_code == 200


def test_administrators_land_on_the_coordinator_page(client, school):
    client.force_login(AdministratorFactory(school=school))
    assert client.get(reverse("home:start")).url == reverse("home:coordinator")


def test_logged_in_users_are_sent_from_home_to_their_start(client, pupil):
    client.force_login(pupil)
    assert client.get("/").url == reverse("home:start")


def test_pupil_start_shows_only_their_class(client, school_class, other_class, pupil):
    client.force_login(pupil)
    body = client.get(reverse("home:pupil")).content.decode()
    assert "Groep 7B" in body
    assert "Groep 5A" not in body


def test_teacher_start_shows_only_their_classes(client, school_class, other_class, teacher):
    client.force_login(teacher)
    body = client.get(reverse("home:teacher")).content.decode()
    assert "Groep 7B" in body
    assert "Groep 5A" not in body


@pytest.mark.parametrize(
    ("who", "page"),
    [
        ("pupil", "home:teacher"),
        ("pupil", "home:coordinator"),
        ("teacher", "home:pupil"),
        ("teacher", "home:coordinator"),
    ],
)
def test_a_role_cannot_open_another_roles_start_page(client, school_class, request, who, page):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(page)).status_code == 403


def test_coordinators_can_reach_the_wagtail_admin_and_teachers_cannot(client, coordinator, teacher):
    client.force_login(coordinator)
    assert client.get("/cms/").status_code == 200
    client.force_login(teacher)
    assert client.get("/cms/").status_code == 302


def test_an_english_browser_still_gets_dutch(client):
    body = client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="nl">' in body


def test_the_language_switch_chooses_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()


def test_the_english_interface_is_translated(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/leerling/inloggen/").content.decode()
    assert "Hi! What is your class code?" in body
    assert "Klascode" not in body


def test_an_english_request_leaves_no_english_behind_on_the_thread(client):
    from django.utils import translation

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.get("/")
    assert translation.get_language() == "nl"
