from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts en klassen")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .backends import clear_wait_after_login

        user_logged_in.connect(clear_wait_after_login, dispatch_uid="accounts.clear_wait_after_login")

        # Open feed websockets follow membership and the session: a pupil or teacher taken out of a class,
        # or logging out, stops hearing its events. Connected here, not on import of the feed's modules,
        # so the shell, the admin and WSGI workers close sockets too.
        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import m2m_changed

        from sandbox_feed import live

        from .models import SchoolClass

        for relation in (SchoolClass.pupils, SchoolClass.teachers):
            m2m_changed.connect(
                live.on_membership_change,
                sender=relation.through,
                dispatch_uid=f"sandbox_feed.live.membership.{relation.field.name}",
            )
        user_logged_out.connect(live.on_logout, dispatch_uid="sandbox_feed.live.on_logout")
