"""The H5P activity block for lesson steps: choose an imported activity, add an optional intro."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .models import H5PContent
from .player import player_options


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
        request = (parent_context or {}).get("request")
        content = value.get("activity")
        context["intro"] = value.get("intro")
        context["player"] = None
        # Same rule as the play view: content limited to other classes is not shown.
        if (
            request is not None
            and content is not None
            and H5PContent.objects.visible_to(request.user).filter(pk=content.pk).exists()
        ):
            context["player"] = player_options(request, content)
        return context
