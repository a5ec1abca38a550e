"""Curriculum pages: per grade band, the coordinator's own learning goals ("Ik kan ...") mapped to frame goals.

Frame goals (SLO domains, kerndoelen, Mediawijzer competences, protocol points) are editable snippets, not
constants: the kerndoelen numbering is still a concept and schools may refine it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from accounts.choices import GradeBand

from .choices import Coverage, Frame


@register_snippet
class FrameGoal(index.Indexed, models.Model):
    frame = models.CharField(_("kader"), max_length=20, choices=Frame.choices)
    code = models.CharField(_("code"), max_length=20, help_text=_("Bijvoorbeeld 23A, L3 of Vinden."))
    title = models.CharField(_("omschrijving"), max_length=255)

    panels = [FieldPanel("frame"), FieldPanel("code"), FieldPanel("title")]
    search_fields = [index.SearchField("title"), index.SearchField("code"), index.FilterField("frame")]

    class Meta:
        verbose_name = _("kaderdoel")
        verbose_name_plural = _("kaderdoelen")
        ordering = ["frame", "code"]
        constraints = [models.UniqueConstraint(fields=["frame", "code"], name="unique_frame_goal_code")]

    def __str__(self):
        return f"{self.get_frame_display()} {self.code}: {self.title}"


class StaffOnlyPage(Page):
    """Curriculum pages are for teachers and coordinators; pupils and visitors never see them."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect(f"/inloggen/?next={request.path}")
        if not user.is_school_staff:
            raise PermissionDenied
        return super().serve(request, *args, **kwargs)


class CurriculumIndexPage(StaffOnlyPage):
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
        return context


class GradeBandPage(StaffOnlyPage):
    grade_band = models.CharField(_("groepen"), max_length=3, choices=GradeBand.choices)
    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    parent_page_types = ["curriculum.CurriculumIndexPage"]
    subpage_types = []
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
        """Goals with their frame goals, in two queries whatever the number of goals."""
        return self.goals.prefetch_related(
            models.Prefetch("mappings", queryset=GoalMapping.objects.select_related("frame_goal"))
        )


class LearningGoal(Orderable, ClusterableModel):
    page = ParentalKey(GradeBandPage, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("leerdoel"), max_length=255, help_text=_("Begin met “Ik kan”."))

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
    frame_goal = models.ForeignKey(FrameGoal, verbose_name=_("kaderdoel"), on_delete=models.PROTECT, related_name="+")
    coverage = models.CharField(_("dekking"), max_length=10, choices=Coverage.choices, default=Coverage.PARTIAL)

    panels = [FieldPanel("frame_goal"), FieldPanel("coverage")]

    class Meta(Orderable.Meta):
        verbose_name = _("koppeling met kaderdoel")
