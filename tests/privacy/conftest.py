"""A pupil with something of everything (posts with versions and photos, comments, emoji, views, consent,
H5P results, a lesson run, failed logins, a session) and a classmate whose data must never leak into the
pupil's export nor disappear with the pupil's erase."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.choices import ThrottleScope
from accounts.models import LoginFailure, LoginThrottleLock
from h5p.models import H5PAttempt, H5PContent, H5PLibrary, H5PStatement, H5PSubContentResult, H5PUserData
from lessons.models import LessonRun
from sandbox_feed.choices import (
    ConsentMethod,
    ConsentPurpose,
    ModerationAction,
    PeopleOnPhoto,
    PostStatus,
    ReportReason,
)
from sandbox_feed.models import (
    ConsentDecision,
    Mention,
    ModerationLog,
    PhotoTag,
    PostVersion,
    PostView,
    PupilModeration,
    Report,
)
from tests.factories import CoordinatorFactory, SchoolFactory
from tests.sandbox_feed.factories import CommentFactory, PostFactory, ReactionFactory, image_bytes

# Words that exist only in the classmate's data: none of them may turn up in the pupil's export.
CLASSMATE_MARK = "KLASGENOOTGEHEIM"
# Words that exist only in the pupil's data: none of them may survive the erase.
PUPIL_MARK = "XANDRIJNSTEKST"


@pytest.fixture(autouse=True)
def _feed_media(settings, tmp_path):
    settings.FEED_MEDIA_ROOT = tmp_path / "feed-media"


def with_photo(post, color=(200, 40, 40)):
    post.photo.save("foto.jpg", ContentFile(image_bytes(color=color)), save=False)
    post.thumbnail.save("mini.jpg", ContentFile(image_bytes(size=(16, 12), color=color)), save=False)
    post.save(update_fields=["photo", "thumbnail"])
    return post


def session_for(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


@dataclass
class World:
    pupil: object
    classmate: object
    own_post: object  # with a photo nobody else is on, edited once
    own_photo_with_classmate: object  # a photo with the classmate tagged: not exported
    classmate_post: object  # the pupil commented (visible and pending), reacted, saw it, was mentioned
    classmate_photo_of_pupil: object  # the classmate's photo on which the pupil is tagged
    classmate_other_photo: object  # a photo that has nothing to do with the pupil
    kept_comment: object  # the pupil's visible comment in the classmate's thread
    content: object


@pytest.fixture
def other_school_coordinator(db):
    return CoordinatorFactory(username="coord.elders", first_name="Gert", school=SchoolFactory(name="OBS Elders"))


@pytest.fixture
def world(school_class, teacher, pupils):
    pupil, classmate = pupils[0], pupils[1]
    pupil.first_name, pupil.initial = "Xandrijn", "Q"
    pupil.save(update_fields=["first_name", "initial"])
    classmate.first_name, classmate.initial = "Ymkje", "Z"
    classmate.save(update_fields=["first_name", "initial"])
    start = timezone.now() - timedelta(hours=2)

    own_post = with_photo(PostFactory(school_class=school_class, author=pupil, text=f"{PUPIL_MARK} eerste versie"))
    PostVersion.objects.create(post=own_post, number=2, text=f"{PUPIL_MARK} tweede versie", edited_by=pupil)
    CommentFactory(post=own_post, author=classmate, text=f"{CLASSMATE_MARK} onder jouw bericht")
    CommentFactory(post=own_post, author=pupil, text=f"{PUPIL_MARK} antwoord onder eigen bericht")
    ReactionFactory(post=own_post, user=classmate, kind="heart")
    PostView.objects.create(post=own_post, pupil=classmate, seen_at=start)

    own_photo_with_classmate = with_photo(
        PostFactory(
            school_class=school_class,
            author=pupil,
            text=f"{PUPIL_MARK} samen op de foto",
            people_on_photo=PeopleOnPhoto.CLASSMATES,
        ),
        color=(10, 200, 10),
    )
    PhotoTag.objects.create(post=own_photo_with_classmate, pupil=classmate)

    classmate_post = PostFactory(school_class=school_class, author=classmate, text=f"{CLASSMATE_MARK} bericht")
    kept_comment = CommentFactory(post=classmate_post, author=pupil, text=f"{PUPIL_MARK} reactie bij klasgenoot")
    CommentFactory(
        post=classmate_post, author=pupil, text=f"{PUPIL_MARK} wacht nog", status=PostStatus.PENDING, needs_review=True
    )
    CommentFactory(post=classmate_post, author=classmate, text=f"{CLASSMATE_MARK} eigen reactie")
    ReactionFactory(post=classmate_post, user=pupil, kind="thumb")
    PostView.objects.create(post=classmate_post, pupil=pupil, seen_at=start)
    Mention.objects.create(post=classmate_post, pupil=pupil)
    Report.objects.create(school_class=school_class, reporter=classmate, comment=kept_comment, reason=ReportReason.MEAN)
    Report.objects.create(school_class=school_class, reporter=pupil, post=classmate_post, reason=ReportReason.UNTRUE)

    classmate_photo_of_pupil = with_photo(
        PostFactory(
            school_class=school_class,
            author=classmate,
            text=f"{CLASSMATE_MARK} samen op de foto",
            people_on_photo=PeopleOnPhoto.CLASSMATES,
        ),
        color=(10, 10, 200),
    )
    PhotoTag.objects.create(post=classmate_photo_of_pupil, pupil=pupil)
    PhotoTag.objects.create(post=classmate_photo_of_pupil, pupil=classmate)
    ModerationLog.objects.create(
        school_class=school_class,
        actor=teacher,
        action=ModerationAction.RELEASE_PHOTO,
        post=classmate_photo_of_pupil,
        detail=f"Op de foto: {pupil.display_name}, {classmate.display_name}",
    )
    classmate_other_photo = with_photo(
        PostFactory(school_class=school_class, author=classmate, text=f"{CLASSMATE_MARK} zonsondergang"),
        color=(250, 200, 0),
    )

    PupilModeration.objects.create(school_class=school_class, pupil=pupil, muted_until=start, mute_reason="even rust")
    ModerationLog.objects.create(
        school_class=school_class, actor=teacher, action=ModerationAction.MUTE, pupil=pupil, detail="10 min. even rust"
    )
    ModerationLog.objects.create(
        school_class=school_class,
        actor=teacher,
        action=ModerationAction.REJECT,
        comment=kept_comment,
        pupil=pupil,
        detail=f"{PUPIL_MARK} feedback",
    )

    for decided, by in [(True, "moeder"), (False, "vader")]:
        ConsentDecision.objects.create(
            pupil=pupil,
            purpose=ConsentPurpose.CLASS_FEED,
            decision=decided,
            decided_by=by,
            method=ConsentMethod.FORM,
            recorded_by=teacher,
        )
    ConsentDecision.objects.create(
        pupil=classmate,
        purpose=ConsentPurpose.CLASS_FEED,
        decision=True,
        decided_by=f"{CLASSMATE_MARK} ouder",
        method=ConsentMethod.FORM,
        recorded_by=teacher,
    )

    library = H5PLibrary.objects.create(
        machine_name="OEF.Test", major_version=1, minor_version=0, patch_version=0, title="Test", files_hash="x"
    )
    content = H5PContent.objects.create(title="Zou jij dit posten?", main_library=library, school=school_class.school)
    for user, answer in [(pupil, f"{PUPIL_MARK} antwoord"), (classmate, f"{CLASSMATE_MARK} antwoord")]:
        attempt = H5PAttempt.objects.create(content=content, user=user, number=1, raw_score=3, max_score=4)
        H5PSubContentResult.objects.create(
            attempt=attempt, sub_content_id="q1", description="Vraag 1", response=answer, raw_score=1, max_score=1
        )
        H5PStatement.objects.create(
            content=content,
            user=user,
            attempt=attempt,
            verb="answered",
            statement={"actor": {"name": user.display_name}, "result": {"response": answer}},
        )
        H5PUserData.objects.create(content=content, user=user, data_type="state", sub_content_id="0", data=answer)

    LessonRun.objects.create(
        teacher=teacher, school_class=school_class, lesson=None, lesson_title="Eén klik en het staat online"
    )
    LoginFailure.objects.create(
        key=f"pupil:{pupil.pk}", scope=ThrottleScope.ACCOUNT, user=pupil, failed_at=timezone.now()
    )
    LoginThrottleLock.objects.create(key=f"pupil:{pupil.pk}", used_at=timezone.now())
    LoginThrottleLock.objects.create(key=f"pupil:{pupil.pk}@127.0.0.1", used_at=timezone.now())
    session_for(pupil)
    session_for(classmate)

    return World(
        pupil=pupil,
        classmate=classmate,
        own_post=own_post,
        own_photo_with_classmate=own_photo_with_classmate,
        classmate_post=classmate_post,
        classmate_photo_of_pupil=classmate_photo_of_pupil,
        classmate_other_photo=classmate_other_photo,
        kept_comment=kept_comment,
        content=content,
    )
