"""The curriculum: frameworks and their goals as data, per grade band the coordinator's own learning goals
("Ik kan ...") mapped to frame goals, the coverage views on the curriculum page, and the review task.

Frameworks and frame goals (kerndoelen, SLO domains, Mediawijzer competences, protocol points) are editable
snippets, not constants: the kerndoelen numbering is still a concept and schools may refine it. Migration 0002
loads them from `data/frameworks.json`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page
from wagtail.search import index

from accounts.choices import GradeBand

from .admin_forms import GradeBandPageForm
from .choices import Coverage, FrameworkStatus
from .widgets import FrameGoalSelect


class Framework(index.Indexed, models.Model):
    """A set of goals from outside the school: the kerndoelen, SLO's domains, Mediawijzer, the protocol."""

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Bijvoorbeeld kerndoelen-2025."))
    name = models.CharField(_("naam"), max_length=150)
    short_name = models.CharField(_("korte naam"), max_length=40, help_text=_("Voor tabellen, bijvoorbeeld SLO."))
    status = models.CharField(_("status"), max_length=20, choices=FrameworkStatus.choices)
    applies_from = models.DateField(_("geldt vanaf"), null=True, blank=True)
    description = models.TextField(_("toelichting"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("code"),
        FieldPanel("status"),
        FieldPanel("applies_from"),
        FieldPanel("description"),
        FieldPanel("position"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("kader")
        verbose_name_plural = _("kaders")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def is_replaced(self):
        return self.status == FrameworkStatus.REPLACED


class FrameGoalQuerySet(models.QuerySet):
    def coverable(self):
        """Goals a learning goal can cover: those without sub-goals (a domain is covered through its sub-goals)."""
        return self.filter(children__isnull=True)

    def in_order(self):
        return self.select_related("framework", "parent", "replaces").order_by(
            "framework__position", "framework__name", "position", "code"
        )


class FrameGoal(index.Indexed, models.Model):
    framework = models.ForeignKey(Framework, verbose_name=_("kader"), on_delete=models.PROTECT, related_name="goals")
    code = models.CharField(_("code"), max_length=20, help_text=_("Bijvoorbeeld 23A, L3 of Vinden."))
    title = models.CharField(_("omschrijving"), max_length=255)
    description = models.TextField(_("toelichting"), blank=True, help_text=_("In onze eigen woorden."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hoort bij"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Voor een subdoel: het domein of kerndoel waar het onder valt, bijvoorbeeld 21 bij 21A."),
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("vervangt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        help_text=_("Het kaderdoel (uit een ouder kader) dat dit doel vervangt."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = FrameGoalQuerySet.as_manager()

    panels = [
        FieldPanel("framework"),
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("parent", widget=FrameGoalSelect),
        FieldPanel("replaces", widget=FrameGoalSelect),
        FieldPanel("position"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("code"),
        index.AutocompleteField("title"),
        index.FilterField("framework"),
    ]

    class Meta:
        verbose_name = _("kaderdoel")
        verbose_name_plural = _("kaderdoelen")
        ordering = ["framework__position", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_framework_goal_code")]

    def __str__(self):
        return f"{self.framework.short_name} {self.code}: {self.title}"

    def clean(self):
        super().clean()
        parent = self.parent if self.parent_id is not None else None
        if parent is not None and self.framework_id is not None and parent.framework_id != self.framework_id:
            raise ValidationError({"parent": _("Een subdoel hoort bij een doel uit hetzelfde kader.")})
        if self.pk is not None and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Een doel kan niet onder zichzelf vallen.")})
        if self.pk is not None and self.replaces_id == self.pk:
            raise ValidationError({"replaces": _("Een doel kan zichzelf niet vervangen.")})


class StaffOnlyMixin:
    """Curriculum pages are for teachers and coordinators; pupils and visitors never see them.

    Put it before RoutablePageMixin, so every route of a page is checked, not only its index."""

    def serve(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect(f"/inloggen/?next={request.path}")
        if not user.is_school_staff:
            raise PermissionDenied
        return super().serve(request, *args, **kwargs)


class CurriculumIndexPage(StaffOnlyMixin, RoutablePageMixin, Page):
    """The curriculum: its grade bands, and the views built on them (coverage matrix, class progress,
    the coordinator's dashboard) as routes of this page."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["curriculum.GradeBandPage"]
    max_count = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("curriculumoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["bands"] = GradeBandPage.objects.child_of(self).live().order_by("grade_band")
        context["curriculum"] = self
        return context

    # The routes hand over to views.py, which imports this module: hence the imports inside them.
    @path("dekking/", name="coverage")
    def coverage_view(self, request):
        from .views import coverage

        return coverage(self, request)

    @path("dekking/afdrukken/", name="coverage_print")
    def coverage_print_view(self, request):
        from .views import coverage

        return coverage(self, request, printable=True)

    @path("dekking/csv/", name="coverage_csv")
    def coverage_csv_view(self, request):
        from .views import coverage_csv

        return coverage_csv(self, request)

    @path("klas/<int:class_id>/", name="class_progress")
    def class_progress_view(self, request, class_id):
        from .views import class_progress

        return class_progress(self, request, class_id)

    @path("dashboard/", name="dashboard")
    def dashboard_view(self, request):
        from .views import dashboard

        return dashboard(self, request)


class GradeBandPage(StaffOnlyMixin, Page):
    grade_band = models.CharField(_("groepen"), max_length=3, choices=GradeBand.choices)
    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    parent_page_types = ["curriculum.CurriculumIndexPage"]
    subpage_types = []
    base_form_class = GradeBandPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("grade_band"),
        FieldPanel("intro"),
        InlinePanel("goals", heading=_("Leerdoelen"), label=_("Leerdoel")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("leerdoelen per groep")

    def clean(self):
        super().clean()
        siblings = GradeBandPage.objects.filter(grade_band=self.grade_band).exclude(pk=self.pk)
        parent = self.get_parent() if self.pk else None
        if parent is not None and siblings.child_of(parent).exists():
            raise ValidationError({"grade_band": _("Voor deze groepen bestaat al een pagina.")})

    def goals_with_mappings(self):
        """Goals with their frame goals and live lessons, in three queries whatever the number of goals."""
        from lessons.models import LessonGoalLink

        return self.goals.prefetch_related(
            models.Prefetch(
                "mappings", queryset=GoalMapping.objects.select_related("frame_goal__framework", "frame_goal__parent")
            ),
            models.Prefetch(
                "lesson_links",
                queryset=LessonGoalLink.objects.filter(page__live=True).select_related("page").order_by("page__title"),
            ),
        )


class LearningGoalQuerySet(models.QuerySet):
    def published(self):
        """Goals on live grade band pages: what the matrix, the library and class progress count."""
        return self.filter(page__live=True)


class LearningGoal(Orderable, ClusterableModel):
    page = ParentalKey(GradeBandPage, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("leerdoel"), max_length=255, help_text=_("Begin met “Ik kan”."))

    objects = LearningGoalQuerySet.as_manager()

    panels = [FieldPanel("text"), InlinePanel("mappings", heading=_("Dekt deze kaderdoelen"), label=_("Kaderdoel"))]

    class Meta(Orderable.Meta):
        verbose_name = _("leerdoel")
        verbose_name_plural = _("leerdoelen")

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.text and not self.text.strip().lower().startswith("ik kan"):
            raise ValidationError({"text": _("Schrijf het leerdoel vanuit de leerling: begin met “Ik kan”.")})


class GoalMapping(Orderable):
    goal = ParentalKey(LearningGoal, on_delete=models.CASCADE, related_name="mappings")
    frame_goal = models.ForeignKey(
        FrameGoal,
        verbose_name=_("kaderdoel"),
        on_delete=models.PROTECT,
        related_name="mappings",
        limit_choices_to={"children__isnull": True},
    )
    coverage = models.CharField(_("dekking"), max_length=10, choices=Coverage.choices, default=Coverage.PARTIAL)

    panels = [FieldPanel("frame_goal", widget=FrameGoalSelect), FieldPanel("coverage")]

    class Meta(Orderable.Meta):
        verbose_name = _("koppeling met kaderdoel")


class CoordinatorReviewTask(AbstractGroupApprovalTask):
    """Group approval in which nobody approves their own change: whoever submitted a page, or wrote one of
    its revisions since it was last published, leaves the approval to another coordinator or an administrator.

    Coordinators have no publish permission (only administrators publish without review), so the last
    approval publishes the page itself: the review is the permission.
    """

    class Meta:
        verbose_name = _("beoordeling door een collega")
        verbose_name_plural = _("beoordelingen door een collega")

    @classmethod
    def get_description(cls):
        return _("Een coördinator of beheerder keurt goed; nooit degene die de wijziging maakte of indiende.")

    def is_own_change(self, obj, user):
        """Did `user` submit `obj` for review, or write a revision of it since it was last published?"""
        from .review import is_own_change

        return is_own_change(obj, user)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.is_own_change(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        from .review import approve

        return approve(self, task_state, user, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """The review queue leaves out what the user submitted: they cannot approve it anyway."""
        return super().get_task_states_user_can_moderate(user, **kwargs).exclude(workflow_state__requested_by=user)
