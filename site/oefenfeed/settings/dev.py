"""Development settings: debug on, a secret key made once in var/, SQLite unless DATABASE_URL is set."""

import secrets

from oefenfeed.env import env_bool, env_str

from .base import *  # noqa: F403
from .base import VAR_DIR

ENVIRONMENT = "development"
DEBUG = env_bool("DEBUG", True)


def _dev_secret_key():
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key.txt"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _dev_secret_key()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
