"""Feed assignments in lessons: the lesson step "opdracht in de feed" posts its prompt into the class feed,
pinned and by the teacher, once per lesson run and step; pupils answer with comments on that post."""

import uuid

from django.db import IntegrityError, transaction
from django.urls import reverse

from . import services, wall
from .choices import PostKind
from .models import FeedAssignment

# Makes the composer key of an assignment's post from its run and step: a retry by the same teacher finds
# the post the first request made (services.create_post), whatever else happens.
_KEY_NAMESPACE = uuid.UUID("5f0d7c3e-8a4b-4f7e-9c55-2d1b6c0e4a11")


def assignment_for(run, block_id):
    """The assignment of this run and step, with its post, or None when it was not posted yet."""
    if run is None or not block_id:
        return None
    return FeedAssignment.objects.filter(run=run, block_id=block_id).select_related("post").first()


def post_assignment(run, block_id, prompt, teacher):
    """Post `prompt` into the run's class feed, pinned, as `teacher`; returns (FeedAssignment, created).

    Exactly once per run and step, also with two smartboard windows, two teachers or a retry: the existence
    check repeats inside the transaction (on SQLite it holds the write lock from its start), and where two
    requests still race (PostgreSQL), the unique constraint refuses the second, whose post and event roll
    back with it."""
    existing = assignment_for(run, block_id)
    if existing is not None:
        return existing, False
    key = uuid.uuid5(_KEY_NAMESPACE, f"{run.pk}:{block_id}")
    try:
        with transaction.atomic():
            existing = assignment_for(run, block_id)
            if existing is not None:
                return existing, False
            post = services.create_post(
                school_class=run.school_class,
                author=teacher,
                raw_text=prompt,
                fields={"kind": PostKind.ANNOUNCEMENT, "pinned": True},
                submission_key=key,
            )
            return FeedAssignment.objects.create(run=run, block_id=block_id, post=post), True
    except IntegrityError:
        return FeedAssignment.objects.select_related("post").get(run=run, block_id=block_id), False


def answers(run, block_id):
    """(posted, answers): whether the step's assignment is in the feed, and the approved comments on its post,
    oldest first, named as on the class's wall.

    The comments come through the assignment in one query; only when there are none does a second one ask
    whether the assignment was posted at all (feed.js reloads the smartboard on every class event, mostly
    because an answer came in)."""
    comments = list(
        wall.visible_comments().filter(post__feed_assignment__run=run, post__feed_assignment__block_id=block_id)
    )
    if not comments:
        return FeedAssignment.objects.filter(run=run, block_id=block_id).exists(), []
    school_class = run.school_class
    hide_names = wall.wall_for(school_class).hide_names
    names = wall.Names(hide_names, school_class.pupils.all() if hide_names else ())
    return True, wall.name_items(comments, names)


def region_id(block_id):
    return f"opdracht-{block_id}"


def step_context(mode, request, run, block_id, steps=()):
    """What the lesson step "opdracht in de feed" shows, per place (`mode`):

    - "board": the smartboard in a running lesson: the form that posts the prompt (sent by feed_assignment.js
      when the step is shown), then the approved answers, live: the first such step of the page carries the
      note feed.js follows the class with, and lists every such step's region;
    - "pupil": a link to the prompt in the feed, once it is there;
    - anything else: the prompt only."""
    from . import events, live
    from .views import feed_url

    running = run is not None and run.is_running
    context = {"region_id": region_id(block_id), "running": running}
    if mode == "pupil":
        if run is not None:
            # Before the teacher posts it, the class feed: the prompt appears there, pinned, without a reload.
            assignment = assignment_for(run, block_id)
            post = assignment.post if assignment else None
            context["post_url"] = feed_url(post, f"bericht-{post.pk}") if post else feed_url(run.school_class_id)
            context["posted"] = post is not None
        return context
    if mode != "board" or not running or not block_id:
        return context
    step_ids = [step.id for step in steps if getattr(step, "block_type", None) == "feed_assignment"]
    if step_ids and step_ids[0] == block_id:
        # The number before this page's answers are read: what comes after it is numbered above it.
        context["live_seqs"] = f"{run.school_class_id}:{events.current_seq(run.school_class_id)}"
        context["live_regions"] = ",".join(region_id(step_id) for step_id in step_ids)
        context["poll_seconds"] = live.POLL_SECONDS
        context["note_url"] = request.get_full_path() if request else ""
    context["post_action"] = reverse("sandbox_feed:assignment_post", args=[run.pk])
    context["posted"], context["answers"] = answers(run, block_id)
    return context
