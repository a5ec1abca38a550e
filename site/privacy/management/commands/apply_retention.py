"""Apply the retention periods (nightly): erase pupils who left longer ago than the retention period and
delete photos of archived feeds past theirs. With --dry-run it only prints what is due."""

from django.core.management.base import BaseCommand

from privacy import retention

from .close_school_year import _school

ACTOR_NAME = "manage.py apply_retention"


class Command(BaseCommand):
    help = (
        "Erase pupils who left more than PRIVACY_RETENTION_AFTER_LEAVING_DAYS ago and delete photos of archived "
        "class feeds after the end of their school year plus PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS. Safe to "
        "run every night."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only print what is due; change nothing.")
        parser.add_argument("--school", metavar="SCHOOL_ID", help="Only this school (default: every school).")

    def handle(self, *args, dry_run=False, school=None, **options):
        school = _school(school) if school is not None else None
        if dry_run:
            due = retention.due(school=school)
            self.stdout.write(f"Due: {len(due.leavers)} pupils to erase, {due.photo_posts} photos to delete.")
            self.stdout.write("Dry run: nothing was changed.")
            return
        applied = retention.apply(school=school, actor_name=ACTOR_NAME)
        self.stdout.write(f"Erased {len(applied.erased)} pupils, deleted {applied.photo_count} photos.")
        for pseudonym in applied.erased:
            self.stdout.write(f"  erased {pseudonym}")
