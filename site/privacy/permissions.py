"""Who may download or erase a pupil's data. The views, the templates and the commands all ask here.

- Download (export): the pupil's teachers (any teacher of a class the pupil is in) and the coordinators of
  the pupil's school; administrators for every school.
- Erase: the coordinators of the pupil's school only; administrators for every school.

A pupil's school is the school of their classes. A pupil taken out of every class keeps belonging to the
school(s) whose feeds hold their posts or comments, so the coordinator can still find and erase them; a
pupil who moved to another school's class belongs to that school only, and only its coordinator decides.
Anyone else gets a 404 (the pupil stays invisible); pupils get a 403, teachers of the pupil a 403 on erase.

The anonymised research export and the register of processing activities concern the whole school, not one
pupil: coordinators (their own school) and administrators (any school, or the whole board) only.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts.choices import STAFF_ROLES, Role
from accounts.models import School, SchoolClass, User

from . import placeholder


def is_administrator(user):
    return user.is_authenticated and (user.is_superuser or user.role == Role.ADMINISTRATOR)


def school_ids_of(pupil):
    """The ids of the pupil's school(s): of their current classes, else of their archived classes (a pupil who
    left), else of the feeds they wrote in."""
    current = set(SchoolClass.objects.for_pupil(pupil).values_list("school_id", flat=True))
    if current:
        return current
    # A pupil who left at the end of the school year is only in archived classes.
    former = set(SchoolClass.objects.filter(pupils=pupil).values_list("school_id", flat=True))
    if former:
        return former
    traces = SchoolClass.objects.filter(Q(posts__author=pupil) | Q(posts__comments__author=pupil))
    return set(traces.values_list("school_id", flat=True))


def schools_of(pupil):
    return School.objects.filter(pk__in=school_ids_of(pupil))


def log_school_id(pupil, actor=None):
    """The school a privacy log line or kept proof belongs to: the actor's, when it is one of the pupil's
    schools (a pupil in two schools' classes is rare); otherwise the first."""
    school_ids = sorted(school_ids_of(pupil))
    if actor is not None and getattr(actor, "school_id", None) in school_ids:
        return actor.school_id
    return school_ids[0] if school_ids else None


def is_coordinator_of_school(user, school_id):
    return user.is_authenticated and user.role == Role.COORDINATOR and user.school_id == school_id


def is_target(pupil):
    """A real pupil: data rights apply to pupils, never to staff or the erased-pupil stand-in."""
    return pupil.is_pupil and not placeholder.is_placeholder(pupil)


def can_export(user, pupil):
    if not user.is_authenticated or not is_target(pupil):
        return False
    if is_administrator(user):
        return True
    if user.role not in STAFF_ROLES:
        return False
    if SchoolClass.objects.for_pupil(pupil).filter(teachers=user).exists():
        return True
    return can_erase(user, pupil)


def can_erase(user, pupil):
    if not user.is_authenticated or not is_target(pupil):
        return False
    if is_administrator(user):
        return True
    return user.role == Role.COORDINATOR and user.school_id is not None and user.school_id in school_ids_of(pupil)


def may_erase_in_class(user, school_class):
    """For a class page: may `user` erase the pupils listed there (one check for the whole list)?"""
    return is_administrator(user) or is_coordinator_of_school(user, school_class.school_id)


def _pupil_or_404(pk):
    pupil = User.objects.filter(pk=pk, role=Role.PUPIL).exclude(username=placeholder.USERNAME).first()
    if pupil is None:
        raise Http404
    return pupil


def _require_staff(user):
    if not user.is_authenticated:
        raise Http404
    if user.role not in STAFF_ROLES and not user.is_superuser:
        raise PermissionDenied


def get_pupil_for_export(user, pk):
    """The pupil if `user` may download their data; 403 for pupils, 404 for anyone who may not see them."""
    _require_staff(user)
    pupil = _pupil_or_404(pk)
    if not can_export(user, pupil):
        raise Http404
    return pupil


def get_pupil_for_erase(user, pk):
    """The pupil if `user` may erase them; 403 for their teachers (who know the pupil), 404 for the rest."""
    _require_staff(user)
    pupil = _pupil_or_404(pk)
    if can_erase(user, pupil):
        return pupil
    if can_export(user, pupil):
        raise PermissionDenied
    raise Http404


def classes_managed_by(user):
    """The classes whose pupils `user` may erase, for the coordinator's overview: their school's classes;
    every class for administrators; none for anyone else."""
    if is_administrator(user):
        return SchoolClass.objects.all()
    if user.is_authenticated and user.role == Role.COORDINATOR and user.school_id is not None:
        return SchoolClass.objects.filter(school_id=user.school_id)
    return SchoolClass.objects.none()


def pupils_without_class_for(user):
    """Pupils in no class whose posts or comments are in the feeds of classes `user` manages: after
    "Uit de klas" the coordinator can still download or erase them."""
    classes = classes_managed_by(user)
    return (
        User.objects.filter(role=Role.PUPIL, pupil_classes__isnull=True)
        .exclude(username=placeholder.USERNAME)
        .filter(Q(feed_posts__school_class__in=classes) | Q(feed_comments__post__school_class__in=classes))
        .distinct()
        .order_by("first_name", "initial", "pk")
    )


def is_coordinator_or_administrator(user):
    return is_administrator(user) or (user.is_authenticated and user.role == Role.COORDINATOR)


def can_read_register(user):
    """The register of processing activities: the school's coordinators and administrators."""
    return is_coordinator_or_administrator(user)


def can_export_research(user):
    """The anonymised research export: coordinators (of their own school) and administrators (any school,
    or the whole board)."""
    if is_administrator(user):
        return True
    return user.is_authenticated and user.role == Role.COORDINATOR and user.school_id is not None


def research_scope_for(user, school=None):
    """(schools, whole board?) that `user` exports: a coordinator always their own school, whatever they ask;
    an administrator the school asked for, or every school when none is named. 403 for anyone else."""
    if not can_export_research(user):
        raise PermissionDenied
    if not is_administrator(user):
        return [user.school], False
    if school is not None:
        return [school], False
    return list(schools_managed_by(user)), True


def schools_managed_by(user):
    """The schools whose register `user` reads and whose research export they make: every school for
    administrators, their own for coordinators, none for anyone else."""
    if is_administrator(user):
        return School.objects.order_by("name", "pk")
    if can_export_research(user):
        return School.objects.filter(pk=user.school_id)
    return School.objects.none()


def can_close_school_year(user, school):
    """ "Schooljaar afsluiten": the school's coordinators and administrators."""
    return is_administrator(user) or is_coordinator_of_school(user, school.pk)


def get_school_to_close(user, school_id):
    """The school if `user` may close its school year. Pupils and teachers get a 403 (it is a coordinator's
    task), coordinators of another school a 404 (the school stays invisible)."""
    _require_staff(user)
    if not is_coordinator_or_administrator(user):
        raise PermissionDenied
    school = School.objects.filter(pk=school_id).first()
    if school is None or not can_close_school_year(user, school):
        raise Http404
    return school
