"""Django admin for support staff: read the feed and the consent register; the register stays append-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ConsentDecision, Persona, Post, PostVersion


class PostVersionInline(admin.TabularInline):
    model = PostVersion
    extra = 0
    can_delete = False
    readonly_fields = ["number", "text", "edited_by", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["pk", "school_class", "author", "kind", "status", "pinned", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["school_class", "author"]
    # The photo fields go through photo_file/thumbnail_file: the admin's own file widget links to
    # storage.url, which feed photos refuse (they are served only after a membership check).
    readonly_fields = ["text", "photo_file", "thumbnail_file", "created_at", "published_at", "deleted_at"]
    fields = [
        "school_class",
        "author",
        "kind",
        "persona",
        "status",
        "status_reason",
        "pinned",
        "revealed",
        *readonly_fields,
    ]
    raw_id_fields = ["school_class", "author", "persona"]
    inlines = [PostVersionInline]

    @admin.display(description=_("foto"))
    def photo_file(self, post):
        return post.photo.name or None  # None: the admin shows its "empty" mark

    @admin.display(description=_("miniatuur"))
    def thumbnail_file(self, post):
        return post.thumbnail.name or None


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "school_class"]


@admin.register(ConsentDecision)
class ConsentDecisionAdmin(admin.ModelAdmin):
    list_display = ["pupil", "purpose", "decision", "decided_by", "method", "decided_at", "recorded_by"]
    list_filter = ["purpose", "decision"]
    list_select_related = ["pupil", "recorded_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
