"""Template helpers for a pupil's own work: when a comment or edit happened, in words a child reads."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def when(moment):
    """ "14:05" today, "gisteren 14:05" yesterday, "3 maart 14:05" before that (local time)."""
    if not moment:
        return ""
    local = timezone.localtime(moment)
    today = timezone.localdate()
    clock = date_format(local, "H:i")
    if local.date() == today:
        return clock
    if local.date() == today - timedelta(days=1):
        return _("gisteren %(time)s") % {"time": clock}
    return date_format(local, "j F H:i")
