"""Load the demo content of every app, in INSTALLED_APPS order. Safe to run again; never in production."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import LOGINS


class Command(BaseCommand):
    help = "Fill the database with demo school, classes, lessons, feed and curriculum (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Only seed when there are no users yet.")

    def handle(self, *args, if_empty=False, **options):
        if getattr(settings, "ENVIRONMENT", "production") == "production":
            raise CommandError("seed_demo refuses to run with production settings: it creates known passwords.")
        from accounts.models import User

        if if_empty and User.objects.exists():
            self.stdout.write("Database already has users; demo content not loaded.")
            self.stdout.write(LOGINS)
            return
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if find_spec(config.name) and find_spec(module_name):
                import_module(module_name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        self.stdout.write(LOGINS)
