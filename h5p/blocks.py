"""The H5P activity block for lesson steps: choose an imported activity, add an optional intro."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .models import H5PContent
from .player import player_context


class H5PActivityBlock(blocks.StructBlock):
    activity = SnippetChooserBlock(H5PContent, label=_("H5P-activiteit"))
    intro = blocks.TextBlock(label=_("Inleiding"), required=False, help_text=_("Korte uitleg boven de activiteit."))

    class Meta:
        icon = "form"
        label = _("H5P-activiteit")
        description = _("Een interactieve H5P-activiteit; de score van elke leerling wordt bewaard.")
        template = "h5p/blocks/h5p_activity.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("activity") is None:
            raise ValidationError(_("Kies een H5P-activiteit."))
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        request = parent_context.get("request")
        content = value.get("activity")
        context["intro"] = value.get("intro")
        context["player"] = None
        context["archived"] = False
        if request is None or content is None:
            return context
        # Same rules as the play view: other schools' activities and those limited to other classes are not
        # shown; an archived one of the pupil's own school says so.
        user = request.user
        if content.is_archived and H5PContent.objects.in_reach_of(user).filter(pk=content.pk).exists():
            context["archived"] = True
        elif content.is_visible_to(user):
            context["player"] = player_context(request, content, **_play_context(parent_context))
        return context


def _play_context(parent_context):
    """The lesson (page) and, in a running lesson, the class: carried in the play token."""
    lesson = parent_context.get("lesson") or parent_context.get("page")
    run = parent_context.get("run")
    return {
        "lesson_id": getattr(lesson, "pk", None),
        "class_id": getattr(run, "school_class_id", None),
    }
