"""Mentions for the pupil who was named: what is unread (a post they may see and have not opened), and
the classmates the composer suggests after '@'. Read means seen: opening the feed or the mention records a
PostView, so no separate read flag is kept."""

from django.db.models import Exists, OuterRef

from .choices import PostStatus
from .models import Mention, PostView


def for_pupil(user):
    """Mentions of `user` in visible posts of their classes, by someone else, newest first."""
    return (
        Mention.objects.filter(
            pupil=user,
            post__status=PostStatus.VISIBLE,
            post__school_class__pupils=user,
            post__school_class__archived_at__isnull=True,
        )
        .exclude(post__author=user)
        .annotate(seen=Exists(PostView.objects.filter(post=OuterRef("post_id"), pupil=OuterRef("pupil_id"))))
        .order_by("-post__created_at", "-pk")
    )


def unread_count(user):
    """The header's "Je bent genoemd" number: one query."""
    return for_pupil(user).filter(seen=False).count()


def members(school_class):
    """The class's pupils as the mention box suggests them: first name (what '@' needs) and initial."""
    return [
        {"name": pupil.first_name, "initial": pupil.initial, "label": pupil.display_name}
        for pupil in school_class.ordered_pupils().only("first_name", "initial", "role")
    ]
