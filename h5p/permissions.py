"""Who may play H5P content and see results. Every view and the block ask here."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.permissions import get_class_for_teacher

from .models import H5PContent


def get_content_for_user(user, pk):
    """The content if `user` may play it; a 404 otherwise (also for anonymous users)."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(H5PContent.objects.visible_to(user).select_related("main_library"), pk=pk)


def get_results_for_teacher(user, content_pk, class_pk):
    """(content, class) when `user` teaches the class and the class may see the content; 404 otherwise."""
    school_class = get_class_for_teacher(user, class_pk)
    content = get_object_or_404(
        H5PContent.objects.filter(pk=content_pk).filter(pk__in=H5PContent.objects.visible_to(user).values("pk")),
    )
    limited = content.limit_to_classes.all()
    if limited and school_class not in limited:
        raise Http404
    return content, school_class
