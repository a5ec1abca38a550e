"""The live classroom in a real browser, over the real ASGI server (HTTP and websockets): moderation, reactions
and comments update in place and reach open pages at once; where a proxy cuts websockets the page polls and
still shows every change, without saying anything technical; without JavaScript the forms still work."""

import re

import pytest
from playwright.sync_api import expect

from sandbox_feed import live
from sandbox_feed.choices import ModerationMode
from sandbox_feed.models import FeedSettings, Post
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import PostFactory


@pytest.fixture
def classroom(transactional_db):
    teacher = TeacherFactory(username="juf.ineke", first_name="Ineke")
    pupils = [
        PupilFactory(first_name="Sanne", initial="B"),
        PupilFactory(first_name="Daan", initial="K"),
        PupilFactory(first_name="Noor", initial="V"),
    ]
    school_class = SchoolClassFactory(name="Groep 7", groep=7, teachers=[teacher], pupils=pupils)
    FeedSettings.objects.create(school_class=school_class, preview_before_post=False)
    return school_class, teacher, pupils


@pytest.fixture
def open_as(browser, asgi_server, session_for):
    contexts = []

    def open_page(user, path, javascript=True):
        context = browser.new_context(
            base_url=asgi_server,
            locale="nl-NL",
            viewport={"width": 1280, "height": 900},
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        name, value = session_for(user)
        context.add_cookies([{"name": name, "value": value, "url": asgi_server}])
        page = context.new_page()
        page.goto(path)
        if javascript:
            page.evaluate("window.sameDocument = true")  # gone if the page were reloaded
        return page

    yield open_page
    for context in contexts:
        context.close()


def still_the_same_page(page):
    return page.evaluate("window.sameDocument === true")


def test_the_teacher_hides_a_post_and_it_disappears_from_the_pupils_page(open_as, classroom):
    school_class, teacher, (sanne, daan, _noor) = classroom
    PostFactory(school_class=school_class, author=sanne, text="Daan kan echt niks")
    feed = f"/feed/{school_class.pk}/"
    pupil = open_as(daan, feed)
    expect(pupil.get_by_text("Daan kan echt niks")).to_be_visible()
    juf = open_as(teacher, feed)

    card = juf.locator("li.post", has_text="Daan kan echt niks")
    card.get_by_role("button", name="Verbergen").click()
    # The teacher's own page changes in place: the message, the mark, the way back.
    expect(juf.get_by_text("Verborgen voor de leerlingen.")).to_be_visible()
    card = juf.locator("li.post", has_text="Daan kan echt niks")
    expect(card.get_by_role("button", name="Weer tonen")).to_be_visible()
    assert still_the_same_page(juf)

    # The pupil's open page follows over the websocket, without a reload.
    expect(pupil.get_by_text("Daan kan echt niks")).to_have_count(0)
    assert still_the_same_page(pupil)


def test_reactions_and_comments_update_in_place_and_reach_an_open_classmate(open_as, classroom):
    school_class, _teacher, (sanne, daan, noor) = classroom
    PostFactory(school_class=school_class, author=sanne, text="Wij hebben gewonnen!")
    feed = f"/feed/{school_class.pk}/"
    classmate = open_as(noor, feed)
    page = open_as(daan, feed)

    card = page.locator("li.post", has_text="Wij hebben gewonnen!")
    card.get_by_role("button", name="Lief 0").click()
    expect(card.get_by_role("button", name="Lief 1")).to_have_attribute("aria-pressed", "true")
    card.get_by_label("Reageer op Sanne B.").fill("Gefeliciteerd!")
    card.get_by_role("button", name="Stuur").click()
    expect(card.get_by_text("Gefeliciteerd!")).to_be_visible()
    expect(card.get_by_label("Reageer op Sanne B.")).to_have_value("")
    assert still_the_same_page(page)

    other = classmate.locator("li.post", has_text="Wij hebben gewonnen!")
    expect(other.get_by_role("button", name="Lief 1")).to_have_attribute("aria-pressed", "false")
    expect(other.get_by_text("Gefeliciteerd!")).to_be_visible()
    assert still_the_same_page(classmate)


def test_a_page_whose_websocket_is_cut_polls_and_still_shows_every_change(open_as, classroom, asgi_server, monkeypatch):
    school_class, teacher, (sanne, daan, _noor) = classroom
    FeedSettings.objects.filter(school_class=school_class).update(moderation_mode=ModerationMode.PRE)
    monkeypatch.setattr(live, "POLL_SECONDS", 1)
    feed = f"/feed/{school_class.pk}/"
    juf = open_as(teacher, feed)

    # A school proxy that accepts the upgrade and cuts the connection at once, every time.
    pupil_page = open_as(daan, "/")
    pupil_page.route_web_socket(re.compile(r".*/ws/feed/.*"), lambda socket: socket.close())
    polls = []
    pupil_page.on("request", lambda request: polls.append(request.url) if "/events?since=" in request.url else None)
    pupil_page.goto(feed)
    pupil_page.evaluate("window.sameDocument = true")

    author = open_as(sanne, feed)
    author.get_by_label("Wat wil je delen?").fill("Mogen wij morgen een spelletje doen?")
    author.get_by_role("button", name="Plaatsen").click()
    expect(author.get_by_text("Je bericht wacht op de juf of meester.")).to_be_visible()

    card = juf.locator("li.post", has_text="Mogen wij morgen een spelletje doen?")
    card.get_by_role("button", name="Goedkeuren").click()
    expect(pupil_page.get_by_text("Mogen wij morgen een spelletje doen?")).to_be_visible()
    juf.locator("li.post", has_text="Mogen wij morgen een spelletje doen?").get_by_role(
        "button", name="Verbergen"
    ).click()
    expect(pupil_page.get_by_text("Mogen wij morgen een spelletje doen?")).to_have_count(0)

    assert polls, "the page should have fallen back to polling"
    assert still_the_same_page(pupil_page)
    text = pupil_page.locator("body").inner_text().lower()
    assert not any(word in text for word in ("websocket", "verbinding", "polling", "server"))
    assert Post.objects.get().status == "hidden"


def test_a_muted_pupil_sees_it_at_once(open_as, classroom):
    school_class, teacher, (_sanne, daan, _noor) = classroom
    pupil = open_as(daan, f"/feed/{school_class.pk}/")
    expect(pupil.get_by_label("Wat wil je delen?")).to_be_visible()
    juf = open_as(teacher, f"/feed/{school_class.pk}/moderatie/")
    juf.get_by_label("Hoe lang pauzeren: Daan K.").select_option(index=0)
    juf.locator("tr", has_text="Daan K.").get_by_role("button", name="Pauzeren").click()
    expect(pupil.get_by_text("Je bent gepauzeerd tot")).to_be_visible()
    expect(pupil.get_by_label("Wat wil je delen?")).to_have_count(0)
    assert still_the_same_page(pupil)


def test_without_javascript_the_forms_post_and_redirect_as_before(open_as, classroom):
    school_class, _teacher, (sanne, daan, _noor) = classroom
    PostFactory(school_class=school_class, author=sanne, text="Zonder script")
    page = open_as(daan, f"/feed/{school_class.pk}/", javascript=False)
    card = page.locator("li.post", has_text="Zonder script")
    card.get_by_role("button", name="Lief 0").click()
    card = page.locator("li.post", has_text="Zonder script")
    expect(card.get_by_role("button", name="Lief 1")).to_have_attribute("aria-pressed", "true")
    card.get_by_label("Reageer op Sanne B.").fill("Werkt ook zo")
    card.get_by_role("button", name="Stuur").click()
    expect(page.locator("li.post", has_text="Zonder script").get_by_text("Werkt ook zo")).to_be_visible()


def test_parking_the_phones_reaches_the_class_at_once(open_as, classroom):
    school_class, teacher, (_sanne, daan, _noor) = classroom
    feed = f"/feed/{school_class.pk}/"
    pupil = open_as(daan, feed)
    juf = open_as(teacher, feed)
    juf.get_by_role("button", name="Telefoons in de parkeerstand").click()
    expect(juf.get_by_role("button", name="Feed weer openen")).to_be_visible()
    expect(pupil.get_by_text("De telefoons staan in de parkeerstand.")).to_be_visible()
    expect(pupil.get_by_label("Wat wil je delen?")).to_have_count(0)
    assert still_the_same_page(juf) and still_the_same_page(pupil)
