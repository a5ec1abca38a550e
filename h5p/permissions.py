"""Who may play H5P content, see results and manage activities. Every view, the block and /cms/ ask here."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.permissions import get_class_for_teacher

from .models import H5PContent, is_administrator

__all__ = [
    "can_manage_content",
    "classes_for_content_form",
    "get_content_for_user",
    "get_results_for_teacher",
    "is_administrator",
]


def get_content_for_user(user, pk):
    """The content if `user` may play it; a 404 otherwise (also for anonymous users and other schools)."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(H5PContent.objects.visible_to(user).select_related("main_library"), pk=pk)


def get_results_for_teacher(user, content_pk, class_pk):
    """(content, class) when `user` teaches the class and the class may see the content; 404 otherwise.

    Archived activities keep their results, so their results stay readable here.
    """
    school_class = get_class_for_teacher(user, class_pk)
    content = get_object_or_404(H5PContent.objects.in_reach_of(user), pk=content_pk)
    if content.school_id is not None and content.school_id != school_class.school_id:
        raise Http404
    limited = content.limit_to_classes.all()
    if limited and school_class not in limited:
        raise Http404
    return content, school_class


def can_manage_content(user, content):
    """May `user` change, archive or delete `content` in /cms/ (next to the model permission)?"""
    return H5PContent.objects.managed_by(user).filter(pk=content.pk).exists()


def classes_for_content_form(user, school=None):
    """The classes an activity may be limited to in /cms/: the user's own school's, or `school`'s."""
    from accounts.models import SchoolClass

    if is_administrator(user):
        classes = SchoolClass.objects.all()
        return classes.filter(school=school) if school is not None else classes
    if not user.is_authenticated or user.school_id is None:
        return SchoolClass.objects.none()
    return SchoolClass.objects.filter(school_id=user.school_id)
