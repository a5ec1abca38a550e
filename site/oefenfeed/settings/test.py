"""Test settings: fast password hashing, plain static storage, media in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ENVIRONMENT = "test"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="oefenfeed-media-"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A test database in a file, as in production: threads of the concurrency tests then queue on the busy
    # timeout instead of failing with "database table is locked" (shared-cache memory databases ignore it).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="oefenfeed-testdb-")) / "test.sqlite3")
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # No pool under test: Django's test client does not close connections after a request, so every thread a
    # test starts (concurrency tests, channels' executors) keeps its pooled connection and a bounded pool runs
    # dry across the suite. The pool's settings have their own tests (tests/oefenfeed/test_settings.py).
    DATABASES["default"]["OPTIONS"].pop("pool", None)  # noqa: F405
