"""What happens in the feed: publishing, editing, deleting, releasing, comments, reactions, views.

Views and the API call these; they read the request and render, the rules live here.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from . import consent, live, moderation, subqueries, wordcheck
from .choices import CitationVerdict, ConsentPurpose, PeopleOnPhoto, PostStatus
from .models import (
    Comment,
    CommentVersion,
    FeedSettings,
    Mention,
    PhotoTag,
    Post,
    PostVersion,
    PostView,
    Reaction,
)
from .permissions import can_interact, can_see_photo, is_teacher_of
from .text import clean_text, mark_mentions, member_href, mentioned_names

PAGE_SIZE = 20


def feed_page(user, school_class, before=None, teacher=None):
    """(pinned posts, a page of other posts, cursor for the next page) in a constant number of queries: the
    pinned posts and the page come from one query (see for_feed for what else rides along)."""
    teacher = is_teacher_of(user, school_class) if teacher is None else teacher
    base = Post.objects.visible_to(user).filter(school_class=school_class)
    rest = base.filter(pinned=False)
    if before is not None:
        rest = rest.filter(id__lt=before)
    # The page ends at the id of the post after it (the (PAGE_SIZE + 1)th, which only says there is more):
    # one query takes the pinned posts and the page, however many posts are pinned.
    boundary = rest.order_by("-id").values("id")[PAGE_SIZE : PAGE_SIZE + 1]
    in_page = Q(pinned=False, id__gte=Coalesce(Subquery(boundary), 0))
    if before is not None:
        in_page &= Q(id__lt=before)
    wanted = in_page if before is not None else in_page | Q(pinned=True)
    rows = list(base.filter(wanted).for_feed(user, teacher=teacher).order_by("-pinned", "-id"))
    pinned = [post for post in rows if post.pinned]
    page = [post for post in rows if not post.pinned]
    next_cursor = page[PAGE_SIZE - 1].pk if len(page) > PAGE_SIZE else None
    return pinned, page[:PAGE_SIZE], next_cursor


def decorate(user, posts, teacher):
    for post in posts:
        post.show_photo = can_see_photo(user, post, teacher=teacher)
        post.can_interact = can_interact(user, post)
        # A pupil never reads what a teacher hid, not even their own words in the feed (the footprint
        # keeps their versions); they see that it was hidden, and why.
        post.show_text = teacher or post.status != PostStatus.HIDDEN
        post.can_comment = post.can_interact and not post.locked
        post.is_own = post.author_id == user.pk
        post.my_reactions = subqueries.parse_reactions(getattr(post, "reaction_list", None))[1]
        post.has_open_reports = bool(getattr(post, "open_report_count", 0))
    if teacher:
        for comment in (comment for post in posts for comment in getattr(post, "visible_comments", ())):
            comment.has_open_reports = bool(getattr(comment, "open_report_count", 0))
    if teacher:
        _decorate_held_photos(posts)
    return posts


def _decorate_held_photos(posts):
    """For teachers: which photos are held, and the consent state of everyone tagged, in one query."""
    tagged_ids = {tag.pupil_id for post in posts if post.photo for tag in post.tags.all()}
    states = consent.consent_states(list(tagged_ids)) if tagged_ids else {}
    for post in posts:
        people = [(tag.pupil, states.get(tag.pupil_id, "missing")) for tag in post.tags.all()]
        post.consent_people = people
        post.consent_refused = any(state == "no" for _pupil, state in people)
        post.consent_names = ", ".join(pupil.display_name for pupil, _state in people)
        post.photo_held = bool(post.photo) and (
            post.photo_hidden
            or (
                post.status == PostStatus.PENDING
                and post.people_on_photo != PeopleOnPhoto.NONE
                and not post.photo_released
            )
        )


def check_rate_limit(author, school_class, feed_settings=None):
    limit = (feed_settings or FeedSettings.for_class(school_class)).posts_per_minute
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


def create_post(
    *,
    school_class,
    author,
    raw_text,
    fields,
    photo_files=None,
    tagged_pupils=(),
    draft=False,
    send_to_teacher=False,
    resubmission_of=None,
    submission_key=None,
):
    """Create a post (as a draft when the class asks to think before posting). `fields` are the form's
    cleaned source/kind fields; status, class and author are set here, never by the form. Lesson mode, a
    mute and the word lists are checked first: a refused post is not stored (ValidationError).

    `submission_key` (a UUID the composer carries) makes a repeated submission return the post the first
    one made, as it is now, instead of a second post: a double tap or a retry after a dropped connection.

    The checks, the word lists and the cleaning run before the transaction: on SQLite a transaction holds
    the one write lock from its start, and a classroom rush queues on it."""
    if submission_key is not None:
        earlier = submitted_before(author, submission_key)
        if earlier is not None:
            return earlier
    moderation.check_can_write(author, school_class, what="post")
    screening = wordcheck.screen(school_class, author, raw_text, send_to_teacher=send_to_teacher)
    mentioned = _mentioned_pupils(school_class, raw_text)
    post = Post(
        school_class=school_class,
        author=author,
        text=_mark(school_class, clean_text(screening.text), mentioned),
        word_hits=screening.hits,
        resubmission_of=resubmission_of,
        **fields,
    )
    if photo_files:
        post.photo, post.thumbnail = photo_files
    post.status = PostStatus.DRAFT if draft else PostStatus.VISIBLE
    post.submission_key = submission_key
    try:
        with transaction.atomic():
            post.save()
            post.add_version(post.text, author)
            PhotoTag.objects.bulk_create([PhotoTag(post=post, pupil=p) for p in tagged_pupils])
            Mention.objects.bulk_create([Mention(post=post, pupil=p) for p in mentioned], ignore_conflicts=True)
            if not draft:
                publish(post)
    except IntegrityError:
        # The same submission, in a request that got there first (PostgreSQL made this insert wait for that
        # one's commit): answer with its post; the files this one wrote are not needed. No savepoint around
        # the insert: on SQLite every statement inside a transaction holds the one write lock a rush queues on.
        earlier = submitted_before(author, submission_key) if submission_key is not None else None
        if earlier is None:
            raise
        _discard_files(post)
        return earlier
    return post


def submitted_before(author, submission_key):
    """The post `author` made with this composer key, or None."""
    return Post.objects.select_related("school_class").filter(author=author, submission_key=submission_key).first()


def _discard_files(post):
    for field in (post.photo, post.thumbnail):
        if field:
            field.storage.delete(field.name)


def _mentioned_pupils(school_class, raw_text):
    names = mentioned_names(raw_text)
    if not names:
        return []
    return [p for p in school_class.pupils.all() if p.first_name.casefold() in names]


def _mark(school_class, cleaned, pupils):
    """`cleaned` with the mentioned classmates `pupils` marked (text.mark_mentions): a link to the classmate's
    page when one classmate has the name; a plain mark when two share it (both are told, as before: which one
    is meant cannot be known)."""
    by_name = {}
    for pupil in pupils:
        by_name.setdefault(pupil.first_name.casefold(), []).append(pupil)
    links = {name: member_href(school_class.pk, named[0].pk) for name, named in by_name.items() if len(named) == 1}
    return mark_mentions(cleaned, set(by_name), links)


def _marked(school_class, cleaned, raw_text):
    """`cleaned` with the classmates that `raw_text` mentions shown as mentions (text.mark_mentions)."""
    return _mark(school_class, cleaned, _mentioned_pupils(school_class, raw_text))


def _save_mentions(post, raw_text):
    pupils = _mentioned_pupils(post.school_class, raw_text)
    Mention.objects.bulk_create([Mention(post=post, pupil=p) for p in pupils], ignore_conflicts=True)


def _save_comment_mentions(comment, pupils, edited=False):
    """The classmates a comment names, never its writer. Whether a mention notifies is decided when it is
    read (mentions.for_pupil), so publishing or approving the comment needs nothing here. An edit that drops
    a name drops that mention; a name kept keeps its read state."""
    named = {pupil.pk for pupil in pupils if pupil.pk != comment.author_id}
    if edited:
        Mention.objects.filter(comment=comment).exclude(pupil_id__in=named).delete()
    Mention.objects.bulk_create(
        [Mention(post_id=comment.post_id, comment=comment, pupil_id=pk) for pk in sorted(named)],
        ignore_conflicts=True,
    )


def _review_state(item, school_class, *, photo_held=False, feed_settings=None, standing=moderation.UNREAD):
    """(status, needs_review, status_reason) for a new post or comment: it waits for the teacher under
    pre-moderation or 'always review', when a word list asks for approval, when its photo is held, and when
    it is a revision of a refused one (the teacher sees whether it improved); a flagged word only puts a
    visible item in the queue."""
    rules = {hit.get("rule") for hit in item.word_hits}
    reasons = []
    if photo_held:
        reasons.append(_("De foto wacht op de leerkracht."))
    if "approve" in rules or "block" in rules:
        reasons.append(_("Er staan woorden in die je leerkracht eerst wil lezen."))
    if item.resubmission_of_id:
        reasons.append(_("Je verbeterde versie wacht op je leerkracht."))
    if moderation.reviews_first(school_class, item.author, feed_settings=feed_settings, standing=standing):
        reasons.append(_("In deze klas kijkt de juf of meester alles eerst na."))
    if reasons:
        return PostStatus.PENDING, True, " ".join(reasons)
    return PostStatus.VISIBLE, "flag" in rules, ""


@transaction.atomic
def publish(post):
    """Draft -> visible, or pending when it waits for the teacher (see _review_state). Rate-limited for
    pupils, and refused in lesson mode, outside opening hours and while muted."""
    # Read once and handed on: on SQLite this runs holding the write lock every other writer waits for.
    school_class, author = post.school_class, post.author
    feed_settings = FeedSettings.for_class(school_class)
    standing = moderation.pupil_settings(school_class, author) if author.is_pupil else None
    if author.is_pupil:
        moderation.check_can_write(author, school_class, what="post", feed_settings=feed_settings, standing=standing)
        check_rate_limit(author, school_class, feed_settings=feed_settings)
    tagged = [tag.pupil for tag in post.tags.select_related("pupil")] if post.photo else []
    status, needs_review, reason = _review_state(
        post,
        school_class,
        photo_held=photo_needs_teacher(post, tagged),
        feed_settings=feed_settings,
        standing=standing,
    )
    now = timezone.now()
    # Only a draft is published, once: a second request racing this one changes nothing and sends nothing.
    changed = Post.objects.filter(pk=post.pk, published_at__isnull=True).update(
        status=status, status_reason=reason, needs_review=needs_review, published_at=now, updated_at=now
    )
    if not changed:
        post.refresh_from_db()
        return post
    post.status, post.status_reason, post.needs_review, post.published_at = status, reason, needs_review, now
    # Visible: the class hears it (teachers too, also of a flagged word). Waiting: only its author and the
    # teachers, whose queue grows; a photo held for consent is never announced to the class.
    live.announce_item(post, "post" if post.status == PostStatus.VISIBLE else "post_pending")
    return post


KEEP_PHOTO = "keep"
REMOVE_PHOTO = "remove"
SOURCE_FIELDS = [f"source_{name}" for name in PostVersion.SOURCE_FIELDS]


def edit_post(
    post,
    raw_text,
    by,
    send_to_teacher=False,
    *,
    fields=None,
    photo=KEEP_PHOTO,
    tagged_pupils=None,
):
    """A new version of the post. The word lists check the text again; under pre-moderation an edited post
    goes back to the teacher, so approval cannot be used to slip other words in afterwards.

    `fields` are the composer's source fields and people_on_photo (None: unchanged); `photo` is KEEP_PHOTO,
    REMOVE_PHOTO or a new (photo, thumbnail) pair from photos.process_photo; `tagged_pupils` None keeps the
    tags. A changed source (or text) of a post with a source goes back to the teacher for judging, as a new
    post's does; a new photo passes the consent gate again. Old photo files are deleted after the commit."""
    screening = wordcheck.screen(post.school_class, by, raw_text, send_to_teacher=send_to_teacher)
    text = _marked(post.school_class, clean_text(screening.text), raw_text)
    fields = {name: value for name, value in (fields or {}).items() if getattr(post, name) != value}
    old_tags = {tag.pupil_id for tag in post.tags.all()}
    new_tags = None if tagged_pupils is None else {pupil.pk for pupil in tagged_pupils}
    if photo == REMOVE_PHOTO and not post.photo:
        photo = KEEP_PHOTO
    photo_changed = photo != KEEP_PHOTO
    has_photo = bool(post.photo) if not photo_changed else photo != REMOVE_PHOTO
    if not has_photo:
        new_tags = set()
        if post.people_on_photo != PeopleOnPhoto.NONE:
            fields["people_on_photo"] = PeopleOnPhoto.NONE
        else:
            fields.pop("people_on_photo", None)
    tags_changed = new_tags is not None and new_tags != old_tags
    if text == post.text and not fields and not photo_changed and not tags_changed:
        return post
    old_files = [f.name for f in (post.photo, post.thumbnail) if f] if photo_changed else []
    with transaction.atomic():
        was_shown = live.shown_to_class(post)
        source_changed = any(name in fields for name in SOURCE_FIELDS)
        text_changed = text != post.text
        for name, value in fields.items():
            setattr(post, name, value)
        post.text, post.word_hits = text, screening.hits
        update = ["text", "word_hits", "updated_at", *fields]
        if photo_changed:
            post.photo, post.thumbnail = photo if photo != REMOVE_PHOTO else ("", "")
            post.photo_released = False
            update += ["photo", "thumbnail", "photo_released"]
        if tags_changed:
            PhotoTag.objects.filter(post=post).exclude(pupil_id__in=new_tags).delete()
            PhotoTag.objects.bulk_create(
                [PhotoTag(post=post, pupil_id=pk) for pk in new_tags - old_tags], ignore_conflicts=True
            )
        if post.uses_source and post.citation_verdict and (source_changed or text_changed):
            # Fixed after "Nog niet goed" (or changed after "Goed gedaan"): the teacher judges it again.
            post.citation_verdict = CitationVerdict.UNCHECKED
            update.append("citation_verdict")
        if post.status in (PostStatus.VISIBLE, PostStatus.PENDING) and by.is_pupil:
            photo_held = (photo_changed or tags_changed or "people_on_photo" in fields) and photo_needs_teacher(
                post, [tag.pupil for tag in post.tags.select_related("pupil")]
            )
            if post.status == PostStatus.VISIBLE or photo_held:
                status, needs_review, reason = _review_state(post, post.school_class, photo_held=photo_held)
                post.status, post.needs_review, post.status_reason = status, needs_review, reason
                update += ["status", "needs_review", "status_reason"]
        post.save(update_fields=list(dict.fromkeys(update)))
        post.add_version(text, by)
        _save_mentions(post, raw_text)
        if post.status != PostStatus.DRAFT:
            # A visible post that goes back to the teacher drops from classmates' pages (was_shown).
            live.announce_item(post, "post_edit", was_shown=was_shown)
        if old_files:
            storage = Post._meta.get_field("photo").storage
            transaction.on_commit(lambda: [storage.delete(name) for name in old_files])
    return post


