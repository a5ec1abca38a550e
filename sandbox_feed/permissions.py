"""Who may see and do what in a class feed. Views, the API and templates all ask here.

Objects of classes a user does not belong to answer 404, so they stay invisible.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.choices import Role
from accounts.models import SchoolClass
from accounts.permissions import get_class_for_member, get_class_for_teacher, is_teacher_of

from .choices import PostStatus
from .models import Post


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
    """Any post, deleted ones included, of a class the user teaches."""
    if not user.is_authenticated or user.role == Role.PUPIL:
        raise Http404
    return get_object_or_404(
        Post.objects.filter(school_class__teachers=user).select_related("school_class", "author", "persona"), pk=pk
    )


def get_own_post(user, pk):
    """A post the user wrote that is not deleted: only its author may edit or delete it."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Post.objects.filter(author=user, school_class__in=SchoolClass.objects.for_member(user))
        .exclude(status=PostStatus.DELETED)
        .select_related("school_class"),
        pk=pk,
    )


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
    """Comment and react: only on visible posts."""
    return post.status == PostStatus.VISIBLE


def can_see_photo(user, post, teacher=None):
    """Teachers always see a photo (they decide about releasing it); pupils only a released, shown one."""
    if not post.photo:
        return False
    if teacher if teacher is not None else is_teacher_of(user, post.school_class):
        return True
    if post.photo_hidden:
        return False
    return post.status == PostStatus.VISIBLE or post.author_id == user.pk


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
    if post.author_id == user.pk and post.status != PostStatus.DELETED:
        return post
    if post.status == PostStatus.VISIBLE:
        return post
    raise Http404
