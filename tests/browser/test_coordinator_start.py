"""The coordinator's start page opens with "Wat wacht op jou": axe-clean, every link leads to the page that
deals with it, and a coordinator with nothing waiting reads "Alles is bijgewerkt"."""

import re

from playwright.sync_api import expect

from sandbox_feed.choices import PostStatus
from tests.factories import CoordinatorFactory, PupilFactory, SchoolClassFactory, TeacherFactory
from tests.lessons.factories import make_lesson
from tests.sandbox_feed.factories import PostFactory


def submit_for_review(page, user):
    page = page.specific.get_latest_revision_as_object()
    page.title = f"{page.title} (bijgewerkt)"
    page.save_revision(user=user)
    page.get_workflow().start(page, user)


def test_a_coordinator_sees_what_waits_and_each_link_works(login_as, assert_accessible, live_server):
    coordinator = CoordinatorFactory(username="coordinator", first_name="Marieke")
    school = coordinator.school
    colleague = CoordinatorFactory(username="coord2", first_name="Sanne", school=school)
    submit_for_review(make_lesson(title="Wie ziet jouw bericht?"), colleague)
    own = SchoolClassFactory(
        school=school, name="Groep 8A", groep=8, join_code="G8AWWT", teachers=[coordinator], pupils=[PupilFactory()]
    )
    PostFactory(school_class=own, author=own.pupils.get(), status=PostStatus.PENDING, needs_review=True)
    SchoolClassFactory(
        school=school,
        name="Groep 6B",
        groep=6,
        join_code="G6BWWT",
        teachers=[TeacherFactory(school=school)],
        pupils=PupilFactory.create_batch(2),
    )
    SchoolClassFactory(school=school, name="Groep 5 oud", groep=5, join_code="G5OWWT", school_year="2020-2021")
    # Taken out of the class, his post still in its feed (no m2m remove here: its live signal needs no loop).
    PostFactory(school_class=own, author=PupilFactory(first_name="Daan", initial="K"))

    page = login_as(coordinator)
    page.goto("/coordinator/")
    panel = page.get_by_role("region", name=re.compile("^Wat wacht op jou"))
    expect(panel).to_be_visible()
    expect(page.locator(".card-grid > section").first).to_have_id("wat-wacht")
    expect(panel.get_by_role("heading", name="3 toestemmingsformulieren niet terug")).to_be_visible()
    expect(panel).to_contain_text("Groep 6B: 2 formulieren niet terug")
    assert_accessible(page, "the coordinator's start page with things waiting")

    links = [
        ("1 pagina wacht op jouw beoordeling (in het beheer)", "/cms/", "Wie ziet jouw bericht?"),
        ("1 bericht of reactie na te kijken", "/feed/wachtrij/", None),
        ("Schooljaar 2020-2021 afsluiten: nog 1 klas open", f"/privacy/school/{school.pk}/schooljaar-afsluiten/", None),
        ("1 leerling zit in geen klas meer: bewaren of wissen?", "/privacy/leerlingen/#zonder-klas", "Daan K."),
        ("Groep 8A: 1 formulier niet terug", f"/feed/{own.pk}/toestemming/", None),
    ]
    for name, path, text in links:
        page.goto("/coordinator/")
        page.get_by_role("region", name=re.compile("^Wat wacht op jou")).get_by_role("link", name=name).click()
        expect(page).to_have_url(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        if text:
            expect(page.locator("body")).to_contain_text(text)


def test_a_coordinator_with_nothing_waiting_reads_all_is_done(login_as, assert_accessible):
    coordinator = CoordinatorFactory(username="coordinator", first_name="Marieke")
    page = login_as(coordinator)
    page.goto("/coordinator/")
    panel = page.get_by_role("region", name="Wat wacht op jou")
    expect(panel).to_contain_text("Alles is bijgewerkt. Er wacht niets op je.")
    expect(panel.get_by_role("link")).to_have_count(0)
    assert_accessible(page, "the coordinator's start page with nothing waiting")
