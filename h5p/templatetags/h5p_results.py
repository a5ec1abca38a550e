"""Template filters for the results pages."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def score_number(value):
    """A stored score without trailing zeros, in the page's language: 3, 2,5 and 10 (never "1E+1")."""
    if value is None:
        return "–"
    return number_format(Decimal(f"{value.normalize():f}"))
