"""The export: a streamed zip with index.html, export.json and the pupil's own photos, nothing of anyone else."""

import io
import json
import zipfile

import pytest
from asgiref.sync import async_to_sync
from django.core.files.base import ContentFile
from django.http import StreamingHttpResponse
from django.urls import reverse
from PIL import Image

from privacy.choices import PrivacyAction
from privacy.export import CHUNK_SIZE, SCHEMA_VERSION, ExportResponse, collect, stream_zip
from privacy.models import PrivacyLog
from privacy.pseudonyms import pseudonym_for
from sandbox_feed.models import private_storage
from tests.privacy.conftest import CLASSMATE_MARK, PUPIL_MARK
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db


def download(client, user, pupil):
    client.force_login(user)
    response = client.get(reverse("privacy:export", args=[pupil.pk]))
    assert response.status_code == 200
    return response, zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def export_json(archive):
    return json.loads(archive.read("export.json"))


class TestContents:
    def test_it_holds_index_html_export_json_and_the_own_photo(self, client, teacher, world):
        response, archive = download(client, teacher, world.pupil)
        assert response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"].startswith('attachment; filename="oefenfeed-xandrijn-q-')
        assert "no-store" in response["Cache-Control"]
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == ["export.json", f"fotos/bericht-{world.own_post.pk}.jpg", "index.html"]

    def test_the_json_is_complete(self, client, teacher, world):
        data = export_json(download(client, teacher, world.pupil)[1])
        assert data["schema_version"] == SCHEMA_VERSION
        assert data["pupil"]["display_name"] == "Xandrijn Q."
        assert [c["name"] for c in data["classes"]] == ["Groep 7B"]

        posts = {post["id"]: post for post in data["posts"]}
        assert set(posts) == {world.own_post.pk, world.own_photo_with_classmate.pk}
        own = posts[world.own_post.pk]
        assert [v["text"] for v in own["versions"]] == [f"{PUPIL_MARK} eerste versie", f"{PUPIL_MARK} tweede versie"]
        assert own["seen_by_classmates"] == 1
        assert own["comments_by_others"] == 1
        assert own["reactions_from_others"] == [{"kind": "heart", "label": "Lief", "count": 1}]
        assert own["photo"] == {"included": True, "file": f"fotos/bericht-{world.own_post.pk}.jpg"}

        assert {c["text"] for c in data["comments"]} == {
            f"{PUPIL_MARK} antwoord onder eigen bericht",
            f"{PUPIL_MARK} reactie bij klasgenoot",
            f"{PUPIL_MARK} wacht nog",
        }
        assert [(r["post_id"], r["kind"]) for r in data["reactions"]] == [(world.classmate_post.pk, "thumb")]
        assert [v["post_id"] for v in data["footprint_views"]] == [world.classmate_post.pk]
        assert data["mentioned_in_posts"] == [world.classmate_post.pk]
        assert data["tagged_on_photos_of_others"] == [world.classmate_photo_of_pupil.pk]
        assert [(c["decision"], c["decided_by"]) for c in data["consent"]] == [(True, "moeder"), (False, "vader")]
        assert [r["reason"] for r in data["reports"]] == ["untrue"]
        assert [e["action"] for e in data["moderation"]["log"]] == ["mute", "reject"]
        assert data["moderation"]["settings"][0]["mute_reason"] == "even rust"

        (attempt,) = data["h5p"]["attempts"]
        assert (attempt["activity"], attempt["raw_score"], attempt["max_score"]) == (
            "Zou jij dit posten?",
            "3.00",
            "4.00",
        )
        assert attempt["questions"][0]["response"] == f"{PUPIL_MARK} antwoord"
        assert len(data["h5p"]["statements"]) == 1
        assert data["h5p"]["saved_state"][0]["data"] == f"{PUPIL_MARK} antwoord"
        assert [run["lesson"] for run in data["lesson_runs"]] == ["Eén klik en het staat online"]
        assert len(data["login"]["failed_attempts"]) == 1

    def test_a_photo_with_a_classmate_on_it_is_listed_but_not_included(self, client, teacher, world):
        data = export_json(download(client, teacher, world.pupil)[1])
        post = next(p for p in data["posts"] if p["id"] == world.own_photo_with_classmate.pk)
        assert post["photo"]["included"] is False
        assert post["classmates_tagged_on_photo"] == 1

    def test_the_photo_is_the_stored_exif_free_file(self, client, teacher, world):
        archive = download(client, teacher, world.pupil)[1]
        data = archive.read(f"fotos/bericht-{world.own_post.pk}.jpg")
        with private_storage.open(world.own_post.photo.name, "rb") as stored:
            assert data == stored.read()
        image = Image.open(io.BytesIO(data))
        assert image.format == "JPEG" and not image.getexif()

    def test_nothing_of_another_pupil_is_in_any_file(self, client, teacher, world):
        archive = download(client, teacher, world.pupil)[1]
        classmate = world.classmate
        for name in archive.namelist():
            content = archive.read(name).decode("utf-8", errors="replace")
            for secret in (CLASSMATE_MARK, classmate.first_name, classmate.username, classmate.display_name):
                assert secret not in content, f"{secret!r} of the classmate is in {name}"
        pictures = [name for name in archive.namelist() if name.startswith("fotos/")]
        assert pictures == [f"fotos/bericht-{world.own_post.pk}.jpg"]

    def test_the_summary_for_parents_is_dutch_and_standalone(self, client, teacher, world):
        index = download(client, teacher, world.pupil)[1].read("index.html").decode()
        assert '<html lang="nl">' in index
        assert "Gegevens van Xandrijn Q. in Oefenfeed" in index
        assert "Toestemming voor foto" in index
        assert f"{PUPIL_MARK} tweede versie" in index
        assert f'src="fotos/bericht-{world.own_post.pk}.jpg"' in index
        assert "<script" not in index
        assert "http://" not in index and "https://" not in index

    def test_the_download_is_logged_without_content(self, client, teacher, world):
        download(client, teacher, world.pupil)
        entry = PrivacyLog.objects.get()
        assert entry.action == PrivacyAction.EXPORT
        assert entry.actor == teacher
        assert entry.pseudonym == pseudonym_for(world.pupil)
        assert entry.counts["photos"] == 1
        assert "Xandrijn" not in json.dumps(entry.counts) + entry.pseudonym


