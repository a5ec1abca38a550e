"""The smartboard wall of a class (teachers only) and the endpoint that posts a lesson's feed assignment."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lessons.permissions import get_run_for_teacher

from . import assignments, live, post_cards, wall
from .choices import PostStatus
from .models import Post
from .responses import done


def wall_url(school_class):
    return reverse("sandbox_feed:wall", args=[school_class.pk])


@login_required
@require_GET
def wall_page(request, class_id):
    # The class's event number comes with the class, before the posts, as on the feed page: whatever happens
    # after it is numbered above it.
    school_class = wall.get_class_for_wall_page(request.user, class_id)
    state = wall.wall_for(school_class)
    posts = wall.prepare(school_class, wall.wall_posts(school_class), state.hide_names)
    spotlight = wall.spotlight_of(state, posts)
    # What every post's card shows alike, looked up once for the page, and part of each card's cache key.
    card_context = {
        "spotlight_url": reverse("sandbox_feed:wall_spotlight", args=[school_class.pk]),
        "spotlight_text": _("In de schijnwerper"),
        "comments_text": _("Reacties"),
        "announcement_text": _("Mededeling"),
        "live_seq": school_class.live_seq,
    }
    if spotlight is None:
        post_cards.render(request, posts, card_context, post_cards.WALL_TEMPLATE)
    join_url = request.build_absolute_uri(reverse("accounts:pupil_pick_name", args=[school_class.join_code]))
    title = _("QR-code: zo doe je mee met %(klas)s") % {"klas": school_class.name}
    return render(
        request,
        "sandbox_feed/wall.html",
        {
            **card_context,
            "school_class": school_class,
            "wall": state,
            "posts": posts,
            "spotlight": spotlight,
            "join_url": join_url,
            "join_qr": wall.join_qr_svg(join_url, title),
            "live_seqs": f"{school_class.pk}:{school_class.live_seq}",
            "poll_seconds": live.POLL_SECONDS,
        },
    )


@login_required
@require_POST
def wall_spotlight(request, class_id):
    """Put one post in the spotlight (`post`), or clear it (no `post`)."""
    school_class = wall.get_class_for_wall(request.user, class_id)
    post_id = request.POST.get("post", "")
    post = None
    if post_id:
        if not post_id.isdigit():
            raise Http404
        post = get_object_or_404(Post, pk=int(post_id), school_class=school_class, status=PostStatus.VISIBLE)
    wall.set_spotlight(school_class, post)
    return done(request, wall_url(school_class))


@login_required
@require_POST
def wall_names(request, class_id):
    """Hide names (`hide=1`) or show them again (`hide=0`)."""
    school_class = wall.get_class_for_wall(request.user, class_id)
    wall.set_hide_names(school_class, request.POST.get("hide") == "1")
    return done(request, wall_url(school_class))


@login_required
@require_POST
def assignment_post(request, run_id):
    """The smartboard reached a step "opdracht in de feed" (feed_assignment.js, or its button without
    JavaScript): post its prompt into the class feed, pinned, once per run and step."""
    run = get_run_for_teacher(request.user, run_id)
    if not run.is_running or run.lesson is None:
        raise Http404
    block_id = request.POST.get("block_id", "")
    block = next(
        (step for step in run.lesson.specific.steps if step.id == block_id and step.block_type == "feed_assignment"),
        None,
    )
    if block is None:
        raise Http404
    assignments.post_assignment(run, block_id, block.value["prompt"], request.user)
    return done(request, reverse("lessons:smartboard", args=[run.lesson_id]))
