"""The lesson library, lesson pages with their steps, and lesson runs (a lesson given to one class)."""

import itertools
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.functions import Greatest
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.choices import GradeBand
from curriculum.choices import Coverage
from curriculum.widgets import LearningGoalSelect

from .blocks import LessonStepBlock
from .choices import Audience, LerenGoal, ProtocolTheme


def can_read_lessons(user):
    """Staff read and run lessons; pupils only see pupil views of runs for their class."""
    return user.is_authenticated and user.is_school_staff


class LerenGoalTag(models.Model):
    """One row per protocol Leren goal (L1-L4), so lessons can be filtered by goal on every database."""

    code = models.CharField(_("code"), max_length=2, unique=True, choices=LerenGoal.choices)

    class Meta:
        verbose_name = _("Leerdoel")
        verbose_name_plural = _("Leerdoelen")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.get_code_display()}"


class ThemeTag(models.Model):
    """One row per protocol theme; rows are made by the data migration from ProtocolTheme."""

    code = models.CharField(_("code"), max_length=20, unique=True, choices=ProtocolTheme.choices)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["position"]

    def __str__(self):
        return str(self.get_code_display())


class LessonIndexPage(Page):
    """The lesson library: filters for Leren goal, grade band, theme and duration, and Dutch search."""

    intro = models.TextField(_("inleiding"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["lessons.LessonPage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("lessenbibliotheek")

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_read_lessons(request.user):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .forms import LessonFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = LessonFilterForm(request.GET or None)
        context["filter_form"] = form
        context["lessons"] = form.filter(LessonPage.objects.child_of(self).live())
        return context


@dataclass
class Step:
    """One screen: a block of the step stream, with the teacher notes that follow it."""

    block: object
    notes: list = field(default_factory=list)
    next_block: object = None


class LessonPage(Page):
    aim = models.CharField(
        _("lesdoel"), max_length=250, help_text=_('Begin met "Na deze les kun je ...", in woorden van leerlingen.')
    )
    grade_band = models.CharField(_("groepen"), max_length=3, choices=GradeBand.choices)
    duration = models.PositiveSmallIntegerField(_("duur in minuten"))
    leren_goals = ParentalManyToManyField(LerenGoalTag, verbose_name=_("Leerdoelen"), related_name="lessons")
    themes = ParentalManyToManyField(ThemeTag, verbose_name=_("thema's uit het protocol"), related_name="lessons")
    steps = StreamField(LessonStepBlock(), verbose_name=_("stappen"))
    # The curriculum's learning goals this lesson works on: LessonGoalLink rows (`goal_links`), below.

    parent_page_types = ["lessons.LessonIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("aim"),
        MultiFieldPanel(
            [
                FieldPanel("grade_band"),
                FieldPanel("duration"),
                FieldPanel("leren_goals", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Voor wie en waarover"),
        ),
        InlinePanel(
            "goal_links",
            heading=_("Leerdoelen uit het curriculum"),
            label=_("Leerdoel"),
            help_text=_(
                "Aan welke leerdoelen werkt deze les, gedeeltelijk of volledig? Zo ziet de coördinator wat gedekt is."
            ),
        ),
        FieldPanel("steps"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("aim"),
        index.SearchField("steps"),
        index.FilterField("grade_band"),
        index.FilterField("duration"),
    ]

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_read_lessons(request.user):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from accounts.models import SchoolClass

        context = super().get_context(request, *args, **kwargs)
        context["steps"] = self.steps_for(Audience.TEACHER)
        # A lesson is started for a class of this school year; a duo colleague sees (and may end) a run the
        # other teacher started.
        context["classes"] = SchoolClass.objects.for_teacher(request.user).active()
        context["open_runs"] = LessonRun.objects.running().filter(lesson=self, school_class__teachers=request.user)
        return context

    def steps_for(self, audience):
        """The blocks `audience` may see, in order. The single place that applies pupil/smartboard visibility."""
        if audience == Audience.TEACHER:
            return list(self.steps)
        attribute = "pupil_visible" if audience == Audience.PUPIL else "smartboard_visible"
        return [child for child in self.steps if getattr(child.block, attribute, True)]

    def presenter_steps(self):
        """Smartboard steps, each with the teacher notes written after it (notes before the first go to it)."""
        steps, waiting_notes = [], []
        visible = set(map(id, self.steps_for(Audience.SMARTBOARD)))
        for child in self.steps:
            if id(child) in visible:
                steps.append(Step(child, notes=waiting_notes))
                waiting_notes = []
            elif steps:
                steps[-1].notes.append(child)
            else:
                waiting_notes.append(child)
        if waiting_notes and steps:
            steps[0].notes.extend(waiting_notes)
        for step, following in itertools.pairwise(steps):
            step.next_block = following.block
        return steps

    @cached_property
    def leren_goal_list(self):
        return list(self.leren_goals.all())

    @cached_property
    def theme_list(self):
        return list(self.themes.all())

    @cached_property
    def goal_link_list(self):
        """The curriculum learning goals of this lesson with their grade band, in the curriculum's order.

        One query, or none when the library prefetched `goal_links` (with `goal__page`)."""
        links = self.goal_links.all()
        if "goal_links" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("goal__page")
        return sorted(links, key=lambda link: (link.goal.page.grade_band, link.goal.sort_order or 0, link.goal_id))

    def h5p_activity_ids(self):
        """The ids of the H5P activities among the steps, read from the stored stream without a query."""
        return [
            child["value"].get("activity")
            for child in self.steps.raw_data
            if child.get("type") == "h5p_activity" and isinstance(child.get("value"), dict)
        ]


class LessonGoalLink(Orderable):
    """A lesson works on a learning goal of the curriculum, partly or fully."""

    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="goal_links")
    goal = models.ForeignKey(
        "curriculum.LearningGoal",
        verbose_name=_("leerdoel"),
        on_delete=models.CASCADE,
        related_name="lesson_links",
        limit_choices_to={"page__live": True},
    )
    coverage = models.CharField(_("dekking"), max_length=10, choices=Coverage.choices, default=Coverage.PARTIAL)

    panels = [FieldPanel("goal", widget=LearningGoalSelect), FieldPanel("coverage")]

    class Meta(Orderable.Meta):
        verbose_name = _("leerdoel van de les")
        verbose_name_plural = _("leerdoelen van de les")
        constraints = [models.UniqueConstraint(fields=["page", "goal"], name="one_link_per_lesson_and_goal")]

    def __str__(self):
        return f"{self.page} · {self.goal}"


class AlreadyRunning(Exception):
    """Another lesson runs for the class: the teacher must agree to end `run` (None: it just ended) first."""

    def __init__(self, run):
        super().__init__(run)
        self.run = run


class UnknownStep(ValueError):
    """The block id is not a smartboard step of the run's lesson (a stale window, an edited lesson)."""


class RunEnded(ValueError):
    """The run was already ended: its step no longer moves."""


def _count(queryset):
    """A correlated COUNT(*) of `queryset` as a subquery, 0 when nothing matches."""
    from django.db.models import Func, IntegerField, Subquery, Value
    from django.db.models.functions import Coalesce

    counted = queryset.order_by().annotate(n=Func(Value(1), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class LessonRunQuerySet(models.QuerySet):
    def running(self):
        return self.filter(ended_at__isnull=True)

    def finished(self):
        return self.filter(ended_at__isnull=False)

    def for_teacher(self, user):
        return self.filter(school_class__teachers=user)

    def for_pupil(self, user):
        """Runs of the pupil's current classes (not of a closed school year)."""
        from accounts.models import SchoolClass

        return self.filter(school_class__in=SchoolClass.objects.for_pupil(user))

    def with_answers(self):
        """Each run with what its class's pupils did while it ran (from start to end, or to now): `feed_answers`
        (posts and comments in the class feed, drafts not counted) and `h5p_attempts`. Correlated subqueries:
        the listing stays one query however many runs and answers there are."""
        from django.db.models import OuterRef
        from django.db.models.functions import Coalesce, Now

        from accounts.choices import Role
        from h5p.models import H5PAttempt
        from sandbox_feed.choices import PostStatus
        from sandbox_feed.models import Comment, Post

        until = Coalesce(OuterRef("ended_at"), Now())
        window = {"created_at__gte": OuterRef("started_at"), "created_at__lte": until, "author__role": Role.PUPIL}
        posts = Post.objects.filter(school_class=OuterRef("school_class"), **window).exclude(status=PostStatus.DRAFT)
        comments = Comment.objects.filter(post__school_class=OuterRef("school_class"), **window).exclude(
            status=PostStatus.DRAFT
        )
        attempts = H5PAttempt.objects.filter(
            user__pupil_classes=OuterRef("school_class"), created_at__gte=OuterRef("started_at"), created_at__lte=until
        )
        return self.annotate(
            feed_posts=_count(posts), feed_comments=_count(comments), h5p_attempts=_count(attempts)
        ).annotate(feed_answers=models.F("feed_posts") + models.F("feed_comments"))


class LessonRun(models.Model):
    """A teacher gives a lesson to one class. A finished run is the record the curriculum builds on."""

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("leerkracht"), on_delete=models.PROTECT, related_name="lesson_runs"
    )
    school_class = models.ForeignKey(
        "accounts.SchoolClass", verbose_name=_("klas"), on_delete=models.CASCADE, related_name="lesson_runs"
    )
    lesson = models.ForeignKey(
        LessonPage, verbose_name=_("les"), on_delete=models.SET_NULL, null=True, related_name="runs"
    )
    # Kept when the page is deleted later, so the record of what a class was given survives.
    lesson_title = models.CharField(_("titel van de les"), max_length=255)
    started_at = models.DateTimeField(_("begonnen om"), default=timezone.now)
    ended_at = models.DateTimeField(_("afgesloten om"), null=True, blank=True)
    # Where the teacher is: the stream block id of the smartboard step shown (pupils follow it), its place
    # among the smartboard steps (1-based, for display), the furthest step shown and how many there were.
    current_step_id = models.CharField(_("huidige stap"), max_length=64, blank=True)
    current_step_index = models.PositiveSmallIntegerField(_("nummer van de huidige stap"), default=0)
    steps_reached = models.PositiveSmallIntegerField(_("stappen bereikt"), default=0)
    step_count = models.PositiveSmallIntegerField(_("aantal stappen"), default=0)

    objects = LessonRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesronde")
        verbose_name_plural = _("lesrondes")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_class"], condition=Q(ended_at__isnull=True), name="one_running_lesson_per_class"
            ),
        ]

    def __str__(self):
        return f"{self.lesson_title} · {self.school_class}"

    @property
    def is_running(self):
        return self.ended_at is None

    @classmethod
    def running_for(cls, school_class):
        return cls.objects.running().filter(school_class=school_class).first()

    @classmethod
    def start(cls, teacher, school_class, lesson, *, replace=None):
        """Start `lesson` for `school_class` and tell the class's open pages ("lesson_start").

        A lesson still running for the class raises AlreadyRunning, unless `replace` is its pk: the teacher saw
        which lesson runs and agreed to end it. Two teachers starting at once: the database keeps one running
        lesson per class, the second start raises AlreadyRunning instead of an error."""
        from sandbox_feed import live

        steps = lesson.steps_for(Audience.SMARTBOARD)
        with transaction.atomic():
            running = cls.running_for(school_class)
            if running is not None:
                if running.pk != replace:
                    raise AlreadyRunning(running)
                running.end()
            now = timezone.now()
            try:
                with transaction.atomic():
                    run = cls.objects.create(
                        teacher=teacher,
                        school_class=school_class,
                        lesson=lesson,
                        lesson_title=lesson.title,
                        started_at=now,
                        current_step_id=steps[0].id if steps else "",
                        current_step_index=1 if steps else 0,
                        steps_reached=1 if steps else 0,
                        step_count=len(steps),
                    )
            except IntegrityError:
                raise AlreadyRunning(cls.running_for(school_class)) from None
            live.announce(school_class.pk, "lesson_start")
        return run

    def end(self):
        """End the run and tell the class ("lesson_end"); True when this call ended it, False when it was over."""
        from sandbox_feed import live

        with transaction.atomic():
            now = timezone.now()
            if not LessonRun.objects.filter(pk=self.pk, ended_at__isnull=True).update(ended_at=now):
                self.refresh_from_db(fields=["ended_at"])
                return False
            self.ended_at = now
            live.announce(self.school_class_id, "lesson_end")
        return True

    def move_to(self, block_id):
        """The teacher shows the smartboard step `block_id`: store it and tell the class ("lesson_step").
        The same step again changes nothing (two windows, a retry). Returns True when the step changed;
        raises UnknownStep for a block that is no smartboard step of the lesson, RunEnded after the end."""
        from sandbox_feed import live

        if not self.is_running:
            raise RunEnded
        lesson = self.lesson.specific if self.lesson is not None else None
        ids = [step.id for step in lesson.steps_for(Audience.SMARTBOARD)] if lesson is not None else []
        if not block_id or block_id not in ids:
            raise UnknownStep(block_id)
        index = ids.index(block_id) + 1
        with transaction.atomic():
            changed = (
                LessonRun.objects.filter(pk=self.pk, ended_at__isnull=True)
                .exclude(current_step_id=block_id)
                .update(
                    current_step_id=block_id,
                    current_step_index=index,
                    steps_reached=Greatest("steps_reached", index),
                    step_count=len(ids),
                )
            )
            if changed:
                live.announce(self.school_class_id, "lesson_step")
        self.refresh_from_db(fields=["ended_at", "current_step_id", "current_step_index", "steps_reached"])
        if not changed and not self.is_running:
            raise RunEnded
        return bool(changed)

    def pupil_position(self, lesson):
        """The pupil steps of `lesson` and the index among them of where the teacher is: the teacher's step
        itself, or the last pupil step before it (a step pupils do not see shows them the one before). None
        when the teacher is before the first pupil step; the first step when the teacher's step is unknown."""
        steps = lesson.steps_for(Audience.PUPIL)
        places = {step.id: number for number, step in enumerate(steps)}
        last = None
        for child in lesson.steps_for(Audience.TEACHER):
            last = places.get(child.id, last)
            if child.id == self.current_step_id:
                return steps, last
        return steps, (0 if steps else None)

    def pupil_did(self, pupil):
        """What `pupil` did while the run ran, for the "de les is afgelopen" page: their posts and comments in
        the class feed (drafts not counted) and their H5P attempts, per activity. Four queries."""
        from h5p.results import own_results
        from sandbox_feed.choices import PostStatus
        from sandbox_feed.models import Comment, Post

        window = {"created_at__gte": self.started_at, "created_at__lte": self.ended_at or timezone.now()}
        posts = Post.objects.filter(school_class_id=self.school_class_id, author=pupil, **window).exclude(
            status=PostStatus.DRAFT
        )
        comments = Comment.objects.filter(post__school_class_id=self.school_class_id, author=pupil, **window).exclude(
            status=PostStatus.DRAFT
        )
        activities = []
        for activity in own_results(pupil):
            activity.attempts = [
                own
                for own in activity.attempts
                if window["created_at__gte"] <= own.attempt.created_at <= window["created_at__lte"]
            ]
            if activity.attempts:
                activities.append(activity)
        return {
            "posts": list(posts.order_by("created_at")),
            "comments": list(comments.select_related("post").order_by("created_at")),
            "activities": activities,
        }
