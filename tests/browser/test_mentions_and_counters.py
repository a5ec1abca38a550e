"""In a real browser: '@' in the composer suggests classmates, picked with the keyboard; the character
counter appears under the text box and changes as the pupil types; a link in a post opens the leave page,
and a fake scenario address offers no way out."""

import re

import pytest
from playwright.sync_api import expect

from sandbox_feed.models import FeedSettings
from sandbox_feed.text import clean_text
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import PostFactory


@pytest.fixture
def classroom(transactional_db):
    teacher = TeacherFactory(username="juf.ineke", first_name="Ineke")
    pupils = [
        PupilFactory(first_name="Sanne", initial="B"),
        PupilFactory(first_name="Daan", initial="K"),
        PupilFactory(first_name="Dewi", initial="V"),
    ]
    school_class = SchoolClassFactory(name="Groep 7", groep=7, teachers=[teacher], pupils=pupils)
    FeedSettings.objects.create(school_class=school_class, preview_before_post=False)
    outsider = PupilFactory(first_name="Dirk", initial="Z")
    SchoolClassFactory(name="Groep 5", groep=5, teachers=[TeacherFactory()], pupils=[outsider])
    return school_class, teacher, pupils


def test_typing_at_suggests_classmates_and_the_keyboard_picks_one(login_as, live_server, classroom):
    school_class, _teacher, pupils = classroom
    page = login_as(pupils[0])
    page.goto(f"{live_server.url}/feed/{school_class.pk}/")
    box = page.locator("#id_text")
    box.click()
    box.press_sequentially("Goed gedaan @D")
    listbox = page.get_by_role("listbox", name="Klasgenoten om te noemen").first
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_text(["Daan K.", "Dewi V."])  # never Dirk from another class
    expect(box).to_have_attribute("aria-expanded", "true")
    first_id = options.nth(0).get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", first_id)
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(box).to_have_value("Goed gedaan @Dewi ")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    # Escape closes the list without changing the text.
    box.press_sequentially("en @S")
    expect(listbox).to_be_visible()
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("Goed gedaan @Dewi en @S")


def test_the_counter_appears_and_changes(login_as, live_server, classroom):
    school_class, _teacher, pupils = classroom
    page = login_as(pupils[0])
    page.goto(f"{live_server.url}/feed/{school_class.pk}/")
    box = page.locator("#id_text")
    counter = page.locator("#id_text-teller")
    expect(counter).to_have_text("nog 500 tekens")
    assert "id_text-teller" in box.get_attribute("aria-describedby").split()
    box.fill("Hoi")
    box.press("!")  # fill() fires input too; press types like a pupil
    expect(counter).to_have_text("nog 496 tekens")
    live = page.locator("#id_text-teller + [data-counter-live]")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_have_text("")  # nothing announced far from the limit
    box.fill("x" * 455)
    expect(counter).to_have_text("nog 45 tekens")
    expect(live).to_have_text("nog 45 tekens")  # announced once the pupil passes 50 left


def test_a_link_in_a_post_opens_the_leave_page(login_as, live_server, classroom):
    school_class, teacher, pupils = classroom
    PostFactory(school_class=school_class, author=teacher, text=clean_text("Lees https://www.mediawijsheid.nl/tips"))
    page = login_as(pupils[0])
    page.goto(f"{live_server.url}/feed/{school_class.pk}/")
    page.get_by_role("link", name="https://www.mediawijsheid.nl/tips").click()
    expect(page).to_have_url(re.compile(r"/feed/link/\?url="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Je gaat Oefenfeed verlaten. Klopt het adres?")
    expect(page.locator(".leave-domain")).to_have_text("mediawijsheid.nl")
    out = page.get_by_role("link", name="Ja, open de website")
    expect(out).to_have_attribute("href", "https://www.mediawijsheid.nl/tips")
    expect(out).to_have_attribute("rel", "noopener noreferrer")
    expect(out).to_have_attribute("target", "_blank")
    expect(page.get_by_role("link", name="Nee, terug")).to_be_visible()


def test_a_fake_scenario_address_is_explained_without_a_way_out(login_as, live_server, classroom):
    school_class, teacher, pupils = classroom
    PostFactory(school_class=school_class, author=teacher, text=clean_text("Groot nieuws op nos-nieuws.biz"))
    page = login_as(pupils[1])
    page.goto(f"{live_server.url}/feed/{school_class.pk}/")
    page.get_by_role("link", name="nos-nieuws.biz").click()
    expect(page.get_by_text("Dit adres is nep: het hoort bij de oefening.")).to_be_visible()
    expect(page.get_by_role("link", name="Ja, open de website")).to_have_count(0)
