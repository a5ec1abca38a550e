"""The curriculum in the Wagtail admin: frameworks (*Kaders*) and frame goals (*Kaderdoelen*) under one menu
item "Curriculum", and inline panels (learning goals, mappings, a lesson's learning goals) that work under the
admin's CSP.

Coordinators (the Moderators group) add, edit and delete both (migration 0003 grants it); a frame goal that a
learning goal uses cannot be deleted (PROTECT), Wagtail then says where it is used.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FrameGoal, Framework


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    icon = "list-ul"
    menu_label = _("Kaders")
    list_display = ["name", "short_name", "status", "applies_from"]
    list_filter = ["status"]
    ordering = ["position", "name"]


class FrameGoalViewSet(SnippetViewSet):
    model = FrameGoal
    icon = "tasks"
    menu_label = _("Kaderdoelen")
    list_display = [
        Column("code", label=_("code"), sort_key="code"),
        "title",
        Column("framework", label=_("kader"), accessor="framework.short_name"),
        Column("parent", label=_("hoort bij"), accessor="parent.code"),
    ]
    list_filter = ["framework"]
    list_per_page = 100
    ordering = ["framework__position", "position", "code"]

    def get_queryset(self, request):
        # __str__ and the columns read the framework and the parent: one query, not one per row.
        return FrameGoal.objects.select_related("framework", "parent")


class CurriculumViewSetGroup(SnippetViewSetGroup):
    items = (FrameGoalViewSet, FrameworkViewSet)
    menu_label = _("Curriculum")
    menu_icon = "folder-open-inverse"
    menu_order = 250


register_snippet(CurriculumViewSetGroup)


@hooks.register("insert_global_admin_js")
def inline_panels_js():
    """Starts the inline panels whose inline scripts templates/wagtailadmin/panels/inline_panel.html leaves out."""
    return format_html('<script src="{}" defer></script>', static("curriculum/admin-inline-panels.js"))
