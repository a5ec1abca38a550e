"""An H5P activity on a later lesson step lays itself out when that step shows, in the smartboard, presenter
and pupil views, and on the smartboard it is zoomed to be read from the back of the classroom."""

import io
from io import StringIO

import pytest
from playwright.sync_api import expect

from h5p import builder
from h5p.storage import import_package
from lessons.models import LessonPage, LessonRun
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.h5p.packages import h5p_json, library, package
from tests.lessons.factories import default_steps, make_lesson

FRAME = ".h5p-player iframe"
BOARD = {"width": 1920, "height": 1080}

# Like many real H5P content types (Course Presentation, Drag and Drop), this one sizes its stage from its
# width when it gets H5P's "resize" event. Started out of sight it has no width, so without a new "resize"
# once it shows, its stage keeps 0 px height and the activity stays blank.
STAGE_JS = r"""
var H5P = window.H5P = window.H5P || {};
var OEF = window.OEF = window.OEF || {};
OEF.Stage = (function (EventDispatcher) {
  "use strict";
  function Stage(params) {
    EventDispatcher.call(this);
    this.params = params || {};
  }
  Stage.prototype = Object.create(EventDispatcher.prototype);
  Stage.prototype.constructor = Stage;
  Stage.prototype.attach = function ($container) {
    var self = this;
    this.root = $container.get(0);
    this.stage = document.createElement("div");
    this.stage.className = "stage";
    this.stage.style.overflow = "hidden";
    var text = document.createElement("p");
    text.className = "stage-text";
    text.textContent = this.params.text;
    this.stage.appendChild(text);
    this.root.appendChild(this.stage);
    this.on("resize", function () { self.stage.style.height = Math.round(self.root.clientWidth * 0.25) + "px"; });
  };
  return Stage;
})(H5P.EventDispatcher);
"""
STAGE_TEXT = "Sleep elk bericht naar de goede kant."

QUESTION = {
    "question": "<p>Mag je een foto van een klasgenoot zomaar online zetten?</p>",
    "answers": [
        {"text": "Ja, als het een leuke foto is", "correct": False},
        {"text": "Nee, eerst toestemming vragen", "correct": True},
    ],
}


@pytest.fixture(autouse=True)
def h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p"


def stage_activity():
    return import_package(
        package(
            main="OEF.Stage",
            h5p=h5p_json("OEF.Stage", title="Berichten sorteren"),
            content={"text": STAGE_TEXT},
            libraries=[library("OEF.Stage", js="stage.js", extra_files={"stage.js": STAGE_JS})],
        ),
        allow_libraries=True,
    )


def question_activity():
    package_bytes = builder.build_package("Fotovraag", "OEF.MultiChoice-1.0", QUESTION)
    return import_package(io.BytesIO(package_bytes), allow_libraries=True)


def lesson_with(activity):
    """The default lesson with `activity` as its fourth step: the smartboard shows it as step 3 of 5."""
    steps = default_steps()
    steps.insert(3, ("h5p_activity", {"activity": activity, "intro": "Speel mee."}))
    return make_lesson(steps=steps)


def frame_height(page):
    return page.locator(FRAME).evaluate("frame => frame.getBoundingClientRect().height")


def rendered_font_size(page, selector):
    """The font size of `selector` inside the frame as the page shows it, in the page's CSS pixels: the
    computed size times the zoom between the frame's own pixels and the page's."""
    frame = page.locator(FRAME)
    outer_width = frame.evaluate("frame => frame.getBoundingClientRect().width")
    inner = frame.element_handle().content_frame()
    inner_width = inner.evaluate("window.innerWidth")
    computed = inner.locator(selector).first.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    return computed * outer_width / inner_width


def click_in_frame(page, locator):
    """A real mouse click on `locator` inside the zoomed frame. Playwright places its own clicks by the
    frame's unzoomed coordinates (they land beside the element), so aim as the pupil's finger does: at the
    element's centre as the page shows it."""
    frame = page.locator(FRAME)
    box = frame.bounding_box()
    zoom = box["width"] / frame.element_handle().content_frame().evaluate("window.innerWidth")
    x, y, width, height = locator.evaluate(
        "node => { const r = node.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }"
    )
    page.mouse.click(box["x"] + (x + width / 2) * zoom, box["y"] + (y + height / 2) * zoom)


def test_activity_on_a_later_step_shows_on_smartboard_and_presenter(context, login_as):
    teacher = TeacherFactory()
    activity = stage_activity()
    lesson = lesson_with(activity)
    board = login_as(teacher)
    board.set_viewport_size(BOARD)
    errors = []
    board.on("pageerror", lambda error: errors.append(str(error)))
    board.goto(f"/les/{lesson.pk}/smartbord/")
    expect(board.locator("[data-deck][data-ready]")).to_be_visible()
    # The player starts while its step is hidden.
    expect(board.locator(".h5p-player[data-h5p-ready=true]")).to_have_count(1)
    expect(board.locator(FRAME)).to_be_hidden()

    board.keyboard.press("ArrowRight")
    board.keyboard.press("ArrowRight")
    expect(board.locator("[data-progress-text]")).to_have_text("Stap 3 van 5")
    frame = board.locator(FRAME)
    expect(frame).to_be_visible()
    expect(frame).to_have_attribute("title", "Activiteit: Berichten sorteren")
    expect(board.frame_locator(FRAME).get_by_text(STAGE_TEXT)).to_be_visible()
    _wait_for(lambda: frame_height(board) > 100, board)
    stage = board.frame_locator(FRAME).locator(".stage")
    assert stage.evaluate("node => node.getBoundingClientRect().height") > 100
    assert errors == []

    presenter = context.new_page()
    presenter.goto(f"/les/{lesson.pk}/presentator/")
    expect(presenter.locator("[data-deck][data-ready]")).to_have_count(1)
    # One live player: the "next step" preview names the activity instead of playing it a second time.
    expect(presenter.locator(".h5p-player")).to_have_count(1)
    presenter.get_by_role("button", name="Volgende").click()
    expect(presenter.locator(".presenter-next:visible")).to_contain_text("Activiteit: Berichten sorteren")
    presenter.get_by_role("button", name="Volgende").click()
    expect(presenter.locator("[data-progress-text]")).to_have_text("Stap 3 van 5")
    expect(presenter.frame_locator(FRAME).get_by_text(STAGE_TEXT)).to_be_visible()
    _wait_for(lambda: frame_height(presenter) > 100, presenter)


