"""Wagtail admin additions of the site shell."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_widgets_js():
    """Starts the date and time choosers whose inline scripts our widget templates leave out (CSP)."""
    return format_html('<script src="{}" defer></script>', static("home/admin-widgets.js"))
