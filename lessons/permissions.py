"""Who may open which lesson view or run. Views, templates and the start-page panels ask here."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.choices import Role
from accounts.permissions import get_class_for_teacher, require_role

from .models import LessonPage, LessonRun, can_read_lessons

__all__ = [
    "can_read_lessons",
    "get_class_for_teacher",
    "get_lesson_for_staff",
    "get_run_for_pupil",
    "get_run_for_teacher",
]


def get_lesson_for_staff(user, page_id):
    """A live lesson for teachers and coordinators (presenter and smartboard views); 404 for anyone else."""
    if not can_read_lessons(user):
        raise Http404
    # LessonPage rows are already the specific page: .specific() would only add a query.
    return get_object_or_404(LessonPage.objects.live(), pk=page_id)


def get_run_for_teacher(user, pk):
    """A run of one of the user's own classes; 404 for runs of other classes and for pupils."""
    if not can_read_lessons(user):
        raise Http404
    return get_object_or_404(LessonRun.objects.for_teacher(user).select_related("school_class", "lesson"), pk=pk)


def get_run_for_pupil(user, pk):
    """A run of the pupil's own class: running with a live lesson, or ended (its pupils keep the "de les is
    afgelopen" page with what they did). 404 otherwise (another class, a lesson unpublished mid-run)."""
    require_role(user, Role.PUPIL)
    run = get_object_or_404(LessonRun.objects.for_pupil(user).select_related("school_class", "lesson"), pk=pk)
    if run.is_running and (run.lesson is None or not run.lesson.live):
        raise Http404
    return run
