"""Class progress: the lessons a class was given (finished lesson runs), the learning goals they worked on with
the pupils' H5P results per goal, and the suggested next lesson. A constant number of queries.

H5P results count for a learning goal when the activity is a step of a lesson linked to that goal; each pupil's
grade per activity follows the activity's own grade method (h5p.results.PupilResult), and a goal's score is
the average of those grades.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from h5p.models import H5PAttempt, H5PContent
from h5p.results import PupilResult
from lessons.models import LessonGoalLink, LessonPage, LessonRun

from .choices import Coverage
from .models import LearningGoal


@dataclass
class Score:
    percentage: int
    grades: int  # pupils x activities with a grade
    pupils: int
    activities: int


def h5p_scores(activities_by_goal, pupil_ids):
    """{goal id: Score} from the pupils' attempts on each goal's activities. Two queries."""
    activity_ids = {activity for activities in activities_by_goal.values() for activity in activities}
    if not activity_ids or not pupil_ids:
        return {}
    methods = dict(H5PContent.objects.filter(pk__in=activity_ids).values_list("pk", "grade_method"))
    attempts = {}
    rows = H5PAttempt.objects.filter(content_id__in=methods, user_id__in=pupil_ids).order_by(
        "content_id", "user_id", "number"
    )
    for attempt in rows.only("pk", "content_id", "user_id", "number", "raw_score", "max_score"):
        attempts.setdefault((attempt.content_id, attempt.user_id), []).append(attempt)
    grades = {}
    for (content_id, user_id), tries in attempts.items():
        grade = PupilResult(user_id, tries).grade(methods[content_id])
        if grade is not None:
            grades[(content_id, user_id)] = grade
    scores = {}
    for goal_id, activities in activities_by_goal.items():
        found = [(key, grade) for key, grade in grades.items() if key[0] in activities]
        if found:
            scores[goal_id] = Score(
                percentage=round(sum(grade for _key, grade in found) / len(found)),
                grades=len(found),
                pupils=len({key[1] for key, _grade in found}),
                activities=len({key[0] for key, _grade in found}),
            )
    return scores


def activities_by_goal(links):
    """{goal id: {H5P activity ids}} for LessonGoalLinks whose `page` is loaded (steps read without a query)."""
    result = {}
    for link in links:
        result.setdefault(link.goal_id, set()).update(link.page.h5p_activity_ids())
    return result


@dataclass
class GivenLesson:
    run: object
    goals: list = field(default_factory=list)  # LessonGoalLinks


@dataclass
class GoalProgress:
    goal: object
    lessons: list = field(default_factory=list)  # LessonGoalLinks of given lessons
    score: Score | None = None

    @property
    def worked_on(self):
        return bool(self.lessons)

    @property
    def coverage(self):
        """The fullest coverage any given lesson had, or None when no lesson worked on the goal yet."""
        if not self.lessons:
            return None
        return Coverage.FULL if any(link.coverage == Coverage.FULL for link in self.lessons) else Coverage.PARTIAL

    @property
    def coverage_label(self):
        return Coverage(self.coverage).label if self.coverage else ""


@dataclass
class Suggestion:
    lesson: object
    open_goals: list  # learning goals of the class's bands this lesson would cover for the first time

    @property
    def reason(self):
        from django.utils.translation import gettext as _

        if self.open_goals:
            return _("Werkt aan een leerdoel dat nog niet aan bod kwam.")
        return _("Nog niet gegeven in deze klas.")


@dataclass
class ClassProgress:
    school_class: object
    bands: list
    given: list
    goals: list  # GoalProgress for the goals of the class's grade bands
    other_goals: list  # GoalProgress for goals of other bands that given lessons worked on
    suggestions: list

    @property
    def next_lesson(self):
        return self.suggestions[0] if self.suggestions else None

    @property
    def open_goals(self):
        return [goal for goal in self.goals if not goal.worked_on]


def class_progress(school_class, suggestions=3):
    """What `school_class` had and what comes next. Eight queries whatever the number of lessons and runs."""
    bands = [band.value for band in school_class.grade_bands]
    runs = list(
        LessonRun.objects.finished()
        .filter(school_class=school_class)
        .select_related("lesson", "teacher")
        .order_by("-started_at", "-pk")
    )
    given_ids = {run.lesson_id for run in runs if run.lesson_id}
    links = list(
        LessonGoalLink.objects.filter(page_id__in=given_ids, goal__page__live=True)
        .select_related("goal__page", "page")
        .order_by("goal__page__grade_band", "goal__sort_order", "page__title")
    )
    links_by_lesson = {}
    for link in links:
        links_by_lesson.setdefault(link.page_id, []).append(link)
    given = [GivenLesson(run, links_by_lesson.get(run.lesson_id, [])) for run in runs]

    pupil_ids = list(school_class.pupils.values_list("pk", flat=True))
    scores = h5p_scores(activities_by_goal(links), pupil_ids)

    progress = {}
    for link in links:
        item = progress.setdefault(link.goal_id, GoalProgress(link.goal, score=scores.get(link.goal_id)))
        if all(known.page_id != link.page_id for known in item.lessons):
            item.lessons.append(link)
    band_goals = list(
        LearningGoal.objects.published()
        .filter(page__grade_band__in=bands)
        .select_related("page")
        .order_by("page__grade_band", "sort_order", "pk")
    )
    goals = [progress.get(goal.pk) or GoalProgress(goal) for goal in band_goals]
    in_bands = {goal.pk for goal in band_goals}
    other_goals = [item for goal_id, item in progress.items() if goal_id not in in_bands]
    open_ids = {item.goal.pk for item in goals if not item.worked_on}
    return ClassProgress(
        school_class=school_class,
        bands=school_class.grade_bands,
        given=given,
        goals=goals,
        other_goals=other_goals,
        suggestions=suggest_lessons(bands, given_ids, open_ids, suggestions),
    )


def suggest_lessons(bands, given_ids, open_goal_ids, limit):
    """Live lessons not given yet: first those that work on open learning goals of `bands` (most first, full
    before partial), then the other lessons written for those bands. Two queries."""
    # Lessons of other bands count too when they work on an open goal of these bands.
    candidates = (
        LessonPage.objects.live()
        .exclude(pk__in=given_ids)
        .filter(Q(grade_band__in=bands) | Q(goal_links__goal_id__in=open_goal_ids))
        .distinct()
        .defer("steps")
        .prefetch_related(Prefetch("goal_links", queryset=LessonGoalLink.objects.select_related("goal__page")))
        .order_by("grade_band", "title", "pk")
    )
    ranked = []
    for lesson in candidates:
        open_links = [link for link in lesson.goal_links.all() if link.goal_id in open_goal_ids]
        full = sum(link.coverage == Coverage.FULL for link in open_links)
        in_band = lesson.grade_band in bands
        ranked.append(((-len(open_links), -full, not in_band, lesson.title), lesson, open_links))
    ranked.sort(key=lambda item: item[0])
    return [Suggestion(lesson, [link.goal for link in open_links]) for _key, lesson, open_links in ranked[:limit]]
