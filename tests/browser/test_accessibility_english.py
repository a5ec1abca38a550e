"""In English the pages say so (`<html lang="en">`) and stay free of WCAG 2.1 A/AA violations: the login pages,
the pupil's start page and feed, and the teacher's class page, feed and wall (issue 13: axe-core clean in both
languages). The Dutch pages are checked in test_accessibility.py."""

from django.conf import settings

from tests.factories import PupilFactory, SchoolClassFactory, SchoolFactory, TeacherFactory
from tests.sandbox_feed.factories import CommentFactory, PostFactory


def _in_english(context, live_server):
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])


def _check(page, url, assert_accessible):
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == "en", url
    assert_accessible(page, f"{url} in English")


def test_login_pages_in_english(context, live_server, page, assert_accessible):
    school_class = SchoolClassFactory(join_code="ENGKLS")
    pupil = PupilFactory(first_name="Aya")
    school_class.pupils.add(pupil)
    _in_english(context, live_server)
    for url in ["/", "/inloggen/", "/leerling/inloggen/", "/leerling/inloggen/ENGKLS/"]:
        _check(page, url, assert_accessible)
    assert page.get_by_text("Aya").count() >= 1


def test_pupil_and_teacher_pages_in_english(context, live_server, login_as, assert_accessible):
    teacher = TeacherFactory(school=SchoolFactory())
    pupil = PupilFactory(first_name="Noor")
    school_class = SchoolClassFactory(school=teacher.school, teachers=[teacher], pupils=[pupil])
    post = PostFactory(school_class=school_class, author=pupil, text="Wij gaan naar het museum!")
    CommentFactory(post=post, author=pupil, text="Leuk!")
    _in_english(context, live_server)

    page = login_as(pupil)
    for url in ["/leerling/", f"/feed/{school_class.pk}/"]:
        _check(page, url, assert_accessible)
    assert page.get_by_role("heading", name="Posts").count() == 1  # translated, not "Berichten"

    context.clear_cookies()
    _in_english(context, live_server)
    page = login_as(teacher)
    for url in [
        "/leerkracht/",
        f"/klassen/{school_class.pk}/",
        f"/feed/{school_class.pk}/",
        f"/feed/{school_class.pk}/muur/",
    ]:
        _check(page, url, assert_accessible)
