"""Erase one pupil: every row and photo goes, consent proof stays pseudonymised, the erase is logged."""

from django.core.management.base import BaseCommand, CommandError

from privacy.erase import AlreadyErased, erase_pupil, inventory

from ._pupil import pupil_from_argument


class Command(BaseCommand):
    help = (
        "Erase one pupil for good: posts, comments, reactions, photos, H5P results and login data. Comments in "
        "other pupils' threads stay as 'verwijderde leerling'; consent decisions stay under a pseudonym."
    )

    def add_arguments(self, parser):
        parser.add_argument("pupil_id", metavar="PUPIL_ID", help="The pupil's user id.")
        parser.add_argument("--yes", action="store_true", help="Really erase; without it nothing is changed.")

    def handle(self, *args, pupil_id, yes=False, **options):
        pupil = pupil_from_argument(pupil_id)
        goes, stays = inventory(pupil)
        if not yes:
            self.stdout.write(f"Erasing pupil {pupil.pk} ({pupil.display_name}) would remove:")
            self._list(goes)
            self.stdout.write("and keep:")
            self._list(stays)
            raise CommandError(f"Nothing was erased: add --yes to erase pupil {pupil.pk}.")
        name = pupil.display_name
        try:
            result = erase_pupil(pupil, actor_name="manage.py erase_pupil")
        except AlreadyErased as error:
            raise CommandError(f"Pupil {pupil_id} was erased by someone else meanwhile.") from error
        self.stdout.write(f"Erased pupil {pupil_id} ({name}); logged as {result.pseudonym}. Removed:")
        self._list(goes)
        self.stdout.write(f"  {result.counts['sessions']}  sessions")
        self.stdout.write("Kept:")
        self._list(stays)

    def _list(self, items):
        for item in items:
            self.stdout.write(f"  {item.count}  {item.label}")
