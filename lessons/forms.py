"""The lesson library's filter form: Leren goal, curriculum learning goal, grade band, theme, duration and a
Dutch search."""

import re
import unicodedata

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .choices import DurationRange, GradeBand, LerenGoal, ProtocolTheme

# Letters and digits in any script; everything else separates words.
_WORD = re.compile(r"[^\W_]+")


def search_words(text):
    """The words of what was typed in the search box: letters and digits only.

    Wagtail's database search backend writes each word into SQLite's FTS5 query syntax without escaping a
    double quote, so `"` or `">` ended in a syntax error and a 500; on PostgreSQL "café!" or a pasted
    "e" + combining accent found nothing. The full-text index splits on punctuation too, so dropping it
    loses no match; NFC keeps an accent with its letter.
    """
    return _WORD.findall(unicodedata.normalize("NFC", text))


def _with_all(choices):
    return [("", _("Alle")), *list(choices)]


def learning_goal_choices():
    """The published learning goals grouped by grade band, for a select: one query."""
    from curriculum.models import LearningGoal

    groups = {}
    goals = LearningGoal.objects.published().select_related("page").order_by("page__grade_band", "sort_order", "pk")
    for goal in goals:
        groups.setdefault(goal.page.get_grade_band_display(), []).append((str(goal.pk), goal.text))
    return _with_all(groups.items())


class LessonFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    goal = forms.ChoiceField(label=_("Leerdoel"), required=False, choices=_with_all(LerenGoal.choices))
    learning_goal = forms.ChoiceField(label=_("Leerdoel uit het curriculum"), required=False)
    grade_band = forms.ChoiceField(label=_("Groepen"), required=False, choices=_with_all(GradeBand.choices))
    theme = forms.ChoiceField(label=_("Thema"), required=False, choices=_with_all(ProtocolTheme.choices))
    duration = forms.ChoiceField(label=_("Duur"), required=False, choices=_with_all(DurationRange.choices))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learning_goal"].choices = learning_goal_choices()

    def filter(self, lessons):
        """Narrow `lessons` (a LessonPage queryset) to the valid filters; invalid values are ignored."""
        from curriculum.models import LearningGoal

        from .models import LessonGoalLink

        lessons = lessons.prefetch_related(
            "leren_goals",
            "themes",
            Prefetch(
                "goal_links",
                queryset=LessonGoalLink.objects.filter(goal__in=LearningGoal.objects.published()).select_related(
                    "goal__page"
                ),
            ),
        ).order_by("grade_band", "title")
        if not self.is_bound or not self.is_valid():
            return lessons
        data = self.cleaned_data
        if data["goal"]:
            lessons = lessons.filter(leren_goals__code=data["goal"])
        if data["learning_goal"]:
            lessons = lessons.filter(goal_links__goal_id=int(data["learning_goal"]))
        if data["grade_band"]:
            lessons = lessons.filter(grade_band=data["grade_band"])
        if data["theme"]:
            lessons = lessons.filter(themes__code=data["theme"])
        if data["duration"]:
            low, high = DurationRange(data["duration"]).bounds
            lessons = lessons.filter(duration__gte=low, duration__lte=high)
        words = search_words(data["q"])
        if words:
            # Search first over all live lessons, then keep the filters: the search backend cannot
            # filter on the many-to-many goals and themes itself. Only punctuation counts as no search,
            # like an empty box.
            from .models import LessonPage

            found = LessonPage.objects.live().search(" ".join(words), operator="and")
            lessons = lessons.filter(pk__in=[page.pk for page in found])
        return lessons.distinct()
