"""Retention: what the school keeps only for a while is erased when its time is up, from the database and from
the photo storage, with nothing soft-deleted left in a table.

- A pupil who left (`User.left_at`, set by privacy.schoolyear) is erased PRIVACY_RETENTION_AFTER_LEAVING_DAYS
  after leaving, exactly as a coordinator's erase does it (privacy.erase: one privacy log line each).
- Photos (and thumbnails) of posts in archived classes go after the end of that school year (31 July) plus
  PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS; the post keeps its text for the teachers' archive. One privacy
  log line per school, with the number, never a file name.

`due()` is the dry run; `apply()` does it. Both run from `close_school_year` and `apply_retention` (nightly).
The parents' page and the register word the same periods (privacy.register).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import SchoolClass
from sandbox_feed import live
from sandbox_feed.choices import PeopleOnPhoto
from sandbox_feed.models import PhotoTag, Post, private_storage

from .choices import PrivacyAction
from .erase import AlreadyErased, erase_pupil
from .models import PrivacyLog

ACTOR_NAME = "Bewaartermijn (automatisch)"


def school_year_end(school_year):
    """31 July of the year a school year ends in: "2026-2027" ends on 31 July 2027."""
    return date(int(school_year[-4:]), 7, 31)


def photo_delete_date(school_year):
    """The last day photos of an archived class of `school_year` are kept; they go the day after."""
    return school_year_end(school_year) + timedelta(days=settings.PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS)


def leaver_erase_date(left_at):
    """The day a pupil who left on `left_at` is erased."""
    return left_at + timedelta(days=settings.PRIVACY_RETENTION_AFTER_LEAVING_DAYS)


def due_leavers(today=None, school=None):
    """Pupils who left and whose retention has passed (of `school`'s classes, or of every school)."""
    today = today or timezone.localdate()
    limit = today - timedelta(days=settings.PRIVACY_RETENTION_AFTER_LEAVING_DAYS)
    pupils = get_user_model().objects.filter(role=Role.PUPIL, left_at__isnull=False, left_at__lte=limit)
    if school is not None:
        pupils = pupils.filter(pupil_classes__school=school)
    return pupils.distinct().order_by("left_at", "pk")


def due_photo_posts(today=None, school=None):
    """Posts with a photo in archived classes whose school year's retention has passed."""
    today = today or timezone.localdate()
    archived = SchoolClass.objects.filter(archived_at__isnull=False)
    if school is not None:
        archived = archived.filter(school=school)
    years = set(archived.values_list("school_year", flat=True).distinct())
    due_years = [year for year in years if photo_delete_date(year) < today]
    return Post.objects.filter(school_class__in=archived.filter(school_year__in=due_years)).exclude(photo="")


@dataclass
class Due:
    leavers: list
    photo_posts: int

    @property
    def anything(self):
        return bool(self.leavers or self.photo_posts)


def due(today=None, school=None):
    """The dry run: who would be erased and how many photos would go, today."""
    return Due(leavers=list(due_leavers(today, school)), photo_posts=due_photo_posts(today, school).count())


@dataclass
class Applied:
    erased: list = field(default_factory=list)  # pseudonyms, as in the privacy log
    photos: dict = field(default_factory=dict)  # school id -> number of photos deleted

    @property
    def photo_count(self):
        return sum(self.photos.values())


def apply(today=None, school=None, actor_name=ACTOR_NAME):
    """Erase the due leavers and the due photos. Each pupil is one erase (one transaction); the photos of
    each school one transaction, their files deleted after its commit."""
    result = Applied()
    for pupil in due_leavers(today, school):
        try:
            result.erased.append(erase_pupil(pupil, actor_name=actor_name).pseudonym)
        except AlreadyErased:
            continue
    school_ids = set(due_photo_posts(today, school).values_list("school_class__school_id", flat=True).distinct())
    for school_id in sorted(school_ids):
        deleted = _delete_photos(today, school_id, actor_name)
        if deleted:
            result.photos[school_id] = deleted
    return result


def _delete_photos(today, school_id, actor_name):
    with transaction.atomic():
        posts = list(
            due_photo_posts(today)
            .filter(school_class__school_id=school_id)
            .select_for_update()
            .only("pk", "school_class_id", "photo", "thumbnail")
        )
        if not posts:
            return 0
        ids = [post.pk for post in posts]
        files = [field.name for post in posts for field in (post.photo, post.thumbnail) if field]
        # The tags say who is on the photo: without the photo they are about nothing.
        PhotoTag.objects.filter(post_id__in=ids).delete()
        Post.objects.filter(pk__in=ids).update(
            photo="", thumbnail="", photo_hidden=False, photo_released=False, people_on_photo=PeopleOnPhoto.NONE
        )
        PrivacyLog.objects.create(
            action=PrivacyAction.RETENTION,
            actor=None,
            actor_name=actor_name,
            school_id=school_id,
            counts={"photos": len(posts)},
        )
        transaction.on_commit(partial(_delete_files, files))
        for post in posts:
            live.announce(post.school_class_id, "post_edit", post.pk)
    return len(posts)


def _delete_files(names):
    for name in names:
        private_storage.delete(name)
