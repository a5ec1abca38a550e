"""A teacher presents a lesson on the smartboard with the keyboard while the presenter view follows;
a pupil sees "Nu in de les" once the teacher starts a run."""

import re

from playwright.sync_api import expect

from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.lessons.factories import NOTE_TEXT, make_lesson


def test_teacher_moves_through_all_steps_with_the_keyboard_and_the_presenter_follows(context, login_as):
    teacher = TeacherFactory()
    lesson = make_lesson()
    board = login_as(teacher)
    board.set_viewport_size({"width": 1920, "height": 1080})
    presenter = context.new_page()
    presenter.goto(f"/les/{lesson.pk}/presentator/")
    board.goto(f"/les/{lesson.pk}/smartbord/")
    expect(board.locator("[data-deck][data-ready]")).to_be_visible()
    expect(presenter.locator("[data-deck][data-ready]")).to_have_count(1)
    expect(board.locator("body")).not_to_contain_text(NOTE_TEXT)

    board_progress = board.locator("[data-progress-text]")
    presenter_progress = presenter.locator("[data-progress-text]")
    expect(board_progress).to_have_text("Stap 1 van 4")
    expect(presenter.locator(".presenter-step:visible")).to_contain_text(NOTE_TEXT)

    # Arrow keys, a clicker's PageDown and the space bar each move one step.
    for key, step in [("ArrowRight", 2), ("PageDown", 3), ("Space", 4)]:
        board.keyboard.press(key)
        expect(board_progress).to_have_text(f"Stap {step} van 4")
        expect(presenter_progress).to_have_text(f"Stap {step} van 4")
    expect(board.locator("[data-slide]:visible")).to_contain_text("Wat neem je mee?")
    expect(presenter.locator(".presenter-step:visible")).to_contain_text("Dit is de laatste stap.")

    board.keyboard.press("ArrowRight")  # past the end: stays on the last step
    expect(board_progress).to_have_text("Stap 4 van 4")
    board.keyboard.press("PageUp")
    expect(presenter_progress).to_have_text("Stap 3 van 4")
    board.keyboard.press("Home")
    expect(presenter_progress).to_have_text("Stap 1 van 4")

    # The presenter drives the board too.
    presenter.get_by_role("button", name="Volgende").click()
    expect(board_progress).to_have_text("Stap 2 van 4")
    expect(board.locator("[data-slide]:visible")).to_contain_text("Een bericht staat meteen online.")
    expect(board.locator(".lesson-credit:visible")).to_contain_text("Juf Els")
    expect(presenter.locator("[data-timer]")).to_have_text(re.compile(r"^\d\d:\d\d$"))


def test_pupil_sees_now_in_class_once_the_teacher_starts_a_run(browser, live_server, login_as):
    teacher = TeacherFactory()
    pupil = PupilFactory(first_name="Noor")
    SchoolClassFactory(name="Groep 8", groep=8, teachers=[teacher], pupils=[pupil])
    lesson = make_lesson(goals=["L3"])
    make_lesson("Een vraag aan een expert", grade_band="7-8", goals=["L2"])

    pupil_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    try:
        pupil_page = pupil_context.new_page()
        teacher_page = login_as(teacher)
        _login_other_context(pupil_context, pupil, live_server)
        pupil_page.goto("/leerling/")
        expect(pupil_page.get_by_role("heading", level=1)).to_have_text("Hoi Noor!")
        expect(pupil_page.get_by_text("Nu in de les")).to_have_count(0)

        # The teacher finds the lesson in the library with the Leren-goal filter.
        teacher_page.goto("/lessen/")
        teacher_page.get_by_label("Leerdoel", exact=True).select_option("L3")
        teacher_page.get_by_role("button", name="Toon lessen").click()
        expect(teacher_page.get_by_role("status")).to_have_text("1 les gevonden")
        teacher_page.get_by_role("link", name=lesson.title).click()
        teacher_page.get_by_label("Start de les voor klas").select_option(label="Groep 8")
        teacher_page.get_by_role("button", name="Les starten").click()
        expect(teacher_page.get_by_role("status")).to_contain_text("De les is gestart voor Groep 8")

        pupil_page.reload()
        expect(pupil_page.get_by_role("heading", name="Nu in de les")).to_be_visible()
        pupil_page.get_by_role("link", name=lesson.title).click()
        expect(pupil_page.get_by_role("heading", level=1)).to_have_text(lesson.title)
        expect(pupil_page.locator("body")).not_to_contain_text(NOTE_TEXT)

        teacher_page.get_by_role("link", name="Les afsluiten voor Groep 8").click()
        teacher_page.get_by_role("button", name="Ja, les afsluiten").click()
        pupil_page.goto("/leerling/")
        expect(pupil_page.get_by_text("Nu in de les")).to_have_count(0)
    finally:
        pupil_context.close()


def _login_other_context(context, user, live_server):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}])
