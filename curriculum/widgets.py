"""Selects for frame goals and learning goals in the Wagtail editor: one query per edit page, not per row.

A ModelChoiceField's select queries its options every time it renders, and Wagtail's snippet chooser queries
the chosen object for every row. A grade band page has a frame goal select in every mapping row of every
learning goal (and in each inline panel's empty template), a lesson one per linked learning goal: the edit
page's queries grew with its rows. These selects read the options once and share them between the rows.

Why sharing is safe: Wagtail builds the edit form classes anew for every request (`Panel.get_form_class`),
a widget passed as a class is made when the form class is built, and every row's form deep-copies it. The
copies share the options of that one request, never those of another.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class SharedOptionsSelect(forms.Select):
    """A select whose copies (one per inline form) share the options the first of them read.

    It also writes its HTML itself: Django's select renders a template per option, and a grade band page
    holds dozens of these selects with dozens of options each. The options' HTML is made once per request."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices)
        self._shared = {}

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied._shared = self._shared
        return copied

    def optgroups(self, name, value, attrs=None):
        self.choices = self.shared_choices()
        return super().optgroups(name, value, attrs)

    def shared_choices(self):
        if "choices" not in self._shared:
            self._shared["choices"] = self.load_choices()
        return self._shared["choices"]

    def load_choices(self):
        field = getattr(self.choices, "field", None)
        if field is None:  # plain choices, not a model field's
            return list(self.choices)
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        return empty + self.grouped(field.queryset)

    def grouped(self, queryset):
        """[(group label, [(value, label), ...]), ...] in one query."""
        raise NotImplementedError

    def option_parts(self):
        """[(value as text, or None around a group), start of the tag, rest of the option)], once per request."""
        if "parts" not in self._shared:
            parts = []
            for value, label in self.shared_choices():
                if isinstance(label, (list, tuple)):
                    parts.append((None, format_html('<optgroup label="{}">', value), ""))
                    parts.extend(_option(option_value, option_label) for option_value, option_label in label)
                    parts.append((None, mark_safe("</optgroup>"), ""))
                else:
                    parts.append(_option(value, label))
            self._shared["parts"] = parts
        return self._shared["parts"]

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        html = [format_html('<select name="{}"{}>', name, flatatt(self.build_attrs(self.attrs, attrs)))]
        for option_value, start, rest in self.option_parts():
            html.append(start)
            if option_value is not None and option_value in chosen:
                chosen.discard(option_value)  # like Django's select: the first matching option only
                html.append(" selected")
            html.append(rest)
        html.append("</select>")
        return mark_safe("".join(html))  # noqa: S308 - every piece went through format_html


def _option(value, label):
    return str(value), format_html('<option value="{}"', value), format_html(">{}</option>", label)


def _groups(items):
    groups = {}
    for group, value, label in items:
        groups.setdefault(group, []).append((value, label))
    return list(groups.items())


class FrameGoalSelect(SharedOptionsSelect):
    """Frame goals grouped by framework: "21A Digitale systemen" under "Kerndoelen digitale geletterdheid"."""

    def grouped(self, queryset):
        goals = queryset.select_related("framework").order_by(
            "framework__position", "framework__name", "position", "code"
        )
        return _groups((goal.framework.name, goal.pk, f"{goal.code} {goal.title}") for goal in goals)


class LearningGoalSelect(SharedOptionsSelect):
    """Learning goals grouped by grade band, in the curriculum's order."""

    def grouped(self, queryset):
        goals = queryset.select_related("page").order_by("page__grade_band", "page__path", "sort_order", "pk")
        return _groups((goal.page.get_grade_band_display(), goal.pk, goal.text) for goal in goals)
