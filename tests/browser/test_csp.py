"""Every main page is served with a strict Content-Security-Policy and Chromium reports no violation on
it: the feed and queue, the smartboard and presenter, H5P play, the login pages and the Wagtail editor."""

import pytest
from playwright.sync_api import expect

from tests.factories import AdministratorFactory, PupilFactory, SchoolClassFactory, SchoolFactory, TeacherFactory
from tests.sandbox_feed.factories import CommentFactory, PostFactory

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where} ${event.sample}`);
});
"""


@pytest.fixture
def strict_page(context):
    context.add_init_script(RECORD_VIOLATIONS)
    return context


def visit(page, url):
    response = page.goto(url)
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, f"{url} has no strict script-src: {policy!r}"
    assert "object-src 'none'" in policy and "base-uri 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], f"CSP violations on {url}: {violations}"
    return policy


def test_pages_of_every_role_show_no_csp_violation(strict_page, login_as, live_server, settings, tmp_path):
    from lessons.models import LessonRun
    from tests.lessons.factories import make_lesson

    settings.FEED_MEDIA_ROOT = tmp_path / "feed"
    school = SchoolFactory()
    teacher = TeacherFactory(school=school)
    pupil = PupilFactory(first_name="Noor")
    school_class = SchoolClassFactory(school=school, teachers=[teacher], pupils=[pupil], join_code="CSPKLAS")
    post = PostFactory(school_class=school_class, author=pupil, text="Kijk op https://example.org")
    CommentFactory(post=post, author=teacher)
    lesson = make_lesson()
    run = LessonRun.objects.create(teacher=teacher, school_class=school_class, lesson=lesson, lesson_title=lesson.title)

    page = strict_page.new_page()
    for url in ["/", "/inloggen/", "/leerling/inloggen/", "/leerling/inloggen/CSPKLAS/", "/cms/login/"]:
        visit(page, url)
    page.close()

    page = login_as(pupil)
    for url in ["/leerling/", f"/feed/{school_class.pk}/", f"/lesronde/{run.pk}/"]:
        visit(page, url)
    policy = visit(page, f"/feed/{school_class.pk}/")
    assert "frame-ancestors 'none'" in policy

    page = login_as(teacher)
    for url in [
        "/leerkracht/",
        f"/feed/{school_class.pk}/",
        "/feed/wachtrij/",
        f"/feed/{school_class.pk}/moderatie/",
        lesson.url,
        f"/les/{lesson.pk}/smartbord/",
        f"/les/{lesson.pk}/presentator/",
    ]:
        visit(page, url)


def test_the_wagtail_editor_shows_no_csp_violation(strict_page, login_as):
    from tests.lessons.factories import make_lesson

    editor = AdministratorFactory(school=SchoolFactory())  # not a group-based role: no reliance on group data
    lesson = make_lesson()
    page = login_as(editor)
    policy = visit(page, f"/cms/pages/{lesson.pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(lesson.title)
    assert "frame-ancestors 'self'" in policy  # the preview panel frames our own page
    # The date choosers Wagtail starts with inline scripts are started by our script from JSON data.
    started = page.evaluate("document.querySelectorAll('script[data-wagtail-chooser][data-started]').length")
    assert started >= 2
    visit(page, "/cms/")
    visit(page, f"/cms/pages/{lesson.get_parent().pk}/")
    visit(page, f"/cms/pages/add/lessons/lessonpage/{lesson.get_parent().pk}/")
