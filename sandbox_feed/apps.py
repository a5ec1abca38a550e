from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SandboxFeedConfig(AppConfig):
    name = "sandbox_feed"
    verbose_name = _("Oefenfeed")
