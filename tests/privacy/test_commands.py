"""`manage.py export_pupil PUPIL_ID OUT.zip` and `manage.py erase_pupil PUPIL_ID --yes`."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from privacy import placeholder
from privacy.choices import PrivacyAction
from privacy.models import PrivacyLog

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def still_there(pupil):
    return get_user_model().objects.filter(pk=pupil.pk).exists()


class TestExportPupil:
    def test_it_writes_the_zip_and_says_what_it_did(self, world, tmp_path):
        target = tmp_path / "xandrijn.zip"
        output = run("export_pupil", str(world.pupil.pk), str(target))
        assert f"Exported pupil {world.pupil.pk} (Xandrijn Q.) to {target}" in output
        assert "posts 2" in output and "photos 1" in output
        archive = zipfile.ZipFile(target)
        assert {"index.html", "export.json"} <= set(archive.namelist())
        assert json.loads(archive.read("export.json"))["pupil"]["id"] == world.pupil.pk
        entry = PrivacyLog.objects.get()
        assert (entry.action, entry.actor, entry.actor_name) == (PrivacyAction.EXPORT, None, "manage.py export_pupil")
        assert not list(tmp_path.glob(".export-*"))  # no temporary file left

    @pytest.mark.parametrize(
        ("pupil_id", "message"),
        [("999999", "No user with id 999999."), ("abc", "PUPIL_ID must be a number")],
    )
    def test_a_bad_id_stops_with_a_clear_message(self, db, tmp_path, pupil_id, message):
        with pytest.raises(CommandError, match=message) as error:
            run("export_pupil", pupil_id, str(tmp_path / "uit.zip"))
        assert error.value.returncode == 1
        assert not (tmp_path / "uit.zip").exists()

    def test_staff_is_not_a_pupil(self, teacher, tmp_path):
        with pytest.raises(CommandError, match=f"User {teacher.pk} is not a pupil"):
            run("export_pupil", str(teacher.pk), str(tmp_path / "uit.zip"))

    def test_the_stand_in_is_not_a_pupil(self, db, tmp_path):
        stand_in = placeholder.get_placeholder()
        with pytest.raises(CommandError, match="is not a pupil"):
            run("export_pupil", str(stand_in.pk), str(tmp_path / "uit.zip"))

    def test_the_target_must_be_a_zip_in_an_existing_folder(self, pupil, tmp_path):
        with pytest.raises(CommandError, match="existing folder"):
            run("export_pupil", str(pupil.pk), str(tmp_path / "bestaat-niet" / "uit.zip"))
        with pytest.raises(CommandError, match=r"must end in \.zip"):
            run("export_pupil", str(pupil.pk), str(tmp_path / "uit.txt"))


class TestErasePupil:
    def test_without_yes_it_lists_what_would_go_and_refuses(self, world):
        out = io.StringIO()
        with pytest.raises(CommandError, match="Nothing was erased: add --yes") as error:
            call_command("erase_pupil", str(world.pupil.pk), stdout=out)
        assert error.value.returncode == 1
        assert "would remove" in out.getvalue() and "H5P-pogingen" in out.getvalue()
        assert still_there(world.pupil)
        assert not PrivacyLog.objects.exists()

    def test_with_yes_it_erases_and_says_what_it_did(self, world, school):
        output = run("erase_pupil", str(world.pupil.pk), "--yes")
        assert f"Erased pupil {world.pupil.pk} (Xandrijn Q.); logged as pseud-" in output
        assert "berichten" in output and "sessions" in output
        assert not still_there(world.pupil)
        entry = PrivacyLog.objects.get()
        assert (entry.action, entry.actor_name) == (PrivacyAction.ERASE, "manage.py erase_pupil")
        assert entry.school == school

    @pytest.mark.parametrize(("pupil_id", "message"), [("999999", "No user with id"), ("-3", "must be a number")])
    def test_a_bad_id_stops_with_a_clear_message(self, db, pupil_id, message):
        with pytest.raises(CommandError, match=message):
            run("erase_pupil", pupil_id, "--yes")

    def test_staff_cannot_be_erased(self, coordinator):
        with pytest.raises(CommandError, match="is not a pupil"):
            run("erase_pupil", str(coordinator.pk), "--yes")
        assert still_there(coordinator)
