"""Erase: no row and no file of the pupil is left; classmates' threads keep "verwijderde leerling"; consent
proof stays under a pseudonym; the erase is logged without content."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse

from accounts.models import LoginThrottleLock
from privacy import placeholder
from privacy.choices import PrivacyAction
from privacy.erase import AlreadyErased, counts, erase_pupil
from privacy.models import ConsentProof, PrivacyLog
from privacy.pseudonyms import pseudonym_for
from sandbox_feed.models import Comment, ConsentDecision, ModerationLog, Post, PostView, Reaction, Report
from tests.privacy.conftest import CLASSMATE_MARK, PUPIL_MARK

pytestmark = pytest.mark.django_db

# The only models that may hold the erased pupil's pseudonym: the consent proof the school must keep and the
# privacy log entry of the erase itself. Neither has a relation to the pupil, a name or a text.
HOLD_THE_PSEUDONYM = {ConsentProof, PrivacyLog}


def photo_files():
    root = Path(settings.FEED_MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def files_of(*posts):
    return {field.name for post in posts for field in (post.photo, post.thumbnail) if field}


@pytest.fixture
def erase_through_the_page(client, django_capture_on_commit_callbacks):
    """Erase as a coordinator through the confirmation page; what waits for the commit (deleting files,
    live updates) runs too."""

    def erase(coordinator, pupil):
        client.force_login(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("privacy:erase", args=[pupil.pk]), {"confirm": "on"})
        assert response.status_code == 302
        return response

    return erase


def text_columns(model):
    for field in model._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField | models.JSONField):
            yield field


def rows_containing(model, needle):
    """Rows of `model` with `needle` in any text or JSON column."""
    queryset = model._base_manager.all()
    found = []
    for field in text_columns(model):
        if isinstance(field, models.JSONField):
            rows = queryset.annotate(_as_text=Cast(field.name, models.TextField())).filter(_as_text__contains=needle)
        else:
            rows = queryset.filter(**{f"{field.name}__contains": needle})
        found += [(field.name, pk) for pk in rows.values_list("pk", flat=True)]
    return found


def every_table():
    return [model for model in apps.get_models(include_auto_created=True) if model._meta.managed]


class TestNothingLeftBehind:
    def test_no_row_in_any_model_points_at_the_pupil(self, coordinator, world, erase_through_the_page):
        user_model = get_user_model()
        pupil_pk = world.pupil.pk
        erase_through_the_page(coordinator, world.pupil)
        user_type = ContentType.objects.get_for_model(user_model)
        checked = []
        for model in every_table():
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is user_model:
                    checked.append(f"{model._meta.label}.{field.name}")
                    rows = model._base_manager.filter(**{field.attname: pupil_pk})
                    assert not rows.exists(), f"{model._meta.label}.{field.name} still points at the pupil"
            for generic in model._meta.private_fields:
                if isinstance(generic, GenericForeignKey):
                    rows = model._base_manager.filter(**{generic.ct_field: user_type, generic.fk_field: str(pupil_pk)})
                    assert not rows.exists(), f"{model._meta.label}.{generic.name} still points at the pupil"
        assert not user_model.objects.filter(pk=pupil_pk).exists()
        # The check really walked the feed, H5P, accounts and Wagtail tables.
        for label in ("sandbox_feed.Post.author", "h5p.H5PAttempt.user", "accounts.LoginFailure.user"):
            assert label in checked
        assert "accounts.SchoolClass_pupils.user" in checked

    def test_no_text_of_the_pupil_is_left_in_any_table(self, coordinator, world, erase_through_the_page):
        pupil = world.pupil
        secrets = [PUPIL_MARK, pupil.username, pupil.display_name, pupil.card_token]
        pseudonym = pseudonym_for(pupil)
        erase_through_the_page(coordinator, pupil)
        for model in every_table():
            for secret in secrets:
                assert not rows_containing(model, secret), f"{secret!r} is still in {model._meta.label}"
            if model not in HOLD_THE_PSEUDONYM:
                assert not rows_containing(model, pseudonym), f"the pseudonym is in {model._meta.label}"

    def test_sessions_and_login_locks_are_gone(self, coordinator, world, erase_through_the_page):
        pupil_pk = str(world.pupil.pk)
        erase_through_the_page(coordinator, world.pupil)
        owners = [session.get_decoded().get(SESSION_KEY) for session in Session.objects.all()]
        assert pupil_pk not in owners
        assert str(world.classmate.pk) in owners  # a classmate stays logged in
        assert not LoginThrottleLock.objects.filter(key__startswith=f"pupil:{pupil_pk}").exists()

    def test_the_photo_files_are_gone_from_storage(self, coordinator, world, erase_through_the_page):
        gone = files_of(world.own_post, world.own_photo_with_classmate, world.classmate_photo_of_pupil)
        kept = files_of(world.classmate_other_photo)
        assert gone | kept == photo_files()
        erase_through_the_page(coordinator, world.pupil)
        assert photo_files() == kept

    def test_a_failed_erase_changes_nothing_and_keeps_the_files(self, coordinator, world, monkeypatch):
        before = photo_files()

        def broken(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(PrivacyLog.objects, "create", broken)
        with pytest.raises(RuntimeError):
            erase_pupil(world.pupil, actor=coordinator)
        assert get_user_model().objects.filter(pk=world.pupil.pk).exists()
        assert Post.objects.filter(author=world.pupil).count() == 2
        assert photo_files() == before


class TestWhatStays:
    def test_a_visible_comment_in_a_classmates_thread_becomes_verwijderde_leerling(
        self, client, coordinator, world, erase_through_the_page
    ):
        erase_through_the_page(coordinator, world.pupil)
        kept = Comment.objects.get(pk=world.kept_comment.pk)
        assert placeholder.is_placeholder(kept.author)
        assert kept.text == ""
        assert not Report.objects.filter(comment=kept).exists()
        # Only that one: the pupil's waiting comment and their comment under their own post are gone.
        assert list(Comment.objects.filter(author=kept.author).values_list("pk", flat=True)) == [kept.pk]

        client.force_login(world.classmate)
        page = client.get(reverse("sandbox_feed:feed", args=[world.classmate_post.school_class_id])).content.decode()
        assert "verwijderde leerling" in page
        assert PUPIL_MARK not in page
        assert f"{CLASSMATE_MARK} bericht" in page and f"{CLASSMATE_MARK} eigen reactie" in page

    def test_the_stand_in_can_never_log_in(self, coordinator, world, erase_through_the_page):
        erase_through_the_page(coordinator, world.pupil)
        stand_in = placeholder.get_placeholder()
        assert not stand_in.is_active and not stand_in.has_usable_password()
        assert not stand_in.picture_code and not stand_in.card_token
        assert not stand_in.pupil_classes.exists()

    def test_the_pupils_posts_go_with_what_classmates_wrote_under_them(
        self, coordinator, world, erase_through_the_page
    ):
        erase_through_the_page(coordinator, world.pupil)
        assert not Post.objects.filter(pk=world.own_post.pk).exists()
        assert not Comment.objects.filter(text__contains="onder jouw bericht").exists()
        assert not Reaction.objects.filter(post_id=world.own_post.pk).exists()
        assert not PostView.objects.filter(post_id=world.own_post.pk).exists()

    def test_a_classmates_post_with_the_pupil_on_the_photo_keeps_its_text_without_the_photo(
        self, coordinator, world, erase_through_the_page
    ):
        erase_through_the_page(coordinator, world.pupil)
        post = Post.objects.get(pk=world.classmate_photo_of_pupil.pk)
        assert not post.photo and not post.thumbnail
        assert not post.tags.exists()
        assert post.text.startswith(CLASSMATE_MARK)
        entry = ModerationLog.objects.get(post=post)
        assert entry.detail == "Op de foto: verwijderde leerling, Ymkje Z."

    def test_the_classmates_data_is_untouched(self, coordinator, world, erase_through_the_page):
        classmate = world.classmate
        erase_through_the_page(coordinator, world.pupil)
        assert Post.objects.filter(author=classmate).count() == 3
        assert ConsentDecision.objects.filter(pupil=classmate).count() == 1
        assert classmate.h5p_attempts.count() == 1
        assert world.classmate_other_photo.photo.storage.exists(world.classmate_other_photo.photo.name)

    def test_consent_decisions_stay_as_pseudonymised_proof(self, coordinator, world, erase_through_the_page):
        pseudonym = pseudonym_for(world.pupil)
        erase_through_the_page(coordinator, world.pupil)
        proof = list(ConsentProof.objects.order_by("decided_at", "pk"))
        assert [(p.decision, p.decided_by, p.purpose) for p in proof] == [
            (True, "moeder", "class_feed"),
            (False, "vader", "class_feed"),
        ]
        assert {p.pseudonym for p in proof} == {pseudonym}
        assert {p.school for p in proof} == {coordinator.school}
        assert PrivacyLog.objects.get(action=PrivacyAction.ERASE).pseudonym == pseudonym

    def test_the_coordinator_can_show_the_proof_and_other_schools_cannot(
        self, client, coordinator, other_school_coordinator, world, erase_through_the_page
    ):
        pseudonym = pseudonym_for(world.pupil)
        erase_through_the_page(coordinator, world.pupil)
        page = client.get(reverse("privacy:school")).content.decode()
        assert "Toestemmingsbewijs van gewiste leerlingen" in page
        assert page.count(pseudonym) == 4  # the message after the erase, the log line and the two decisions
        assert "vader" in page and "moeder" in page
        client.force_login(other_school_coordinator)
        assert pseudonym not in client.get(reverse("privacy:school")).content.decode()

    def test_the_erase_is_logged_without_content(self, coordinator, world, erase_through_the_page):
        pupil = world.pupil
        erase_through_the_page(coordinator, pupil)
        entry = PrivacyLog.objects.get(action=PrivacyAction.ERASE)
        assert entry.actor == coordinator and entry.actor_name == coordinator.display_name
        assert entry.school == coordinator.school
        assert entry.counts["posts"] == 2 and entry.counts["photos"] == 2
        assert entry.counts["comments"] == 3 and entry.counts["comments_kept"] == 1
        assert entry.counts["h5p_attempts"] == 1 and entry.counts["consent_kept"] == 2
        assert entry.counts["sessions"] == 1
        serialised = serializers.serialize("json", [entry])
        for secret in (PUPIL_MARK, "Xandrijn", pupil.username, ".jpg"):
            assert secret not in serialised

    def test_the_log_is_append_only(self, coordinator, world, erase_through_the_page):
        erase_through_the_page(coordinator, world.pupil)
        entry = PrivacyLog.objects.get()
        entry.counts = {}
        with pytest.raises(ValueError, match="append-only"):
            entry.save()


class TestConfirmationPage:
    def test_it_names_what_goes_and_what_stays(self, client, coordinator, world):
        client.force_login(coordinator)
        page = client.get(reverse("privacy:erase", args=[world.pupil.pk])).content.decode()
        assert "Xandrijn Q. wissen" in page
        for words in ("berichten", "eigen foto", "reacties", "emoji", "H5P-pogingen", "inlogkaart"):
            assert words in page
        assert "verwijderde leerling" in page and "pseudoniem" in page
        assert 'name="confirm"' in page and "csrfmiddlewaretoken" in page

    def test_after_the_erase_the_coordinator_is_told_and_the_log_shows_it(
        self, client, coordinator, world, erase_through_the_page
    ):
        pseudonym = pseudonym_for(world.pupil)
        response = erase_through_the_page(coordinator, world.pupil)
        page = client.get(response["Location"]).content.decode()
        assert "De leerling is gewist" in page
        assert pseudonym in page
        assert "Xandrijn" not in page

    def test_the_counts_match_the_world(self, world):
        numbers = counts(world.pupil)
        assert json.loads(json.dumps(numbers)) == numbers
        assert numbers["posts"] == 2
        assert numbers["photos_of_pupil"] == 1
        assert numbers["reactions"] == 1 and numbers["views"] == 1 and numbers["mentions"] == 1
        assert numbers["moderation"] == 3  # two log lines about the pupil and the pupil's own settings


def test_erasing_twice_tells_the_second_coordinator(client, coordinator, world, erase_through_the_page):
    stale = get_user_model().objects.get(pk=world.pupil.pk)
    erase_through_the_page(coordinator, world.pupil)
    with pytest.raises(AlreadyErased):
        erase_pupil(stale, actor=coordinator)
    assert PrivacyLog.objects.filter(action=PrivacyAction.ERASE).count() == 1
