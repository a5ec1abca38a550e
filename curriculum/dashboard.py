"""The coordinator's dashboard: coverage per framework, lessons given per groep per month, and H5P scores per
learning goal, for the classes of the coordinator's school (an administrator: every school).
A constant number of queries."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lessons.models import LessonGoalLink, LessonRun

from . import charts
from .choices import CellStatus
from .coverage import build_matrix
from .permissions import classes_for_progress
from .progress import activities_by_goal, h5p_scores


@dataclass
class Dashboard:
    matrix: object
    coverage_chart: object
    months: list  # month labels
    lessons_per_groep: list  # [(groep label, [count per month])]
    lessons_chart: object
    scores: list  # [(learning goal, Score)]
    scores_chart: object
    classes: list


def school_year_months(today=None):
    """The first day of every month of the current school year (from August) up to this month."""
    today = today or timezone.localdate()
    year = today.year if today.month >= 8 else today.year - 1
    months, month = [], datetime.date(year, 8, 1)
    while month <= today:
        months.append(month)
        month = datetime.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def coverage_chart(matrix):
    parts = [
        (CellStatus.FULL, "bar-full"),
        (CellStatus.PARTIAL, "bar-partial"),
        (CellStatus.NO_LESSON, "bar-no-lesson"),
        (CellStatus.GAP, "bar-gap"),
    ]
    rows = []
    for framework_matrix in matrix.frameworks:
        counts = framework_matrix.counts()
        label = framework_matrix.framework.short_name
        rows.append(
            (label, [(counts[status], css, f"{label}: {status.label} {counts[status]}") for status, css in parts])
        )
    return charts.stacked_bars(rows)


def lessons_per_groep(classes, months):
    """[(groep label, [finished runs per month])] for the classes, a combination group under its own label."""
    labels = {}
    for school_class in sorted(classes, key=lambda c: (c.groep, c.groep_tot or 0)):
        labels.setdefault(school_class.pk, str(school_class.groep_display))
    series = {label: [0] * len(months) for label in labels.values()}
    if not months:
        return []
    start = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    runs = LessonRun.objects.finished().filter(school_class_id__in=labels, started_at__gte=start)
    index = {(month.year, month.month): position for position, month in enumerate(months)}
    for class_id, started_at in runs.values_list("school_class_id", "started_at"):
        local = timezone.localtime(started_at)
        position = index.get((local.year, local.month))
        if position is not None:
            series[labels[class_id]][position] += 1
    return list(series.items())


def goal_scores(classes):
    """[(learning goal, Score)] over the pupils of `classes`, for goals whose lessons hold H5P activities."""
    links = list(
        LessonGoalLink.objects.filter(page__live=True, goal__page__live=True)
        .select_related("page", "goal__page")
        .order_by("goal__page__grade_band", "goal__sort_order")
    )
    from accounts.models import User

    pupil_ids = list(User.objects.filter(pupil_classes__in=classes).values_list("pk", flat=True).distinct())
    scores = h5p_scores(activities_by_goal(links), pupil_ids)
    goals = {link.goal_id: link.goal for link in links}
    return [(goals[goal_id], score) for goal_id, score in scores.items()]


def build_dashboard(user, today=None):
    classes = list(classes_for_progress(user).select_related("school").order_by("groep", "name"))
    matrix = build_matrix()
    months = school_year_months(today)
    month_labels = [date_format(month, "M Y") for month in months]
    per_groep = lessons_per_groep(classes, months)
    scores = goal_scores(classes)
    scores.sort(key=lambda item: (item[0].page.grade_band, item[0].sort_order or 0))
    score_rows = [
        (
            f"{goal.page.get_grade_band_display()}: {goal.text}",
            score.percentage,
            _("%(goal)s: gemiddeld %(score)s%%") % {"goal": goal.text, "score": score.percentage},
        )
        for goal, score in scores
    ]
    return Dashboard(
        matrix=matrix,
        coverage_chart=coverage_chart(matrix),
        months=month_labels,
        lessons_per_groep=per_groep,
        lessons_chart=charts.small_multiples(per_groep, month_labels),
        scores=scores,
        scores_chart=charts.percentage_bars(score_rows),
        classes=classes,
    )
