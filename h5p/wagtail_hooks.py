"""H5P activities in the Wagtail admin: a snippet (so lesson blocks can choose one) whose "add" is an upload.

Sealed per school: the listing, the edit, delete, usage and history views, the bulk delete and the chooser
see only what the user manages (their own school; administrators every school), and the class choices are
the user's own school's. Deleting an activity with results archives it instead, so pupils' attempts and
saved state stay.
"""

from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.actions.delete import DeleteAction
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    SnippetViewSet,
    UsageView,
)

from . import storage
from .forms import H5PContentForm, H5PUploadForm
from .models import H5PContent
from .permissions import can_manage_content


class H5PContentPermissionPolicy(ModelPermissionPolicy):
    """The model permission (coordinators, administrators) and, per activity, the user's school."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_manage_content(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return super().instances_user_has_any_permission_for(user, actions) & H5PContent.objects.managed_by(user)


# Registered before the viewset asks for a policy (see wagtail.permissions.register_permission_policy).
register_permission_policy(H5PContent, H5PContentPermissionPolicy(H5PContent))


class DeleteOrArchiveAction(DeleteAction):
    """Delete an activity, or archive it when pupils have results, so those are never lost with it."""

    def execute(self, skip_permission_checks=False):
        self.check(skip_permission_checks=skip_permission_checks)
        if self.instance.has_results():
            self.instance.archive()
            return "archived"
        try:
            with transaction.atomic():
                self._delete()
        except ProtectedError:
            # A pupil saved a result in the meantime: the results win.
            self.instance.archive()
            return "archived"
        return "deleted"


@hooks.register("register_actions")
def register_h5p_actions(registry):
    registry.register(H5PContent, DeleteOrArchiveAction)


class ManagedOnlyMixin:
    """Views on one activity: other schools' activities do not exist for this user (404)."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if instance is not None and not can_manage_content(self.request.user, instance):
            raise Http404
        return instance


UPLOAD_PANEL = ObjectList(
    [
        FieldPanel("package"),
        FieldPanel("title"),
        FieldPanel("school"),
        FieldPanel("limit_to_classes"),
        FieldPanel("grade_method"),
    ],
    base_form_class=H5PUploadForm,
)


class UploadMenuItem(ActionMenuItem):
    """The add view's submit button, "Uploaden": Wagtail's snippet save button always says "Opslaan"."""

    name = "action-upload"
    label = _("Uploaden")
    icon_name = "upload"
    template_name = "h5p/admin/upload_button.html"


@hooks.register("construct_snippet_action_menu")
def upload_instead_of_save(menu_items, request, context):
    # Snippet create views render this action menu, not the generic view's submit_button_label.
    if context.get("model") is H5PContent and context.get("view") == "create":
        menu_items[:] = [UploadMenuItem(order=0), *(item for item in menu_items if item.name != "action-save")]


class H5PUploadView(CreateView):
    page_title = _("H5P-activiteit uploaden")

    def get_panel(self):
        return UPLOAD_PANEL.bind_to_model(H5PContent)

    def get_form_class(self):
        # The viewset passes the edit form; the add view uses the upload panel's form instead.
        return self.panel.get_form_class()

    def save_instance(self):
        form = self.form
        with form.parsed_package as package:
            content = storage.install(
                package,
                user=self.request.user,
                title=form.cleaned_data.get("title") or None,
                may_install=storage.can_install_libraries(self.request.user),
                school=form.school_for_upload(),
            )
        content.limit_to_classes.set(form.cleaned_data.get("limit_to_classes") or [])
        grade_method = form.cleaned_data.get("grade_method")
        if grade_method and grade_method != content.grade_method:
            content.grade_method = grade_method
            content.save(update_fields=["grade_method"])
        return content


class H5PEditView(ManagedOnlyMixin, EditView):
    pass