@transaction.atomic
def delete_post(post, by=None):
    """Taken away from classmates, but kept: the author's footprint and the teacher still see it. A draft
    was never posted: it is discarded for real (discard_draft)."""
    if post.status == PostStatus.DRAFT:
        discard_draft(post)
        return
    was_shown = live.shown_to_class(post)
    post.status = PostStatus.DELETED
    post.deleted_at = timezone.now()
    post.deleted_by = by or post.author
    post.save(update_fields=["status", "deleted_at", "deleted_by", "updated_at"])
    live.announce_item(post, "post_delete", was_shown=was_shown)


@transaction.atomic
def discard_draft(post):
    """'Toch niet plaatsen': nobody saw a draft, so nothing of it stays: the row with its versions, tags and
    mentions, and its photo files (after the commit). No event, no log line, no footprint entry. Returns
    False when it was no longer a draft (published or discarded meanwhile): then nothing changes."""
    files = [f.name for f in (post.photo, post.thumbnail) if f]
    deleted, _counts = Post.objects.filter(pk=post.pk, status=PostStatus.DRAFT, published_at__isnull=True).delete()
    if not deleted:
        return False
    if files:
        storage = Post._meta.get_field("photo").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return True


def add_comment(post, author, raw_text, *, send_to_teacher=False, resubmission_of=None, draft=False):
    """A comment on a visible, open thread. Lesson mode, mute and word lists apply as for posts; they run
    before the one write (see create_post). With `draft` (the class's "eerst nadenken") it is kept as a
    draft for its author to look at first (publish_comment); nobody else hears of it."""
    if post.locked:
        raise ValidationError(_("Je leerkracht heeft dit gesprek gesloten. Lezen kan nog."), code="locked")
    moderation.check_can_write(author, post.school_class, what="comment")
    screening = wordcheck.screen(post.school_class, author, raw_text, send_to_teacher=send_to_teacher)
    mentioned = _mentioned_pupils(post.school_class, raw_text)
    comment = Comment(
        post=post,
        author=author,
        text=_mark(post.school_class, clean_text(screening.text), mentioned),
        word_hits=screening.hits,
        resubmission_of=resubmission_of,
    )
    if draft:
        comment.status = PostStatus.DRAFT
    else:
        comment.status, comment.needs_review, comment.status_reason = _review_state(comment, post.school_class)
    with transaction.atomic():
        comment.save()
        add_comment_version(comment, author)
        _save_comment_mentions(comment, mentioned)
        if not draft:
            live.announce_item(comment, "comment" if comment.status == PostStatus.VISIBLE else "comment_pending")
    return comment


