"""The anonymised research export: which tables go in, their rows, the k-rule and the per-export pseudonyms.

`ResearchExport(schools)` reads the database table by table; `research_files.py` writes the tables as one HDF5
file or as CSV files in a zip. The layout is the reader's contract and is documented in docs/research-export.md:
change both together and raise SCHEMA_VERSION.

What never goes in: names, usernames, texts, photos, exact times and database ids of people or classes. Pupils,
classes and schools become small numbers that hold within one export only (see `Numbering`). Every table that
describes pupils drops the cells that cover fewer than K pupils (see the `K_RULE_*` texts, which the file
carries as attributes). Memory stays bounded: rows are read in chunks and written per ISO week; what is kept
whole grows with pupils, classes and questions, never with the number of events.
"""

import hashlib
import heapq
import hmac
import math
import secrets
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, Count, Q, Value, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from accounts.choices import GradeBand, Role
from accounts.models import SchoolClass, User
from curriculum.models import LearningGoal
from h5p.models import H5PAttempt, H5PContent, H5PSubContentResult
from h5p.results import is_right
from lessons.models import LessonGoalLink, LessonPage, LessonRun
from sandbox_feed.choices import PostKind, PostStatus, SourceKind
from sandbox_feed.models import Comment, ModerationLog, Post, PostView, Reaction, Report

from . import placeholder

SCHEMA_VERSION = 1
# The smallest number of distinct pupils a cell (a row of counts, or the events of one kind in one class and
# week) may cover. Not a setting: lowering it would make the file identifying.
K = 5
MISSING = -1
CHUNK_ROWS = 500  # rows fetched from the database at a time, per kind of event

K_RULE_EVENTS = (
    f"Events are kept per cell of class, ISO week and event type only when at least {K} distinct pupils have "
    f"an event of that type in that class and week; lesson_run events only when one of the class's cells of "
    f"that week is kept."
)
K_RULE_COUNTS = f"A row is kept only when it covers at least {K} distinct pupils (the pupils column)."
K_RULE_REPORTS = (
    f"A row is kept only when at least {K} distinct pupils reported, and, when the reported posts or comments "
    f"are pupils', at least {K} distinct pupils wrote them."
)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "str" (variable-length UTF-8), "int32", "int64" or "float64"
    description: str
    units: str = ""


@dataclass
class Table:
    """One table: an HDF5 group of equally long column datasets, or one CSV file. `rows()` yields tuples in
    column order; `suppressed_cells` and `row_count` are filled in while the rows are read."""

    group: str
    name: str
    description: str
    columns: tuple
    rows: object  # a callable returning an iterator of tuples
    k_rule: str = ""
    suppressed_cells: int = 0
    row_count: int = 0

    @property
    def path(self):
        return f"{self.group}/{self.name}"

    def attributes(self):
        attributes = {"description": self.description, "rows": self.row_count}
        if self.k_rule:
            attributes.update(k_rule=self.k_rule, k=K, suppressed_cells=self.suppressed_cells)
        return attributes


def _pseudonym_columns(pupil=True):
    columns = [
        Column("school", "int32", "School number: the same school has the same number within this export only."),
    ]
    if pupil:
        columns += [
            Column("class", "int32", "Class number: the same class has the same number within this export only."),
            Column(
                "pupil",
                "int32",
                "Pupil number: the same pupil has the same number everywhere in this export, and a different "
                "one in any other export; -1 for an event of the whole class (lesson_run).",
            ),
        ]
    return columns


LESSON = Column(
    "lesson",
    "int64",
    "Lesson page id (see /lookup/lessons): the lesson running in the class at the time; for H5P, when none "
    "ran, the one lesson that holds the activity. -1 when there is none.",
)
EVENT_LEARNING_GOAL = Column(
    "learning_goal",
    "int64",
    "Curriculum learning goal id (see /lookup/learning_goals) when the lesson has exactly one; -1 when it has "
    "none or several (join lesson with /lookup/lesson_goals for every goal).",
)
H5P_LEARNING_GOAL = Column(
    "learning_goal",
    "int64",
    "Curriculum learning goal id (see /lookup/learning_goals): a row per goal of the lesson, so an answer counts "
    "once for each goal; -1 when the lesson has none or there is no lesson.",
)

