"""A child-friendly look (issue 13): axe-core finds nothing on the pupil pages, every button and link there is
at least 44 by 44 px, the photo picker works with the keyboard (and without JavaScript), and an empty feed
shows its drawing with a text alternative."""

import re

import pytest
from playwright.sync_api import expect

from lessons.models import LessonRun
from sandbox_feed.choices import SourceKind
from tests.factories import PupilFactory, SchoolClassFactory, SchoolFactory, TeacherFactory
from tests.lessons.factories import make_lesson
from tests.sandbox_feed.factories import CommentFactory, PostFactory, image_bytes

MIN_TARGET = 44

# Every visible button and link of the page (and the label that is the photo picker's button) with its size;
# the skip link only shows on focus and is left out.
TOO_SMALL = """(minimum) => Array.from(document.querySelectorAll(
    'a[href], button, summary, input[type=submit], input[type=button], label.button'))
  .filter((el) => !el.classList.contains('skip-link'))
  .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
  .map((el) => ({el, box: el.getBoundingClientRect()}))
  .filter(({box}) => box.width < minimum || box.height < minimum)
  .map(({el, box}) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" `
    + `${Math.round(box.width)}x${Math.round(box.height)}`)"""


@pytest.fixture(autouse=True)
def _feed_media(settings, tmp_path):
    settings.FEED_MEDIA_ROOT = tmp_path / "feed-media"


@pytest.fixture
def classroom(transactional_db):
    school = SchoolFactory(name="OBS De Esch")
    teacher = TeacherFactory(school=school, first_name="Mirjam")
    pupils = [PupilFactory(first_name=name, initial="B") for name in ("Sanne", "Daan", "Noor")]
    school_class = SchoolClassFactory(
        school=school, name="Groep 6 De Vossen", groep=6, join_code="VOS6KL", teachers=[teacher], pupils=pupils
    )
    return school_class, teacher, pupils


@pytest.fixture
def busy_feed(classroom):
    """A feed with what a pupil meets: a classmate's post with a link, a source and a comment, and their own."""
    school_class, _teacher, (sanne, daan, noor) = classroom
    quoted = PostFactory(
        school_class=school_class,
        author=daan,
        text="Kijk eens wat ik vond op https://example.org over dieren",
        source_kind=SourceKind.QUOTE,
        source_maker="Dierenpark",
        source_title="Over vossen",
        source_url="https://example.org/vossen",
    )
    CommentFactory(post=quoted, author=noor, text="Leuk!")
    CommentFactory(post=quoted, author=sanne, text="Wat mooi")
    PostFactory(school_class=school_class, author=sanne, text="Ik heb een nieuwe fiets")
    return classroom


def pupil_pages(school_class, pupil):
    lesson = make_lesson()
    run = LessonRun.objects.create(
        teacher=school_class.teachers.first(), school_class=school_class, lesson=lesson, lesson_title=lesson.title
    )
    return ["/leerling/", f"/feed/{school_class.pk}/", f"/feed/{school_class.pk}/voetafdruk/", f"/lesronde/{run.pk}/"]


LOGIN_PAGES = ["/leerling/inloggen/", "/leerling/inloggen/VOS6KL/"]


def test_pupil_pages_and_login_pages_are_axe_clean(page, login_as, busy_feed, assert_accessible):
    school_class, _teacher, (sanne, _daan, _noor) = busy_feed
    for url in [*LOGIN_PAGES, f"/leerling/inloggen/VOS6KL/{sanne.pk}/"]:
        page.goto(url)
        assert_accessible(page)
    page = login_as(sanne)
    for url in pupil_pages(school_class, sanne):
        page.goto(url)
        assert_accessible(page)
    # The photo picker with a photo chosen, and the warm class banner, stay clean too.
    page.goto(f"/feed/{school_class.pk}/")
    page.get_by_label("Kies een foto").set_input_files(
        files=[{"name": "vos.png", "mimeType": "image/png", "buffer": image_bytes("PNG")}]
    )
    expect(page.locator("[data-photo-name]")).to_have_text("Gekozen foto: vos.png")
    assert_accessible(page, "feed with a photo chosen")


def test_every_button_and_link_on_pupil_pages_is_big_enough_to_tap(page, login_as, busy_feed):
    school_class, _teacher, (sanne, _daan, _noor) = busy_feed
    problems = []
    for url in [*LOGIN_PAGES, f"/leerling/inloggen/VOS6KL/{sanne.pk}/"]:
        page.goto(url)
        problems += [f"{url}: {small}" for small in page.evaluate(TOO_SMALL, MIN_TARGET)]
    page = login_as(sanne)
    for url in pupil_pages(school_class, sanne):
        page.goto(url)
        # Open what hides buttons: the report form and the composer's parts.
        for details in page.locator("main details").all():
            details.evaluate("(el) => { el.open = true; }")
        problems += [f"{url}: {small}" for small in page.evaluate(TOO_SMALL, MIN_TARGET)]
    assert not problems, "Too small to tap:\n" + "\n".join(problems)


