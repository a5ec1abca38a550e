"""The smartboard wall and the lesson step "opdracht in de feed" in a real browser on the real ASGI server: a
pupil posts and the teacher's wall shows it without a reload, in type readable from the back of the classroom
(measured at 1920x1080); the spotlight and hidden names reach a second teacher screen; a running lesson's
smartboard posts its prompt once and shows the pupils' answers live."""

import pytest
from playwright.sync_api import expect

from lessons.models import LessonRun
from sandbox_feed.models import FeedAssignment, FeedSettings, Post
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.lessons.factories import make_lesson
from tests.sandbox_feed.factories import CommentFactory, PostFactory

FULL_HD = {"width": 1920, "height": 1080}
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def classroom(transactional_db):
    teacher = TeacherFactory(username="juf.ineke", first_name="Ineke", last_name="de Vries")
    pupils = [PupilFactory(first_name="Sanne", initial="B"), PupilFactory(first_name="Daan", initial="K")]
    school_class = SchoolClassFactory(name="Groep 7", groep=7, teachers=[teacher], pupils=pupils, join_code="MUUR7")
    FeedSettings.objects.create(school_class=school_class, preview_before_post=False)
    return school_class, teacher, pupils


@pytest.fixture
def open_as(browser, asgi_server, session_for):
    contexts = []

    def open_page(user, path, viewport=None):
        context = browser.new_context(base_url=asgi_server, locale="nl-NL", viewport=viewport or FULL_HD)
        context.set_default_timeout(10_000)
        context.add_init_script(RECORD_CSP_VIOLATIONS)
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


def csp_violations(page):
    return page.evaluate("window.__cspViolations")


def font_px(locator):
    return float(locator.evaluate("(element) => getComputedStyle(element).fontSize").removesuffix("px"))


def test_a_pupils_post_reaches_the_wall_without_a_reload_in_large_type(open_as, classroom, assert_accessible):
    school_class, teacher, (sanne, daan) = classroom
    earlier = PostFactory(school_class=school_class, author=daan, text="Goedemorgen groep 7")
    CommentFactory(post=earlier, author=sanne, text="Hoi Daan")
    wall = open_as(teacher, f"/feed/{school_class.pk}/muur/")
    expect(wall.get_by_text("MUUR7", exact=True)).to_be_visible()
    expect(wall.locator(".wall-qr svg")).to_be_visible()

    pupil = open_as(sanne, f"/feed/{school_class.pk}/", viewport={"width": 1280, "height": 900})
    pupil.get_by_label("Wat wil je delen?").fill("Wij gaan vandaag naar de bieb!")
    pupil.get_by_role("button", name="Plaatsen").click()

    card = wall.locator(".wall-post", has_text="Wij gaan vandaag naar de bieb!")
    expect(card).to_be_visible()
    assert still_the_same_page(wall)

    # Readable from the back of the classroom, on a 1920x1080 smartboard.
    assert wall.viewport_size == FULL_HD
    assert font_px(card.locator(".wall-text")) >= 28
    assert font_px(card.locator(".wall-name")) >= 24
    older = wall.locator(".wall-post", has_text="Goedemorgen groep 7")
    assert font_px(older.locator(".wall-comment-text")) >= 28
    assert font_px(older.locator(".wall-comment .wall-name")) >= 24
    assert csp_violations(wall) == []
    assert_accessible(wall, "the smartboard wall")


def test_the_spotlight_and_hidden_names_reach_a_second_teacher_screen(open_as, classroom):
    school_class, teacher, (sanne, daan) = classroom
    second_teacher = TeacherFactory(first_name="Piet")
    school_class.teachers.add(second_teacher)
    PostFactory(school_class=school_class, author=sanne, text="Dit bespreken we samen")
    PostFactory(school_class=school_class, author=daan, text="Een ander bericht")
    wall_path = f"/feed/{school_class.pk}/muur/"
    board = open_as(teacher, wall_path)
    other = open_as(second_teacher, wall_path)

    board.locator(".wall-post", has_text="Dit bespreken we samen").get_by_role(
        "button", name="In de schijnwerper"
    ).click()
    for page in (board, other):
        expect(page.locator(".wall-post-big", has_text="Dit bespreken we samen")).to_be_visible()
        expect(page.get_by_text("Een ander bericht")).to_have_count(0)

    board.get_by_role("button", name="Namen verbergen").click()
    for page in (board, other):
        expect(page.locator(".wall-post-big .wall-name")).to_have_text("Leerling A")
        expect(page.get_by_text("Sanne B.")).to_have_count(0)
    assert font_px(board.locator(".wall-post-big .wall-text")) >= 28

    other.get_by_role("button", name="Terug naar de hele muur").click()
    for page in (board, other):
        expect(page.get_by_text("Een ander bericht")).to_be_visible()
        expect(page.locator(".wall-post-big")).to_have_count(0)
        assert still_the_same_page(page)


def test_a_running_lessons_smartboard_posts_the_assignment_once_and_shows_answers_live(open_as, classroom):
    school_class, teacher, (sanne, _daan) = classroom
    prompt = "Schrijf een reactie die iemand helpt in plaats van kwetst."
    lesson = make_lesson(
        steps=[
            ("feed_assignment", {"prompt": prompt, "teacher_hint": "Geheime tip"}),
            ("discussion_question", {"question": "Wat neem je mee?", "prompts": []}),
        ]
    )
    # Made directly: LessonRun.start broadcasts, which cannot run in this test's thread (Playwright's loop).
    LessonRun.objects.create(teacher=teacher, school_class=school_class, lesson=lesson, lesson_title=lesson.title)
    board_path = f"/les/{lesson.pk}/smartbord/"
    board = open_as(teacher, board_path)
    second_window = open_as(teacher, board_path)  # two smartboard windows: still one post
    expect(board.get_by_text("Antwoorden uit de feed")).to_be_visible()
    expect(second_window.get_by_text("Antwoorden uit de feed")).to_be_visible()
    assert Post.objects.filter(school_class=school_class).count() == 1
    assert FeedAssignment.objects.count() == 1
    expect(board.get_by_text("Geheime tip")).to_have_count(0)

    pupil = open_as(sanne, f"/feed/{school_class.pk}/", viewport={"width": 1280, "height": 900})
    card = pupil.locator("li.post", has_text=prompt)
    card.get_by_label("Reageer op Ineke de Vries").fill("Je kunt zeggen wat je mooi vindt.")
    card.get_by_role("button", name="Stuur").click()

    answer = board.locator(".feed-answer", has_text="Je kunt zeggen wat je mooi vindt.")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("Sanne B.")
    assert font_px(answer.locator(".feed-answer-text")) >= 28
    assert still_the_same_page(board)
    assert csp_violations(board) == []
