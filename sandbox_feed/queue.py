"""The teacher's review queue across their classes: waiting and flagged posts and comments and open
reports, with the context to decide (thread, earlier versions, the pupil's recent record), in a constant
number of queries whatever its length."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import SchoolClass

from .choices import ConsentPurpose, PostKind, PostStatus, SourceKind
from .models import Comment, ConsentDecision, Post, Report

QUEUE_LIMIT = 100
HISTORY_DAYS = 28


@dataclass
class PupilRecord:
    posts: int = 0
    comments: int = 0
    refused: int = 0  # rejected or hidden by a teacher
    by_status: dict = field(default_factory=dict)


def _open_reports():
    return Report.objects.filter(resolved_at__isnull=True).select_related("reporter").order_by("id")


def waiting_posts(classes):
    open_report = Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    return (
        Post.objects.filter(school_class__in=classes)
        .exclude(status=PostStatus.DRAFT)
        .filter(Q(needs_review=True) | Exists(open_report))
    )


def waiting_comments(classes):
    open_report = Report.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
    return Comment.objects.filter(post__school_class__in=classes).filter(Q(needs_review=True) | Exists(open_report))


def count_for(user):
    """How many items wait for this teacher (the number in the header): two small queries."""
    if not user.is_authenticated or not user.is_school_staff:
        return 0
    return count_in(SchoolClass.objects.for_teacher(user))


def count_in(classes):
    """Waiting posts and comments of `classes`, in one query."""
    posts = waiting_posts(classes).order_by().values_list("id")
    comments = waiting_comments(classes).order_by().values_list("id")
    return posts.union(comments, all=True).count()


@dataclass(frozen=True)
class Notifications:
    """What waits for a teacher across their classes: the start page's list and the header's badge."""

    posts: int = 0
    comments: int = 0
    reports: int = 0
    citations: int = 0
    consents: int = 0

    @property
    def review(self):
        """Waiting posts and comments: the review queue's number."""
        return self.posts + self.comments

    @property
    def total(self):
        return self.review + self.citations + self.consents

    def __bool__(self):
        return bool(self.total)


def citations_to_judge(classes):
    """Pupils' posts with a source the teacher has not judged yet."""
    return (
        Post.objects.filter(school_class__in=classes, kind=PostKind.PUPIL, citation_verdict="")
        .exclude(source_kind__in=[SourceKind.OWN, ""])
        .filter(status__in=[PostStatus.VISIBLE, PostStatus.PENDING])
    )


def consents_missing(classes):
    """Pupils of these classes without any decision for the class feed: their form is not back yet."""
    decided = ConsentDecision.objects.filter(pupil=OuterRef("pk"), purpose=ConsentPurpose.CLASS_FEED)
    return get_user_model().objects.filter(pupil_classes__in=classes).filter(~Exists(decided)).distinct()


def _count(queryset, field="id"):
    """A scalar subquery counting `queryset`'s distinct rows, for one query with many counts."""
    counted = queryset.order_by().annotate(
        n=Func(F(field), function="COUNT", template="COUNT(DISTINCT %(expressions)s)")
    )
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), 0)


def notifications_for(user):
    """Every count a teacher's badge needs, in one query whatever the number of classes or items."""
    if not user.is_authenticated or not user.is_school_staff:
        return Notifications()
    classes = SchoolClass.objects.for_teacher(user).values("pk")
    reports = Report.objects.filter(school_class__in=classes, resolved_at__isnull=True)
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            n_posts=_count(waiting_posts(classes)),
            n_comments=_count(waiting_comments(classes)),
            n_reports=_count(reports),
            n_citations=_count(citations_to_judge(classes)),
            n_consents=_count(consents_missing(classes)),
        )
        .values("n_posts", "n_comments", "n_reports", "n_citations", "n_consents")
        .first()
    )
    if row is None:
        return Notifications()
    return Notifications(
        posts=row["n_posts"],
        comments=row["n_comments"],
        reports=row["n_reports"],
        citations=row["n_citations"],
        consents=row["n_consents"],
    )


def items_for(user, school_class=None):
    """(posts, comments, records by pupil id), oldest first, each with `open_reports`; comments carry
    their post and its thread, posts their versions and the post they revise."""
    classes = SchoolClass.objects.for_teacher(user)
    if school_class is not None:
        classes = classes.filter(pk=school_class.pk)
    posts = list(
        waiting_posts(classes)
        .select_related("author", "persona", "school_class", "resubmission_of")
        .prefetch_related(
            Prefetch("reports", queryset=_open_reports(), to_attr="open_reports"),
            "versions",
            "tags__pupil",
            Prefetch("comments", queryset=Comment.objects.select_related("author"), to_attr="thread"),
        )
        .order_by("id")[:QUEUE_LIMIT]
    )
    comments = list(
        waiting_comments(classes)
        .select_related("author", "post__author", "post__persona", "post__school_class", "resubmission_of")
        .prefetch_related(
            Prefetch("reports", queryset=_open_reports(), to_attr="open_reports"),
            Prefetch("post__comments", queryset=Comment.objects.select_related("author"), to_attr="thread"),
        )
        .order_by("id")[:QUEUE_LIMIT]
    )
    authors = {item.author_id for item in posts + comments}
    return posts, comments, records(authors)


def records(author_ids):
    """What each pupil wrote in the last weeks, by status: two grouped queries for any number of pupils."""
    since = timezone.now() - timedelta(days=HISTORY_DAYS)
    result = {pk: PupilRecord() for pk in author_ids}
    for model, attr in ((Post, "posts"), (Comment, "comments")):
        rows = (
            model.objects.filter(author_id__in=author_ids, created_at__gte=since)
            .exclude(status=PostStatus.DRAFT)
            .values("author_id", "status")
            .annotate(n=Count("id"))
        )
        for row in rows:
            record = result[row["author_id"]]
            setattr(record, attr, getattr(record, attr) + row["n"])
            record.by_status[row["status"]] = record.by_status.get(row["status"], 0) + row["n"]
            if row["status"] in (PostStatus.REJECTED, PostStatus.HIDDEN):
                record.refused += row["n"]
    return result
