"""Moderation in a real browser over the real ASGI server: a teacher rejects a post with a reason and
feedback, the pupil revises and resubmits, the teacher approves, and a classmate's open page shows the
approved post without a reload (websocket)."""

from playwright.sync_api import expect

from sandbox_feed.choices import ModerationMode
from sandbox_feed.models import FeedSettings, Post
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory


def open_as(browser, base_url, session_for, user):
    context = browser.new_context(base_url=base_url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    name, value = session_for(user)
    context.add_cookies([{"name": name, "value": value, "url": base_url}])
    return context, context.new_page()


def test_reject_with_feedback_revise_resubmit_approve_and_live_update(browser, asgi_server, session_for):
    teacher = TeacherFactory(username="juf.mirjam", first_name="Mirjam")
    sanne, noor = PupilFactory(first_name="Sanne", initial="B"), PupilFactory(first_name="Noor", initial="V")
    school_class = SchoolClassFactory(name="Groep 8", groep=8, teachers=[teacher], pupils=[sanne, noor])
    FeedSettings.objects.create(
        school_class=school_class, moderation_mode=ModerationMode.PRE, preview_before_post=False
    )
    feed = f"/feed/{school_class.pk}/"
    contexts = []
    try:
        context, pupil = open_as(browser, asgi_server, session_for, sanne)
        contexts.append(context)
        pupil.goto(feed)
        pupil.get_by_label("Wat wil je delen?").fill("Noor is een huilebalk")
        pupil.get_by_role("button", name="Plaatsen").click()
        expect(pupil.get_by_text("Je bericht wacht op de juf of meester.")).to_be_visible()

        context, juf = open_as(browser, asgi_server, session_for, teacher)
        contexts.append(context)
        juf.goto("/feed/wachtrij/")
        expect(juf.locator(".queue-link .count-badge")).to_have_text("1")
        item = juf.locator(".queue-item", has_text="Noor is een huilebalk")
        item.get_by_text("Afkeuren…").click()
        item.get_by_label("Welke klassenregel?").select_option(label="Onaardig")
        item.get_by_label("Jouw uitleg voor de leerling").fill("Hoe zou Noor zich voelen als ze dit leest?")
        item.get_by_role("button", name="Afkeuren en uitleggen").click()
        expect(juf.get_by_text("Afgekeurd: de leerling ziet de reden")).to_be_visible()

        pupil.goto(feed)
        card = pupil.locator("li.post", has_text="Noor is een huilebalk")
        expect(card.get_by_text("Afgekeurd: Onaardig.")).to_be_visible()
        expect(card.get_by_text("Hoe zou Noor zich voelen als ze dit leest?")).to_be_visible()
        card.get_by_role("link", name="Verbeteren en opnieuw insturen").click()
        pupil.get_by_label("Wat wil je delen?").fill("Noor heeft me goed geholpen met rekenen")
        pupil.get_by_role("button", name="Opnieuw insturen").click()
        expect(pupil.get_by_text("Je verbeterde bericht is naar je leerkracht gestuurd.")).to_be_visible()
        revised = Post.objects.get(text="Noor heeft me goed geholpen met rekenen")
        assert revised.resubmission_of.text == "Noor is een huilebalk"

        context, classmate = open_as(browser, asgi_server, session_for, noor)
        contexts.append(context)
        classmate.goto(feed)
        expect(classmate.get_by_text("Noor heeft me goed geholpen")).to_have_count(0)
        classmate.evaluate("window.sameDocument = true")  # gone if the page were reloaded

        juf.goto("/feed/wachtrij/")
        item = juf.locator(".queue-item", has_text="Noor heeft me goed geholpen")
        expect(item.get_by_text("Eerder afgekeurd:")).to_be_visible()
        item.get_by_role("button", name="Goedkeuren").click()
        expect(juf.get_by_text("Goedgekeurd: de klas ziet het nu.")).to_be_visible()

        # The classmate's page was never reloaded: the websocket brought the approved post in.
        expect(classmate.get_by_text("Noor heeft me goed geholpen met rekenen")).to_be_visible()
        expect(classmate.get_by_text("Noor is een huilebalk")).to_have_count(0)
        assert classmate.evaluate("window.sameDocument === true")

        juf.goto(f"/feed/{school_class.pk}/logboek/")
        expect(juf.get_by_role("cell", name="afgekeurd")).to_be_visible()
        expect(juf.get_by_role("cell", name="goedgekeurd")).to_be_visible()
    finally:
        for context in contexts:
            context.close()
