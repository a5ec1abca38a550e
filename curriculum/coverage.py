"""The coverage matrix: frame goals down, grade bands across; each cell the learning goals and lessons that cover
the frame goal in that band, and whether that is full, partial or a gap. A constant number of queries.

How a cell is judged (one rule, used by the page, the CSV and the dashboard):
- a lesson covers a frame goal in a band through a learning goal of that band that maps to the frame goal;
- full when the learning goal covers the frame goal fully *and* the lesson works on that learning goal fully;
- partial when some lesson covers it otherwise;
- a gap when no lesson covers it: "leerdoel zonder les" when a learning goal is there but no lesson yet,
  "geen leerdoel" when not even a learning goal maps to it.
Only live grade band pages and live lessons count. A frame goal with sub-goals (kerndoel 21 over 21A-21D)
is a heading: learning goals cover its sub-goals.
"""

from dataclasses import dataclass, field

from accounts.choices import GradeBand

from .choices import CellStatus, Coverage, FrameworkStatus
from .models import FrameGoal, Framework, GoalMapping, LearningGoal

BANDS = list(GradeBand)


@dataclass
class LessonCoverage:
    lesson: object
    coverage: str

    @property
    def coverage_label(self):
        return Coverage(self.coverage).label


@dataclass
class GoalCoverage:
    """A learning goal in a cell: how it covers the frame goal, and the lessons that work on it."""

    goal: object
    coverage: str
    lessons: list = field(default_factory=list)

    @property
    def coverage_label(self):
        return Coverage(self.coverage).label

    @property
    def status(self):
        if not self.lessons:
            return CellStatus.NO_LESSON
        if self.coverage == Coverage.FULL and any(item.coverage == Coverage.FULL for item in self.lessons):
            return CellStatus.FULL
        return CellStatus.PARTIAL


@dataclass
class Cell:
    frame_goal_id: int
    band: GradeBand
    goals: list = field(default_factory=list)

    @property
    def status(self):
        if not self.goals:
            return CellStatus.GAP
        statuses = {goal.status for goal in self.goals}
        for status in (CellStatus.FULL, CellStatus.PARTIAL):
            if status in statuses:
                return status
        return CellStatus.NO_LESSON

    @property
    def is_gap(self):
        return self.status.is_gap

    @property
    def lessons(self):
        seen = {}
        for goal in self.goals:
            for item in goal.lessons:
                seen.setdefault(item.lesson.pk, item)
        return list(seen.values())


@dataclass
class Row:
    frame_goal: object
    cells: list
    replaced_by: list = field(default_factory=list)


@dataclass
class Section:
    """A domain (kerndoel 21, protocol 'Leren') with its sub-goals, or loose goals (heading None)."""

    heading: object
    rows: list = field(default_factory=list)


@dataclass
class FrameworkMatrix:
    framework: object
    sections: list

    @property
    def rows(self):
        return [row for section in self.sections for row in section.rows]

    def counts(self, band=None):
        """{CellStatus: number of cells}, for one band or all."""
        counts = dict.fromkeys(CellStatus, 0)
        for row in self.rows:
            for cell in row.cells:
                if band is None or cell.band == band:
                    counts[cell.status] += 1
        return counts

    @property
    def band_counts(self):
        """Per band: (band, full, partial, gaps) for the summary table."""
        result = []
        for band in BANDS:
            counts = self.counts(band)
            gaps = counts[CellStatus.NO_LESSON] + counts[CellStatus.GAP]
            result.append((band, counts[CellStatus.FULL], counts[CellStatus.PARTIAL], gaps))
        return result

    @property
    def totals(self):
        counts = self.counts()
        return {
            "full": counts[CellStatus.FULL],
            "partial": counts[CellStatus.PARTIAL],
            "no_lesson": counts[CellStatus.NO_LESSON],
            "gap": counts[CellStatus.GAP],
            "gaps": counts[CellStatus.NO_LESSON] + counts[CellStatus.GAP],
            "cells": sum(counts.values()),
        }


