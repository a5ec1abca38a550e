"""Close a school's school year from the shell (or a schedule): classes move up, groep 8 leaves, the old feeds
are archived; then due retention is applied. With --dry-run it only prints what would happen."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import School
from privacy import retention, schoolyear

ACTOR_NAME = "manage.py close_school_year"


class Command(BaseCommand):
    help = (
        "Close the school year of one school: every class of the year is archived (read-only for its teachers), "
        "classes below groep 8 continue one groep higher in the next year with the same teachers, pupils and "
        "class code, groep 8 leaves (login stops now, erased after the retention period). Also applies due "
        "retention. Without --dry-run this changes data."
    )

    def add_arguments(self, parser):
        parser.add_argument("school_id", metavar="SCHOOL_ID", help="The school's id.")
        parser.add_argument("--dry-run", action="store_true", help="Only print what would happen; change nothing.")
        parser.add_argument(
            "--leaving",
            metavar="PUPIL_ID",
            nargs="+",
            default=[],
            help="Pupils of a combination group with groep 8 (e.g. 7/8) who leave; the others move up.",
        )

    def handle(self, *args, school_id, dry_run=False, leaving=(), **options):
        school = _school(school_id)
        leaving_ids = _ids(leaving)
        the_plan = schoolyear.plan(school, leaving_ids=leaving_ids)
        if the_plan.school_year is None:
            if the_plan.closure is not None:
                raise CommandError(
                    f"School {school.pk} ({school.name}): school year {the_plan.closure.school_year} was already "
                    f"closed on {the_plan.closure.closed_at:%Y-%m-%d}; nothing to close until the next one begins."
                )
            raise CommandError(f"School {school.pk} ({school.name}) has no school year to close.")
        self._print_plan(the_plan, dry_run)
        if dry_run:
            self._print_due(retention.due(school=school))
            self.stdout.write("Dry run: nothing was changed.")
            return
        try:
            result = schoolyear.close(school, actor_name=ACTOR_NAME, leaving_ids=leaving_ids)
        except schoolyear.AlreadyClosed as error:
            raise CommandError(
                f"School {school.pk}: school year {error.closure.school_year} was already closed; nothing changed."
            ) from error
        except schoolyear.NothingToClose as error:
            raise CommandError(f"School {school.pk} has no school year to close.") from error
        counts = result.closure.counts
        self.stdout.write(
            f"Closed school year {result.closure.school_year} of school {school.pk} ({school.name}): "
            f"{counts['classes_archived']} classes archived, {counts['classes_created']} created, "
            f"{counts['pupils_moving_up']} pupils moved up, {counts['pupils_leaving']} left."
        )
        applied = retention.apply(school=school, actor_name=ACTOR_NAME)
        self.stdout.write(f"Retention: {len(applied.erased)} pupils erased, {applied.photo_count} photos deleted.")

    def _print_plan(self, the_plan, dry_run):
        verb = "would" if dry_run else "will"
        self.stdout.write(
            f"School year {the_plan.school_year} of school {the_plan.school.pk} ({the_plan.school.name}) "
            f"{verb} close; the next is {the_plan.next_year}."
        )
        for move in the_plan.moves:
            old = f"{move.school_class.name} (groep {'/'.join(map(str, move.school_class.years))})"
            if move.moves_up:
                line = (
                    f"  {old} -> {move.new_name} (groep {move.new_groep_text}, {the_plan.next_year}): "
                    f"{len(move.staying)} pupils move up, {len(move.leaving)} leave"
                )
            else:
                line = f"  {old}: archived, all {len(move.leaving)} pupils leave"
            if move.must_choose:
                line += " (combination group: name leavers with --leaving PUPIL_ID ...)"
            self.stdout.write(line)
        leavers = the_plan.leavers
        self.stdout.write(
            f"Leaving: {len(leavers)} pupils; login stops at once, erased on {the_plan.erase_leavers_on:%Y-%m-%d}."
        )
        self.stdout.write(
            f"Archived feeds: read-only for teachers; {the_plan.photos_in_year} photos deleted after "
            f"{the_plan.photos_deleted_on:%Y-%m-%d}."
        )

    def _print_due(self, due):
        self.stdout.write(f"Retention due now: {len(due.leavers)} pupils to erase, {due.photo_posts} photos to delete.")


def _school(value):
    if not str(value).isdigit():
        raise CommandError(f"SCHOOL_ID must be a number, not {value!r}.")
    school = School.objects.filter(pk=int(value)).first()
    if school is None:
        raise CommandError(f"No school with id {value}.")
    return school


def _ids(values):
    bad = [value for value in values if not str(value).isdigit()]
    if bad:
        raise CommandError(f"--leaving takes pupil ids (numbers), not {', '.join(bad)}.")
    return [int(value) for value in values]
