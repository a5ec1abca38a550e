from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts en klassen")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .backends import clear_wait_after_login

        user_logged_in.connect(clear_wait_after_login, dispatch_uid="accounts.clear_wait_after_login")
