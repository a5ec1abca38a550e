"""Who may see which part of the curriculum. Page routes, templates and start-page panels ask here.

- Staff (teachers, coordinators, administrators) read the curriculum and the coverage matrix; pupils never.
- Class progress: teachers for the classes they teach, coordinators for every class of their school,
  administrators for every class.
- The dashboard (the whole school's coverage, lessons given and scores): coordinators and administrators.
- Editing (frameworks, frame goals, learning goals, lessons) happens in /cms/, through the Moderators group
  and the review workflow (see review.py).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from accounts.choices import Role
from accounts.models import SchoolClass


def can_read_curriculum(user):
    return user.is_authenticated and user.is_school_staff


def can_see_dashboard(user):
    return user.is_authenticated and user.is_coordinator


def require_dashboard(user):
    if not can_see_dashboard(user):
        raise PermissionDenied


def classes_for_progress(user):
    """The classes whose progress `user` may see."""
    if not can_read_curriculum(user):
        return SchoolClass.objects.none()
    if user.role == Role.ADMINISTRATOR:
        return SchoolClass.objects.all()
    if user.role == Role.COORDINATOR and user.school_id is not None:
        return SchoolClass.objects.filter(Q(school_id=user.school_id) | Q(teachers=user)).distinct()
    return SchoolClass.objects.for_teacher(user)


def get_class_for_progress(user, pk):
    """The class if `user` may see its progress; a 404 otherwise, so other classes stay invisible."""
    return get_object_or_404(classes_for_progress(user).select_related("school"), pk=pk)
