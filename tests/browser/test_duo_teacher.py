"""Duo teachers in a real browser: juf Mirjam adds her colleague meester Ahmed to her class on the class page;
he then approves a pupil's waiting post from his own review queue, with the same rights as she has."""

from playwright.sync_api import expect

from sandbox_feed.choices import ModerationMode, PostStatus
from sandbox_feed.models import FeedSettings, Post
from tests.factories import PupilFactory, SchoolClassFactory, SchoolFactory, TeacherFactory


def open_as(browser, base_url, session_for, user):
    context = browser.new_context(base_url=base_url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    name, value = session_for(user)
    context.add_cookies([{"name": name, "value": value, "url": base_url}])
    return context, context.new_page()


def test_a_colleague_added_on_the_class_page_moderates_the_shared_class(browser, asgi_server, session_for):
    school = SchoolFactory(name="OBS De Esch")
    mirjam = TeacherFactory(username="juf.mirjam", first_name="Mirjam", last_name="Bos", school=school)
    ahmed = TeacherFactory(username="meester.ahmed", first_name="Ahmed", last_name="Yilmaz", school=school)
    sanne = PupilFactory(first_name="Sanne", initial="B")
    school_class = SchoolClassFactory(
        school=school, name="Groep 7/8", groep=7, groep_tot=8, teachers=[mirjam], pupils=[sanne]
    )
    FeedSettings.objects.create(
        school_class=school_class, moderation_mode=ModerationMode.PRE, preview_before_post=False
    )
    contexts = []
    try:
        context, juf = open_as(browser, asgi_server, session_for, mirjam)
        contexts.append(context)
        juf.goto(f"/klassen/{school_class.pk}/")
        expect(juf.get_by_text("Groep 7/8 ·")).to_be_visible()
        juf.get_by_label("Collega").select_option(label="Ahmed Yilmaz")
        juf.get_by_role("button", name="Toevoegen als leerkracht").click()
        expect(juf.get_by_text("Ahmed Yilmaz is nu ook leerkracht van Groep 7/8.")).to_be_visible()
        expect(juf.locator(".teacher-list")).to_contain_text("Ahmed Yilmaz")
        assert set(school_class.teachers.all()) == {mirjam, ahmed}

        context, pupil = open_as(browser, asgi_server, session_for, sanne)
        contexts.append(context)
        pupil.goto(f"/feed/{school_class.pk}/")
        pupil.get_by_label("Wat wil je delen?").fill("Mijn spreekbeurt gaat over vogels")
        pupil.get_by_role("button", name="Plaatsen").click()
        expect(pupil.get_by_text("Je bericht wacht op de juf of meester.")).to_be_visible()

        context, meester = open_as(browser, asgi_server, session_for, ahmed)
        contexts.append(context)
        meester.goto("/start/")
        meester.get_by_role("link", name="Naar de klas Groep 7/8").click()
        expect(meester.get_by_role("heading", name="Groep 7/8", level=1)).to_be_visible()
        meester.get_by_role("link", name="Wachtrij: nakijken").click()
        expect(meester.locator(".queue-link .count-badge")).to_have_text("1")
        item = meester.locator(".queue-item", has_text="Mijn spreekbeurt gaat over vogels")
        item.get_by_role("button", name="Goedkeuren").click()
        expect(meester.get_by_text("Goedgekeurd: de klas ziet het nu.")).to_be_visible()

        assert Post.objects.get(text="Mijn spreekbeurt gaat over vogels").status == PostStatus.VISIBLE
        pupil.goto(f"/feed/{school_class.pk}/")
        expect(pupil.get_by_text("Je bericht wacht op de juf of meester.")).to_have_count(0)
        expect(pupil.get_by_text("Mijn spreekbeurt gaat over vogels")).to_be_visible()

        juf.goto(f"/feed/{school_class.pk}/logboek/")
        expect(juf.get_by_role("cell", name="goedgekeurd")).to_be_visible()
        expect(juf.get_by_role("cell", name="Ahmed Yilmaz")).to_be_visible()
    finally:
        for context in contexts:
            context.close()
