"""The phone menu (issue 13): at 360 px the header's links fold into a "Menu" disclosure button (menu.js), the
header stays within 80 px, the open menu is a vertical list that works with the keyboard and Escape closes it.
Without JavaScript the links stay in the header; on a wide screen nothing changes."""

import re
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from sandbox_feed.choices import PostStatus
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import PostFactory

PHONE = {"width": 360, "height": 740}
MAX_HEADER_HEIGHT = 80
MIN_TARGET = 44


@pytest.fixture
def classroom(context):
    # `context` makes sure Wagtail's base data is there; the pages open in contexts of their own.
    teacher = TeacherFactory(first_name="Mirjam")
    pupil = PupilFactory(first_name="Sanne")
    school_class = SchoolClassFactory(name="Groep 7/8 De Uilen", teachers=[teacher], pupils=[pupil])
    return school_class, teacher, pupil


@pytest.fixture
def open_as(browser, live_server, session_for):
    """A page for `user` in a context of its own (phone-sized unless told), closed after the test."""
    contexts = []

    def open_page(user, viewport=PHONE, **options):
        context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=viewport, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        name, value = session_for(user)
        context.add_cookies([{"name": name, "value": value, "url": live_server.url}])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def header_height(page):
    return page.locator(".site-header").evaluate("(el) => el.getBoundingClientRect().height")


def test_the_menu_is_closed_on_a_phone_and_opens_as_a_vertical_list(open_as, classroom):
    _school_class, teacher, _pupil = classroom
    page = open_as(teacher, is_mobile=True)
    page.goto("/leerkracht/")
    button = page.get_by_role("button", name="Menu")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "hoofdmenu")
    menu = page.locator("#hoofdmenu")
    expect(menu).to_be_hidden()
    assert header_height(page) <= MAX_HEADER_HEIGHT
    box = button.bounding_box()
    assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    links = [menu.get_by_role("link", name=name) for name in ("Start", "Lessen", "Mijn klassen", "Wachtrij")]
    for link in links:
        expect(link).to_be_visible()
    boxes = [link.bounding_box() for link in links]
    assert [round(b["x"]) for b in boxes] == [round(boxes[0]["x"])] * len(boxes)  # one column
    assert all(a["y"] + a["height"] <= b["y"] + 1 for a, b in pairwise(boxes))
    assert all(b["height"] >= MIN_TARGET for b in boxes)
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] for b in boxes)
    expect(menu.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert header_height(page) <= MAX_HEADER_HEIGHT  # the open list lies over the page, the header stays
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()


def test_the_keyboard_opens_the_menu_and_escape_closes_it(open_as, classroom):
    _school_class, teacher, _pupil = classroom
    page = open_as(teacher)
    page.goto("/leerkracht/")
    button = page.get_by_role("button", name="Menu")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # Oefenfeed
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    outline = button.evaluate("(el) => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused menu button shows no focus"

    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(page.locator("#hoofdmenu").get_by_role("link", name="Start")).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(page.locator("#hoofdmenu")).to_be_hidden()

    page.keyboard.press(" ")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.locator("main h1").first.dispatch_event("click")  # a tap beside the menu closes it
    expect(page).to_have_url(re.compile(r"/leerkracht/$"))
    expect(button).to_have_attribute("aria-expanded", "false")


def test_the_open_menu_is_axe_clean(open_as, classroom, assert_accessible):
    school_class, _teacher, pupil = classroom
    page = open_as(pupil)
    page.goto(f"/feed/{school_class.pk}/")
    page.get_by_role("button", name="Menu").click()
    expect(page.locator("#hoofdmenu").get_by_role("link", name="Start")).to_be_visible()
    assert_accessible(page, "the open phone menu on the feed")


def test_the_menu_button_tells_when_something_waits(open_as, classroom):
    school_class, teacher, pupil = classroom
    PostFactory(school_class=school_class, author=pupil, status=PostStatus.PENDING, needs_review=True)
    page = open_as(teacher)
    page.goto("/leerkracht/")
    expect(page.get_by_role("button", name="Menu (er is iets nieuws)")).to_be_visible()


def test_without_javascript_the_links_stay_in_the_header(open_as, classroom):
    _school_class, teacher, _pupil = classroom
    page = open_as(teacher, java_script_enabled=False)
    page.goto("/leerkracht/")
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.locator("#hoofdmenu").get_by_role("link", name="Start")).to_be_visible()
    assert header_height(page) <= MAX_HEADER_HEIGHT


def test_a_wide_screen_keeps_the_links_in_the_header(open_as, classroom):
    _school_class, teacher, _pupil = classroom
    page = open_as(teacher, viewport={"width": 1280, "height": 900})
    page.goto("/leerkracht/")
    expect(page.locator(".menu-toggle")).to_be_hidden()
    for name in ("Start", "Lessen", "Mijn klassen", "Wachtrij"):
        expect(page.locator("#hoofdmenu").get_by_role("link", name=name)).to_be_visible()
