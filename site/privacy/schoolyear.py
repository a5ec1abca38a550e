"""Close a school's school year ("Schooljaar afsluiten"): classes move up a groep, groep 8 leaves, the old
classes are archived. `plan()` is the dry run (it reads only); `close()` does exactly what the plan says, in
one transaction, once per school and year.

- Every class of the year is archived (`SchoolClass.archived_at`): its feed stays readable for its teachers
  and refuses every write (sandbox_feed.moderation), its pupils no longer see it
  (`SchoolClass.objects.for_pupil`), and it gets a fresh join code with lower-case letters, which the login
  (that upper-cases what is typed) can never match. Pupils stay members of the archived class, so the
  class's history (research export, a pupil's export) still knows who was in it.
- A class below groep 8 gets a successor for the next school year: groep + 1 (a combination group 6/7
  becomes 7/8, and 7/8 becomes 8), the same name with the groep number raised ("Groep 6A" becomes
  "Groep 7A"), the same teachers, the pupils who stay and the old join code, so pupils log in as before.
- Groep 8 leaves. In a combination group with groep 8 (7/8) nothing in the data says who is in which year:
  the coordinator ticks who leaves (the page, or `--leaving` in the command); everyone else moves on.
- A pupil who leaves loses the login at once (`left_at`, inactive, no picture code or card, sessions ended)
  and is erased after PRIVACY_RETENTION_AFTER_LEAVING_DAYS (privacy.retention). Photos in the archived feeds
  go at the end of the school year plus PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS.

The year to close is the oldest school year of the school's classes that are not archived, once it has
begun: after a close the next year is not closable before it starts (1 August), so closing twice, by a
double click or two coordinators at once (the school row is locked, the closure is unique per year), closes
once.
"""

import re
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import School, SchoolClass, current_school_year
from sandbox_feed import live
from sandbox_feed.models import Post

from . import retention
from .choices import PrivacyAction
from .erase import _forget_login
from .models import PrivacyLog, SchoolYearClosure

LAST_GROEP = 8


class NothingToClose(Exception):
    """The school has no class of a school year that has begun and is not closed yet."""


class AlreadyClosed(Exception):
    """This school year of this school was closed before."""

    def __init__(self, closure):
        super().__init__(f"{closure.school_year} was closed on {timezone.localtime(closure.closed_at):%Y-%m-%d}.")
        self.closure = closure


def next_school_year(school_year):
    start = int(school_year[:4])
    return f"{start + 1}-{start + 2}"


def archived_join_code():
    """A unique code nobody can type in: the login upper-cases what a pupil types, this one is lower case."""
    return "x" + secrets.token_hex(5)


def _years_text(years):
    return "/".join(str(year) for year in years)


def renamed(name, old_years, new_years):
    """ "Groep 6A" for groep 6 becomes "Groep 7A" in groep 7; a name without the groep number stays."""
    pattern = r"(?<!\d)" + re.escape(_years_text(old_years)) + r"(?!\d)"
    return re.sub(pattern, _years_text(new_years), name, count=1)


@dataclass
class ClassMove:
    """What happens to one class: archived, and (below groep 8) a successor with the pupils who stay."""

    school_class: SchoolClass
    pupils: list
    leaving: list  # the pupils who leave from this class
    new_years: list  # [] when the whole class leaves
    new_name: str
    must_choose: bool  # a combination group with groep 8: the coordinator says who leaves

    @property
    def staying(self):
        leaving = {pupil.pk for pupil in self.leaving}
        return [pupil for pupil in self.pupils if pupil.pk not in leaving]

    @property
    def moves_up(self):
        return bool(self.new_years)

    @property
    def new_groep_text(self):
        return _years_text(self.new_years)


@dataclass
class Plan:
    school: School
    school_year: str | None
    next_year: str | None
    moves: list = field(default_factory=list)
    closure: SchoolYearClosure | None = None  # set when this year was closed already
    photos_in_year: int = 0

    @property
    def leavers(self):
        staying = {pupil.pk for move in self.moves for pupil in move.staying}
        seen, leavers = set(), []
        for move in self.moves:
            for pupil in move.leaving:
                if pupil.pk not in staying and pupil.pk not in seen:
                    seen.add(pupil.pk)
                    leavers.append(pupil)
        return leavers

    @property
    def can_close(self):
        return self.school_year is not None and self.closure is None

    @property
    def erase_leavers_on(self):
        return retention.leaver_erase_date(timezone.localdate())

    @property
    def photos_deleted_on(self):
        return retention.photo_delete_date(self.school_year) if self.school_year else None

    def counts(self):
        return {
            "classes_archived": len(self.moves),
            "classes_created": sum(1 for move in self.moves if move.moves_up),
            "pupils_moving_up": len({pupil.pk for move in self.moves for pupil in move.staying}),
            "pupils_leaving": len(self.leavers),
            "photos_later": self.photos_in_year,
        }


def year_to_close(school, today=None):
    """The oldest school year of the school's active classes, once it has begun; else None."""
    years = SchoolClass.objects.active().filter(school=school).values_list("school_year", flat=True)
    oldest = min(years, default=None)
    if oldest is None or oldest > current_school_year(today):
        return None
    return oldest