def add_comment_version(comment, by):
    number = CommentVersion.objects.filter(comment=comment).count() + 1
    return CommentVersion.objects.create(comment=comment, number=number, text=comment.text, edited_by=by)


def comment_needs_thinking(post, author):
    """The class's "eerst nadenken" applies to a pupil's comments too."""
    return author.is_pupil and FeedSettings.for_class(post.school_class).preview_before_post


def publish_comment(comment):
    """A comment draft goes online (or to the teacher), with the checks of a new comment at this moment.
    Only a draft is published, once; a second press changes nothing."""
    post = comment.post
    if post.locked or post.status != PostStatus.VISIBLE:
        raise ValidationError(_("Je kunt hier nu niet meer reageren. Je reactie is niet geplaatst."), code="closed")
    moderation.check_can_write(comment.author, post.school_class, what="comment")
    status, needs_review, reason = _review_state(comment, post.school_class)
    with transaction.atomic():
        changed = Comment.objects.filter(pk=comment.pk, status=PostStatus.DRAFT).update(
            status=status, needs_review=needs_review, status_reason=reason, created_at=timezone.now()
        )
        if not changed:
            comment.refresh_from_db()
            return comment
        comment.status, comment.needs_review, comment.status_reason = status, needs_review, reason
        live.announce_item(comment, "comment" if status == PostStatus.VISIBLE else "comment_pending")
    return comment


