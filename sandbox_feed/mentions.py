"""Mentions for the pupil who was named: what is unread, the list at /feed/genoemd/, and the classmates the
'@' box suggests.

A mention is a `Mention` row, written with the post or comment (services) for every classmate the text names,
never its writer. It notifies only while the pupil may read it: the post is visible in a class of theirs that
is not archived, and for a comment mention the comment is visible too. So a draft ("eerst nadenken") or an
item waiting for the teacher notifies from the moment it is published or approved, and a hidden, deleted or
rejected one stops notifying, without anything written at those moments.

Read rules:
- post mention (`comment` empty): read when the pupil has seen the post (a PostView: opening the feed or
  this list records one), as before comments could mention;
- comment mention: read when the pupil opens the list of mentions (`seen_at`). Opening the feed does not
  count: the comment may sit below a long thread, and the list is where the badge leads.
"""

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, Exists, ExpressionWrapper, F, OuterRef, Q, When
from django.utils import timezone

from oefenfeed import baked

from . import services, subqueries
from .choices import PostStatus
from .models import Comment, CommentVersion, Mention, Post, PostVersion, PostView
from .text import member_href, unlink_mentions

LIST_SIZE = 30


def for_pupil(user):
    """Mentions of `user` they may read, by someone else, newest first; `seen` and `when` annotated."""
    in_post = Q(comment__isnull=True) & ~Q(post__author=user)
    in_comment = Q(comment__isnull=False, comment__status=PostStatus.VISIBLE) & ~Q(comment__author=user)
    post_seen = Exists(PostView.objects.filter(post=OuterRef("post_id"), pupil=OuterRef("pupil_id")))
    return (
        Mention.objects.filter(
            in_post | in_comment,
            pupil=user,
            post__status=PostStatus.VISIBLE,
            post__school_class__pupils=user,
            post__school_class__archived_at__isnull=True,
        )
        .annotate(
            seen=ExpressionWrapper(
                Q(post_seen, comment__isnull=True) | Q(comment__isnull=False, seen_at__isnull=False),
                output_field=BooleanField(),
            ),
            when=Case(When(comment__isnull=False, then=F("comment__created_at")), default=F("post__created_at")),
        )
        .order_by("-when", "-pk")
    )


def unread(user):
    return for_pupil(user).filter(seen=False)


def _unread_count_row(user_id):
    """unread()'s number as a one-row query, to bake (oefenfeed/baked.py): building and compiling it cost 2.4 ms
    of Python on every page that shows the header."""
    user_model = get_user_model()
    counted = subqueries.count(unread(baked.stand_in(user_model, user_id)))
    return user_model.objects.filter(pk=user_id).annotate(n=counted).values("n")


def unread_count(user):
    """The header's "Je bent genoemd" number: one query."""
    found = baked.row("mentions.unread_count", _unread_count_row, user.pk)
    return found[0] if found else 0


def unread_count_expression(user):
    """unread_count as a subquery, for a page that reads it along with its own first query."""
    return baked.scalar("mentions.unread_count", _unread_count_row, user.pk)


def listing(user):
    """The list page: the newest mentions (each still showing whether it was new), then marked read."""
    items = list(
        for_pupil(user).select_related("post__school_class", "post__author", "post__persona", "comment__author")[
            :LIST_SIZE
        ]
    )
    mark_read(user, [item for item in items if not item.seen])
    return items


def mark_read(user, items):
    """Post mentions by a PostView (what the footprint counts), comment mentions by `seen_at`."""
    services.record_views(user, [item.post for item in items if item.comment_id is None])
    comment_mentions = [item.pk for item in items if item.comment_id is not None]
    if comment_mentions:
        Mention.objects.filter(pk__in=comment_mentions, pupil=user, seen_at__isnull=True).update(seen_at=timezone.now())


def members(school_class):
    """The class's pupils as the mention box suggests them: first name (what '@' needs) and initial."""
    return [
        {"name": pupil.first_name, "initial": pupil.initial, "label": pupil.display_name}
        for pupil in school_class.ordered_pupils().only("first_name", "initial", "role")
    ]


def unlink_pupil(pupil, shown):
    """Mentions that link to `pupil`'s page, in every class of theirs (archived ones too), become plain marks
    that show `shown` instead of the name: for privacy.erase, which takes the pupil and their page away.
    Posts, comments and their versions; call it before the pupil's classes are left."""
    texts = (
        (Post, "school_class_id"),
        (PostVersion, "post__school_class_id"),
        (Comment, "post__school_class_id"),
        (CommentVersion, "comment__post__school_class_id"),
    )
    class_ids = list(pupil.pupil_classes.values_list("pk", flat=True))
    for model, class_path in texts:
        changed = []
        for class_id in class_ids:
            href = member_href(class_id, pupil.pk)
            rows = model.objects.filter(**{class_path: class_id}, text__contains=f'href="{href}"')
            for pk, text in rows.values_list("pk", "text"):
                changed.append(model(pk=pk, text=unlink_mentions(text, href=href, shown=shown)))
        model.objects.bulk_update(changed, ["text"], batch_size=500)
