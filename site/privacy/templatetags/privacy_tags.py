"""Template helpers for the privacy links on class pages, the erased-pupil stand-in and the export page."""

from django import template
from django.utils.dateparse import parse_datetime

from .. import permissions, placeholder

register = template.Library()


@register.simple_tag
def may_erase_in_class(user, school_class):
    """{% may_erase_in_class user school_class as may_erase %}: one check for a whole pupil list."""
    return permissions.may_erase_in_class(user, school_class)


@register.filter
def is_erased_pupil(user):
    """True for the stand-in author of an erased pupil's comment ("verwijderde leerling")."""
    return placeholder.is_placeholder(user)


@register.filter
def isodate(value):
    """An ISO 8601 string from export.json as a datetime, for the |date filter."""
    return parse_datetime(value) if value else None