def test_feed_shows_class_name_and_a_stable_avatar_colour_per_pupil(page, login_as, busy_feed):
    school_class, _teacher, (sanne, daan, noor) = busy_feed
    page = login_as(sanne)
    page.goto(f"/feed/{school_class.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Groep 6 De Vossen")
    own_post = page.locator("li.post", has_text="nieuwe fiets").first
    expect(own_post.locator(".post-head .avatar")).to_have_text("S")
    avatars = {}
    for pupil in (sanne, daan, noor):
        circle = page.locator(f".avatar-c{pupil.pk % 10}", has_text=pupil.first_name[0]).first
        expect(circle).to_be_visible()
        expect(circle).to_have_attribute("aria-hidden", "true")
        avatars[pupil.pk] = circle.evaluate("(el) => getComputedStyle(el).backgroundColor")
    # Classmates next to each other get different colours; the same pupil keeps theirs on the start page.
    assert len(set(avatars.values())) == 3
    page.goto("/leerling/")
    start_colour = page.locator(".greeting .avatar").evaluate("(el) => getComputedStyle(el).backgroundColor")
    assert start_colour == avatars[sanne.pk]


def test_photo_picker_works_with_the_keyboard_and_shows_the_name(page, login_as, classroom, tmp_path):
    school_class, _teacher, (sanne, _daan, _noor) = classroom
    photo = tmp_path / "mijn-hond.png"
    photo.write_bytes(image_bytes("PNG"))
    page = login_as(sanne)
    page.goto(f"/feed/{school_class.pk}/")
    button = page.locator("label.photo-picker-button")
    expect(button).to_be_visible()
    expect(button).to_have_text(re.compile(r"^\W*Kies een foto$"), use_inner_text=True)

    # Tab from the text box lands on the real (visually hidden) input, labelled by the big button.
    page.get_by_label("Wat wil je delen?").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.type, document.activeElement.name]")
    assert focused == ["file", "upload"]
    outline = button.evaluate("(el) => getComputedStyle(el).outlineStyle")
    assert outline == "solid", "the big button shows where keyboard focus is"
    # Opening the system's file dialog from a focused file input (Space or Enter) is the browser's own work,
    # and headless Chromium does not always report that dialog to the test (a CI run timed out waiting for it).
    # What the picker owns is above (the real input is reachable, labelled and shows focus) and below (a chosen
    # file shows its name and preview): the file is chosen on that focused input, as the dialog would.
    page.locator("input[name=upload]").set_input_files(str(photo))

    expect(page.locator("[data-photo-name]")).to_have_text("Gekozen foto: mijn-hond.png")
    expect(page.locator("[data-photo-preview]")).to_be_visible()
    assert page.locator("[data-photo-preview]").get_attribute("src").startswith("blob:")
    expect(button).to_have_text(re.compile(r"^\W*Andere foto$"), use_inner_text=True)
    expect(page.locator("[data-photo-status]")).to_have_text("Gekozen foto: mijn-hond.png")

    # "Geen foto", by keyboard: the photo is gone and focus goes back to the picker.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Geen foto")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-photo-name]")).to_be_hidden()
    expect(button).to_have_text(re.compile(r"^\W*Kies een foto$"), use_inner_text=True)
    assert page.evaluate("() => [document.activeElement.name, document.activeElement.files.length]") == ["upload", 0]


def test_photo_picker_without_javascript_is_the_plain_input(browser, live_server, session_for, classroom, context):
    # `context` makes sure Wagtail's base data is there; this page opens in a context without JavaScript.
    school_class, _teacher, (sanne, _daan, _noor) = classroom
    plain = browser.new_context(base_url=live_server.url, locale="nl-NL", java_script_enabled=False)
    try:
        name, value = session_for(sanne)
        plain.add_cookies([{"name": name, "value": value, "url": live_server.url}])
        page = plain.new_page()
        page.goto(f"/feed/{school_class.pk}/")
        expect(page.locator("label.photo-picker-button")).to_be_hidden()
        upload = page.get_by_label("Foto (mag, hoeft niet)")
        expect(upload).to_be_visible()
        upload.set_input_files(files=[{"name": "vos.png", "mimeType": "image/png", "buffer": image_bytes("PNG")}])
        assert upload.evaluate("(el) => el.files[0].name") == "vos.png"
    finally:
        plain.close()


def test_empty_feed_shows_its_drawing_with_a_text_alternative(page, login_as, classroom, assert_accessible):
    school_class, _teacher, (sanne, _daan, _noor) = classroom
    page = login_as(sanne)
    page.goto(f"/feed/{school_class.pk}/")
    empty = page.locator("#berichten-lijst .empty-feed")
    expect(empty).to_contain_text("Nog niets geplaatst. Wees de eerste!")
    drawing = empty.get_by_role(
        "img", name="Tekening: een lege tekstballon met een potlood dat klaarstaat om te schrijven."
    )
    expect(drawing).to_be_visible()
    assert drawing.evaluate("(el) => el.tagName.toLowerCase()") == "svg"
    assert drawing.evaluate("(el) => el.querySelectorAll('[style]').length") == 0  # the CSP forbids style attributes
    box = drawing.bounding_box()
    assert box["width"] > 100 and box["height"] > 60
    assert_accessible(page, "empty feed")