@transaction.atomic
def discard_comment_draft(comment):
    """'Toch niet plaatsen' for a comment: nobody saw it, so nothing stays. False when it was no draft."""
    deleted, _counts = Comment.objects.filter(pk=comment.pk, status=PostStatus.DRAFT).delete()
    return bool(deleted)


def edit_comment(comment, raw_text, by, send_to_teacher=False):
    """A new version of a comment's text, checked by the word lists again; a visible comment goes back to the
    teacher when the class reviews first, as an edited post does. Every version is kept (CommentVersion)."""
    screening = wordcheck.screen(comment.post.school_class, by, raw_text, send_to_teacher=send_to_teacher)
    mentioned = _mentioned_pupils(comment.post.school_class, raw_text)
    text = _mark(comment.post.school_class, clean_text(screening.text), mentioned)
    if text == comment.text:
        return comment
    with transaction.atomic():
        was_shown = live.shown_to_class(comment)
        if not CommentVersion.objects.filter(comment=comment).exists():
            # A comment from before versions were kept: its first text is version 1.
            CommentVersion.objects.create(
                comment=comment, number=1, text=comment.text, edited_by=comment.author, created_at=comment.created_at
            )
        comment.text, comment.word_hits = text, screening.hits
        update = ["text", "word_hits"]
        if comment.status == PostStatus.VISIBLE and by.is_pupil:
            comment.status, comment.needs_review, comment.status_reason = _review_state(
                comment, comment.post.school_class
            )
            update += ["status", "needs_review", "status_reason"]
        comment.save(update_fields=update)
        add_comment_version(comment, by)
        _save_comment_mentions(comment, mentioned, edited=True)
        if comment.status != PostStatus.DRAFT:
            live.announce_item(comment, "comment_edit", was_shown=was_shown)
    return comment


