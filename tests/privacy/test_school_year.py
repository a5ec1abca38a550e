"""'Schooljaar afsluiten': the dry run changes nothing; the close moves classes up, lets groep 8 leave, moves the
join code and archives the old feeds read-only; closing twice closes once; only the school's coordinators and
administrators may; retention erases leavers and archived photos with nothing left behind; the commands."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from accounts.models import SchoolClass
from privacy import retention, schoolyear
from privacy.choices import PrivacyAction
from privacy.models import PrivacyLog, SchoolYearClosure
from sandbox_feed.models import Comment, ModerationLog, PhotoTag, Post, Reaction
from tests.factories import AdministratorFactory, CoordinatorFactory, PupilFactory, SchoolClassFactory, SchoolFactory
from tests.privacy.conftest import session_for, with_photo
from tests.privacy.test_erase import every_table, files_of, photo_files
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db

YEAR = "2026-2027"
NEXT = "2027-2028"
TODAY = date(2027, 7, 10)  # the last weeks of YEAR
User = get_user_model()


@pytest.fixture
def classes(school, teacher, other_teacher):
    """Groep 6A, groep 8 and the combination group 7/8 of YEAR, two pupils each."""
    return {
        "g6": SchoolClassFactory(
            school=school,
            name="Groep 6A",
            groep=6,
            school_year=YEAR,
            join_code="G6ATST",
            teachers=[teacher],
            pupils=PupilFactory.create_batch(2),
        ),
        "g8": SchoolClassFactory(
            school=school,
            name="Groep 8",
            groep=8,
            school_year=YEAR,
            join_code="G8TST",
            teachers=[other_teacher],
            pupils=PupilFactory.create_batch(2),
        ),
        "g78": SchoolClassFactory(
            school=school,
            name="Groep 7/8",
            groep=7,
            groep_tot=8,
            school_year=YEAR,
            join_code="G78TST",
            teachers=[teacher],
            pupils=PupilFactory.create_batch(2),
        ),
    }


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in every_table()}


def close_url(school):
    return reverse("privacy:close_school_year", args=[school.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class TestDryRun:
    def test_the_plan_says_what_will_happen(self, school, classes):
        the_plan = schoolyear.plan(school, today=TODAY)
        assert (the_plan.school_year, the_plan.next_year) == (YEAR, NEXT)
        moves = {move.school_class.name: move for move in the_plan.moves}
        assert (moves["Groep 6A"].new_name, moves["Groep 6A"].new_years) == ("Groep 7A", [7])
        assert not moves["Groep 8"].moves_up and len(moves["Groep 8"].leaving) == 2
        assert moves["Groep 7/8"].must_choose and moves["Groep 7/8"].new_name == "Groep 8"
        assert {pupil.pk for pupil in the_plan.leavers} == {pupil.pk for pupil in classes["g8"].pupils.all()}

    def test_the_coordinator_ticks_who_leaves_a_combination_group(self, school, classes):
        leaver = classes["g78"].pupils.first()
        the_plan = schoolyear.plan(school, leaving_ids=[leaver.pk], today=TODAY)
        move = next(move for move in the_plan.moves if move.must_choose)
        assert [pupil.pk for pupil in move.leaving] == [leaver.pk]
        assert leaver.pk in {pupil.pk for pupil in the_plan.leavers}

    def test_the_page_shows_the_dry_run_and_changes_nothing(self, client, coordinator, school, classes):
        before = row_counts()
        client.force_login(coordinator)
        response = client.get(close_url(school))
        assert response.status_code == 200
        text = response.content.decode()
        assert "Groep 6A (Groep 6, 2026-2027)" in text
        assert "Wordt Groep 7A (groep 7, 2027-2028)" in text
        assert "Groep 8 gaat van school" in text
        assert "Dit is een overzicht vooraf: er verandert nog niets." in text
        preview = client.post(close_url(school), {"school_year": YEAR, "preview": "1"})
        assert preview.status_code == 200
        after = row_counts()
        after.pop("sessions.Session")
        before.pop("sessions.Session")
        assert after == before
        assert not SchoolClass.objects.filter(archived_at__isnull=False).exists()

    def test_the_command_dry_run_changes_nothing(self, school, classes):
        before = row_counts()
        output = run("close_school_year", str(school.pk), "--dry-run")
        assert f"School year {YEAR} of school {school.pk} (OBS De Esch) would close" in output
        assert "Groep 6A (groep 6) -> Groep 7A (groep 7, 2027-2028): 2 pupils move up, 0 leave" in output
        assert "Groep 8 (groep 8): archived, all 2 pupils leave" in output
        assert "Dry run: nothing was changed." in output
        assert row_counts() == before

    def test_unconfirmed_it_changes_nothing_and_says_why(self, client, coordinator, school, classes):
        client.force_login(coordinator)
        response = client.post(close_url(school), {"school_year": YEAR})
        assert response.status_code == 400
        assert "Vink eerst aan dat je het overzicht hebt nagekeken." in response.content.decode()
        assert not SchoolYearClosure.objects.exists()


class TestClose:
    def test_classes_move_up_with_teachers_pupils_and_join_code(self, school, classes, teacher):
        g6 = classes["g6"]
        result = schoolyear.close(school, actor_name="test", today=TODAY)
        g6.refresh_from_db()
        assert g6.archived_at is not None
        assert g6.join_code != "G6ATST" and g6.join_code != g6.join_code.upper()  # cannot be typed in
        successor = SchoolClass.objects.get(join_code="G6ATST")
        assert (successor.name, successor.groep, successor.groep_tot, successor.school_year) == (
            "Groep 7A",
            7,
            None,
            NEXT,
        )
        assert successor.archived_at is None
        assert list(successor.teachers.all()) == [teacher]
        assert set(successor.pupils.all()) == set(g6.pupils.all())
        assert successor in result.new_classes
        assert result.closure.counts["classes_archived"] == 3

    def test_groep_8_leaves_and_loses_the_login(self, client, school, classes):
        leavers = list(classes["g8"].pupils.all())
        session_key = session_for(leavers[0])
        schoolyear.close(school, actor_name="test", today=TODAY)
        assert not SchoolClass.objects.active().filter(pupils__in=leavers).exists()
        for pupil in leavers:
            pupil.refresh_from_db()
            assert (pupil.left_at, pupil.is_active, pupil.picture_code, pupil.card_token) == (TODAY, False, "", None)
        from django.contrib.sessions.models import Session

        assert not Session.objects.filter(session_key=session_key).exists()

    def test_a_combination_group_keeps_who_stays_and_lets_the_ticked_pupils_leave(self, school, classes):
        leaver, stayer = classes["g78"].ordered_pupils()
        schoolyear.close(school, actor_name="test", leaving_ids=[leaver.pk], today=TODAY)
        successor = SchoolClass.objects.get(join_code="G78TST")
        assert (successor.name, successor.groep, successor.groep_tot) == ("Groep 8", 8, None)
        assert list(successor.pupils.all()) == [stayer]
        leaver.refresh_from_db()
        stayer.refresh_from_db()
        assert leaver.left_at == TODAY and stayer.left_at is None and stayer.is_active

    def test_pupils_log_in_with_the_same_code_into_the_new_class(self, client, school, classes):
        schoolyear.close(school, actor_name="test", today=TODAY)
        archived = SchoolClass.objects.get(pk=classes["g6"].pk)
        response = client.post(reverse("accounts:pupil_class_code"), {"code": "G6ATST"})
        assert response.status_code == 302
        page = client.get(response["Location"])
        assert "Groep 7A" in page.content.decode()
        refused = client.post(reverse("accounts:pupil_class_code"), {"code": archived.join_code})
        assert refused.status_code == 200
        assert "Deze klascode kennen we niet" in refused.content.decode()

    def test_the_page_closes_and_shows_the_result(self, client, coordinator, school, classes):
        client.force_login(coordinator)
        leaver = classes["g78"].pupils.first()
        response = client.post(close_url(school), {"school_year": YEAR, "confirm": "on", "leaving": [leaver.pk]})
        assert response.status_code == 302
        assert any("Schooljaar 2026-2027 is afgesloten" in message for message in messages_of(response))
        page = client.get(close_url(school)).content.decode()
        assert "Schooljaar 2026-2027 is afgesloten op" in page
        assert "Groep 7A (Groep 7, 2027-2028)" in page
        closure = SchoolYearClosure.objects.get()
        assert (closure.closed_by, closure.counts["pupils_leaving"]) == (coordinator, 3)
        log = PrivacyLog.objects.get(action=PrivacyAction.CLOSE_YEAR)
        assert (log.school, log.counts["school_year"]) == (school, YEAR)

    def test_closing_twice_closes_once_and_says_so(self, client, coordinator, school, classes):
        schoolyear.close(school, actor_name="test", today=TODAY)
        counts = row_counts()
        with pytest.raises(schoolyear.AlreadyClosed):
            schoolyear.close(school, actor_name="test", today=TODAY)
        client.force_login(coordinator)
        response = client.post(close_url(school), {"school_year": YEAR, "confirm": "on"})
        assert response.status_code == 302
        assert "Schooljaar 2026-2027 is al afgesloten. Er is niets veranderd." in messages_of(response)
        counts_after = row_counts()
        counts_after.pop("sessions.Session")
        counts.pop("sessions.Session")
        assert counts_after == counts
        assert SchoolClass.objects.filter(school_year=NEXT).count() == 2

    def test_the_next_year_can_be_closed_once_it_has_begun(self, school, classes):
        schoolyear.close(school, actor_name="test", today=TODAY)
        assert schoolyear.plan(school, today=date(2027, 8, 1)).school_year == NEXT


class TestArchivedFeed:
    @pytest.fixture
    def archived(self, school, classes, teacher):
        g6 = classes["g6"]
        pupil = g6.pupils.first()
        post = PostFactory(school_class=g6, author=pupil, text="Mijn oude bericht")
        comment = CommentFactory(post=post, author=g6.pupils.last(), text="Mooi!")
        ModerationLog.objects.create(school_class=g6, actor=teacher, action="hide", post=post)
        schoolyear.close(school, actor_name="test", today=TODAY)
        g6.refresh_from_db()
        return g6, post, comment, pupil

    def test_teachers_still_read_the_feed_and_the_log(self, client, teacher, archived):
        g6, _post, _comment, _pupil = archived
        client.force_login(teacher)
        assert "Mijn oude bericht" in client.get(reverse("sandbox_feed:feed", args=[g6.pk])).content.decode()
        assert client.get(reverse("sandbox_feed:audit", args=[g6.pk])).status_code == 200

    def test_pupils_no_longer_see_the_old_class(self, client, archived):
        g6, post, _comment, pupil = archived
        client.force_login(pupil)
        assert client.get(reverse("sandbox_feed:feed", args=[g6.pk])).status_code == 404
        assert not SchoolClass.objects.for_pupil(pupil).filter(pk=g6.pk).exists()
        successor = SchoolClass.objects.get(join_code="G6ATST")
        assert client.get(reverse("sandbox_feed:feed", args=[successor.pk])).status_code == 200
        assert client.post(reverse("sandbox_feed:post_edit", args=[post.pk]), {"text": "nieuw"}).status_code == 404

    def test_a_teacher_cannot_post_comment_or_react(self, client, teacher, archived):
        g6, post, _comment, _pupil = archived
        client.force_login(teacher)
        posts = Post.objects.count()
        response = client.post(
            reverse("sandbox_feed:post_create", args=[g6.pk]),
            {"text": "Nog iets", "source_kind": "own", "post_kind": "announcement"},
        )
        assert "Dit schooljaar is afgesloten." in response.content.decode()
        client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Nog een reactie"})
        client.post(reverse("sandbox_feed:reaction", args=[post.pk]), {"kind": "heart"})
        assert Post.objects.count() == posts
        assert not Comment.objects.filter(text__contains="Nog een reactie").exists()
        assert not Reaction.objects.filter(post=post).exists()

    def test_moderation_and_settings_are_refused(self, client, teacher, archived):
        g6, post, comment, pupil = archived
        client.force_login(teacher)
        log_lines = ModerationLog.objects.count()
        assert client.post(reverse("sandbox_feed:moderate_post", args=[post.pk, "verbergen"])).status_code == 403
        assert client.post(reverse("sandbox_feed:moderate_post", args=[post.pk, "vastzetten"])).status_code == 403
        assert (
            client.post(reverse("sandbox_feed:moderate_comment", args=[comment.pk, "verwijderen"])).status_code == 403
        )
        assert client.post(reverse("sandbox_feed:park", args=[g6.pk]), {"paused": "1"}).status_code == 403
        muted = client.post(
            reverse("sandbox_feed:pupil_rule", args=[g6.pk, pupil.pk, "pauzeren"]), {"minutes": "10", "reason": ""}
        )
        assert muted.status_code == 403
        post.refresh_from_db()
        comment.refresh_from_db()
        assert (post.status, post.pinned, comment.status) == ("visible", False, "visible")
        assert ModerationLog.objects.count() == log_lines

    def test_the_api_refuses_moderation_too(self, client, teacher, archived):
        _g6, post, _comment, _pupil = archived
        client.force_login(teacher)
        response = client.post(f"/api/v1/feed/posts/{post.pk}/hide")
        assert response.status_code == 403
        post.refresh_from_db()
        assert post.status == "visible"


class TestPermissions:
    def test_a_teacher_gets_403(self, client, teacher, school, classes):
        client.force_login(teacher)
        assert client.get(close_url(school)).status_code == 403
        assert client.post(close_url(school), {"school_year": YEAR, "confirm": "on"}).status_code == 403
        assert not SchoolYearClosure.objects.exists()

    def test_a_pupil_gets_403(self, client, school, classes):
        client.force_login(classes["g6"].pupils.first())
        assert client.get(close_url(school)).status_code == 403

    def test_a_coordinator_of_another_school_gets_404(self, client, school, classes):
        elsewhere = CoordinatorFactory(username="coord.elders", school=SchoolFactory(name="OBS Elders"))
        client.force_login(elsewhere)
        assert client.get(close_url(school)).status_code == 404
        assert client.post(close_url(school), {"school_year": YEAR, "confirm": "on"}).status_code == 404
        assert not SchoolYearClosure.objects.exists()

    def test_an_unknown_school_is_404(self, client, coordinator):
        client.force_login(coordinator)
        assert client.get(reverse("privacy:close_school_year", args=[999999])).status_code == 404

    def test_an_administrator_may(self, client, school, classes):
        client.force_login(AdministratorFactory(username="beheer"))
        assert client.get(close_url(school)).status_code == 200

    def test_anonymous_goes_to_the_login(self, client, school):
        response = client.get(close_url(school))
        assert response.status_code == 302 and "inloggen" in response["Location"]

    def test_the_overview_links_to_it(self, client, coordinator, school):
        client.force_login(coordinator)
        assert close_url(school) in client.get(reverse("privacy:school")).content.decode()


class TestRetention:
    def test_leavers_are_erased_after_the_retention_period(self, settings, school, classes, world):
        settings.PRIVACY_RETENTION_AFTER_LEAVING_DAYS = 30
        leaver = world.pupil
        classes["g8"].pupils.add(leaver)
        world_class = SchoolClass.objects.get(pupils=leaver, groep=7)
        world_class.pupils.remove(leaver)  # only in groep 8 now, so the pupil leaves
        schoolyear.close(school, actor_name="test", today=TODAY)
        assert retention.apply(today=TODAY + timedelta(days=29)).erased == []
        assert User.objects.filter(pk=leaver.pk).exists()
        applied = retention.apply(today=TODAY + timedelta(days=30))
        assert len(applied.erased) == 3  # the world's pupil and the two of groep 8
        assert not User.objects.filter(pk=leaver.pk).exists()
        # Nothing soft-deleted stays: no row anywhere points at the erased pupil.
        for model in every_table():
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is User:
                    assert not model._base_manager.filter(**{field.attname: leaver.pk}).exists(), model
        erased = PrivacyLog.objects.filter(action=PrivacyAction.ERASE, pseudonym=applied.erased[0])
        assert erased.get().actor_name == retention.ACTOR_NAME

    def test_photos_of_archived_feeds_go_after_the_school_year(
        self, settings, school, school_class, world, django_capture_on_commit_callbacks
    ):
        settings.PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS = 0
        other = SchoolClassFactory(school=SchoolFactory(name="Elders"), groep=5, school_year=YEAR, join_code="ELDTST")
        kept = with_photo(PostFactory(school_class=other, author=PupilFactory(), text="blijft"))
        archived_posts = [
            world.own_post,
            world.own_photo_with_classmate,
            world.classmate_photo_of_pupil,
            world.classmate_other_photo,
        ]
        files = files_of(*archived_posts)
        assert files <= photo_files()
        schoolyear.close(school, actor_name="test", today=TODAY)
        assert retention.due(today=date(2027, 7, 31)).photo_posts == 0  # kept to the end of the year
        with django_capture_on_commit_callbacks(execute=True):
            applied = retention.apply(today=date(2027, 8, 1))
        assert applied.photos == {school.pk: 4}
        assert not files & photo_files()
        assert files_of(kept) <= photo_files()
        assert not Post.objects.filter(pk__in=[post.pk for post in archived_posts]).exclude(photo="").exists()
        assert not PhotoTag.objects.filter(post__in=archived_posts).exists()
        assert Post.objects.get(pk=world.own_post.pk).text  # the text stays for the teachers
        log = PrivacyLog.objects.get(action=PrivacyAction.RETENTION)
        assert (log.school, log.counts, log.pseudonym) == (school, {"photos": 4}, "")
        assert retention.apply(today=date(2027, 8, 1)).photo_count == 0  # nothing left to do

    def test_a_longer_period_keeps_the_photos_longer(self, settings, school, school_class, world):
        settings.PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS = 10
        schoolyear.close(school, actor_name="test", today=TODAY)
        assert retention.due(today=date(2027, 8, 10)).photo_posts == 0
        assert retention.due(today=date(2027, 8, 11)).photo_posts == 4


class TestCommands:
    @pytest.mark.parametrize(
        ("school_id", "message"), [("999999", "No school with id 999999."), ("abc", "SCHOOL_ID must be a number")]
    )
    def test_a_bad_school_id_stops_with_a_clear_message(self, db, school_id, message):
        with pytest.raises(CommandError, match=message) as error:
            run("close_school_year", school_id)
        assert error.value.returncode == 1

    def test_it_closes_prints_and_refuses_a_second_close(self, school, classes):
        output = run("close_school_year", str(school.pk), "--leaving", str(classes["g78"].pupils.first().pk))
        assert f"Closed school year {YEAR} of school {school.pk} (OBS De Esch): 3 classes archived, 2 created" in output
        assert "3 left" in output
        assert "Retention: 0 pupils erased, 0 photos deleted." in output
        assert SchoolYearClosure.objects.get().closed_by_name == "manage.py close_school_year"
        with pytest.raises(CommandError, match=f"school year {YEAR} was already closed") as error:
            run("close_school_year", str(school.pk))
        assert error.value.returncode == 1

    def test_a_school_without_classes_has_nothing_to_close(self, school):
        with pytest.raises(CommandError, match="has no school year to close"):
            run("close_school_year", str(school.pk))

    def test_apply_retention_dry_run_and_run(self, settings, school, classes):
        settings.PRIVACY_RETENTION_AFTER_LEAVING_DAYS = 0
        schoolyear.close(school, actor_name="test", today=timezone.localdate())
        output = run("apply_retention", "--dry-run")
        assert "Due: 2 pupils to erase, 0 photos to delete." in output
        assert User.objects.filter(left_at__isnull=False).count() == 2
        output = run("apply_retention")
        assert "Erased 2 pupils, deleted 0 photos." in output
        assert not User.objects.filter(left_at__isnull=False).exists()