@dataclass
class Matrix:
    bands: list
    frameworks: list
    goals_without_lessons: list
    chosen: object = None

    @property
    def gap_count(self):
        return sum(matrix.totals["gaps"] for matrix in self.frameworks)


def frameworks_for(code=None):
    """The frameworks a matrix shows: one by its code, or all that are not replaced."""
    frameworks = Framework.objects.order_by("position", "name")
    if code:
        return list(frameworks.filter(code=code))
    return list(frameworks.exclude(status=FrameworkStatus.REPLACED))


def build_matrix(framework_code=None):
    """The matrix for one framework (by code) or all current ones. Five queries whatever the size."""
    from lessons.models import LessonGoalLink

    frameworks = frameworks_for(framework_code)
    goals = list(
        FrameGoal.objects.filter(framework__in=frameworks)
        .select_related("replaces__framework")
        .order_by("framework__position", "position", "code", "pk")
    )
    replaced_by = {}
    for newer in FrameGoal.objects.filter(replaces__in=goals).select_related("framework").order_by("code"):
        replaced_by.setdefault(newer.replaces_id, []).append(newer)

    mappings = (
        GoalMapping.objects.filter(frame_goal__in=goals, goal__page__live=True)
        .select_related("goal__page")
        .order_by("goal__page__grade_band", "goal__sort_order", "goal_id", "sort_order")
    )
    links = (
        LessonGoalLink.objects.filter(page__live=True, goal__page__live=True)
        .select_related("page")
        .order_by("page__title", "page_id")
    )
    lessons_by_goal = {}
    for link in links:
        lessons_by_goal.setdefault(link.goal_id, []).append(LessonCoverage(link.page, link.coverage))

    cells = {}
    for mapping in mappings:
        band = GradeBand(mapping.goal.page.grade_band)
        cell = cells.setdefault((mapping.frame_goal_id, band), Cell(mapping.frame_goal_id, band))
        cell.goals.append(GoalCoverage(mapping.goal, mapping.coverage, lessons_by_goal.get(mapping.goal_id, [])))

    parents = {goal.parent_id for goal in goals if goal.parent_id}
    sections_of = {framework.pk: [] for framework in frameworks}
    sections = {}

    def section(key, framework_id):
        if key not in sections:
            sections[key] = Section(None)
            sections_of[framework_id].append(sections[key])
        return sections[key]

    for goal in goals:
        if goal.pk in parents:
            section(goal.pk, goal.framework_id).heading = goal
            continue
        row_cells = [cells.get((goal.pk, band)) or Cell(goal.pk, band) for band in BANDS]
        key = goal.parent_id or ("loose", goal.framework_id)
        section(key, goal.framework_id).rows.append(Row(goal, row_cells, replaced_by.get(goal.pk, [])))

    goals_without_lessons = [
        goal
        for goal in LearningGoal.objects.published()
        .select_related("page")
        .order_by("page__grade_band", "sort_order", "pk")
        if goal.pk not in lessons_by_goal
    ]
    chosen = frameworks[0] if framework_code and frameworks else None
    return Matrix(
        bands=BANDS,
        frameworks=[FrameworkMatrix(framework, sections_of[framework.pk]) for framework in frameworks],
        goals_without_lessons=goals_without_lessons,
        chosen=chosen,
    )


def csv_rows(matrix):
    """The matrix as rows: one per frame goal and grade band."""
    from django.utils.translation import gettext as _

    yield [
        _("Kader"),
        _("Code"),
        _("Kaderdoel"),
        _("Groepen"),
        _("Dekking"),
        _("Leerdoelen"),
        _("Lessen"),
    ]
    for framework_matrix in matrix.frameworks:
        for row in framework_matrix.rows:
            for cell in row.cells:
                yield [
                    framework_matrix.framework.short_name,
                    row.frame_goal.code,
                    row.frame_goal.title,
                    cell.band.label,
                    cell.status.label,
                    " | ".join(f"{item.goal.text} ({item.coverage_label})" for item in cell.goals),
                    " | ".join(f"{item.lesson.title} ({item.coverage_label})" for item in cell.lessons),
                ]