@transaction.atomic
def delete_comment(comment, by):
    """A pupil takes back their comment: gone for classmates, kept for the teacher (marked deleted). A draft
    is discarded for real."""
    if comment.status == PostStatus.DRAFT:
        return discard_comment_draft(comment)
    now = timezone.now()
    was_shown = live.shown_to_class(comment)
    updated = (
        Comment.objects.filter(pk=comment.pk)
        .exclude(status=PostStatus.DELETED)
        .update(status=PostStatus.DELETED, deleted_at=now, deleted_by=by)
    )
    if updated:
        comment.status = PostStatus.DELETED
        live.announce_item(comment, "comment_delete", was_shown=was_shown)
    return bool(updated)


def set_reaction(post, user, kind, active):
    """Put a reaction on (active) or take it off. Idempotent, so a retried request changes nothing more;
    only a real change is announced. Returns whether the reaction is there now."""
    moderation.check_can_write(user, post.school_class, what="reaction")
    mine = Reaction.objects.filter(post=post, user=user, kind=kind)
    if active and mine.exists():
        return active  # there already (a retry): nothing changes, nothing is announced
    try:
        with transaction.atomic():
            if active:
                Reaction.objects.create(post=post, user=user, kind=kind)
            elif not mine.delete()[0]:
                return active
            live.announce_item(post, "reaction")
    except IntegrityError:
        # The same press at the same moment got there first, and announced it.
        if not (active and mine.exists()):
            raise
    return active