class TestStreaming:
    def test_the_response_streams(self, client, teacher, world):
        response, _archive = download(client, teacher, world.pupil)
        assert isinstance(response, StreamingHttpResponse)
        assert not hasattr(response, "content")

    def test_photos_are_copied_in_chunks(self, school_class, pupil):
        post = PostFactory(school_class=school_class, author=pupil)
        big = bytes(range(256)) * (5 * CHUNK_SIZE // 256)  # stands in for a large photo
        post.photo.save("groot.jpg", ContentFile(big), save=True)
        pieces = list(stream_zip(collect(pupil)))
        photo_pieces = pieces[1:]
        assert len([piece for piece in photo_pieces if piece]) >= 5
        # No piece holds more than one chunk (plus a zip header): the photo never sits in memory whole.
        assert max(len(piece) for piece in photo_pieces) <= CHUNK_SIZE + 1024
        archive = zipfile.ZipFile(io.BytesIO(b"".join(pieces)))
        assert archive.read(f"fotos/bericht-{post.pk}.jpg") == big

    def test_under_asgi_pieces_are_sent_one_by_one(self, school_class, pupil):
        post = PostFactory(school_class=school_class, author=pupil)
        post.photo.save("groot.jpg", ContentFile(b"x" * (3 * CHUNK_SIZE)), save=True)
        seen = []

        def pieces():
            for piece in stream_zip(collect(pupil)):
                seen.append(len(piece))
                yield piece

        response = ExportResponse(pieces(), content_type="application/zip")

        async def first_two():
            received = []
            async for piece in response:
                received.append(piece)
                if len(received) == 2:
                    break
            return received

        received = async_to_sync(first_two)()
        assert len(received) == 2
        # Django would read a plain generator to the end first; here only what was sent has been made.
        assert len(seen) == 2
