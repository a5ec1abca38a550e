"""Lessons link to the curriculum's learning goals (partly or fully): the panel in /cms/, the lesson page and the
library show them, and the library filters on them."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from lessons.models import LerenGoalTag, LessonGoalLink, LessonPage, ThemeTag
from tests.curriculum.factories import link_lesson, make_band, make_goal
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def goals(db):
    return {
        "bron": make_goal("7-8", "Ik kan een bron noemen."),
        "foto": make_goal("5-6", "Ik kan toestemming vragen voor een foto."),
    }


@pytest.fixture
def linked(library, goals):
    citing = link_lesson(make_lesson("Netjes citeren", grade_band="7-8", slug="citeren"), goals["bron"], "full")
    photo = link_lesson(make_lesson("Mag ik jouw foto delen?", slug="foto"), goals["foto"], "partial")
    make_lesson("Zonder leerdoel", slug="zonder")
    return citing, photo


def titles(client, library, **params):
    response = client.get(library.url, params)
    return {lesson.title for lesson in response.context["lessons"]}


def test_the_library_filters_on_a_learning_goal(client, teacher, library, goals, linked):
    client.force_login(teacher)
    assert titles(client, library, learning_goal=goals["bron"].pk) == {"Netjes citeren"}
    assert titles(client, library, learning_goal=goals["foto"].pk) == {"Mag ik jouw foto delen?"}
    assert len(titles(client, library)) == 3


def test_the_filter_offers_published_goals_grouped_by_grade_band(client, teacher, library, goals, linked):
    make_band("1-2").unpublish()
    make_goal("1-2", "Ik kan een tablet aanzetten.")
    client.force_login(teacher)
    body = client.get(library.url).content.decode()
    assert '<optgroup label="Groep 7-8">' in body and "Ik kan een bron noemen." in body
    assert "Ik kan een tablet aanzetten." not in body


def test_library_cards_and_the_lesson_page_show_the_goals(client, teacher, library, linked):
    client.force_login(teacher)
    library_body = client.get(library.url).content.decode()
    assert "Ik kan een bron noemen." in library_body
    body = client.get(linked[0].url).content.decode()
    assert "Leerdoelen uit het curriculum" in body
    assert "Groep 7-8" in body and "Ik kan een bron noemen." in body and "volledig" in body
    assert "Nog aan geen leerdoel gekoppeld." in client.get(LessonPage.objects.get(slug="zonder").url).content.decode()


def test_the_library_still_keeps_a_constant_number_of_queries(
    client, teacher, library, goals, django_assert_num_queries
):
    client.force_login(teacher)
    for number in range(2):
        link_lesson(make_lesson(f"Les {number}", slug=f"les-{number}"), goals["bron"])
    client.get(library.url)
    with django_assert_num_queries(14) as small:
        client.get(library.url)
    for number in range(2, 12):
        link_lesson(make_lesson(f"Les {number}", slug=f"les-{number}"), goals["foto"])
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(library.url)


def test_the_lesson_editor_has_the_goal_panel(client, coordinator, library, goals):
    client.force_login(coordinator)
    body = client.get(reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", library.pk])).content.decode()
    assert "Leerdoelen uit het curriculum" in body
    assert "Ik kan een bron noemen." in body


QUESTION = {"question": "Waar komt dit vandaan?", "prompts": {"count": 0}}


def lesson_form(goal_links):
    data = nested_form_data(
        {
            "title": "Bronnen zoeken",
            "slug": "bronnen-zoeken",
            "aim": "Na deze les kun je een bron noemen.",
            "grade_band": "7-8",
            "duration": 30,
            "goal_links": inline_formset(goal_links),
            "steps": streamfield([("discussion_question", QUESTION)]),
        }
    )
    data["leren_goals"] = [LerenGoalTag.objects.get(code="L3").pk]
    data["themes"] = [ThemeTag.objects.get(code="auteursrecht").pk]
    data["action-submit"] = "submit"
    return data


def test_a_coordinator_links_a_new_lesson_to_goals_in_the_admin(client, coordinator, library, goals):
    client.force_login(coordinator)
    data = lesson_form(
        [{"goal": goals["bron"].pk, "coverage": "full"}, {"goal": goals["foto"].pk, "coverage": "partial"}]
    )
    response = client.post(reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", library.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    lesson = LessonPage.objects.get(slug="bronnen-zoeken")
    links = {(link.goal_id, link.coverage) for link in lesson.goal_links.all()}
    assert links == {(goals["bron"].pk, "full"), (goals["foto"].pk, "partial")}
    assert not lesson.live  # waiting for a colleague's review


def test_a_lesson_links_a_goal_once(client, coordinator, library, goals):
    client.force_login(coordinator)
    twice = [{"goal": goals["bron"].pk, "coverage": "full"}, {"goal": goals["bron"].pk, "coverage": "partial"}]
    data = lesson_form(twice)
    response = client.post(reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", library.pk]), data)
    assert response.status_code == 200
    assert not LessonPage.objects.filter(slug="bronnen-zoeken").exists()
    assert not LessonGoalLink.objects.exists()


def test_a_lesson_knows_its_h5p_activities_without_a_query(library, django_assert_num_queries):
    steps = [
        ("discussion_question", {"question": "Klaar?", "prompts": []}),
        ("h5p_activity", {"activity": None, "intro": ""}),
    ]
    lesson = make_lesson(steps=steps)
    lesson = LessonPage.objects.get(pk=lesson.pk)
    lesson.steps.raw_data[1]["value"]["activity"] = 41
    with django_assert_num_queries(0):
        assert lesson.h5p_activity_ids() == [41]
