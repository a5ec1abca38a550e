"""A running lesson in real browsers on the real ASGI server: the pupil's page follows the teacher's smartboard
step without a reload, and shows "De les is afgelopen" when the teacher ends the lesson."""

import pytest
from playwright.sync_api import expect

from lessons.models import LessonRun
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.lessons.factories import make_lesson


@pytest.fixture
def classroom(asgi_server):
    teacher = TeacherFactory(username="juf.ineke", first_name="Ineke")
    pupil = PupilFactory(first_name="Sanne", initial="B")
    school_class = SchoolClassFactory(name="Groep 7", groep=7, teachers=[teacher], pupils=[pupil])
    lesson = make_lesson()
    return school_class, teacher, pupil, lesson


@pytest.fixture
def open_as(browser, asgi_server, session_for):
    contexts = []

    def open_page(user, path):
        context = browser.new_context(base_url=asgi_server, locale="nl-NL", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        name, value = session_for(user)
        context.add_cookies([{"name": name, "value": value, "url": asgi_server}])
        page = context.new_page()
        page.goto(path)
        page.evaluate("window.sameDocument = true")  # gone if the page were reloaded
        return page

    yield open_page
    for context in contexts:
        context.close()


def still_the_same_page(page):
    return page.evaluate("window.sameDocument === true")


def test_the_pupil_follows_the_teachers_step_and_sees_the_end(open_as, classroom, assert_accessible):
    school_class, teacher, pupil, lesson = classroom
    page = open_as(pupil, "/leerling/")
    expect(page.get_by_role("heading", name="Nu in de les")).to_have_count(0)

    # Started through the page (a start in the test's own thread would broadcast inside Playwright's loop).
    board = open_as(teacher, lesson.url)
    board.get_by_role("button", name="Les starten").click()
    expect(board.get_by_text("De les is gestart voor Groep 7.")).to_be_visible()
    run = LessonRun.objects.running().get(school_class=school_class)

    # "Nu in de les" appears on the pupil's open start page without a reload.
    expect(page.get_by_role("heading", name="Nu in de les")).to_be_visible()
    assert still_the_same_page(page)
    page.get_by_role("link", name=lesson.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    page.evaluate("window.sameDocument = true")

    board.goto(f"/les/{lesson.pk}/smartbord/")
    expect(board.locator("[data-deck]")).to_have_attribute("data-ready", "true")
    expect(board.locator("[data-deck]")).to_have_attribute("data-run-id", str(run.pk))
    expect(page.get_by_text("Wat weet je al over berichten?")).to_be_visible()
    expect(page.get_by_text("Een bericht staat meteen online.")).to_be_hidden()

    board.get_by_role("button", name="Volgende stap").click()
    expect(board.get_by_text("Stap 2 van 4")).to_be_visible()

    # Over the class's websocket, without a reload: the pupil's page shows the teacher's step.
    expect(page.get_by_text("Een bericht staat meteen online.")).to_be_visible()
    expect(page.get_by_text("Wat weet je al over berichten?")).to_be_hidden()
    expect(page.get_by_text("De juf of meester is bij stap 2 van 4.")).to_be_visible()
    assert still_the_same_page(page)

    # Looking back is allowed, and one tap brings the pupil back to the class.
    page.get_by_role("link", name="Vorige stap").click()
    expect(page.get_by_text("Wat weet je al over berichten?")).to_be_visible()
    page.get_by_role("link", name="Terug naar waar de klas is").click()
    expect(page.get_by_text("Een bericht staat meteen online.")).to_be_visible()
    assert_accessible(page, "the pupil's view of a running lesson")

    # The teacher ends the lesson after the confirmation page.
    board.goto(f"/lesronde/{run.pk}/afsluiten/")
    expect(board.get_by_text("2 van 4")).to_be_visible()
    assert_accessible(board, "ending a lesson")
    board.get_by_role("button", name="Ja, les afsluiten").click()
    expect(board.get_by_text("De les is afgesloten")).to_be_visible()

    expect(page.get_by_role("heading", name="De les is afgelopen")).to_be_visible()
    expect(page.get_by_text("Een bericht staat meteen online.")).to_have_count(0)
    assert still_the_same_page(page)
    assert_accessible(page, "the pupil's page after the lesson")

    board.goto(f"/lessen/geschiedenis/{school_class.pk}/")
    expect(board.get_by_role("cell", name=lesson.title)).to_be_visible()
    assert_accessible(board, "the history of given lessons")


def test_news_in_the_class_never_reloads_the_activity_the_pupil_is_playing(open_as, classroom, settings, tmp_path):
    from sandbox_feed.models import FeedSettings
    from tests.browser.test_h5p_smartboard import FRAME, STAGE_TEXT, lesson_with, stage_activity

    settings.H5P_ROOT = tmp_path / "h5p"
    school_class, teacher, pupil, _lesson = classroom
    classmate = PupilFactory(first_name="Daan", initial="K")
    school_class.pupils.add(classmate)
    FeedSettings.objects.create(school_class=school_class, preview_before_post=False)
    lesson = lesson_with(stage_activity())
    activity_step = next(child.id for child in lesson.steps if child.block_type == "h5p_activity")
    # A row, not LessonRun.start(): that broadcasts, which Playwright's loop forbids in this thread.
    run = LessonRun.objects.create(
        teacher=teacher,
        school_class=school_class,
        lesson=lesson,
        lesson_title=lesson.title,
        current_step_id=activity_step,
    )
    page = open_as(pupil, f"/lesronde/{run.pk}/")
    expect(page.frame_locator(FRAME).get_by_text(STAGE_TEXT)).to_be_visible()
    page.evaluate(
        "window.frameBefore = document.querySelector('.h5p-player iframe');"
        "window.stateBefore = document.getElementById('lesronde-stand');"
    )

    # Something else happens in the class: a classmate posts in the feed.
    feed = open_as(classmate, f"/feed/{school_class.pk}/")
    feed.get_by_label("Wat wil je delen?").fill("Ik ben klaar met de opdracht!")
    feed.get_by_role("button", name="Plaatsen").click()
    expect(feed.get_by_text("Ik ben klaar met de opdracht!")).to_be_visible()

    # The pupil's page heard it and refreshed where the teacher is; the activity's frame is the same one.
    page.wait_for_function("() => document.getElementById('lesronde-stand') !== window.stateBefore")
    assert page.evaluate("document.querySelector('.h5p-player iframe') === window.frameBefore")
    expect(page.frame_locator(FRAME).get_by_text(STAGE_TEXT)).to_be_visible()
    assert still_the_same_page(page)
