"""Class progress: lessons given (finished runs) and the learning goals they worked on, H5P results per goal,
the suggested next lesson, combination groups, who may see it, the links to it, and constant queries."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.forms import SchoolClassForm
from curriculum.choices import Coverage
from curriculum.progress import class_progress
from h5p.models import H5PAttempt, H5PContent, H5PLibrary
from lessons.models import LessonRun
from tests.curriculum.factories import link_lesson, make_curriculum, make_goal
from tests.factories import CoordinatorFactory, SchoolClassFactory, SchoolFactory, TeacherFactory
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db

FULL, PARTIAL = Coverage.FULL, Coverage.PARTIAL
QUESTION = ("discussion_question", {"question": "Wat vind jij?", "prompts": []})


def given(lesson, school_class, teacher, days_ago=3):
    started = timezone.now() - datetime.timedelta(days=days_ago)
    return LessonRun.objects.create(
        teacher=teacher,
        school_class=school_class,
        lesson=lesson,
        lesson_title=lesson.title,
        started_at=started,
        ended_at=started + datetime.timedelta(minutes=45),
    )


def activity(title="Quiz", grade_method="hoogste"):
    library, _ = H5PLibrary.objects.get_or_create(
        machine_name="OEF.Quiz", major_version=1, minor_version=0, defaults={"patch_version": 0, "title": "Quiz"}
    )
    return H5PContent.objects.create(title=title, main_library=library, grade_method=grade_method)


def score(content, pupil, raw, maximum=4, number=1):
    return H5PAttempt.objects.create(content=content, user=pupil, number=number, raw_score=raw, max_score=maximum)


@pytest.fixture
def goals():
    return {
        "bron": make_goal("7-8", "Ik kan een bron noemen."),
        "privacy": make_goal("7-8", "Ik kan mijn gegevens beschermen."),
        "reclame": make_goal("7-8", "Ik kan reclame herkennen."),
        "jong": make_goal("5-6", "Ik kan een bericht lezen."),
    }


def test_a_given_lesson_shows_its_goals_as_worked_on(school_class, teacher, goals):
    lesson = link_lesson(make_lesson("Bronnen", grade_band="7-8", slug="bronnen", steps=[QUESTION]), goals["bron"])
    given(lesson, school_class, teacher)
    LessonRun.start(teacher, school_class, make_lesson("Loopt nog", grade_band="7-8", slug="loopt", steps=[QUESTION]))
    progress = class_progress(school_class)
    assert [item.run.lesson_title for item in progress.given] == ["Bronnen"]
    worked = {item.goal.text: item.worked_on for item in progress.goals}
    assert worked == {
        "Ik kan een bron noemen.": True,
        "Ik kan mijn gegevens beschermen.": False,
        "Ik kan reclame herkennen.": False,
    }
    assert progress.goals[0].coverage == FULL


def test_h5p_results_count_per_goal_by_the_activitys_grade_method(school_class, teacher, pupils, goals):
    quiz = activity(grade_method="hoogste")
    steps = [QUESTION, ("h5p_activity", {"activity": quiz, "intro": ""})]
    lesson = make_lesson("Privacyquiz", grade_band="7-8", slug="privacyquiz", steps=steps)
    link_lesson(lesson, goals["privacy"], PARTIAL)
    given(lesson, school_class, teacher)
    score(quiz, pupils[0], 2)
    score(quiz, pupils[0], 4, number=2)  # the highest counts: 100%
    score(quiz, pupils[1], 2)  # 50%
    outsider = TeacherFactory()  # attempts of people outside the class do not count
    score(quiz, outsider, 0)
    progress = class_progress(school_class)
    (privacy,) = [item for item in progress.goals if item.goal == goals["privacy"]]
    assert privacy.score.percentage == 75
    assert privacy.score.pupils == 2
    assert [item.score for item in progress.goals if item.goal != goals["privacy"]] == [None, None]


def test_the_next_lesson_works_on_a_goal_not_covered_yet(school_class, teacher, goals):
    done = link_lesson(make_lesson("Bronnen", grade_band="7-8", slug="bronnen", steps=[QUESTION]), goals["bron"])
    given(done, school_class, teacher)
    link_lesson(make_lesson("Nog eens bronnen", grade_band="7-8", slug="bronnen-2", steps=[QUESTION]), goals["bron"])
    new = link_lesson(make_lesson("Reclame", grade_band="7-8", slug="reclame", steps=[QUESTION]), goals["reclame"])
    make_lesson("Voor groep 5", grade_band="5-6", slug="groep-5", steps=[QUESTION])
    progress = class_progress(school_class)
    assert progress.next_lesson.lesson == new
    assert progress.next_lesson.open_goals == [goals["reclame"]]
    assert "Voor groep 5" not in [suggestion.lesson.title for suggestion in progress.suggestions]
    assert "Bronnen" not in [suggestion.lesson.title for suggestion in progress.suggestions]


def test_a_combination_group_gets_the_goals_and_lessons_of_both_years(school, teacher, goals):
    combination = SchoolClassFactory(school=school, name="Groep 6/7", groep=6, groep_tot=7, teachers=[teacher])
    assert combination.years == [6, 7]
    assert str(combination.groep_display) == "Groep 6/7"
    assert [band.value for band in combination.grade_bands] == ["5-6", "7-8"]
    young = link_lesson(make_lesson("Berichten", grade_band="5-6", slug="berichten", steps=[QUESTION]), goals["jong"])
    progress = class_progress(combination)
    assert {item.goal.text for item in progress.goals} >= {"Ik kan een bericht lezen.", "Ik kan een bron noemen."}
    assert young in [suggestion.lesson for suggestion in progress.suggestions]


def test_a_combination_group_runs_from_a_lower_to_a_higher_year(school):
    form = SchoolClassForm(data={"name": "Groep 8/7", "groep": 8, "groep_tot": 7, "school_year": "2026-2027"})
    form.instance.school = school
    assert not form.is_valid()
    assert "groep_tot" in form.errors
    form = SchoolClassForm(data={"name": "Groep 7/8", "groep": 7, "groep_tot": 8, "school_year": "2026-2027"})
    form.instance.school = school
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError):
        SchoolClassFactory.build(school=school, groep=5, groep_tot=5).full_clean(exclude=["join_code"])


def progress_url(school_class):
    return f"{make_curriculum().url}klas/{school_class.pk}/"


def test_teachers_see_their_own_classes_only(client, teacher, school_class, other_class):
    client.force_login(teacher)
    assert client.get(progress_url(school_class)).status_code == 200
    assert client.get(progress_url(other_class)).status_code == 404


def test_coordinators_see_every_class_of_their_school(client, coordinator, school_class, other_class):
    elsewhere = SchoolClassFactory(school=SchoolFactory(), name="Groep 8 elders")
    client.force_login(coordinator)
    assert client.get(progress_url(school_class)).status_code == 200
    assert client.get(progress_url(other_class)).status_code == 200
    assert client.get(progress_url(elsewhere)).status_code == 404


def test_pupils_and_visitors_never_see_progress(client, pupil, school_class):
    url = progress_url(school_class)
    assert client.get(url).status_code == 302
    client.force_login(pupil)
    assert client.get(url).status_code == 403


def test_the_class_page_and_the_teacher_start_page_link_to_progress(client, teacher, school_class):
    url = progress_url(school_class)
    client.force_login(teacher)
    start = client.get("/leerkracht/").content.decode()
    assert url in start
    class_page = client.get(f"/klassen/{school_class.pk}/").content.decode()
    stable = f"/lessen/voortgang/{school_class.pk}/"
    assert stable in class_page
    assert client.get(stable).url == url


def test_the_progress_page_names_the_next_lesson_and_the_results(client, teacher, school_class, pupils, goals):
    quiz = activity()
    steps = [QUESTION, ("h5p_activity", {"activity": quiz, "intro": ""})]
    lesson = link_lesson(make_lesson("Bronnenquiz", grade_band="7-8", slug="quiz", steps=steps), goals["bron"])
    given(lesson, school_class, teacher)
    score(quiz, pupils[0], 3)
    link_lesson(make_lesson("Reclame", grade_band="7-8", slug="reclame", steps=[QUESTION]), goals["reclame"])
    client.force_login(teacher)
    body = client.get(progress_url(school_class)).content.decode()
    assert "Volgende les" in body and "Reclame" in body
    assert "75% gemiddeld (1 leerling)" in body
    assert "nog niet aan gewerkt" in body
    assert " style=" not in body


def add_given_lessons(school_class, teacher, goals, count, quiz):
    texts = list(goals)
    for number in range(count):
        steps = [QUESTION, ("h5p_activity", {"activity": quiz, "intro": ""})]
        lesson = make_lesson(f"Les {number}", grade_band="7-8", slug=f"les-{number}", steps=steps)
        link_lesson(lesson, goals[texts[number % len(texts)]], [FULL, PARTIAL][number % 2])
        if number % 5:
            given(lesson, school_class, teacher, days_ago=number)


@pytest.mark.parametrize("count", [5, 50])
def test_class_progress_keeps_a_constant_number_of_queries(
    client, teacher, school_class, pupils, goals, count, django_assert_num_queries
):
    quiz = activity()
    for pupil in pupils:
        score(quiz, pupil, 3)
    add_given_lessons(school_class, teacher, goals, count, quiz)
    url = progress_url(school_class)
    client.force_login(teacher)
    client.get(url)
    # Wagtail's serving (6), session, user, the class, the progress (runs, links, pupils, activities,
    # attempts, band goals, suggestions and their links) and the header's review-queue count.
    with django_assert_num_queries(18):
        response = client.get(url)
    assert response.content.decode().count("Les ") >= count * 4 // 5


@pytest.mark.parametrize("count", [5, 50])
def test_the_dashboard_keeps_a_constant_number_of_queries(
    client, coordinator, school_class, pupils, goals, count, django_assert_num_queries
):
    quiz = activity()
    for pupil in pupils:
        score(quiz, pupil, 3)
    add_given_lessons(school_class, TeacherFactory(school=school_class.school), goals, count, quiz)
    url = f"{make_curriculum().url}dashboard/"
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    # Wagtail's serving (6), session, user, the review-queue count, the school's classes, the matrix (6), the
    # runs per month, the lesson links, the pupils, activities and attempts.
    with django_assert_num_queries(21):
        client.get(url)


def test_only_coordinators_and_administrators_see_the_dashboard(client, teacher, coordinator, school_class):
    url = f"{make_curriculum().url}dashboard/"
    client.force_login(teacher)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    body = client.get(url).content.decode()
    assert "Dekking per kader" in body and "Gegeven lessen per groep per maand" in body
    assert "<svg" in body and 'role="img"' in body and "<desc" in body
    assert "H5P-scores per leerdoel" in body
    assert " style=" not in body


def test_the_dashboard_counts_lessons_per_groep_and_month_and_scores_per_goal(
    client, school_class, teacher, pupils, goals
):
    coordinator = CoordinatorFactory(school=school_class.school)
    quiz = activity()
    steps = [QUESTION, ("h5p_activity", {"activity": quiz, "intro": ""})]
    lesson = link_lesson(make_lesson("Quizles", grade_band="7-8", slug="quizles", steps=steps), goals["privacy"])
    given(lesson, school_class, teacher, days_ago=0)
    given(lesson, school_class, teacher, days_ago=0)
    score(quiz, pupils[0], 1)
    from curriculum.dashboard import build_dashboard

    dashboard = build_dashboard(coordinator)
    assert dashboard.lessons_per_groep == [("Groep 7", [0] * (len(dashboard.months) - 1) + [2])]
    assert [(goal, result.percentage) for goal, result in dashboard.scores] == [(goals["privacy"], 25)]
