"""Results: per activity and class each pupil's grade and per-question answers with the class's share right,
the CSV of that, and a pupil's own attempts with kind feedback. A constant number of queries whatever the size.
"""

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import GradeMethod
from .models import H5PAttempt, H5PSubContentResult

__all__ = [
    "Answer",
    "ClassReport",
    "GradeMethod",
    "PupilResult",
    "Question",
    "class_report",
    "class_results",
    "csv_rows",
    "feedback_for",
    "is_right",
    "own_results",
    "plain_text",
]

# Column headers on the results page show this much of a question; the full text is in the questions table.
SHORT_QUESTION = 60

# Which attempt's answers the per-question table shows, said on the page under the table.
QUESTION_ATTEMPT_NOTE = {
    GradeMethod.HIGHEST: _("Per leerling zie je de antwoorden uit de poging met de hoogste score."),
    GradeMethod.AVERAGE: _(
        "De score is het gemiddelde van alle pogingen; per vraag zie je de antwoorden uit de laatste poging."
    ),
    GradeMethod.LAST: _("Per leerling zie je de antwoorden uit de laatste poging."),
    GradeMethod.FIRST: _("Per leerling zie je de antwoorden uit de eerste poging."),
}

# Block-level tags end a line in H5P's HTML: a space there keeps "<p>Kijk.</p><p>Wat zie je?</p>" two sentences.
_BLOCK_TAG = re.compile(r"<(?=/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section)\b)", re.IGNORECASE)


def plain_text(value):
    """H5P's description (HTML from the statement) as one line of plain text; templates escape it again."""
    text = html.unescape(strip_tags(_BLOCK_TAG.sub(" <", value or "")))
    return " ".join(text.split())


def is_right(result):
    """Whether a question was answered right: its success, else full marks; None when the statement cannot tell."""
    if result.success is not None:
        return result.success
    if result.raw_score is not None and result.max_score:
        return result.raw_score == result.max_score
    return None


def question_label(number):
    return gettext("Vraag %(number)d") % {"number": number}


def _number(value):
    return f"{value.normalize():f}"


def _score(item):
    if item is None or item.raw_score is None or item.max_score is None:
        return ""
    return f"{_number(item.raw_score)}/{_number(item.max_score)}"


@dataclass
class Question:
    """One sub-content of the activity as the class met it, with how many pupils got it right."""

    sub_content_id: str
    number: int
    text: str = ""
    right: int = 0
    judged: int = 0
    hardest: bool = False

    @property
    def label(self):
        return question_label(self.number)

    @property
    def short_text(self):
        return Truncator(self.text).chars(SHORT_QUESTION)

    @property
    def is_shortened(self):
        return self.short_text != self.text

    @property
    def share(self):
        return Fraction(self.right, self.judged) if self.judged else None

    @property
    def percentage(self):
        return None if not self.judged else round(100 * self.right / self.judged)

    @property
    def share_text(self):
        """The class's share for the CSV, e.g. "2 van 3 (67%)"; empty when no answer could be judged."""
        if not self.judged:
            return ""
        return gettext("%(right)d van %(judged)d (%(percentage)d%%)") % {
            "right": self.right,
            "judged": self.judged,
            "percentage": self.percentage,
        }


@dataclass
class Answer:
    """A pupil's result for one question in the attempt that counts (None: not answered there)."""

    question: Question
    result: H5PSubContentResult | None = None

    @property
    def right(self):
        return None if self.result is None else is_right(self.result)

    @property
    def csv_value(self):
        if self.result is None:
            return ""
        if self.result.raw_score is not None and self.result.max_score is not None:
            return _score(self.result)
        return {True: gettext("goed"), False: gettext("niet goed")}.get(self.right, gettext("beantwoord"))


@dataclass
class PupilResult:
    pupil: object
    attempts: list = field(default_factory=list)
    # Set by class_report() for its grade method: the attempt whose answers count, and those answers.
    counted: H5PAttempt | None = None
    answers: list = field(default_factory=list)

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

    def counted_attempt(self, method):
        """The attempt whose answers count by `method`; for the average (of every attempt) the last one."""
        scored = self.scored
        if not scored:
            return None
        if method == GradeMethod.FIRST:
            return scored[0]
        if method in (GradeMethod.LAST, GradeMethod.AVERAGE):
            return scored[-1]
        return self.best

    def grade(self, method):
        """The percentage by the grade method, or None without a scored attempt."""
        scored = self.scored
        if not scored:
            return None
        if method == GradeMethod.AVERAGE:
            return round(sum(Decimal(100) * a.raw_score / a.max_score for a in scored) / len(scored))
        return self.counted_attempt(method).percentage


def _attempts_with_results():
    return H5PAttempt.objects.prefetch_related(Prefetch("results", queryset=H5PSubContentResult.objects.order_by("pk")))