def plan(school, *, leaving_ids=(), today=None):
    """The dry run: what closing the school's year would do, read from the database without changing it.
    `leaving_ids` are the pupils of combination groups with groep 8 who leave."""
    leaving_ids = {int(pk) for pk in leaving_ids}
    school_year = year_to_close(school, today)
    if school_year is None:
        last = SchoolYearClosure.objects.filter(school=school).order_by("-school_year").first()
        return Plan(school=school, school_year=None, next_year=None, closure=last)
    closure = SchoolYearClosure.objects.filter(school=school, school_year=school_year).first()
    pupils = get_user_model().objects.order_by("first_name", "initial", "pk")
    classes = (
        SchoolClass.objects.active()
        .filter(school=school, school_year=school_year)
        .prefetch_related(Prefetch("pupils", queryset=pupils, to_attr="pupil_list"))
        .order_by("groep", "name", "pk")
    )
    moves = [_move_for(school_class, leaving_ids) for school_class in classes]
    photos = Post.objects.filter(school_class__in=classes).exclude(photo="").count()
    return Plan(
        school=school,
        school_year=school_year,
        next_year=next_school_year(school_year),
        moves=moves,
        closure=closure,
        photos_in_year=photos,
    )


def _move_for(school_class, leaving_ids):
    old_years = school_class.years
    new_years = [year + 1 for year in old_years if year < LAST_GROEP]
    pupils = list(school_class.pupil_list)
    must_choose = bool(new_years) and LAST_GROEP in old_years
    if not new_years:
        leaving = pupils
    elif must_choose:
        leaving = [pupil for pupil in pupils if pupil.pk in leaving_ids]
    else:
        leaving = []
    return ClassMove(
        school_class=school_class,
        pupils=pupils,
        leaving=leaving,
        new_years=new_years,
        new_name=renamed(school_class.name, old_years, new_years) if new_years else "",
        must_choose=must_choose,
    )


@dataclass
class CloseResult:
    plan: Plan
    closure: SchoolYearClosure
    new_classes: list


def close(school, *, actor=None, actor_name="", leaving_ids=(), today=None):
    """Close the school's year as `plan()` describes it (the caller checked the permission: a coordinator of
    the school, an administrator, or the shell). Raises NothingToClose or AlreadyClosed and then changes
    nothing."""
    today = today or timezone.localdate()
    actor_name = actor_name or (actor.display_name if actor else "")
    try:
        with transaction.atomic():
            School.objects.select_for_update().filter(pk=school.pk).first()
            the_plan = plan(school, leaving_ids=leaving_ids, today=today)
            if the_plan.closure is not None and the_plan.school_year is not None:
                raise AlreadyClosed(the_plan.closure)
            if the_plan.school_year is None:
                if the_plan.closure is not None:
                    raise AlreadyClosed(the_plan.closure)
                raise NothingToClose
            new_classes = _carry_out(the_plan, today)
            closure = SchoolYearClosure.objects.create(
                school=school,
                school_year=the_plan.school_year,
                closed_by=actor,
                closed_by_name=actor_name,
                counts=the_plan.counts(),
            )
            PrivacyLog.objects.create(
                action=PrivacyAction.CLOSE_YEAR,
                actor=actor,
                actor_name=actor_name,
                school=school,
                counts={"school_year": the_plan.school_year, **the_plan.counts()},
            )
    except IntegrityError as error:
        # Two closes at once on a database without row locks: the unique closure made the second one fail.
        closure = SchoolYearClosure.objects.filter(school=school).order_by("-closed_at").first()
        if closure is None:
            raise
        raise AlreadyClosed(closure) from error
    return CloseResult(plan=the_plan, closure=closure, new_classes=new_classes)


def _carry_out(the_plan, today):
    now = timezone.now()
    new_classes = []
    for move in the_plan.moves:
        old = move.school_class
        join_code = old.join_code
        SchoolClass.objects.filter(pk=old.pk).update(archived_at=now, join_code=archived_join_code())
        if move.moves_up:
            successor = SchoolClass.objects.create(
                school=the_plan.school,
                name=move.new_name,
                groep=move.new_years[0],
                groep_tot=move.new_years[-1] if len(move.new_years) > 1 else None,
                school_year=the_plan.next_year,
                join_code=join_code,
            )
            successor.teachers.set(old.teachers.all())
            successor.pupils.set(move.staying)
            new_classes.append(successor)
        # Open feeds of the archived class: every pupil's socket checks again, and closes.
        for pupil in move.pupils:
            live.membership_changed(pupil.pk, old.pk)
    _let_leave(the_plan.leavers, today)
    return new_classes


def _let_leave(leavers, today):
    """The login goes now; the rest of the pupil's data after the retention period (privacy.retention)."""
    user_model = get_user_model()
    for pupil in leavers:
        user_model.objects.filter(pk=pupil.pk).update(left_at=today, is_active=False, picture_code="", card_token=None)
        _forget_login(pupil)
        live.session_ended(pupil.pk)  # after the commit: the pupil's open pages close
