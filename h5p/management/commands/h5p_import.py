"""Import a .h5p file from the shell, through the same validation as the Wagtail admin upload."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from h5p.package import PackageError
from h5p.storage import import_package


class Command(BaseCommand):
    help = "Validate and import an .h5p package; prints the new content's id. Installs libraries it brings."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .h5p file.")
        parser.add_argument("--title", help="Title to use instead of the one in h5p.json.")
        parser.add_argument(
            "--no-new-libraries",
            action="store_true",
            help="Refuse the package if it would install or update a library (JavaScript).",
        )
        parser.add_argument(
            "--school",
            type=int,
            help="Id of the school the activity belongs to. Without it: an activity for all schools.",
        )

    def handle(self, *args, path, title=None, no_new_libraries=False, school=None, **options):
        from accounts.models import School

        school_obj = None
        if school is not None:
            school_obj = School.objects.filter(pk=school).first()
            if school_obj is None:
                raise CommandError(f"School {school} does not exist.")
        file_path = Path(path)
        if file_path.suffix.lower() != ".h5p":
            raise CommandError(f"{path}: expected a file ending in .h5p.")
        if not file_path.is_file():
            raise CommandError(f"{path}: file not found.")
        try:
            # Open until the import is done: the package is validated and then installed from this file, one
            # entry at a time, never read into memory whole.
            with file_path.open("rb") as fileobj:
                # Whoever runs manage.py operates the server, so may install libraries unless told not to.
                content = import_package(fileobj, title=title, allow_libraries=not no_new_libraries, school=school_obj)
        except PackageError as error:
            lines = "\n".join(f"  - {problem}" for problem in error.problems)
            raise CommandError(f"{path} was refused:\n{lines}") from error
        self.stdout.write(str(content.pk))