def class_results(content, school_class):
    """Every pupil of the class with their attempts (and those attempts' question results). Three queries."""
    pupils = list(school_class.ordered_pupils())
    by_pupil = {pupil.pk: PupilResult(pupil) for pupil in pupils}
    attempts = _attempts_with_results().filter(content=content, user__in=pupils).order_by("user_id", "number")
    for attempt in attempts:
        by_pupil[attempt.user_id].attempts.append(attempt)
    return [by_pupil[pupil.pk] for pupil in pupils]


def _questions(rows):
    """The questions seen in the class's attempts, in order of first appearance, with the latest non-empty text."""
    results = sorted((r for row in rows for a in row.attempts for r in a.results.all()), key=lambda r: r.pk)
    questions = {}
    for result in results:
        question = questions.setdefault(result.sub_content_id, Question(result.sub_content_id, len(questions) + 1))
        text = plain_text(result.description)
        if text:
            question.text = text
    return list(questions.values())


def _mark_hardest(questions):
    """The question(s) with the lowest share right, when that says something: below 100% and not all equal."""
    judged = [q for q in questions if q.judged]
    if len(judged) < 2:
        return
    lowest = min(q.share for q in judged)
    if lowest == 1 or all(q.share == lowest for q in judged):
        return
    for question in judged:
        question.hardest = question.share == lowest


@dataclass
class ClassReport:
    """What the results page and the CSV show for one activity, class and grade method."""

    content: object
    school_class: object
    method: str
    rows: list
    questions: list

    @property
    def grades(self):
        return [(row, row.grade(self.method)) for row in self.rows]

    @property
    def hardest(self):
        return [q for q in self.questions if q.hardest]

    @property
    def question_note(self):
        return QUESTION_ATTEMPT_NOTE[self.method]


def class_report(content, school_class, method):
    rows = class_results(content, school_class)
    questions = _questions(rows)
    for row in rows:
        row.counted = attempt = row.counted_attempt(method)
        chosen = {r.sub_content_id: r for r in attempt.results.all()} if attempt is not None else {}
        row.answers = [Answer(question, chosen.get(question.sub_content_id)) for question in questions]
        for answer in row.answers:
            if answer.right is not None:
                answer.question.judged += 1
                answer.question.right += answer.right
    _mark_hardest(questions)
    return ClassReport(content, school_class, method, rows, questions)


def csv_rows(report):
    """The results page as rows: one per pupil, a column per question, and last the class's share per question."""
    method = report.method
    yield [
        str(_("Leerling")),
        str(_("Pogingen")),
        str(_("Beste score")),
        str(_("Laatste score")),
        str(_("Score (%%) volgens: %(method)s") % {"method": GradeMethod(method).label}),
        str(_("Afgerond")),
        *(f"{q.label}: {q.text}" if q.text else q.label for q in report.questions),
    ]
    for row in report.rows:
        grade = row.grade(method)
        yield [
            row.pupil.display_name,
            len(row.attempts),
            _score(row.best),
            _score(row.last),
            "" if grade is None else grade,
            str(_("ja")) if row.completed else str(_("nee")),
            *(answer.csv_value for answer in row.answers),
        ]
    if report.questions:
        yield [str(_("Goed in de klas")), "", "", "", "", "", *(q.share_text for q in report.questions)]


def feedback_for(attempt):
    """A short, kind sentence for a pupil of 8 about one attempt."""
    percentage = attempt.percentage
    if percentage is None:
        return _("Nog niet af. Je mag het afmaken of opnieuw proberen.")
    if percentage >= 100:
        return _("Alles goed! Knap gedaan.")
    if percentage >= 70:
        return _("Bijna alles goed. Goed bezig!")
    if percentage >= 40:
        return _("Een flink stuk goed! Kijk nog eens naar de vragen die nog niet goed waren.")
    return _("Nog even oefenen? Je mag het nog een keer proberen.")


@dataclass
class OwnAnswer:
    number: int
    text: str
    right: bool | None


@dataclass
class OwnAttempt:
    attempt: H5PAttempt
    answers: list

    @property
    def feedback(self):
        return feedback_for(self.attempt)


@dataclass
class OwnActivity:
    content: object
    attempts: list = field(default_factory=list)


def own_results(user):
    """`user`'s own attempts per activity, each with feedback and its questions. Two queries."""
    attempts = (
        _attempts_with_results()
        .filter(user=user)
        .select_related("content")
        .order_by("content__title", "content_id", "number")
    )
    activities = {}
    for attempt in attempts:
        activity = activities.setdefault(attempt.content_id, OwnActivity(attempt.content))
        answers = [
            OwnAnswer(number, plain_text(result.description) or question_label(number), is_right(result))
            for number, result in enumerate(attempt.results.all(), start=1)
        ]
        activity.attempts.append(OwnAttempt(attempt, answers))
    return list(activities.values())
