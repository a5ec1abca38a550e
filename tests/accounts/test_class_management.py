"""Teachers manage their own classes, and only their own."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.choices import ThrottleScope
from accounts.models import LoginFailure, SchoolClass, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def test_teacher_creates_a_class_in_their_school_and_teaches_it(teacher_client, teacher):
    response = teacher_client.post(
        reverse("accounts:class_create"), {"name": "Groep 8C", "groep": 8, "school_year": "2026-2027"}
    )
    school_class = SchoolClass.objects.get(name="Groep 8C")
    assert response.url == reverse("accounts:class_detail", args=[school_class.pk])
    assert school_class.school == teacher.school
    assert list(school_class.teachers.all()) == [teacher]
    assert len(school_class.join_code) == 6


def test_a_bad_school_year_is_explained_in_dutch_and_the_input_kept(teacher_client):
    response = teacher_client.post(
        reverse("accounts:class_create"), {"name": "Groep 8C", "groep": 8, "school_year": "dit jaar"}
    )
    body = response.content.decode()
    assert "Schrijf het schooljaar als 2026-2027" in body
    assert 'value="Groep 8C"' in body
    assert not SchoolClass.objects.filter(name="Groep 8C").exists()


def test_pasting_names_keeps_only_first_name_and_initial(teacher_client, school_class):
    # No first name the fixture's pupils can have (tests.factories.PupilFactory): a "Daan D." made earlier in the
    # same worker made "Daan van Dijk" a duplicate, refused, and this test fail depending on the order of tests.
    names = "Fatima el Amrani\nBram van Dijk\nLieke B.\n\nJoep"
    response = teacher_client.post(reverse("accounts:class_detail", args=[school_class.pk]), {"names": names})
    assert response.status_code == 302
    added = {(p.first_name, p.initial) for p in school_class.pupils.all()}
    assert {("Fatima", "A"), ("Bram", "D"), ("Lieke", "B"), ("Joep", "")} <= added
    for pupil in school_class.pupils.all():
        assert pupil.email == ""
        assert pupil.last_name == ""
        assert len(pupil.picture_code.split("-")) == 3


def test_pasted_email_addresses_are_refused_and_nothing_is_lost(teacher_client, school_class):
    before = school_class.pupils.count()
    names = "Mila Koster\nmila@example.org"
    response = teacher_client.post(reverse("accounts:class_detail", args=[school_class.pk]), {"names": names})
    body = response.content.decode()
    assert "laat e-mailadressen weg" in body
    assert "Mila Koster" in body
    assert school_class.pupils.count() == before


def test_a_duplicate_name_is_refused_with_a_hint(teacher_client, school_class, pupil):
    response = teacher_client.post(
        reverse("accounts:class_detail", args=[school_class.pk]), {"names": f"{pupil.first_name} {pupil.initial}"}
    )
    assert "staat al in de klas" in response.content.decode()


def test_teacher_removes_a_pupil_from_the_class(teacher_client, school_class, pupil):
    response = teacher_client.post(reverse("accounts:pupil_remove", args=[school_class.pk, pupil.pk]))
    assert response.status_code == 302
    assert not school_class.pupils.filter(pk=pupil.pk).exists()


def test_reset_gives_a_new_card_and_clears_the_wait(teacher_client, school_class, pupil):
    LoginFailure.objects.bulk_create(
        LoginFailure(key=f"pupil:{pupil.pk}", scope=ThrottleScope.ACCOUNT, user=pupil, failed_at=timezone.now())
        for _ in range(9)
    )
    old = (pupil.picture_code, pupil.card_token)
    teacher_client.post(reverse("accounts:pupil_reset_login", args=[school_class.pk, pupil.pk]))
    pupil.refresh_from_db()
    assert pupil.card_token != old[1]
    assert not LoginFailure.objects.filter(user=pupil).exists()


def test_login_cards_show_each_pupil_with_a_qr_code(teacher_client, school_class):
    response = teacher_client.get(reverse("accounts:login_cards", args=[school_class.pk]))
    body = response.content.decode()
    assert body.count('class="login-card"') == school_class.pupils.count()
    assert body.count("<svg") == school_class.pupils.count()
    assert "G7BTST" in body
    assert "print-cards.css" in body


def test_one_login_card_for_one_pupil(teacher_client, school_class, pupil):
    response = teacher_client.get(reverse("accounts:login_cards", args=[school_class.pk]) + f"?leerling={pupil.pk}")
    assert response.content.decode().count('class="login-card"') == 1


@pytest.mark.parametrize(
    "name",
    ["accounts:class_detail", "accounts:login_cards"],
)
def test_teacher_cannot_see_another_teachers_class(teacher_client, other_class, name):
    assert teacher_client.get(reverse(name, args=[other_class.pk])).status_code == 404


@pytest.mark.parametrize("name", ["accounts:pupil_remove", "accounts:pupil_reset_login", "accounts:pupil_unlock"])
def test_teacher_cannot_manage_pupils_of_another_class(teacher_client, other_class, outsider_pupil, name):
    token = outsider_pupil.card_token
    response = teacher_client.post(reverse(name, args=[other_class.pk, outsider_pupil.pk]))
    assert response.status_code == 404
    outsider_pupil.refresh_from_db()
    assert outsider_pupil.card_token == token
    assert other_class.pupils.filter(pk=outsider_pupil.pk).exists()


def test_teacher_cannot_reach_a_pupil_of_another_class_through_their_own_class(
    teacher_client, school_class, outsider_pupil
):
    response = teacher_client.post(reverse("accounts:pupil_remove", args=[school_class.pk, outsider_pupil.pk]))
    assert response.status_code == 404


def test_pupils_cannot_open_class_management(client, school_class, pupil):
    client.force_login(pupil)
    assert client.get(reverse("accounts:class_detail", args=[school_class.pk])).status_code == 403
    assert client.get(reverse("accounts:class_list")).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, school_class):
    response = client.get(reverse("accounts:class_detail", args=[school_class.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_management_actions_need_post(teacher_client, school_class, pupil):
    response = teacher_client.get(reverse("accounts:pupil_remove", args=[school_class.pk, pupil.pk]))
    assert response.status_code == 405
    assert User.objects.filter(pk=pupil.pk).exists()


@pytest.mark.parametrize("extra", [0, 40])
def test_class_page_and_cards_keep_a_constant_number_of_queries(
    teacher_client, school_class, django_assert_num_queries, extra
):
    school_class.add_pupils([(f"Kind{i}", "K") for i in range(extra)])
    # session, user, class, pupils, the header's count of items waiting in the review queue, the class's
    # teachers and the colleagues who could join them
    with django_assert_num_queries(7):
        teacher_client.get(reverse("accounts:class_detail", args=[school_class.pk]))
    with django_assert_num_queries(5):
        teacher_client.get(reverse("accounts:login_cards", args=[school_class.pk]))
