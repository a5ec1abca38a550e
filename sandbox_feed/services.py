"""What happens in the feed: publishing, editing, deleting, releasing, comments, reactions, views.

Views and the API call these; they read the request and render, the rules live here.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import consent, live
from .choices import ConsentPurpose, PeopleOnPhoto, PostStatus
from .models import Comment, FeedSettings, Mention, PhotoTag, Post, PostView, Reaction
from .permissions import can_interact, can_see_photo
from .text import clean_text, mentioned_names

PAGE_SIZE = 20


def feed_page(user, school_class, before=None):
    """(pinned posts, a page of other posts, cursor for the next page) in a constant number of queries."""
    base = Post.objects.visible_to(user).filter(school_class=school_class).for_feed()
    pinned = list(base.filter(pinned=True).order_by("-id")) if before is None else []
    rest = base.filter(pinned=False).order_by("-id")
    if before is not None:
        rest = rest.filter(id__lt=before)
    page = list(rest[: PAGE_SIZE + 1])
    next_cursor = page[PAGE_SIZE - 1].pk if len(page) > PAGE_SIZE else None
    return pinned, page[:PAGE_SIZE], next_cursor


def decorate(user, posts, teacher):
    for post in posts:
        post.show_photo = can_see_photo(user, post, teacher=teacher)
        post.can_interact = can_interact(user, post)
        post.is_own = post.author_id == user.pk
        post.my_reactions = {r.kind for r in post.reactions.all() if r.user_id == user.pk}
    return posts


def check_rate_limit(author, school_class):
    limit = FeedSettings.for_class(school_class).posts_per_minute
    recent = Post.objects.filter(
        author=author, school_class=school_class, published_at__gte=timezone.now() - timedelta(minutes=1)
    ).count()
    if recent >= limit:
        raise ValidationError(
            _(
                "Rustig aan! Je mag %(limit)s berichten per minuut plaatsen. Wacht even en probeer het dan opnieuw. "
                "Je tekst is bewaard."
            )
            % {"limit": limit},
            code="rate_limit",
        )


def photo_needs_teacher(post, tagged_pupils):
    """The consent gate: people who are not classmates, or a tagged classmate without a yes for this feed."""
    if not post.photo or post.people_on_photo == PeopleOnPhoto.NONE:
        return False
    if post.people_on_photo == PeopleOnPhoto.OTHERS:
        return True
    if not tagged_pupils:
        return True  # classmates on the photo but nobody tagged: the teacher looks first
    states = consent.consent_map([p.pk for p in tagged_pupils], ConsentPurpose.CLASS_FEED)
    return not all(states.values())


@transaction.atomic
def create_post(*, school_class, author, raw_text, fields, photo_files=None, tagged_pupils=(), draft=False):
    """Create a post (as a draft when the class asks to think before posting). `fields` are the form's
    cleaned source/kind fields; status, class and author are set here, never by the form."""
    post = Post(school_class=school_class, author=author, text=clean_text(raw_text), **fields)
    if photo_files:
        post.photo, post.thumbnail = photo_files
    post.status = PostStatus.DRAFT if draft else PostStatus.VISIBLE
    post.save()
    post.add_version(post.text, author)
    PhotoTag.objects.bulk_create([PhotoTag(post=post, pupil=p) for p in tagged_pupils])
    _save_mentions(post, raw_text)
    if not draft:
        publish(post)
    return post


def _save_mentions(post, raw_text):
    names = mentioned_names(raw_text)
    if not names:
        return
    pupils = [p for p in post.school_class.pupils.all() if p.first_name.casefold() in names]
    Mention.objects.bulk_create([Mention(post=post, pupil=p) for p in pupils], ignore_conflicts=True)


@transaction.atomic
def publish(post):
    """Draft -> visible, or pending when the photo gate asks for the teacher. Rate-limited for pupils."""
    if post.author.is_pupil:
        check_rate_limit(post.author, post.school_class)
    tagged = [tag.pupil for tag in post.tags.select_related("pupil")]
    status = PostStatus.PENDING if photo_needs_teacher(post, tagged) else PostStatus.VISIBLE
    reason = _("De foto wacht op de leerkracht.") if status == PostStatus.PENDING else ""
    now = timezone.now()
    # Only a draft is published, once: a second request racing this one changes nothing and sends nothing.
    changed = Post.objects.filter(pk=post.pk, published_at__isnull=True).update(
        status=status, status_reason=reason, published_at=now, updated_at=now
    )
    if not changed:
        post.refresh_from_db()
        return post
    post.status, post.status_reason, post.published_at = status, reason, now
    if post.status == PostStatus.VISIBLE:
        live.announce(post.school_class_id, "post", post.pk)
    return post


@transaction.atomic
def edit_post(post, raw_text, by):
    text = clean_text(raw_text)
    if text == post.text:
        return post
    post.text = text
    post.save(update_fields=["text", "updated_at"])
    post.add_version(text, by)
    _save_mentions(post, raw_text)
    return post


def delete_post(post):
    """Taken away from classmates, but kept: the author's footprint and the teacher still see it."""
    post.status = PostStatus.DELETED
    post.deleted_at = timezone.now()
    post.save(update_fields=["status", "deleted_at", "updated_at"])


def release(post):
    """A teacher lets a waiting post (and its photo) into the feed."""
    post.status = PostStatus.VISIBLE
    post.photo_hidden = False
    post.status_reason = ""
    post.save(update_fields=["status", "photo_hidden", "status_reason", "updated_at"])
    live.announce(post.school_class_id, "post", post.pk)


def add_comment(post, author, raw_text):
    comment = Comment.objects.create(post=post, author=author, text=clean_text(raw_text))
    live.announce(post.school_class_id, "comment", post.pk)
    return comment


def set_reaction(post, user, kind, active):
    """Put a reaction on (active) or take it off. Idempotent, so a retried request changes nothing more;
    only a real change is announced. Returns whether the reaction is there now."""
    if active:
        _reaction, changed = Reaction.objects.get_or_create(post=post, user=user, kind=kind)
    else:
        changed = Reaction.objects.filter(post=post, user=user, kind=kind).delete()[0] > 0
    if changed:
        live.announce(post.school_class_id, "reaction", post.pk)
    return active


def toggle_reaction(post, user, kind):
    """Press once to react, again to take it back. Returns True when the reaction is now there."""
    there = Reaction.objects.filter(post=post, user=user, kind=kind).exists()
    return set_reaction(post, user, kind, not there)


def record_views(user, posts):
    """One insert for a page of posts: the first time a pupil sees a classmate's post."""
    if not user.is_pupil:
        return
    views = [PostView(post=p, pupil=user) for p in posts if p.author_id != user.pk]
    PostView.objects.bulk_create(views, ignore_conflicts=True)


def footprint_rows(versions, views, deleted_at=None):
    """For each version: how many classmates had seen the post by the time this version was replaced
    or the post was deleted (or until now). `views` are the post's PostView rows."""
    rows = []
    seen_times = sorted(v.seen_at for v in views)
    for index, version in enumerate(versions):
        until = versions[index + 1].created_at if index + 1 < len(versions) else deleted_at
        count = sum(1 for t in seen_times if until is None or t < until)
        rows.append((version, count))
    return rows