@transaction.atomic
def review_citation(post, verdict, comment):
    """The teacher's verdict on a post's citation, shown under the post."""
    post.citation_verdict, post.citation_comment = verdict, comment
    post.save(update_fields=["citation_verdict", "citation_comment", "updated_at"])
    live.announce_item(post, "post_citation")
    return post


@transaction.atomic
def reveal(post):
    """A scenario post is shown to be an exercise: the class sees the account was not real."""
    if Post.objects.filter(pk=post.pk, revealed=False).update(revealed=True):
        post.revealed = True
        live.announce_item(post, "post_reveal")
    return post


def toggle_reaction(post, user, kind):
    """Press once to react, again to take it back. Returns True when the reaction is now there."""
    there = Reaction.objects.filter(post=post, user=user, kind=kind).exists()
    return set_reaction(post, user, kind, not there)


def record_views(user, posts):
    """One statement for a page of posts: the first time a pupil sees a classmate's post. A plain INSERT ... ON
    CONFLICT DO NOTHING (PostgreSQL, SQLite 3.24+) in autocommit: bulk_create would wrap it in a transaction of
    its own, two more round trips (BEGIN, COMMIT) on every feed page a pupil opens."""
    if not user.is_pupil:
        return
    post_ids = sorted({post.pk for post in posts if post.author_id != user.pk})
    if not post_ids:
        return
    seen_at = connection.ops.adapt_datetimefield_value(timezone.now())
    table = connection.ops.quote_name(PostView._meta.db_table)  # our own name, not input
    rows = ", ".join(["(%s, %s, %s)"] * len(post_ids))
    sql = f"INSERT INTO {table} (post_id, pupil_id, seen_at) VALUES {rows} ON CONFLICT DO NOTHING"  # noqa: S608
    params = [value for post_id in post_ids for value in (post_id, user.pk, seen_at)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


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
