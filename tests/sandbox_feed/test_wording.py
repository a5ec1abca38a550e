"""Dutch wording a teacher would write: counts that leave the author out, labels instead of codes."""

from django.urls import reverse

from sandbox_feed import moderation
from sandbox_feed.choices import ModerationAction, ModerationMode, PostStatus
from sandbox_feed.models import FeedSettings, ModerationLog, Post
from tests.factories import PupilFactory, SchoolClassFactory
from tests.sandbox_feed.factories import PostFactory


def think_first(school_class):
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": True})


def test_it_counts_classmates_without_the_author_in_the_post_preview(client, school_class, pupils):
    think_first(school_class)
    client.force_login(pupils[0])
    client.post(reverse("sandbox_feed:post_create", args=[school_class.pk]), {"text": "Hallo", "source_kind": "own"})
    post = Post.objects.get(status=PostStatus.DRAFT)
    page = client.get(reverse("sandbox_feed:preview", args=[post.pk])).content.decode()
    # Three pupils in the class: the author's two classmates see it, not three.
    assert "Wie ziet dit? Je leerkracht en 2 klasgenoten uit Groep 7B." in page


def test_it_says_klasgenoot_for_a_class_of_two_in_the_comment_preview(client, school, teacher):
    author, classmate = PupilFactory.create_batch(2)
    school_class = SchoolClassFactory(
        school=school, name="Groep 4", groep=4, join_code="G4TWEE", teachers=[teacher], pupils=[author, classmate]
    )
    think_first(school_class)
    post = PostFactory(school_class=school_class, author=classmate)
    client.force_login(author)
    response = client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": "Leuk"})
    page = client.get(response["Location"]).content.decode()
    assert "Wie ziet dit? Je leerkracht en 1 klasgenoot uit Groep 4." in page


def test_it_logs_a_moderation_mode_change_with_its_labels_not_its_codes(school_class, teacher):
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"moderation_mode": ModerationMode.POST})
    moderation.update_settings(school_class, teacher, moderation_mode=ModerationMode.PRE)
    entry = ModerationLog.objects.get(school_class=school_class, action=ModerationAction.SETTINGS)
    assert f"{ModerationMode.POST.label} → {ModerationMode.PRE.label}" in entry.detail
    assert "post → pre" not in entry.detail
