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

    def handle(self, *args, path, title=None, no_new_libraries=False, **options):
        file_path = Path(path)
        if file_path.suffix.lower() != ".h5p":
            raise CommandError(f"{path}: expected a file ending in .h5p.")
        if not file_path.is_file():
            raise CommandError(f"{path}: file not found.")
        try:
            with file_path.open("rb") as fileobj:
                # Whoever runs manage.py operates the server, so may install libraries unless told not to.
                content = import_package(fileobj, title=title, allow_libraries=not no_new_libraries)
        except PackageError as error:
            lines = "\n".join(f"  - {problem}" for problem in error.problems)
            raise CommandError(f"{path} was refused:\n{lines}") from error
        self.stdout.write(str(content.pk))
