"""Only the pupil's teachers and the school's coordinators may download; only coordinators may erase."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from privacy import placeholder
from tests.factories import AdministratorFactory, CoordinatorFactory, PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db


def export_url(pupil):
    return reverse("privacy:export", args=[pupil.pk])


def erase_url(pupil):
    return reverse("privacy:erase", args=[pupil.pk])


def still_there(pupil):
    return get_user_model().objects.filter(pk=pupil.pk).exists()


@pytest.fixture
def administrator(db):
    return AdministratorFactory(username="beheer")


@pytest.fixture
def people(teacher, other_teacher, coordinator, other_school_coordinator, administrator, pupils, other_class):
    return {
        "teacher": teacher,
        "teacher_of_another_class": other_teacher,
        "coordinator": coordinator,
        "coordinator_of_another_school": other_school_coordinator,
        "administrator": administrator,
        "pupil_themself": pupils[0],
        "classmate": pupils[1],
    }


EXPORT_STATUS = {
    "teacher": 200,
    "teacher_of_another_class": 404,
    "coordinator": 200,
    "coordinator_of_another_school": 404,
    "administrator": 200,
    "pupil_themself": 403,
    "classmate": 403,
}
ERASE_STATUS = {
    "teacher": 403,
    "teacher_of_another_class": 404,
    "coordinator": 200,
    "coordinator_of_another_school": 404,
    "administrator": 200,
    "pupil_themself": 403,
    "classmate": 403,
}


@pytest.mark.parametrize(("who", "status"), EXPORT_STATUS.items())
def test_who_may_download(client, people, school_class, pupil, who, status):
    client.force_login(people[who])
    assert client.get(export_url(pupil)).status_code == status


@pytest.mark.parametrize(("who", "status"), ERASE_STATUS.items())
def test_who_may_see_the_erase_page(client, people, school_class, pupil, who, status):
    client.force_login(people[who])
    assert client.get(erase_url(pupil)).status_code == status


@pytest.mark.parametrize("who", [who for who, status in ERASE_STATUS.items() if status != 200])
def test_nobody_else_can_erase(client, people, school_class, pupil, who):
    client.force_login(people[who])
    assert client.post(erase_url(pupil), {"confirm": "on"}).status_code in (403, 404)
    assert still_there(pupil)


def test_anonymous_is_sent_to_login(client, school_class, pupil):
    for url in (export_url(pupil), erase_url(pupil)):
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"]
    assert client.post(erase_url(pupil), {"confirm": "on"}).status_code == 302
    assert still_there(pupil)


def test_every_teacher_of_a_class_may_download(client, school_class, pupil, school):
    second = TeacherFactory(username="meester.twee", school=school)
    school_class.teachers.add(second)
    client.force_login(second)
    assert client.get(export_url(pupil)).status_code == 200


def test_staff_and_unknown_ids_are_not_pupils(client, coordinator, teacher, school_class):
    client.force_login(coordinator)
    assert client.get(reverse("privacy:export", args=[teacher.pk])).status_code == 404
    assert client.get(reverse("privacy:erase", args=[teacher.pk])).status_code == 404
    assert client.get(reverse("privacy:export", args=[999999])).status_code == 404


def test_the_erased_pupil_stand_in_cannot_be_downloaded_or_erased(client, administrator):
    stand_in = placeholder.get_placeholder()
    client.force_login(administrator)
    assert client.get(export_url(stand_in)).status_code == 404
    assert client.get(erase_url(stand_in)).status_code == 404


def test_a_pupil_taken_out_of_every_class_stays_with_the_school_that_has_their_posts(
    client, school_class, pupil, coordinator, teacher
):
    PostFactory(school_class=school_class, author=pupil)
    school_class.pupils.remove(pupil)
    client.force_login(coordinator)
    assert client.get(export_url(pupil)).status_code == 200
    assert client.get(erase_url(pupil)).status_code == 200
    assert pupil.display_name in client.get(reverse("privacy:school")).content.decode()
    client.force_login(teacher)  # no longer the pupil's teacher
    assert client.get(export_url(pupil)).status_code == 404


def test_a_pupil_who_moved_school_belongs_to_the_new_school_only(
    client, school_class, pupil, coordinator, other_school_coordinator
):
    new_class = SchoolClassFactory(school=other_school_coordinator.school, name="Groep 8 Elders")
    school_class.pupils.remove(pupil)
    new_class.pupils.add(pupil)
    client.force_login(coordinator)
    assert client.get(erase_url(pupil)).status_code == 404
    client.force_login(other_school_coordinator)
    assert client.get(erase_url(pupil)).status_code == 200


def test_erase_needs_csrf(coordinator, school_class, pupil):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(erase_url(pupil), {"confirm": "on"}).status_code == 403
    assert still_there(pupil)


def test_erase_needs_the_ticked_box(client, coordinator, school_class, pupil):
    client.force_login(coordinator)
    response = client.post(erase_url(pupil), {})
    assert response.status_code == 400
    assert "Vink eerst aan" in response.content.decode()
    assert still_there(pupil)


def test_download_is_get_only(client, teacher, school_class, pupil):
    client.force_login(teacher)
    assert client.post(export_url(pupil)).status_code == 405


def test_the_overview_is_for_coordinators_of_their_own_school(
    client, coordinator, teacher, other_school_coordinator, school_class, other_class, pupil
):
    client.force_login(coordinator)
    page = client.get(reverse("privacy:school")).content.decode()
    assert pupil.display_name in page and "Groep 5A" in page
    assert export_url(pupil) in page and erase_url(pupil) in page
    client.force_login(other_school_coordinator)
    assert pupil.display_name not in client.get(reverse("privacy:school")).content.decode()
    client.force_login(teacher)
    assert client.get(reverse("privacy:school")).status_code == 403


class TestClassPageLinks:
    def test_a_teacher_sees_download_but_not_erase(self, client, teacher, school_class, pupil):
        client.force_login(teacher)
        page = client.get(reverse("accounts:class_detail", args=[school_class.pk])).content.decode()
        assert export_url(pupil) in page
        assert erase_url(pupil) not in page

    def test_a_coordinator_who_teaches_the_class_sees_both(self, client, school, school_class, pupil):
        teaching_coordinator = CoordinatorFactory(username="coord.juf", school=school)
        school_class.teachers.add(teaching_coordinator)
        client.force_login(teaching_coordinator)
        page = client.get(reverse("accounts:class_detail", args=[school_class.pk])).content.decode()
        assert export_url(pupil) in page and erase_url(pupil) in page

    def test_coordinators_find_the_overview_from_their_class_list(self, client, coordinator, teacher):
        client.force_login(coordinator)
        assert reverse("privacy:school") in client.get(reverse("accounts:class_list")).content.decode()
        client.force_login(teacher)
        assert reverse("privacy:school") not in client.get(reverse("accounts:class_list")).content.decode()


def test_pupils_of_other_schools_are_invisible_to_the_coordinator(client, coordinator):
    elsewhere = SchoolClassFactory(pupils=[PupilFactory()])
    client.force_login(coordinator)
    pupil = elsewhere.pupils.get()
    assert client.get(export_url(pupil)).status_code == 404
    assert client.get(erase_url(pupil)).status_code == 404


def test_the_overview_does_not_query_per_pupil_or_class(client, coordinator, school, school_class):
    client.force_login(coordinator)
    url = reverse("privacy:school")
    client.get(url)  # warm up: session, content types
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        SchoolClassFactory(school=school, pupils=PupilFactory.create_batch(4))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
