"""A coordinator opens 'Schooljaar afsluiten' from the privacy overview, reads the dry run, ticks who leaves the
combination group, confirms, and sees the result; the classes moved up in the database."""

from playwright.sync_api import expect

from accounts.models import SchoolClass, current_school_year
from privacy.schoolyear import next_school_year
from tests.factories import CoordinatorFactory, PupilFactory, SchoolClassFactory


def test_a_coordinator_closes_the_school_year_after_the_dry_run(login_as, assert_accessible):
    coordinator = CoordinatorFactory(username="coordinator", first_name="Marieke")
    school = coordinator.school
    year = current_school_year()
    SchoolClassFactory(school=school, name="Groep 6A", groep=6, join_code="G6ABRW", pupils=PupilFactory.create_batch(2))
    sanne = PupilFactory(first_name="Sanne", initial="B")
    daan = PupilFactory(first_name="Daan", initial="K")
    SchoolClassFactory(school=school, name="Groep 7/8", groep=7, groep_tot=8, join_code="G78BRW", pupils=[sanne, daan])

    page = login_as(coordinator)
    page.goto("/privacy/leerlingen/")
    page.get_by_role("link", name="Schooljaar afsluiten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schooljaar afsluiten")
    expect(page.get_by_text("Dit is een overzicht vooraf")).to_be_visible()
    expect(page.get_by_role("row", name=f"Groep 6A (Groep 6, {year})")).to_contain_text("Wordt Groep 7A")
    assert_accessible(page, "the school year dry run")

    page.get_by_label("Sanne B.").check()
    page.get_by_role("button", name="Overzicht bijwerken").click()
    expect(page.get_by_role("region", name="Wie gaat van school")).to_contain_text("Sanne B.")
    expect(page.get_by_label("Sanne B.")).to_be_checked()
    assert not SchoolClass.objects.filter(archived_at__isnull=False).exists()  # the preview changed nothing

    page.get_by_role("button", name=f"Schooljaar {year} afsluiten").click()
    expect(page.locator(".form-errors")).to_contain_text("Vink eerst aan")
    page.get_by_label("Sanne B.").check()
    page.get_by_label("Ik heb het overzicht nagekeken. Zo klopt het.").check()
    page.get_by_role("button", name=f"Schooljaar {year} afsluiten").click()

    expect(page.get_by_text(f"Schooljaar {year} is afgesloten:")).to_be_visible()
    expect(page.get_by_role("region", name="De klassen van nu")).to_contain_text(
        f"Groep 7A (Groep 7, {next_school_year(year)})"
    )
    assert_accessible(page, "the school year after the close")
    assert SchoolClass.objects.get(join_code="G78BRW").pupils.get() == daan
    sanne.refresh_from_db()
    assert sanne.left_at is not None and not sanne.is_active