EVENT_COLUMNS = (
    Column("week", "str", "When: the ISO 8601 week of the event in Europe/Amsterdam time.", "YYYY-Www"),
    *_pseudonym_columns(),
    Column(
        "event",
        "str",
        "What: post, comment, reaction (emoji), view (a pupil saw a classmate's post for the first time), report, "
        "h5p_attempt or lesson_run (the teacher started a lesson for the class).",
    ),
    LESSON,
    EVENT_LEARNING_GOAL,
)
H5P_COLUMNS = (
    *_pseudonym_columns(pupil=False),
    Column("activity", "int64", "H5P activity id (see /lookup/activities)."),
    Column("question", "str", "The question's H5P subContentId within the activity."),
    Column("interaction", "str", "The xAPI interaction type (choice, fill-in, true-false, ...); empty if unknown."),
    LESSON,
    H5P_LEARNING_GOAL,
    Column("answers", "int32", "Answers given (every attempt counts).", "answers"),
    Column("pupils", "int32", "Distinct pupils who answered.", "pupils"),
    Column("judged", "int32", "Answers that could be judged right or wrong.", "answers"),
    Column("right", "int32", "Judged answers that were right (success, else full marks).", "answers"),
    Column("right_share", "float64", "right / judged; NaN when nothing could be judged.", "fraction 0-1"),
    Column("mean_scaled", "float64", "Mean of score / maximum score over answers with a maximum; NaN if none.", "0-1"),
)
MODERATION_COLUMNS = (
    *_pseudonym_columns(pupil=False),
    Column(
        "action",
        "str",
        "The teacher's action on a pupil's post, comment or account, as the moderation log names it: approve, "
        "reject, hide, unhide, delete, release_photo, mute, unmute, override, ...",
    ),
    Column(
        "reason",
        "str",
        "The class rule given with a refusal: unkind, privacy, copyright, photo_consent, untrue, off_task, other; "
        "empty when none was given.",
    ),
    Column("actions", "int32", "Number of actions.", "actions"),
    Column("pupils", "int32", "Distinct pupils the actions were about.", "pupils"),
)
REPORT_COLUMNS = (
    *_pseudonym_columns(pupil=False),
    Column("reason", "str", "Why the pupil reported: mean, untrue, privacy, copyright, other."),
    Column(
        "outcome",
        "str",
        "What the teacher did: a moderation action (hide, delete, dismiss_report, ...); empty while open.",
    ),
    Column(
        "target",
        "str",
        "Whose post or comment was reported: pupil, or staff (teachers' posts and the practice accounts' "
        "scenario posts).",
    ),
    Column("reports", "int32", "Number of reports.", "reports"),
    Column("reporters", "int32", "Distinct pupils who reported.", "pupils"),
    Column("authors", "int32", "Distinct pupils whose posts or comments were reported (0 for staff).", "pupils"),
)
CITATION_COLUMNS = (
    *_pseudonym_columns(pupil=False),
    Column("source", "str", "What the pupil used: quote, image, video, ai, paraphrase."),
    Column("verdict", "str", "The teacher's verdict on the citation: unchecked, correct, incorrect."),
    Column("posts", "int32", "Number of posts.", "posts"),
    Column("pupils", "int32", "Distinct pupils who wrote them.", "pupils"),
)
LESSON_LOOKUP_COLUMNS = (
    Column("lesson", "int64", "Lesson page id, as in the lesson columns."),
    Column("title", "str", "The lesson's title in the lesson library."),
    Column("grade_band", "str", "The groups the lesson is written for.", "groep N-M"),
)
ACTIVITY_LOOKUP_COLUMNS = (
    Column("activity", "int64", "H5P activity id, as in the activity column."),
    Column("title", "str", "The activity's title."),
)
LESSON_GOAL_LOOKUP_COLUMNS = (
    Column("lesson", "int64", "Lesson page id, as in the lesson columns."),
    Column("learning_goal", "int64", "A learning goal the lesson works on."),
    Column("coverage", "str", "How far the lesson covers the goal: partial or full."),
)
GOAL_LOOKUP_COLUMNS = (
    Column("learning_goal", "int64", "Learning goal id, as in the learning_goal columns."),
    Column("text", "str", "The goal as the curriculum words it (Ik kan ...)."),
    Column("grade_band", "str", "The grade band page the goal is on.", "groep N-M"),
)


