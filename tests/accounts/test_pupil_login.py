"""Pupil login: class code, name, picture code in order; login cards; throttling and clearing the wait."""

import pytest
from django.test import override_settings
from django.urls import reverse

from accounts.choices import ThrottleScope
from accounts.models import LoginFailure

pytestmark = pytest.mark.django_db


def picture_post(keys):
    return {f"picture{i}": key for i, key in enumerate(keys, start=1)}


def picture_url(school_class, pupil):
    return reverse("accounts:pupil_picture_code", args=[school_class.join_code, pupil.pk])


def test_class_code_leads_to_the_name_list(client, school_class, pupil):
    response = client.post(reverse("accounts:pupil_class_code"), {"code": " g7btst "})
    assert response.status_code == 302
    assert response.url == reverse("accounts:pupil_pick_name", args=["G7BTST"])
    names = client.get(response.url).content.decode()
    assert pupil.display_name in names


def test_unknown_class_code_gets_a_dutch_message_and_keeps_the_input(client, school_class):
    response = client.post(reverse("accounts:pupil_class_code"), {"code": "NOPE42"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Deze klascode kennen we niet" in body
    assert 'value="NOPE42"' in body


def test_right_pictures_in_order_log_the_pupil_in(client, school_class, pupil):
    response = client.post(picture_url(school_class, pupil), picture_post(["hond", "ster", "appel"]))
    assert response.status_code == 302
    assert response.url == reverse("home:start")
    assert client.get(reverse("home:start")).url == reverse("home:pupil")


def test_right_pictures_in_the_wrong_order_are_refused(client, school_class, pupil):
    response = client.post(picture_url(school_class, pupil), picture_post(["ster", "hond", "appel"]))
    assert response.status_code == 200
    assert "Kies de drie plaatjes in de goede volgorde" in response.content.decode()
    assert LoginFailure.objects.filter(user=pupil, scope=ThrottleScope.ACCOUNT).count() == 1
    assert "_auth_user_id" not in client.session


def test_a_pupil_of_another_class_cannot_log_in_through_this_class(client, school_class, outsider_pupil):
    response = client.post(picture_url(school_class, outsider_pupil), picture_post(["hond", "ster", "appel"]))
    assert response.status_code == 404


def test_repeated_failures_make_the_pupil_wait_until_the_teacher_clears_the_wait(client, school_class, pupil, teacher):
    for _ in range(3):
        client.post(picture_url(school_class, pupil), picture_post(["vis", "kat", "boom"]))
    # Even the right code is refused while the pupil must wait.
    response = client.post(picture_url(school_class, pupil), picture_post(["hond", "ster", "appel"]))
    assert "Wacht nog 5 seconden en probeer het dan opnieuw." in response.content.decode()
    assert "_auth_user_id" not in client.session

    teacher_client = client.__class__()
    teacher_client.force_login(teacher)
    unlock = teacher_client.post(reverse("accounts:pupil_unlock", args=[school_class.pk, pupil.pk]))
    assert unlock.status_code == 302

    response = client.post(picture_url(school_class, pupil), picture_post(["hond", "ster", "appel"]))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(pupil.pk)


@override_settings(CLIENT_LOGIN_FREE_FAILURES=4, LOGIN_FREE_FAILURES=100)
def test_many_failures_from_one_client_make_that_client_wait(client, school_class, pupils):
    for pupil in pupils:
        for _ in range(2):
            client.post(picture_url(school_class, pupil), picture_post(["vis", "kat", "boom"]))
    response = client.post(picture_url(school_class, pupils[0]), picture_post(["hond", "ster", "appel"]))
    assert response.status_code == 200
    assert "Wacht nog 5 seconden en probeer het dan opnieuw." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_teacher_cannot_clear_the_wait_of_a_pupil_of_my_class(client, school_class, pupil, other_teacher):
    for _ in range(3):
        client.post(picture_url(school_class, pupil), picture_post(["vis", "kat", "boom"]))
    client.force_login(other_teacher)
    response = client.post(reverse("accounts:pupil_unlock", args=[school_class.pk, pupil.pk]))
    assert response.status_code == 404
    assert LoginFailure.objects.filter(user=pupil, counts_for_wait=True).count() == 6


def test_login_card_asks_before_logging_in(client, pupil):
    url = reverse("accounts:pupil_card_login", args=[pupil.card_token])
    page = client.get(url)
    assert page.status_code == 200
    assert "_auth_user_id" not in client.session
    assert pupil.display_name in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(pupil.pk)


def test_an_old_login_card_stops_working_after_a_reset(client, school_class, pupil, teacher):
    old_token = pupil.card_token
    client.force_login(teacher)
    client.post(reverse("accounts:pupil_reset_login", args=[school_class.pk, pupil.pk]))
    client.logout()
    pupil.refresh_from_db()
    assert pupil.card_token != old_token
    response = client.post(reverse("accounts:pupil_card_login", args=[old_token]))
    assert response.status_code == 404
    assert "Deze kaart werkt niet meer" in response.content.decode()


def test_pupils_cannot_use_the_staff_login(client, pupil):
    response = client.post(reverse("accounts:login"), {"username": pupil.username, "password": ""})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_database_refuses_a_pupil_with_an_email_address(pupil):
    from django.db import IntegrityError, transaction

    pupil.email = "kind@example.org"
    with pytest.raises(IntegrityError), transaction.atomic():
        pupil.save()
