"""A teacher downloads one pupil's data from the class page (the zip holds the summary, the JSON and the photo);
a coordinator erases a pupil after the confirmation, and the classmate's thread shows "verwijderde leerling"."""

import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from tests.factories import CoordinatorFactory, PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import CommentFactory, PostFactory, image_bytes


@pytest.fixture(autouse=True)
def _feed_media(settings, tmp_path):
    settings.FEED_MEDIA_ROOT = tmp_path / "feed-media"


def test_a_teacher_downloads_a_pupils_data_from_the_class_page(context, login_as, tmp_path, assert_accessible):
    teacher = TeacherFactory(username="juf.anouk", first_name="Anouk")
    sanne = PupilFactory(first_name="Sanne", initial="B")
    daan = PupilFactory(first_name="Daan", initial="K")
    school_class = SchoolClassFactory(name="Groep 6", groep=6, teachers=[teacher], pupils=[sanne, daan])
    post = PostFactory(school_class=school_class, author=sanne, text="Mijn hond kan zwemmen")
    post.photo.save("hond.jpg", ContentFile(image_bytes()), save=True)
    PostFactory(school_class=school_class, author=daan, text="Daan zijn geheim")

    page = login_as(teacher)
    page.goto(f"/klassen/{school_class.pk}/")
    assert_accessible(page, "class page with privacy links")
    with page.expect_download() as info:
        page.get_by_role("link", name="Gegevens downloaden Sanne B.").click()
    download = info.value
    assert download.suggested_filename.startswith("oefenfeed-sanne-b-")
    assert download.suggested_filename.endswith(".zip")
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert {"index.html", "export.json", f"fotos/bericht-{post.pk}.jpg"} <= names
        data = json.loads(archive.read("export.json"))
        index = archive.read("index.html").decode()
    assert data["pupil"]["display_name"] == "Sanne B."
    assert [p["text"] for p in data["posts"]] == ["Mijn hond kan zwemmen"]
    assert "Gegevens van Sanne B. in Oefenfeed" in index
    assert "Daan" not in index and "Daan" not in json.dumps(data)

    # The summary opens on its own, as a parent would open it from the unpacked zip.
    with zipfile.ZipFile(target) as archive:
        archive.extractall(tmp_path / "uitgepakt")
    summary = context.new_page()
    summary.goto((tmp_path / "uitgepakt" / "index.html").as_uri())
    assert summary.get_by_role("heading", level=1).inner_text() == "Gegevens van Sanne B. in Oefenfeed"
    assert summary.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert_accessible(summary, "the summary for parents")


def test_a_coordinator_erases_a_pupil_after_the_confirmation(context, login_as, assert_accessible):
    coordinator = CoordinatorFactory(username="coordinator", first_name="Marieke")
    sanne = PupilFactory(first_name="Sanne", initial="B")
    daan = PupilFactory(first_name="Daan", initial="K")
    school_class = SchoolClassFactory(school=coordinator.school, name="Groep 6", groep=6, pupils=[sanne, daan])
    daans_post = PostFactory(school_class=school_class, author=daan, text="Wie gaat er mee naar de film?")
    CommentFactory(post=daans_post, author=sanne, text="Ik ga mee!")

    page = login_as(coordinator)
    page.goto("/klassen/")
    page.get_by_role("link", name="Gegevens van leerlingen: downloaden of wissen").click()
    assert_accessible(page, "the coordinator's overview")
    page.get_by_role("link", name="Leerling wissen Sanne B.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sanne B. wissen")
    assert_accessible(page, "the erase confirmation")
    page.get_by_role("button", name="Sanne B. definitief wissen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vink eerst aan")
    assert get_user_model().objects.filter(pk=sanne.pk).exists()
    page.get_by_label("Ik begrijp dat dit niet ongedaan kan worden gemaakt.").check()
    page.get_by_role("button", name="Sanne B. definitief wissen").click()
    expect(page.get_by_text("De leerling is gewist.")).to_be_visible()
    assert not get_user_model().objects.filter(pk=sanne.pk).exists()

    feed = login_as(daan)
    feed.goto(f"/feed/{school_class.pk}/")
    expect(feed.get_by_text("verwijderde leerling")).to_be_visible()
    expect(feed.get_by_text("Ik ga mee!")).to_have_count(0)
