"""What waits for a coordinator in their own school, for the "Wat wacht op jou" panel on their start page:
reviews in the editorial workflow, classes with consent forms not back, a school year not closed yet, and
pupils whose data waits for a decision. A few queries whatever the size of the school.

Everything is limited to the coordinator's school (`user.school_id`); a user without a school sees nothing
here. The lesson and curriculum pages are shared by every school of the board, so a review counts when a
colleague of the same school asked for it. What waits in the coordinator's own classes (posts, reports,
citations) comes from `sandbox_feed.queue.notifications_for`, already on every page for the header.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import CharField, Exists, Min, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from wagtail.models import Page, Revision, TaskState

from accounts.choices import Role
from accounts.models import SchoolClass, current_school_year
from privacy import placeholder, retention
from sandbox_feed.queue import consents_missing
from sandbox_feed.subqueries import count as _count


@dataclass(frozen=True)
class ConsentGap:
    """A class of the school with consent forms for the class feed not back yet."""

    school_class: SchoolClass
    missing: int
    taught: bool  # the coordinator teaches it, so the consent register is theirs to open


@dataclass(frozen=True)
class CoordinatorWaiting:
    school_id: int | None = None
    reviews: int = 0
    consent_gaps: list = field(default_factory=list)
    year_classes: int = 0  # active classes of a school year that is over
    year_to_close: str = ""
    pupils_without_class: int = 0
    leavers_due: int = 0  # pupils who left, past their retention period, not erased yet

    @property
    def consents(self):
        return sum(gap.missing for gap in self.consent_gaps)

    @property
    def total(self):
        return self.reviews + self.consents + self.year_classes + self.pupils_without_class + self.leavers_due

    def __bool__(self):
        return bool(self.total)


def reviews_waiting_for(user):
    """Task states in the editorial workflow that `user` may act on, asked for by a colleague of their school.

    Wagtail's `reviewable_by` decides who may act (the review task already leaves out what the user
    submitted). A change of the user's own since the page was last published cannot be approved by them
    (`curriculum.review.is_own_change`): left out too, in SQL, so the count stays one query. Unlike
    `is_own_change` this does not look inside the revisions: a revision of the user's that changed nothing
    also counts as their own here."""
    # object_id is text (a snippet's key need not be a number): compare as text, so PostgreSQL never casts it.
    live_revision = (
        Page.objects.annotate(key=Cast("pk", CharField())).filter(key=OuterRef("object_id")).values("live_revision_id")
    )
    own_revision = Revision.objects.filter(
        base_content_type_id=OuterRef("workflow_state__base_content_type_id"),
        object_id=OuterRef("workflow_state__object_id"),
        user=user,
    ).filter(pk__gt=Coalesce(Subquery(live_revision[:1]), 0))
    return (
        TaskState.objects.reviewable_by(user)
        .filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__requested_by__school_id=user.school_id)
        .exclude(Exists(own_revision))
    )


def waiting_for(user):
    """Everything that waits for `user` (a coordinator or administrator) in their school."""
    school_id = user.school_id if user.is_authenticated else None
    if school_id is None:
        return CoordinatorWaiting()
    school_classes = SchoolClass.objects.filter(school_id=school_id)
    active = school_classes.active()
    this_year = current_school_year()
    ended = active.filter(school_year__lt=this_year)
    without_class = (
        get_user_model()
        .objects.filter(role=Role.PUPIL, pupil_classes__isnull=True)
        .exclude(username=placeholder.USERNAME)
        .filter(
            Q(feed_posts__school_class__in=school_classes) | Q(feed_comments__post__school_class__in=school_classes)
        )
    )
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            n_reviews=_count(reviews_waiting_for(user)),
            n_year=_count(ended),
            oldest_year=Subquery(ended.order_by().values("school").annotate(y=Min("school_year")).values("y")[:1]),
            n_without=_count(without_class),
            n_leavers=_count(retention.due_leavers(school=school_id)),
        )
        .values("n_reviews", "n_year", "oldest_year", "n_without", "n_leavers")
        .first()
    )
    # consents_missing counts per class here: its classes are the one class of the outer row.
    this_class = SchoolClass.objects.filter(pk=OuterRef(OuterRef("pk")))
    gaps = (
        active.annotate(
            missing=_count(consents_missing(this_class)),
            taught=Exists(SchoolClass.objects.filter(pk=OuterRef("pk"), teachers=user)),
        )
        .filter(missing__gt=0)
        .order_by("groep", "name", "pk")
    )
    return CoordinatorWaiting(
        school_id=school_id,
        reviews=row["n_reviews"],
        consent_gaps=[ConsentGap(c, c.missing, c.taught) for c in gaps],
        year_classes=row["n_year"],
        year_to_close=row["oldest_year"] or "",
        pupils_without_class=row["n_without"],
        leavers_due=row["n_leavers"],
    )
