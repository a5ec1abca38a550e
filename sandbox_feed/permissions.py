"""Who may see and do what in a class feed. Views, the API and templates all ask here.

Objects of classes a user does not belong to answer 404, so they stay invisible.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.choices import Role
from accounts.models import SchoolClass
from accounts.permissions import get_class_for_member, get_class_for_teacher, is_teacher_of

from .choices import PostStatus
from .models import Comment, Post


def get_feed_class(user, class_id):
    """The class if `user` is one of its pupils or teachers; coordinators only for classes they teach."""
    return get_class_for_member(user, class_id)


def get_class_to_moderate(user, class_id):
    return get_class_for_teacher(user, class_id)


def is_feed_teacher(user, school_class):
    return is_teacher_of(user, school_class)


def get_post(user, pk):
    """A post the user may see in a feed (see Post.objects.visible_to)."""
    return get_object_or_404(Post.objects.visible_to(user).select_related("school_class", "author", "persona"), pk=pk)


def get_post_to_moderate(user, pk):
    """Any post, deleted ones included, of a class the user teaches. Pupils get 403 (a teacher's action),
    staff of other classes 404 (the post stays invisible)."""
    if not user.is_authenticated:
        raise Http404
    if user.role == Role.PUPIL:
        raise PermissionDenied
    return get_object_or_404(
        Post.objects.filter(school_class__teachers=user).select_related("school_class", "author", "persona"), pk=pk
    )


def get_own_post(user, pk, statuses=None):
    """A post the user wrote that is not deleted: only its author may edit or delete it, and not in an
    archived class. `statuses` narrows it further (a hidden post cannot be edited back into view)."""
    if not user.is_authenticated:
        raise Http404
    posts = Post.objects.filter(
        author=user, school_class__in=SchoolClass.objects.for_member(user), school_class__archived_at__isnull=True
    ).exclude(status=PostStatus.DELETED)
    if statuses is not None:
        posts = posts.filter(status__in=statuses)
    return get_object_or_404(posts.select_related("school_class"), pk=pk)


EDITABLE = [PostStatus.DRAFT, PostStatus.VISIBLE, PostStatus.PENDING]


def get_comment(user, pk):
    """A comment the user may see: on a post they may see, visible, or their own."""
    if not user.is_authenticated:
        raise Http404
    comment = get_object_or_404(Comment.objects.select_related("post__school_class", "author"), pk=pk)
    post = comment.post
    if is_teacher_of(user, post.school_class):
        return comment
    if post.school_class.archived_at is not None or not post.school_class.pupils.filter(pk=user.pk).exists():
        raise Http404
    if comment.author_id == user.pk and comment.status != PostStatus.DELETED:
        return comment
    if comment.status == PostStatus.VISIBLE and post.status == PostStatus.VISIBLE:
        return comment
    raise Http404


def get_comment_to_moderate(user, pk):
    """Any comment of a class the user teaches, deleted ones included (pupils 403, others 404)."""
    if not user.is_authenticated:
        raise Http404
    if user.role == Role.PUPIL:
        raise PermissionDenied
    return get_object_or_404(
        Comment.objects.filter(post__school_class__teachers=user).select_related(
            "post__school_class", "author", "post__author"
        ),
        pk=pk,
    )


def can_see_audit(user, school_class):
    """The class's teachers and the coordinators of its school."""
    if not user.is_authenticated:
        return False
    if is_teacher_of(user, school_class):
        return True
    return user.is_coordinator and user.school_id == school_class.school_id


def can_edit_word_list(user, word_list):
    """Coordinators (and administrators) edit their school's list; teachers their classes' lists."""
    if not user.is_authenticated or not user.is_school_staff:
        return False
    if word_list.school_class_id is not None and word_list.school_class.archived_at is not None:
        return False  # an archived class's feed is read-only
    if word_list.school_id is not None:
        return user.is_coordinator and user.school_id == word_list.school_id
    return is_teacher_of(user, word_list.school_class)


def get_post_with_history(user, pk):
    """A post whose versions the user may read: its author (also after deleting) or a teacher of its class."""
    if not user.is_authenticated:
        raise Http404
    post = Post.objects.select_related("school_class", "author").filter(pk=pk).first()
    if post is None:
        raise Http404
    if post.author_id == user.pk and post.school_class.pupils.filter(pk=user.pk).exists():
        return post
    if is_teacher_of(user, post.school_class):
        return post
    raise Http404


def can_interact(user, post):
    """Comment and react: only on visible posts (a locked thread still takes emoji, not comments)."""
    return post.status == PostStatus.VISIBLE


def can_see_photo(user, post, teacher=None):
    """Teachers always may (a held photo as a blurred preview first); pupils only a shown photo of a
    visible post, or of their own draft while they check it. A held or hidden photo never reaches a pupil."""
    if not post.photo:
        return False
    if teacher if teacher is not None else is_teacher_of(user, post.school_class):
        return True
    if post.photo_hidden:
        return False
    return post.status == PostStatus.VISIBLE or (post.author_id == user.pk and post.status == PostStatus.DRAFT)


def get_post_for_photo(user, pk):
    """A post whose photo the user may load: teachers of its class always; its author while the photo
    is not hidden (drafts included, for the preview); classmates when the post is visible and the photo
    not hidden."""
    if not user.is_authenticated:
        raise Http404
    post = get_object_or_404(Post.objects.select_related("school_class").exclude(photo=""), pk=pk)
    if is_teacher_of(user, post.school_class):
        return post
    if post.photo_hidden or not post.school_class.pupils.filter(pk=user.pk).exists():
        raise Http404
    if post.status == PostStatus.VISIBLE:
        return post
    if post.author_id == user.pk and post.status == PostStatus.DRAFT:
        return post
    raise Http404
