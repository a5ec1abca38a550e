"""The lesson library, lesson pages with their steps, and lesson runs (a lesson given to one class)."""

import itertools
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import Q
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
        verbose_name = _("Leren-doel")
        verbose_name_plural = _("Leren-doelen")
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
    leren_goals = ParentalManyToManyField(LerenGoalTag, verbose_name=_("Leren-doelen"), related_name="lessons")
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
        context["classes"] = SchoolClass.objects.for_teacher(request.user)
        context["open_runs"] = LessonRun.objects.running().filter(lesson=self, teacher=request.user)
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


class LessonRunQuerySet(models.QuerySet):
    def running(self):
        return self.filter(ended_at__isnull=True)

    def finished(self):
        return self.filter(ended_at__isnull=False)

    def for_teacher(self, user):
        return self.filter(school_class__teachers=user)

    def for_pupil(self, user):
        return self.filter(school_class__pupils=user)


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
    def start(cls, teacher, school_class, lesson):
        """Start `lesson` for `school_class`; a lesson still running for that class is ended first."""
        now = timezone.now()
        cls.objects.running().filter(school_class=school_class).update(ended_at=now)
        return cls.objects.create(
            teacher=teacher, school_class=school_class, lesson=lesson, lesson_title=lesson.title, started_at=now
        )

    def end(self):
        if self.ended_at is None:
            self.ended_at = timezone.now()
            self.save(update_fields=["ended_at"])
