"""The lesson library's filters, Dutch search and constant query count."""

import pytest

from tests.lessons.factories import make_lesson


@pytest.fixture
def lessons(library):
    return {
        "klik": make_lesson("Eén klik en het staat online", "5-6", 30, ["L1", "L3"], ["realtime"]),
        "foto": make_lesson("Mag ik jouw foto delen?", "7-8", 45, ["L3"], ["P4", "auteursrecht"]),
        "expert": make_lesson("Een vraag aan een expert", "7-8", 60, ["L2", "L4"], ["C3"]),
    }


def titles(client, library, **params):
    response = client.get(library.url, params)
    assert response.status_code == 200
    return {lesson.title for lesson in response.context["lessons"]}


def test_teacher_sees_all_live_lessons(client, teacher, library, lessons):
    make_lesson("Concept", live=False)
    client.force_login(teacher)
    assert titles(client, library) == {lesson.title for lesson in lessons.values()}


def test_library_filters_on_leren_goal(client, teacher, library, lessons):
    client.force_login(teacher)
    assert titles(client, library, goal="L3") == {"Eén klik en het staat online", "Mag ik jouw foto delen?"}
    assert titles(client, library, goal="L4") == {"Een vraag aan een expert"}


def test_library_filters_on_grade_band_theme_and_duration(client, teacher, library, lessons):
    client.force_login(teacher)
    assert titles(client, library, grade_band="5-6") == {"Eén klik en het staat online"}
    assert titles(client, library, theme="P4") == {"Mag ik jouw foto delen?"}
    assert titles(client, library, duration="kort") == {"Eén klik en het staat online"}
    assert titles(client, library, duration="lang") == {"Een vraag aan een expert"}
    assert titles(client, library, grade_band="7-8", duration="middel") == {"Mag ik jouw foto delen?"}


def test_library_searches_the_dutch_text_of_title_and_steps(client, teacher, library, lessons):
    make_lesson(
        "Netjes citeren",
        "7-8",
        45,
        ["L2"],
        ["auteursrecht"],
        steps=[("discussion_question", {"question": "Wie schreef dit gedicht over wolven?", "prompts": []})],
    )
    client.force_login(teacher)
    assert titles(client, library, q="expert") == {"Een vraag aan een expert"}
    assert titles(client, library, q="wolven") == {"Netjes citeren"}
    assert titles(client, library, q="wolven", grade_band="5-6") == set()


def test_invalid_filter_keeps_what_was_typed_and_shows_all(client, teacher, library, lessons):
    client.force_login(teacher)
    response = client.get(library.url, {"goal": "L9", "q": "fiets"})
    assert len(response.context["lessons"]) == 3
    assert 'value="fiets"' in response.content.decode()


def test_library_query_count_does_not_grow_with_lessons(client, teacher, library, django_assert_max_num_queries):
    client.force_login(teacher)
    make_lesson("Les 1")
    client.get(library.url)  # warm caches (site root paths)
    with django_assert_max_num_queries(20) as small:
        client.get(library.url)
    for n in range(2, 8):
        make_lesson(f"Les {n}", goals=["L1", "L2"], themes=["realtime", "P3"])
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(library.url)
    assert len(response.context["lessons"]) == 7
    assert len(large.captured_queries) == len(small.captured_queries)
