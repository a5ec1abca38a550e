"""Who may see and manage which class. Views, the API and templates all ask here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .choices import STAFF_ROLES
from .models import SchoolClass


def is_teacher_of(user, school_class):
    return user.is_authenticated and school_class.teachers.filter(pk=user.pk).exists()


def is_member_of(user, school_class):
    if not user.is_authenticated:
        return False
    return is_teacher_of(user, school_class) or school_class.pupils.filter(pk=user.pk).exists()


def require_role(user, *roles):
    if not user.is_authenticated or user.role not in roles:
        raise PermissionDenied


def get_class_for_teacher(user, pk):
    """The class if `user` teaches it; a 404 otherwise, so other classes stay invisible."""
    require_role(user, *STAFF_ROLES)
    return get_object_or_404(SchoolClass.objects.for_teacher(user).select_related("school"), pk=pk)


def get_class_for_member(user, pk):
    """The class if `user` teaches it or is a pupil in it; a 404 otherwise."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(SchoolClass.objects.for_member(user).select_related("school"), pk=pk)


def get_pupil_in_class(school_class, pupil_pk):
    return get_object_or_404(school_class.pupils.all(), pk=pupil_pk)
