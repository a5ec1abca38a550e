"""Small template helpers of the class feed."""

from django import template
from django.urls import reverse

from sandbox_feed.choices import REJECT_REASON_EXPLAINED

register = template.Library()


@register.filter
def reason_explained(reason):
    """The class rule behind a rejection reason, in a short sentence for the pupil."""
    return REJECT_REASON_EXPLAINED.get(reason, "")


@register.inclusion_tag("sandbox_feed/includes/queue_panel.html", takes_context=True)
def queue_panel(context, limit=5):
    """The teacher start page's list of what waits: the oldest few items and the total."""
    from accounts.models import SchoolClass
    from sandbox_feed import queue

    user = context["user"]
    classes = SchoolClass.objects.for_teacher(user)
    posts = list(queue.waiting_posts(classes).select_related("author", "school_class").order_by("id")[:limit])
    comments = list(
        queue.waiting_comments(classes).select_related("author", "post__school_class").order_by("id")[:limit]
    )
    return {"posts": posts, "comments": comments, "total": context.get("review_queue_count", 0)}


@register.inclusion_tag("sandbox_feed/includes/coordinator_panel.html", takes_context=True)
def coordinator_moderation_panel(context):
    """For coordinators: the school's word list and every class's audit log."""
    from accounts.models import SchoolClass

    user = context["user"]
    classes = SchoolClass.objects.filter(school_id=user.school_id) if user.school_id else SchoolClass.objects.none()
    return {"school_classes": list(classes.order_by("groep", "name")), "user": user}


@register.simple_tag
def place_in_feed(post, *anchor_parts):
    """The address of the feed page that shows `post`, at the anchor the parts make ("bericht-", post.pk).

    A pinned post stands on the first page; any other post heads the page that starts with it (`?voor=`, the
    feed's own paging), so a link from a mention or a classmate's page reaches a post older than the newest
    twenty too."""
    anchor = "".join(str(part) for part in anchor_parts)
    url = reverse("sandbox_feed:feed", args=[post.school_class_id])
    if post.pinned:
        return f"{url}#{anchor}"
    return f"{url}?voor={post.pk + 1}#{anchor}"
