"""A classmate's page in a class feed (`/feed/<class id>/leerling/<pupil id>/`), where a mention links to: their
avatar, name and newest posts the viewer may see. Nothing else about the pupil: no counts, no moderation."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.models import SchoolClass, teaches
from accounts.permissions import get_pupil_in_class

from .choices import PostStatus
from .models import Post

# A short list: the page introduces a classmate, the feed is where their posts are read.
MEMBER_POSTS = 20


def get_class_for_member_page(user, class_id):
    """The class if `user` is one of its pupils (not in an archived class) or teachers, 404 otherwise, as
    accounts.permissions.get_class_for_member; with `viewer_teaches` read in the same query. Only for a logged-in
    user (login_required)."""
    classes = SchoolClass.objects.for_member(user).annotate(viewer_teaches=teaches(user))
    return get_object_or_404(classes, pk=class_id)


def member_posts(viewer, school_class, pupil, teacher):
    """The pupil's own posts in this class that `viewer` may see (Post.objects.visible_to), newest first, in one
    query; `show_text` as in the feed (a hidden post's text only for teachers)."""
    posts = list(
        Post.objects.visible_to(viewer)
        .filter(school_class=school_class, author=pupil, persona__isnull=True)
        .only("id", "school_class_id", "author_id", "status", "text", "created_at", "published_at", "pinned")
        .order_by("-created_at", "-pk")[:MEMBER_POSTS]
    )
    for post in posts:
        post.show_text = teacher or post.status != PostStatus.HIDDEN
    return posts


@login_required
@require_GET
def member(request, class_id, pupil_id):
    school_class = get_class_for_member_page(request.user, class_id)
    pupil = get_pupil_in_class(school_class, pupil_id)
    teacher = school_class.viewer_teaches
    return render(
        request,
        "sandbox_feed/member.html",
        {
            "school_class": school_class,
            "pupil": pupil,
            "is_teacher": teacher,
            "posts": member_posts(request.user, school_class, pupil, teacher),
        },
    )