class H5PDeleteView(ManagedOnlyMixin, DeleteView):
    """Asks first, and says so when the activity has results: then it is archived, not deleted."""

    @cached_property
    def keeps_results(self):
        return self.object.has_results()

    @property
    def confirmation_message(self):
        if self.keeps_results:
            return _(
                "Leerlingen hebben deze activiteit al gemaakt. Hun resultaten en opgeslagen voortgang blijven "
                "bewaard: de activiteit wordt gearchiveerd in plaats van verwijderd. Ze verdwijnt uit de lijsten, "
                "en lessen tonen dat ze gearchiveerd is. Leerkrachten zien de resultaten nog."
            )
        return _("Weet je zeker dat je deze H5P-activiteit wilt verwijderen?")

    def delete_action(self):
        self.outcome = self.action_class(self.object, user=self.request.user).execute(skip_permission_checks=True)

    def get_success_message(self):
        if getattr(self, "outcome", None) == "archived":
            return _("H5P-activiteit '%(title)s' is gearchiveerd; de resultaten zijn bewaard.") % {
                "title": self.object.title
            }
        return super().get_success_message()


class H5PUsageView(ManagedOnlyMixin, UsageView):
    pass


class H5PHistoryView(ManagedOnlyMixin, HistoryView):
    pass


class H5PChooseView(ChooseView):
    def get_object_list(self):
        return H5PContent.objects.choosable_by(self.request.user)


class H5PChooseResultsView(ChooseResultsView):
    def get_object_list(self):
        return H5PContent.objects.choosable_by(self.request.user)


class H5PChosenView(SnippetChosenView):
    def get_object(self, pk):
        return H5PContent.objects.choosable_by(self.request.user).get(pk=pk)


class H5PChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return H5PContent.objects.choosable_by(self.request.user).filter(pk__in=[pk for pk in pks if pk.isdigit()])


class H5PChooserViewSet(SnippetChooserViewSet):
    choose_view_class = H5PChooseView
    choose_results_view_class = H5PChooseResultsView
    chosen_view_class = H5PChosenView
    chosen_multiple_view_class = H5PChosenMultipleView


class H5PContentViewSet(SnippetViewSet):
    model = H5PContent
    icon = "form"
    menu_label = _("H5P-activiteiten")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["title", "school", "main_library", "created_at"]
    search_fields = ["title"]
    add_view_class = H5PUploadView
    edit_view_class = H5PEditView
    delete_view_class = H5PDeleteView
    delete_template_name = "h5p/admin/confirm_delete.html"
    usage_view_class = H5PUsageView
    history_view_class = H5PHistoryView
    chooser_viewset_class = H5PChooserViewSet
    # A copy would be an activity without its package; new activities come from an upload.
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("school"), FieldPanel("limit_to_classes"), FieldPanel("grade_method")],
        base_form_class=H5PContentForm,
    )

    def get_queryset(self, request):
        """The listing: active activities of the user's school (administrators: all schools)."""
        return H5PContent.objects.managed_by(request.user).active().select_related("school", "main_library")


register_snippet(H5PContentViewSet)


class H5PDeleteBulkAction(DeleteBulkAction):
    """Bulk delete for activities: only the user's own, and those with results are archived."""

    @classproperty
    def models(cls):
        return [H5PContent]

    @cached_property
    def _actionable_objects(self):
        ids = [value for value in self.request.GET.getlist("id") if value.isdigit()]
        managed = H5PContent.objects.managed_by(self.request.user).active()
        if "all" not in self.request.GET.getlist("id"):
            managed = managed.filter(pk__in=ids)
        # Other schools' activities are left out without a word, not listed as "no permission" by title.
        return [content for content in managed if self.check_perm(content)], {"items_with_no_access": []}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        view = kwargs["self"]
        user = user or view.request.user
        outcomes = [DeleteOrArchiveAction(item, user=user).execute(skip_permission_checks=True) for item in objects]
        view.archived_count = outcomes.count("archived")
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        archived = getattr(self, "archived_count", 0)
        deleted = num_parent_objects - archived
        return ngettext(
            "%(deleted)d H5P-activiteit verwijderd, %(archived)d gearchiveerd (hun resultaten zijn bewaard).",
            "%(deleted)d H5P-activiteiten verwijderd, %(archived)d gearchiveerd (hun resultaten zijn bewaard).",
            deleted,
        ) % {"deleted": deleted, "archived": archived}


# After Wagtail's own snippet bulk actions, so this one replaces "delete" for H5P activities.
hooks.register("register_bulk_action", H5PDeleteBulkAction, order=100)