def test_activity_shows_in_the_pupil_view(browser, live_server, login_as):
    teacher = TeacherFactory()
    pupil = PupilFactory(first_name="Noor")
    school_class = SchoolClassFactory(teachers=[teacher], pupils=[pupil])
    lesson = lesson_with(stage_activity())
    run = LessonRun.objects.create(teacher=teacher, school_class=school_class, lesson=lesson, lesson_title=lesson.title)
    # The pupil view shows the teacher's step: the teacher is at the activity.
    run.current_step_id = next(child.id for child in lesson.steps if child.block_type == "h5p_activity")
    run.save(update_fields=["current_step_id"])

    page = login_as(pupil)
    page.goto(f"/lesronde/{run.pk}/")
    expect(page.locator(FRAME)).to_have_attribute("title", "Activiteit: Berichten sorteren")
    expect(page.frame_locator(FRAME).get_by_text(STAGE_TEXT)).to_be_visible()
    _wait_for(lambda: frame_height(page) > 100, page)


def test_smartboard_zooms_the_activity_and_the_play_page_does_not(context, login_as):
    teacher = TeacherFactory()
    activity = question_activity()
    lesson = lesson_with(activity)
    board = login_as(teacher)
    board.set_viewport_size(BOARD)
    board.goto(f"/les/{lesson.pk}/smartbord/")
    expect(board.locator(".h5p-player[data-h5p-ready=true]")).to_have_count(1)
    board.keyboard.press("End")
    board.keyboard.press("ArrowLeft")
    board.keyboard.press("ArrowLeft")
    question = board.frame_locator(FRAME).get_by_text("Mag je een foto van een klasgenoot")
    expect(question).to_be_visible()
    assert rendered_font_size(board, ".oef-mc-question") >= 24
    # Zoomed, a tap lands on the answer the pupil sees there, and the result is still saved.
    click_in_frame(board, board.frame_locator(FRAME).get_by_role("button", name="Nee, eerst toestemming vragen"))
    click_in_frame(board, board.frame_locator(FRAME).get_by_role("button", name="Nakijken"))
    expect(board.frame_locator(FRAME).get_by_text("Goed zo!")).to_be_visible()
    expect(board.get_by_role("status").filter(has_text="opgeslagen")).to_contain_text("1 van 1 punten")
    inner_height = (
        board.locator(FRAME)
        .element_handle()
        .content_frame()
        .evaluate("document.getElementById('h5p-frame-player').getBoundingClientRect().height")
    )
    _wait_for(lambda: frame_height(board) >= inner_height * 1.5, board)

    play = context.new_page()
    play.set_viewport_size(BOARD)
    play.goto(f"/h5p/{activity.pk}/spelen/")
    expect(play.frame_locator(FRAME).get_by_text("Mag je een foto van een klasgenoot")).to_be_visible()
    assert 14 <= rendered_font_size(play, ".oef-mc-question") < 20


def test_every_demo_lesson_with_an_activity_shows_it_on_the_smartboard(context, login_as):
    from h5p import demo as h5p_demo
    from home import demo as home_demo
    from lessons import demo as lessons_demo

    home_demo.seed(StringIO())
    h5p_demo.seed(StringIO())
    lessons_demo.seed(StringIO())
    lessons = [
        lesson
        for lesson in LessonPage.objects.live().specific().order_by("pk")
        if any(step.block_type == "h5p_activity" for step in lesson.steps)
    ]
    assert {lesson.slug for lesson in lessons} == set(lessons_demo.ACTIVITIES)

    board = login_as(TeacherFactory())
    board.set_viewport_size(BOARD)
    for lesson in lessons:
        board.goto(f"/les/{lesson.pk}/smartbord/")
        expect(board.locator(".h5p-player[data-h5p-ready=true]")).to_have_count(1)
        # The demo puts the activity right before the wrap-up question.
        board.keyboard.press("End")
        board.keyboard.press("ArrowLeft")
        frame = board.locator(FRAME)
        expect(frame).to_be_visible()
        title = lessons_demo.ACTIVITIES[lesson.slug][0]
        expect(frame).to_have_attribute("title", f"Activiteit: {title}")
        expect(board.frame_locator(FRAME).get_by_role("button").first).to_be_visible()
        _wait_for(lambda: frame_height(board) > 100, board)
        assert rendered_font_size(board, ".oef-activity") >= 24, lesson.title


def _wait_for(condition, page, timeout_ms=10_000):
    waited = 0
    while not condition():
        if waited >= timeout_ms:
            pytest.fail(f"Condition not met within {timeout_ms} ms on {page.url}")
        page.wait_for_timeout(100)
        waited += 100
