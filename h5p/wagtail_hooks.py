"""H5P activities in the Wagtail admin: a snippet (so lesson blocks can choose one) whose "add" is an upload."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import storage
from .forms import H5PUploadForm
from .models import H5PContent

UPLOAD_PANEL = ObjectList(
    [FieldPanel("package"), FieldPanel("title"), FieldPanel("limit_to_classes")], base_form_class=H5PUploadForm
)


class H5PUploadView(CreateView):
    page_title = _("H5P-activiteit uploaden")
    submit_button_label = _("Uploaden")

    def get_panel(self):
        return UPLOAD_PANEL.bind_to_model(H5PContent)

    def get_form_class(self):
        # The viewset passes the edit form; the add view uses the upload panel's form instead.
        return self.panel.get_form_class()

    def save_instance(self):
        form = self.form
        content = storage.install(
            form.parsed_package,
            user=self.request.user,
            title=form.cleaned_data.get("title") or None,
            may_install=storage.can_install_libraries(self.request.user),
        )
        content.limit_to_classes.set(form.cleaned_data.get("limit_to_classes") or [])
        return content


class H5PContentViewSet(SnippetViewSet):
    model = H5PContent
    icon = "form"
    menu_label = _("H5P-activiteiten")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["title", "main_library", "created_at"]
    search_fields = ["title"]
    add_view_class = H5PUploadView
    panels = [FieldPanel("title"), FieldPanel("limit_to_classes")]


register_snippet(H5PContentViewSet)
