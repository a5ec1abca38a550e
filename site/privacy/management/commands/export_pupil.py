"""Write everything about one pupil to a zip (the same zip teachers and coordinators download)."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from privacy.export import collect, log_export, stream_zip

from ._pupil import pupil_from_argument


class Command(BaseCommand):
    help = "Export one pupil's data as a zip: index.html (Dutch, for parents), export.json and fotos/."

    def add_arguments(self, parser):
        parser.add_argument("pupil_id", metavar="PUPIL_ID", help="The pupil's user id.")
        parser.add_argument("out", metavar="OUT.zip", help="Where to write the zip (replaced if it exists).")

    def handle(self, *args, pupil_id, out, **options):
        pupil = pupil_from_argument(pupil_id)
        target = Path(out)
        if target.suffix.lower() != ".zip":
            raise CommandError(f"{out}: the output file must end in .zip.")
        if target.is_dir() or not target.parent.is_dir():
            raise CommandError(f"{out}: not a file in an existing folder.")
        export = collect(pupil)
        # Written next to the target and moved into place at the end: no half zip if something fails.
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".export-", suffix=".zip")
        try:
            with os.fdopen(handle, "wb") as stream:
                for piece in stream_zip(export):
                    stream.write(piece)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        log_export(export, actor_name="manage.py export_pupil")
        counts = export.counts()
        self.stdout.write(
            f"Exported pupil {pupil.pk} ({pupil.display_name}) to {target} ({target.stat().st_size} bytes): "
            + ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in counts.items())
            + "."
        )
