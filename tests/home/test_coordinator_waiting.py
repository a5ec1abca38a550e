"""The coordinator's "Wat wacht op jou" panel: reviews, consent forms, the school year, pupils' data and the
coordinator's own classes, only of their own school, in a constant number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import SchoolClass
from home.waiting import waiting_for
from sandbox_feed import consent
from sandbox_feed.choices import ConsentMethod, ConsentPurpose, PostStatus
from tests.curriculum.factories import make_band
from tests.factories import (
    AdministratorFactory,
    CoordinatorFactory,
    PupilFactory,
    SchoolClassFactory,
    SchoolFactory,
    TeacherFactory,
)
from tests.lessons.factories import make_lesson
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db

PAST_YEAR = "2020-2021"


@pytest.fixture
def colleague(coordinator):
    return CoordinatorFactory(username="coord2", first_name="Sanne", school=coordinator.school)


@pytest.fixture
def elsewhere(db):
    """A coordinator and a class of another school, with everything that could wait."""
    school = SchoolFactory(name="OBS Elders")
    coordinator = CoordinatorFactory(username="coord.elders", school=school)
    school_class = SchoolClassFactory(
        school=school, name="Groep 4 Elders", groep=4, school_year=PAST_YEAR, pupils=PupilFactory.create_batch(2)
    )
    return coordinator, school_class


def decide_all(school_class, recorded_by):
    for pupil in school_class.pupils.all():
        consent.record_decision(
            pupil=pupil,
            purpose=ConsentPurpose.CLASS_FEED,
            decision=True,
            decided_by="moeder",
            method=ConsentMethod.FORM,
            recorded_by=recorded_by,
        )


def submit(page, user):
    page = page.specific.get_latest_revision_as_object()
    page.title = f"{page.title} (bijgewerkt)"
    page.save_revision(user=user)
    return page, page.get_workflow().start(page, user)


def start_page(client, user):
    client.force_login(user)
    response = client.get(reverse("home:coordinator"))
    assert response.status_code == 200
    return response.content.decode()


def panel(client, user):
    """Only the panel: other panels of the start page list the school's classes too."""
    body = start_page(client, user)
    start = body.index('id="wat-wacht"')
    return body[start : body.index("</section>", start)]


def test_it_says_all_is_done_when_nothing_waits_and_comes_first(client, coordinator, school_class, teacher):
    decide_all(school_class, teacher)
    body = start_page(client, coordinator)
    assert "Alles is bijgewerkt" in body
    assert body.index('id="wat-wacht"') < body.index("Lessen en curriculum bewerken")
    assert not waiting_for(coordinator)


def test_it_lists_classes_with_consent_forms_missing(client, coordinator, school_class, other_class, teacher):
    decide_all(other_class, teacher)
    found = waiting_for(coordinator)
    assert [(gap.school_class, gap.missing, gap.taught) for gap in found.consent_gaps] == [(school_class, 3, False)]
    body = panel(client, coordinator)
    assert "3 toestemmingsformulieren niet terug" in body
    assert "Groep 7B: 3 formulieren niet terug" in body
    assert reverse("sandbox_feed:consent", args=[school_class.pk]) not in body  # not theirs to open
    assert "Groep 5A" not in body


def test_a_class_the_coordinator_teaches_links_to_its_consent_register(client, coordinator, school_class):
    school_class.teachers.add(coordinator)
    body = panel(client, coordinator)
    assert f'href="{reverse("sandbox_feed:consent", args=[school_class.pk])}"' in body
    # The own classes' line of the teachers' panel is left out: the school's list holds it already.
    assert "Nog 3 toestemmingsformulieren niet terug" not in body


def test_it_asks_to_close_a_school_year_that_is_over(client, coordinator, school_class, teacher):
    decide_all(school_class, teacher)
    for name in ("Groep 6 oud", "Groep 8 oud"):
        SchoolClassFactory(school=coordinator.school, name=name, groep=6, school_year=PAST_YEAR)
    closed = SchoolClassFactory(school=coordinator.school, name="Al klaar", school_year="2019-2020")
    SchoolClass.objects.filter(pk=closed.pk).update(archived_at=timezone.now())
    found = waiting_for(coordinator)
    assert (found.year_classes, found.year_to_close) == (2, PAST_YEAR)
    body = panel(client, coordinator)
    url = reverse("privacy:close_school_year", args=[coordinator.school_id])
    assert f'href="{url}"' in body
    assert f"Schooljaar {PAST_YEAR} afsluiten: nog 2 klassen open" in body
    assert client.get(url).status_code == 200


def test_classes_of_this_school_year_do_not_wait(coordinator, school_class, teacher):
    decide_all(school_class, teacher)
    assert waiting_for(coordinator).year_classes == 0