class Numbering:
    """Small numbers for ids: the rank (from 1) of an HMAC-SHA256 of each id, keyed with the export's salt.

    The salt is random per export and never stored, so the numbers say nothing about the ids (not even their
    order) and two exports cannot be linked through them."""

    def __init__(self, salt, kind, ids):
        def digest(pk):
            return hmac.new(salt, f"{kind}:{pk}".encode(), hashlib.sha256).digest()

        ranked = sorted(set(ids), key=digest)
        self._numbers = {pk: number for number, pk in enumerate(ranked, start=1)}

    def __getitem__(self, pk):
        return self._numbers[pk]

    def __len__(self):
        return len(self._numbers)


def week_label(monday):
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _pupil(prefix):
    return Q(**{f"{prefix}__role": Role.PUPIL}) & ~Q(**{f"{prefix}__username": placeholder.USERNAME})


@dataclass(frozen=True)
class Source:
    """A kind of pupil event in the class feed: its rows, and where its time, class and pupil are."""

    event: str
    time: str
    school_class: str
    pupil: str

    def queryset(self, class_ids):
        return _FEED_QUERYSETS[self.event](class_ids)


_FEED_QUERYSETS = {
    "post": lambda class_ids: Post.objects.filter(
        _pupil("author"), school_class__in=class_ids, kind=PostKind.PUPIL
    ).exclude(status=PostStatus.DRAFT),
    "comment": lambda class_ids: Comment.objects.filter(_pupil("author"), post__school_class__in=class_ids).exclude(
        status=PostStatus.DRAFT
    ),
    "reaction": lambda class_ids: Reaction.objects.filter(_pupil("user"), post__school_class__in=class_ids),
    "view": lambda class_ids: PostView.objects.filter(_pupil("pupil"), post__school_class__in=class_ids),
    "report": lambda class_ids: Report.objects.filter(_pupil("reporter"), school_class__in=class_ids),
}
FEED_SOURCES = (
    Source("post", "created_at", "school_class_id", "author_id"),
    Source("comment", "created_at", "post__school_class_id", "author_id"),
    Source("reaction", "created_at", "post__school_class_id", "user_id"),
    Source("view", "seen_at", "post__school_class_id", "pupil_id"),
    Source("report", "created_at", "school_class_id", "reporter_id"),
)
H5P_ATTEMPT = "h5p_attempt"
LESSON_RUN = "lesson_run"


@dataclass
class Group:
    """The classes of one school year and grade band in the export's schools: one HDF5 group."""

    school_year: str
    grade_band: str
    class_ids: set = field(default_factory=set)

    @property
    def path(self):
        return f"{self.school_year}/{self.grade_band}"

    def attributes(self):
        low, high = (int(part) for part in self.grade_band.split("-"))
        return {
            "school_year": self.school_year,
            "grade_band": self.grade_band,
            "groups": [low, high],
            "description": f"Classes of groep {low} and {high} in school year {self.school_year}.",
            "classes": len(self.class_ids),
        }

    def year_range(self, tz):
        """The school year as times: from 1 August to the next 1 August (as accounts.current_school_year)."""
        start = int(self.school_year[:4])
        return datetime(start, 8, 1, tzinfo=tz), datetime(start + 1, 8, 1, tzinfo=tz)


