"""Per activity and class: each pupil's attempts, best, last and graded score, completion. Two queries."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .choices import GradeMethod
from .models import H5PAttempt

__all__ = ["GradeMethod", "PupilResult", "class_results", "csv_rows"]


@dataclass
class PupilResult:
    pupil: object
    attempts: list = field(default_factory=list)

    @property
    def scored(self):
        return [a for a in self.attempts if a.raw_score is not None and a.max_score]

    @property
    def best(self):
        return max(self.scored, key=lambda a: a.raw_score / a.max_score, default=None)

    @property
    def last(self):
        return self.scored[-1] if self.scored else None

    @property
    def completed(self):
        return any(a.completion for a in self.attempts)

    def grade(self, method):
        """The percentage by the teacher's grade method, or None without a scored attempt."""
        scored = self.scored
        if not scored:
            return None
        if method == GradeMethod.AVERAGE:
            return round(sum(Decimal(100) * a.raw_score / a.max_score for a in scored) / len(scored))
        chosen = {GradeMethod.LAST: scored[-1], GradeMethod.FIRST: scored[0]}.get(method, self.best)
        return chosen.percentage


def class_results(content, school_class):
    pupils = list(school_class.ordered_pupils())
    by_pupil = {pupil.pk: PupilResult(pupil) for pupil in pupils}
    for attempt in H5PAttempt.objects.filter(content=content, user__in=pupils).order_by("user_id", "number"):
        by_pupil[attempt.user_id].attempts.append(attempt)
    return [by_pupil[pupil.pk] for pupil in pupils]


def _score(attempt):
    if attempt is None:
        return ""
    return f"{attempt.raw_score.normalize():f}/{attempt.max_score.normalize():f}"


def csv_rows(content, school_class, rows, method):
    yield [
        str(_("Leerling")),
        str(_("Pogingen")),
        str(_("Beste score")),
        str(_("Laatste score")),
        str(_("Cijfer (%%) volgens: %(method)s") % {"method": GradeMethod(method).label}),
        str(_("Afgerond")),
    ]
    for row in rows:
        grade = row.grade(method)
        yield [
            row.pupil.display_name,
            len(row.attempts),
            _score(row.best),
            _score(row.last),
            "" if grade is None else grade,
            str(_("ja")) if row.completed else str(_("nee")),
        ]