def test_it_counts_pupils_without_a_class_and_leavers_past_retention(client, coordinator, school_class, teacher):
    pupils = list(school_class.pupils.all())
    PostFactory(school_class=school_class, author=pupils[0])
    school_class.pupils.remove(pupils[0])
    left = timezone.localdate() - timedelta(days=400)
    type(pupils[1]).objects.filter(pk=pupils[1].pk).update(left_at=left, is_active=False)
    decide_all(school_class, teacher)
    found = waiting_for(coordinator)
    assert (found.pupils_without_class, found.leavers_due) == (1, 1)
    body = panel(client, coordinator)
    assert f'href="{reverse("privacy:school")}#zonder-klas"' in body
    assert "1 leerling zit in geen klas meer" in body
    assert "1 leerling van school nog te wissen" in body


def test_it_counts_reviews_of_colleagues_but_not_ones_own(client, coordinator, colleague):
    submit(make_band("5-6"), colleague)
    submit(make_band("7-8"), coordinator)
    assert waiting_for(coordinator).reviews == 1
    assert waiting_for(colleague).reviews == 1
    body = panel(client, coordinator)
    assert "1 pagina wacht op jouw beoordeling" in body
    assert f'href="{reverse("wagtailadmin_home")}"' in body


def test_a_page_the_coordinator_changed_during_the_review_does_not_wait_for_them(coordinator, colleague):
    page, _ = submit(make_band("5-6"), colleague)
    page = page.get_latest_revision_as_object()
    page.intro = "<p>Nog een wijziging.</p>"
    page.save_revision(user=coordinator)
    assert waiting_for(coordinator).reviews == 0


def test_reviews_asked_for_by_another_school_do_not_count(coordinator, elsewhere):
    submit(make_band("5-6"), elsewhere[0])
    assert waiting_for(coordinator).reviews == 0
    assert waiting_for(elsewhere[0]).reviews == 0  # their own


def test_nothing_of_another_school_counts(client, coordinator, elsewhere):
    other_coordinator, other_class = elsewhere
    PostFactory(school_class=other_class, author=other_class.pupils.first())
    other_class.pupils.remove(other_class.pupils.first())
    assert not waiting_for(coordinator)
    assert waiting_for(other_coordinator).year_classes == 1
    assert "Groep 4 Elders" not in panel(client, coordinator)


def test_what_waits_in_the_coordinators_own_classes_is_listed(client, coordinator, school_class, teacher):
    decide_all(school_class, teacher)
    school_class.teachers.add(coordinator)
    PostFactory(
        school_class=school_class, author=school_class.pupils.first(), status=PostStatus.PENDING, needs_review=True
    )
    body = panel(client, coordinator)
    assert "1 bericht of reactie na te kijken" in body
    assert f'href="{reverse("sandbox_feed:queue")}"' in body
    assert "Alles is bijgewerkt" not in body


def test_an_administrator_sees_their_school(client, school, school_class):
    body = panel(client, AdministratorFactory(username="beheer", school=school))
    assert "Groep 7B: 3 formulieren niet terug" in body


def test_teachers_cannot_open_the_coordinators_page(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("home:coordinator")).status_code == 403


def grow(school, coordinator, colleague, n):
    """n more of everything that waits in `school`."""
    for i in range(n):
        teacher = TeacherFactory(school=school)
        pupils = PupilFactory.create_batch(3)
        SchoolClassFactory(school=school, groep=5, teachers=[teacher], pupils=pupils)
        old = SchoolClassFactory(school=school, groep=6, school_year=PAST_YEAR, teachers=[coordinator])
        leaver = PupilFactory()
        old.pupils.add(leaver)
        PostFactory(school_class=old, author=leaver, status=PostStatus.PENDING, needs_review=True)
        old.pupils.remove(leaver)
        submit(make_lesson(title=f"Les {school.pk}-{i}-{SchoolClass.objects.count()}"), colleague)


def test_the_panel_takes_the_same_number_of_queries_for_a_small_and_a_large_school(client, coordinator, colleague):
    def measure():
        fresh = type(coordinator).objects.get(pk=coordinator.pk)
        with CaptureQueriesContext(connection) as direct:
            found = waiting_for(fresh)
        direct_count = len(direct)  # now: a request resets the connection's query log
        client.force_login(coordinator)
        client.get(reverse("home:coordinator"))  # warm: what a process loads once (the site, content types)
        with CaptureQueriesContext(connection) as page:
            assert client.get(reverse("home:coordinator")).status_code == 200
        return found, direct_count, len(page)

    grow(coordinator.school, coordinator, colleague, 1)
    small, small_direct, small_page = measure()
    grow(coordinator.school, coordinator, colleague, 6)
    large, large_direct, large_page = measure()
    assert (small.reviews, len(small.consent_gaps), small.pupils_without_class, small.year_classes) == (1, 1, 1, 1)
    assert (large.reviews, len(large.consent_gaps), large.pupils_without_class, large.year_classes) == (7, 7, 7, 7)
    assert large_direct == small_direct <= 6
    assert large_page == small_page


def test_an_administrator_without_a_school_sees_nothing_waiting(db):
    assert not waiting_for(AdministratorFactory(username="beheer", school=None))
    assert SchoolClass.objects.count() == 0
