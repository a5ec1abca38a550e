"""Duo teachers: a teacher shares a class with a colleague of the same school, who then has the same rights;
the last teacher always stays. Also combination groups set on the class form."""

import pytest
from django.urls import reverse

from accounts.models import SchoolClass
from tests.factories import SchoolFactory, TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def test_it_adds_a_colleague_of_the_same_school_as_teacher(teacher_client, school_class, other_teacher):
    response = teacher_client.post(
        reverse("accounts:teacher_add", args=[school_class.pk]), {"teacher": other_teacher.pk}
    )
    assert response.status_code == 302
    assert set(school_class.teachers.all()) == {school_class.teachers.first(), other_teacher}
    assert other_teacher in school_class.teachers.all()
    page = teacher_client.get(response.url).content.decode()
    assert "Piet" in page
    assert "is nu ook leerkracht van Groep 7B" in page


def test_the_added_colleague_has_the_same_rights(client, teacher_client, school_class, other_teacher, pupil):
    teacher_client.post(reverse("accounts:teacher_add", args=[school_class.pk]), {"teacher": other_teacher.pk})
    client.force_login(other_teacher)
    assert client.get(reverse("accounts:class_detail", args=[school_class.pk])).status_code == 200
    assert client.get(reverse("sandbox_feed:feed", args=[school_class.pk])).status_code == 200
    assert client.get(reverse("sandbox_feed:consent", args=[school_class.pk])).status_code == 200
    assert client.get(reverse("sandbox_feed:audit", args=[school_class.pk])).status_code == 200
    response = client.post(reverse("accounts:class_detail", args=[school_class.pk]), {"names": "Mila Koster"})
    assert response.status_code == 302
    assert school_class.pupils.filter(first_name="Mila").exists()


def test_a_teacher_of_another_school_cannot_be_added(teacher_client, school_class):
    stranger = TeacherFactory(first_name="Vreemd", school=SchoolFactory())
    response = teacher_client.post(reverse("accounts:teacher_add", args=[school_class.pk]), {"teacher": stranger.pk})
    assert response.status_code == 400
    assert "Kies iemand van je eigen school" in response.content.decode()
    assert stranger not in school_class.teachers.all()


def test_the_colleague_list_offers_only_own_school_staff_not_yet_teaching(
    teacher_client, school_class, other_teacher, pupil
):
    stranger = TeacherFactory(first_name="Vreemd", school=SchoolFactory())
    body = teacher_client.get(reverse("accounts:class_detail", args=[school_class.pk])).content.decode()
    assert f'<option value="{other_teacher.pk}">' in body
    assert f'<option value="{stranger.pk}">' not in body
    assert f'<option value="{pupil.pk}">' not in body


def test_someone_who_does_not_teach_the_class_gets_a_404(client, school_class, other_teacher):
    client.force_login(other_teacher)
    response = client.post(reverse("accounts:teacher_add", args=[school_class.pk]), {"teacher": other_teacher.pk})
    assert response.status_code == 404
    assert other_teacher not in school_class.teachers.all()


def test_a_pupil_cannot_add_teachers(client, school_class, pupil, other_teacher):
    client.force_login(pupil)
    response = client.post(reverse("accounts:teacher_add", args=[school_class.pk]), {"teacher": other_teacher.pk})
    assert response.status_code == 403
    assert other_teacher not in school_class.teachers.all()


def test_it_removes_a_colleague(teacher_client, school_class, other_teacher):
    school_class.teachers.add(other_teacher)
    url = reverse("accounts:teacher_remove", args=[school_class.pk, other_teacher.pk])
    response = teacher_client.post(url)
    assert response.status_code == 302
    assert list(school_class.teachers.all()) == [school_class.teachers.get()]
    assert other_teacher not in school_class.teachers.all()


def test_a_get_removes_nobody(teacher_client, school_class, other_teacher):
    school_class.teachers.add(other_teacher)
    teacher_client.get(reverse("accounts:teacher_remove", args=[school_class.pk, other_teacher.pk]))
    assert other_teacher in school_class.teachers.all()


def test_the_last_teacher_always_stays(teacher_client, teacher, school_class):
    url = reverse("accounts:teacher_remove", args=[school_class.pk, teacher.pk])
    body = teacher_client.get(reverse("accounts:class_detail", args=[school_class.pk])).content.decode()
    assert url not in body  # no button to leave when you are the only teacher
    response = teacher_client.post(url, {"bevestigd": "ja"}, follow=True)
    assert list(school_class.teachers.all()) == [teacher]
    assert "altijd minstens één leerkracht" in response.content.decode()


def test_leaving_the_class_yourself_asks_first(teacher_client, teacher, school_class, other_teacher):
    school_class.teachers.add(other_teacher)
    url = reverse("accounts:teacher_remove", args=[school_class.pk, teacher.pk])
    response = teacher_client.post(url)
    assert response.status_code == 200
    assert "Wil je uit Groep 7B gaan?" in response.content.decode()
    assert teacher in school_class.teachers.all()

    response = teacher_client.post(url, {"bevestigd": "ja"})
    assert response.url == reverse("accounts:class_list")
    assert teacher not in school_class.teachers.all()
    assert teacher_client.get(reverse("accounts:class_detail", args=[school_class.pk])).status_code == 404


def test_removing_a_teacher_of_another_class_is_a_404(teacher_client, school_class, other_class, other_teacher):
    url = reverse("accounts:teacher_remove", args=[other_class.pk, other_teacher.pk])
    assert teacher_client.post(url).status_code == 404
    url = reverse("accounts:teacher_remove", args=[school_class.pk, other_teacher.pk])
    assert teacher_client.post(url).status_code == 404
    assert other_teacher in other_class.teachers.all()


def test_a_combination_group_is_set_on_the_form_and_shown(teacher_client, school_class):
    response = teacher_client.post(
        reverse("accounts:class_edit", args=[school_class.pk]),
        {"name": "Groep 7/8", "groep": 7, "groep_tot": 8, "school_year": "2026-2027"},
    )
    assert response.status_code == 302
    school_class.refresh_from_db()
    assert school_class.years == [7, 8]
    assert "Groep 7/8" in teacher_client.get(response.url).content.decode()
    assert "Groep 7/8" in teacher_client.get(reverse("accounts:class_list")).content.decode()
    assert "Groep 7/8" in teacher_client.get(reverse("home:teacher")).content.decode()


def test_a_new_class_can_be_a_combination_group(teacher_client):
    teacher_client.post(
        reverse("accounts:class_create"),
        {"name": "Combi", "groep": 5, "groep_tot": 6, "school_year": "2026-2027"},
    )
    assert SchoolClass.objects.get(name="Combi").years == [5, 6]


def test_a_combination_group_that_ends_before_it_starts_is_explained(teacher_client, school_class):
    response = teacher_client.post(
        reverse("accounts:class_edit", args=[school_class.pk]),
        {"name": "Groep 7B", "groep": 7, "groep_tot": 6, "school_year": "2026-2027"},
    )
    assert response.status_code == 200
    assert "loopt tot een hogere groep" in response.content.decode()
    school_class.refresh_from_db()
    assert school_class.groep_tot is None


def test_another_teacher_cannot_edit_the_class(client, school_class, other_teacher):
    client.force_login(other_teacher)
    response = client.post(
        reverse("accounts:class_edit", args=[school_class.pk]),
        {"name": "Van mij", "groep": 7, "school_year": "2026-2027"},
    )
    assert response.status_code == 404
    school_class.refresh_from_db()
    assert school_class.name == "Groep 7B"
