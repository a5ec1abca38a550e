"""Where lesson pages may live in the Wagtail tree."""

from wagtail.models import Page

from home.models import HomePage
from lessons.models import LessonIndexPage, LessonPage
from tests.lessons.factories import make_home


def test_library_can_only_be_created_under_the_home_page(db):
    home = make_home()
    assert LessonIndexPage.can_create_at(home)
    assert not LessonIndexPage.can_create_at(Page.get_first_root_node())
    assert LessonIndexPage in HomePage.allowed_subpage_models()


def test_only_one_library_is_allowed(library):
    assert not LessonIndexPage.can_create_at(library.get_parent().specific)


def test_lessons_live_only_in_the_library(library):
    assert LessonPage.can_create_at(library)
    assert not LessonPage.can_create_at(library.get_parent().specific)
    assert LessonIndexPage.allowed_subpage_models() == [LessonPage]


def test_a_lesson_has_no_child_pages(lesson):
    assert LessonPage.allowed_subpage_models() == []
    assert not LessonPage.can_create_at(lesson)
