"""Write the anonymised research export of one school or the whole board: HDF5, and with --csv also the zip."""

import os
import tempfile
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import School
from privacy.research import K, ResearchExport
from privacy.research_files import CSV, HDF5, log_research_export, write_csv_zip, write_hdf5

ACTOR = "manage.py export_research"


class Command(BaseCommand):
    help = (
        "Write the anonymised research export (docs/research-export.md) of one school, or of every school when "
        "--school is left out, as an HDF5 file; --csv also writes the same export as CSV files in a zip."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", metavar="OUT.h5", help="Where to write the HDF5 file (replaced if it exists).")
        parser.add_argument("--school", metavar="SCHOOL_ID", help="Only this school; without it: every school.")
        parser.add_argument("--csv", metavar="OUT.zip", help="Also write the same export as CSV files in a zip.")

    def handle(self, *args, out, school=None, csv=None, **options):
        schools, whole_board = self._schools(school)
        hdf5_target = _target(out, (".h5", ".hdf5"), "OUT.h5")
        csv_target = _target(csv, (".zip",), "--csv") if csv else None
        if csv_target is not None and csv_target.resolve() == hdf5_target.resolve():
            raise CommandError("OUT.h5 and --csv must be two different files.")
        # One export for both files: the same salt, so the same numbers in the HDF5 file and the CSV files.
        export = ResearchExport(schools, whole_board=whole_board)
        tables = _write(hdf5_target, lambda path: write_hdf5(export, path))
        log_research_export(export, HDF5, actor_name=ACTOR)
        self.stdout.write(f"Wrote the research export of {_scope(export)} to {hdf5_target} ({_size(hdf5_target)}).")
        self._summary(export, tables)
        if csv_target is not None:
            _write(csv_target, lambda path: write_csv_zip(export, path))
            log_research_export(export, CSV, actor_name=ACTOR)
            self.stdout.write(f"Wrote the same export as CSV files to {csv_target} ({_size(csv_target)}).")

    def _schools(self, value):
        if value is None:
            return list(School.objects.order_by("name", "pk")), True
        if not str(value).isdigit():
            raise CommandError(f"SCHOOL_ID must be a number, not {value!r}.")
        school = School.objects.filter(pk=int(value)).first()
        if school is None:
            known = ", ".join(f"{pk} ({name})" for pk, name in School.objects.order_by("pk").values_list("pk", "name"))
            raise CommandError(f"No school with id {value}. Schools: {known or 'none'}.")
        return [school], False

    def _summary(self, export, tables):
        rows, suppressed = defaultdict(int), defaultdict(int)
        for table in tables:
            rows[table.path if table.group == "lookup" else table.name] += table.row_count
            suppressed[table.name] += table.suppressed_cells
        self.stdout.write(
            f"  {len(export.groups)} groups (school year and grade band); cells under {K} pupils left out"
        )
        for name, count in rows.items():
            if name.startswith("lookup/"):
                self.stdout.write(f"  {name}: {count} rows")
            else:
                self.stdout.write(f"  {name}: {count} rows, {suppressed[name]} cells suppressed")


def _target(value, suffixes, what):
    target = Path(value)
    if target.suffix.lower() not in suffixes:
        raise CommandError(f"{value}: {what} must end in {' or '.join(suffixes)}.")
    if target.is_dir() or not target.parent.is_dir():
        raise CommandError(f"{value}: not a file in an existing folder.")
    if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise CommandError(f"{value}: cannot write there (permission denied).")
    return target


def _write(target, write):
    """Write next to `target` and move into place at the end: no half file when something fails."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".research-", suffix=target.suffix)
    except OSError as error:
        raise CommandError(f"{target}: cannot write there ({error.strerror}).") from error
    os.close(handle)
    try:
        result = write(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return result


def _scope(export):
    if export.whole_board:
        count = len(export.schools)
        return f"the whole board ({count} school{'' if count == 1 else 's'})"
    school = export.schools[0]
    return f"school {school.pk} ({school.name})"


def _size(path):
    return f"{path.stat().st_size:,} bytes".replace(",", " ")