class ResearchExport:
    """One export of `schools` (a list of School objects; all of them for the whole board)."""

    def __init__(self, schools, *, whole_board=False):
        self.schools = list(schools)
        self.whole_board = whole_board
        self.created_on = timezone.localdate()
        self.tz = ZoneInfo(settings.TIME_ZONE)
        # Random per export and held only here: it is never written, logged or stored.
        salt = secrets.token_bytes(32)
        self.school_ids = [school.pk for school in self.schools]
        classes = list(
            SchoolClass.objects.filter(school_id__in=self.school_ids)
            .order_by("pk")
            .values_list("pk", "school_id", "school_year", "groep")
        )
        self.school_of_class = {pk: school_id for pk, school_id, _year, _groep in classes}
        groups = {}
        for pk, _school, year, groep in classes:
            band = GradeBand.for_groep(groep).value
            groups.setdefault((year, band), Group(year, band)).class_ids.add(pk)
        self.groups = [groups[key] for key in sorted(groups)]
        self.home_class = self._home_classes()
        self.school_numbers = Numbering(salt, "school", self.school_ids)
        self.class_numbers = Numbering(salt, "class", self.school_of_class)
        self.pupil_numbers = Numbering(salt, "pupil", self._pupil_ids())
        self.goal_links = self._goal_links()
        self.lesson_of_activity = self._lessons_holding_activities()
        self.lessons_seen = set()
        self.activities_seen = set()

    # Who and what is in scope

    def _home_classes(self):
        """(pupil id, school year) -> the class an H5P attempt of that year counts for: the pupil's class in that
        school year (the lowest id when there are several). Attempts carry no class of their own."""
        home = {}
        memberships = (
            SchoolClass.pupils.through.objects.filter(schoolclass__school_id__in=self.school_ids)
            .order_by("schoolclass_id")
            .values_list("user_id", "schoolclass__school_year", "schoolclass_id")
        )
        for pupil_id, year, class_id in memberships:
            home.setdefault((pupil_id, year), class_id)
        return home

    @staticmethod
    def _goal_links():
        """lesson id -> [(learning goal id, coverage)] in the lesson's own order (lessons.LessonGoalLink)."""
        links = {}
        for lesson_id, goal_id, coverage in LessonGoalLink.objects.order_by("page_id", "sort_order", "pk").values_list(
            "page_id", "goal_id", "coverage"
        ):
            links.setdefault(lesson_id, []).append((goal_id, coverage))
        return links

    @staticmethod
    def _lessons_holding_activities():
        """H5P activity id -> the one live lesson that holds it (activities in several lessons are left out)."""
        holders = {}
        for lesson in LessonPage.objects.live().only("pk", "steps"):
            for activity_id in set(lesson.h5p_activity_ids()):
                holders.setdefault(activity_id, set()).add(lesson.pk)
        return {activity_id: lessons.pop() for activity_id, lessons in holders.items() if len(lessons) == 1}

    def _pupil_ids(self):
        ids = {pupil_id for pupil_id, _year in self.home_class}
        for group in self.groups:
            for source in FEED_SOURCES:
                ids.update(source.queryset(group.class_ids).order_by().values_list(source.pupil, flat=True).distinct())
        return ids

    @property
    def scope(self):
        return "board" if self.whole_board else "school"

    def attributes(self):
        return {
            "schema_version": SCHEMA_VERSION,
            "title": "Oefenfeed anonymised research export",
            "description": (
                "Pupils' activity in Oefenfeed for curriculum evaluation: events per ISO week, H5P results per "
                "question, moderation outcomes, reports and citation verdicts, in groups per school year and "
                "grade band. No names, texts, photos or exact times. See docs/research-export.md."
            ),
            "created_on": self.created_on.isoformat(),
            "scope": self.scope,
            "schools": len(self.schools),
            "k": K,
            "time_bucket": "ISO 8601 week (YYYY-Www), Europe/Amsterdam",
            "pseudonyms": (
                "School, class and pupil numbers are ranks of an HMAC-SHA256 keyed with a random salt made for "
                "this export and never stored: they hold within this file only."
            ),
            "missing_values": "-1 in integer columns, NaN in float columns",
        }

    # The tables

    def tables(self):
        """Every table in writing order: per group events, h5p_questions, moderation, reports, citations; then
        the lookups of the lessons, activities and learning goals the groups mention."""
        for group in self.groups:
            yield Table(
                group.path,
                "events",
                "One row per pupil event (and per lesson started for the class), by week, in kept cells only.",
                EVENT_COLUMNS,
                lambda table, group=group: self._event_rows(group, table),
                K_RULE_EVENTS,
            )
            yield Table(
                group.path,
                "h5p_questions",
                "H5P results per question, lesson and learning goal, over every attempt of the school year.",
                H5P_COLUMNS,
                lambda table, group=group: self._h5p_rows(group, table),
                K_RULE_COUNTS,
            )
            yield Table(
                group.path,
                "moderation",
                "Teachers' moderation of pupils' posts, comments and accounts by action and reason.",
                MODERATION_COLUMNS,
                lambda table, group=group: self._moderation_rows(group, table),
                K_RULE_COUNTS,
            )
            yield Table(
                group.path,
                "reports",
                "Pupils' reports of posts and comments by reason and outcome.",
                REPORT_COLUMNS,
                lambda table, group=group: self._report_rows(group, table),
                K_RULE_REPORTS,
            )
            yield Table(
                group.path,
                "citations",
                "Pupils' posts that use someone else's work, by kind of source and the teacher's verdict.",
                CITATION_COLUMNS,
                lambda table, group=group: self._citation_rows(group, table),
                K_RULE_COUNTS,
            )
        yield Table("lookup", "lessons", "The lessons the groups mention.", LESSON_LOOKUP_COLUMNS, self._lesson_rows)
        yield Table(
            "lookup",
            "activities",
            "The H5P activities the groups mention.",
            ACTIVITY_LOOKUP_COLUMNS,
            self._activity_rows,
        )
        yield Table(
            "lookup",
            "learning_goals",
            "The learning goals of the lessons the groups mention.",
            GOAL_LOOKUP_COLUMNS,
            self._goal_rows,
        )
        yield Table(
            "lookup",
            "lesson_goals",
            "Which learning goals each lesson the groups mention works on.",
            LESSON_GOAL_LOOKUP_COLUMNS,
            self._lesson_goal_rows,
        )

    # Events

    def _weeks(self, queryset, time_field):
        return queryset.annotate(week=TruncWeek(time_field, tzinfo=self.tz)).order_by()

    def _attempts(self, group):
        start, end = group.year_range(self.tz)
        pupils = User.objects.filter(pupil_classes__in=group.class_ids)
        return H5PAttempt.objects.filter(user__in=pupils, created_at__gte=start, created_at__lt=end)

    def _home(self, group, pupil_id):
        """The class of `group` an attempt of `pupil_id` counts for, or None when it counts elsewhere."""
        class_id = self.home_class.get((pupil_id, group.school_year))
        return class_id if class_id in group.class_ids else None

    def _cells(self, group):
        """(class id, week, event) -> distinct pupils, for every cell of the group (the k-rule's input)."""
        cells = {}
        for source in FEED_SOURCES:
            counted = (
                self._weeks(source.queryset(group.class_ids), source.time)
                .values_list(source.school_class, "week")
                .annotate(pupils=Count(source.pupil, distinct=True))
            )
            for class_id, week, pupils in counted:
                cells[(class_id, week_label(week), source.event)] = pupils
        # An attempt's class is worked out here, not in the database: count each (pupil, week) pair once.
        h5p = Counter()
        pairs = self._weeks(self._attempts(group), "created_at").values_list("user_id", "week").distinct()
        for pupil_id, week in pairs.iterator(chunk_size=CHUNK_ROWS):
            class_id = self._home(group, pupil_id)
            if class_id is not None:
                h5p[(class_id, week_label(week), H5P_ATTEMPT)] += 1
        cells.update(h5p)
        return cells

    def _lesson_runs(self, group):
        """class id -> (start times, runs) sorted by start, to find the lesson running at a moment."""
        runs = {}
        for class_id, started, ended, lesson_id in (
            LessonRun.objects.filter(school_class__in=group.class_ids)
            .order_by("school_class_id", "started_at", "pk")
            .values_list("school_class_id", "started_at", "ended_at", "lesson_id")
        ):
            starts, items = runs.setdefault(class_id, ([], []))
            starts.append(started)
            items.append((ended, lesson_id))
        return runs

    @staticmethod
    def _lesson_at(runs, class_id, when):
        starts, items = runs.get(class_id, ((), ()))
        index = bisect_right(starts, when) - 1
        if index < 0:
            return MISSING
        ended, lesson_id = items[index]
        if lesson_id is None or (ended is not None and when >= ended):
            return MISSING
        return lesson_id

    def _feed_events(self, group, source):
        rows = (
            self._weeks(source.queryset(group.class_ids), source.time)
            .order_by("week")
            .values_list("week", source.school_class, source.pupil, source.time)
        )
        for week, class_id, pupil_id, when in rows.iterator(chunk_size=CHUNK_ROWS):
            yield week, class_id, pupil_id, source.event, when, None

    def _attempt_events(self, group, runs):
        rows = (
            self._weeks(self._attempts(group), "created_at")
            .order_by("week")
            .values_list("week", "user_id", "created_at", "content_id")
        )
        for week, pupil_id, when, activity_id in rows.iterator(chunk_size=CHUNK_ROWS):
            class_id = self._home(group, pupil_id)
            if class_id is not None:
                yield (
                    week,
                    class_id,
                    pupil_id,
                    H5P_ATTEMPT,
                    when,
                    self._attempt_lesson(runs, class_id, when, activity_id),
                )

    def _lesson_run_events(self, group):
        rows = (
            self._weeks(LessonRun.objects.filter(school_class__in=group.class_ids), "started_at")
            .order_by("week")
            .values_list("week", "school_class_id", "started_at", "lesson_id")
        )
        for week, class_id, when, lesson_id in rows.iterator(chunk_size=CHUNK_ROWS):
            yield week, class_id, None, LESSON_RUN, when, MISSING if lesson_id is None else lesson_id

    def _event_rows(self, group, table):
        cells = self._cells(group)
        kept = {key for key, pupils in cells.items() if pupils >= K}
        table.suppressed_cells = len(cells) - len(kept)
        class_weeks = {(class_id, week) for class_id, week, _event in kept}
        runs = self._lesson_runs(group)
        streams = [self._feed_events(group, source) for source in FEED_SOURCES]
        streams += [self._attempt_events(group, runs), self._lesson_run_events(group)]
        # Every stream comes ordered by week; the rows of one week are sorted by numbers before they are written,
        # so their order says nothing about the time of day or who came first.
        for _week, rows in groupby(heapq.merge(*streams, key=itemgetter(0)), key=itemgetter(0)):
            batch = []
            for week, class_id, pupil_id, event, when, lesson_id in rows:
                label = week_label(week)
                if pupil_id is None:
                    if (class_id, label) not in class_weeks:
                        continue
                elif (class_id, label, event) not in kept:
                    continue
                if lesson_id is None:
                    lesson_id = self._lesson_at(runs, class_id, when)
                batch.append(
                    (
                        label,
                        self.school_numbers[self.school_of_class[class_id]],
                        self.class_numbers[class_id],
                        MISSING if pupil_id is None else self.pupil_numbers[pupil_id],
                        event,
                        lesson_id,
                        self._goal_of(lesson_id),
                    )
                )
            batch.sort()
            for row in batch:
                self.lessons_seen.add(row[5])
            yield from batch

    def _goal_of(self, lesson_id):
        """The lesson's learning goal when it has exactly one; MISSING when it has none or several."""
        goals = self.goal_links.get(lesson_id, ())
        return goals[0][0] if len(goals) == 1 else MISSING

    def _goals_of(self, lesson_id):
        """Every learning goal of the lesson, or (MISSING,) for a row without a goal."""
        return [goal_id for goal_id, _coverage in self.goal_links.get(lesson_id, ())] or [MISSING]

    def _attempt_lesson(self, runs, class_id, when, activity_id):
        """An H5P attempt's lesson: the one running in the class, else the one lesson holding the activity."""
        lesson_id = self._lesson_at(runs, class_id, when)
        if lesson_id == MISSING:
            return self.lesson_of_activity.get(activity_id, MISSING)
        return lesson_id

    # Aggregates

    def _school(self, class_id):
        return self.school_numbers[self.school_of_class[class_id]]

    @staticmethod
    def _keep(table, cells, enough):
        """The rows (key + counts) of the cells `enough` accepts, sorted by key; the others are counted as
        suppressed. Keys are numbers and codes, so the order says nothing about the data's order."""
        rows = []
        for key in sorted(cells):
            row = (*key, *cells[key])
            if enough(row):
                rows.append(row)
            else:
                table.suppressed_cells += 1
        return rows

    def _h5p_rows(self, group, table):
        runs = self._lesson_runs(group)
        results = (
            H5PSubContentResult.objects.filter(attempt__in=self._attempts(group))
            .order_by("attempt__user_id", "pk")
            .values_list(
                "attempt__user_id",
                "attempt__created_at",
                "attempt__content_id",
                "sub_content_id",
                "interaction_type",
                "raw_score",
                "max_score",
                "success",
            )
        )
        # Ordered by pupil, so "a new pupil in this cell" is "not the last pupil this cell saw": distinct pupils
        # are counted without keeping anyone's id.
        cells = {}
        for pupil_id, when, activity, question, interaction, raw, maximum, success in results.iterator(
            chunk_size=CHUNK_ROWS
        ):
            class_id = self._home(group, pupil_id)
            if class_id is None:
                continue
            lesson_id = self._attempt_lesson(runs, class_id, when, activity)
            right = is_right(_Answer(success, raw, maximum))
            for goal_id in self._goals_of(lesson_id):
                key = (self._school(class_id), activity, question, interaction, lesson_id, goal_id)
                cell = cells.setdefault(key, [0, 0, 0, 0, 0.0, 0, None])
                cell[0] += 1
                if cell[6] != pupil_id:
                    cell[1] += 1
                    cell[6] = pupil_id
                if right is not None:
                    cell[2] += 1
                    cell[3] += int(right)
                if raw is not None and maximum:
                    cell[4] += float(raw / maximum)
                    cell[5] += 1
        counts = {
            key: (
                answers,
                pupils,
                judged,
                right,
                right / judged if judged else math.nan,
                total / scored if scored else math.nan,
            )
            for key, (answers, pupils, judged, right, total, scored, _last) in cells.items()
        }
        rows = self._keep(table, counts, lambda row: row[7] >= K)
        for row in rows:
            self.activities_seen.add(row[1])
            self.lessons_seen.add(row[4])
        return iter(rows)

    def _moderation_rows(self, group, table):
        counted = (
            ModerationLog.objects.filter(_pupil("pupil"), school_class__in=group.class_ids)
            .order_by()
            .values_list("school_class__school_id", "action", "reason")
            .annotate(actions=Count("pk"), pupils=Count("pupil", distinct=True))
        )
        cells = {
            (self.school_numbers[school_id], action, reason): (actions, pupils)
            for school_id, action, reason, actions, pupils in counted
        }
        return iter(self._keep(table, cells, lambda row: row[4] >= K))

    def _report_rows(self, group, table):
        by_pupil = Q(post__author__role=Role.PUPIL) | Q(comment__author__role=Role.PUPIL)
        counted = (
            Report.objects.filter(_pupil("reporter"), school_class__in=group.class_ids)
            .annotate(
                target=Case(When(by_pupil, then=Value("pupil")), default=Value("staff")),
                author=Case(
                    When(post__author__role=Role.PUPIL, then="post__author_id"),
                    When(comment__author__role=Role.PUPIL, then="comment__author_id"),
                ),
            )
            .order_by()
            .values_list("school_class__school_id", "reason", "outcome", "target")
            .annotate(
                reports=Count("pk"), reporters=Count("reporter", distinct=True), authors=Count("author", distinct=True)
            )
        )
        cells = {
            (self.school_numbers[school_id], reason, outcome, target): (reports, reporters, authors)
            for school_id, reason, outcome, target, reports, reporters, authors in counted
        }

        def check(row):
            _school, _reason, _outcome, target, _reports, reporters, authors = row
            return reporters >= K and (target == "staff" or authors >= K)

        return iter(self._keep(table, cells, check))

    def _citation_rows(self, group, table):
        counted = (
            Post.objects.filter(_pupil("author"), school_class__in=group.class_ids, kind=PostKind.PUPIL)
            .exclude(status=PostStatus.DRAFT)
            .exclude(source_kind=SourceKind.OWN)
            .order_by()
            .values_list("school_class__school_id", "source_kind", "citation_verdict")
            .annotate(posts=Count("pk"), pupils=Count("author", distinct=True))
        )
        cells = {}
        for school_id, source, verdict, posts, pupils in counted:
            cells[(self.school_numbers[school_id], source, verdict or "unchecked")] = (posts, pupils)
        return iter(self._keep(table, cells, lambda row: row[4] >= K))

    # Lookups

    def _lesson_rows(self, table):
        lessons = LessonPage.objects.filter(pk__in=self.lessons_seen - {MISSING}).order_by("pk")
        for lesson in lessons.only("pk", "title", "grade_band"):
            yield lesson.pk, lesson.title, lesson.grade_band

    def _activity_rows(self, table):
        yield from H5PContent.objects.filter(pk__in=self.activities_seen).order_by("pk").values_list("pk", "title")

    def _lesson_goal_rows(self, table):
        for lesson_id in sorted(self.lessons_seen - {MISSING}):
            for goal_id, coverage in self.goal_links.get(lesson_id, ()):
                yield lesson_id, goal_id, coverage

    def _goal_rows(self, table):
        goal_ids = {
            goal_id for lesson_id in self.lessons_seen for goal_id, _coverage in self.goal_links.get(lesson_id, ())
        }
        goals = LearningGoal.objects.filter(pk__in=goal_ids).order_by("pk")
        yield from goals.values_list("pk", "text", "page__grade_band")


@dataclass(frozen=True)
class _Answer:
    """The fields h5p.results.is_right reads, from a values_list row."""

    success: bool | None
    raw_score: object
    max_score: object
