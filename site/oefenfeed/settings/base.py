"""Settings shared by every environment; secure by default, services from the environment."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from oefenfeed.csp import POLICY as CSP_POLICY
from oefenfeed.env import env_bool, env_database, env_int, env_list, env_redis_url, env_str

SITE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SITE_DIR.parent
VAR_DIR = Path(env_str("OEFENFEED_VAR_DIR", str(BASE_DIR / "var")))

# Which settings module is active; seed_demo refuses "production".
ENVIRONMENT = "production"
SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "accounts",
    "home",
    "h5p",  # before lessons: lesson steps embed H5P activities, and its demo imports them first
    "lessons",
    "sandbox_feed",
    "curriculum",
    "privacy",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "channels",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "oefenfeed.csp.PolicyPerPathMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "oefenfeed.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "oefenfeed.overload.OverloadMiddleware",
]

# A strict Content-Security-Policy on every page in every environment (see oefenfeed/csp.py).
CONTENT_SECURITY_POLICY = CSP_POLICY

ROOT_URLCONF = "oefenfeed.urls"
ASGI_APPLICATION = "oefenfeed.asgi.application"
WSGI_APPLICATION = "oefenfeed.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.roles",
                "sandbox_feed.context_processors.review_queue",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "oefenfeed.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_redis_url("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # No read timeout: redis-py 8 defaults to 5 s while channels_redis blocks 5 s waiting for messages, which
    # killed every idle websocket after 5 seconds (django/channels_redis#422).
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": None}]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Compiled SQL of baked queries (oefenfeed/baked.py): always in the process, never shared, as compiled templates are.
CACHES["baked"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "baked"}

AUTH_USER_MODEL = "accounts.User"
# The throttle backend only refuses (a password login that must wait first); ModelBackend checks passwords.
AUTHENTICATION_BACKENDS = ["accounts.backends.LoginThrottleBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:start"
LOGOUT_REDIRECT_URL = "home:index"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
# Front-end runtime packages installed by npm (`make assets`), served under /static/vendor/<package>/.
# Only the packages named here: node_modules also holds test tools (axe-core) that are no static files.
STATICFILES_DIRS = [
    SITE_DIR / "static",
    ("vendor/h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Class-feed photos: kept outside MEDIA_ROOT and served only through a permission-checked view.
FEED_MEDIA_ROOT = Path(env_str("FEED_MEDIA_ROOT", str(VAR_DIR / "feed-media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

WAGTAIL_SITE_NAME = "Oefenfeed"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Wagtail's /cms/login/ with the Dutch "wait" message of the login throttle.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.WagtailLoginForm"

# Login throttling for picture codes and staff passwords, kept in the database (accounts.throttle).
# After the free failures within a window, each further failure makes the next try wait, doubling from
# LOGIN_WAIT_FIRST_SECONDS. Per account on one client and per client the wait grows to LOGIN_WAIT_MAX_SECONDS;
# per account from any client only to LOGIN_ACCOUNT_WAIT_MAX_SECONDS, so a prankster elsewhere cannot keep
# the real pupil or teacher out. A school often shares one address, hence the larger CLIENT_ allowance.
LOGIN_FREE_FAILURES = env_int("LOGIN_FREE_FAILURES", 3)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 24 * 3600)
LOGIN_WAIT_FIRST_SECONDS = env_int("LOGIN_WAIT_FIRST_SECONDS", 5)
LOGIN_WAIT_MAX_SECONDS = env_int("LOGIN_WAIT_MAX_SECONDS", 300)
LOGIN_ACCOUNT_WAIT_MAX_SECONDS = env_int("LOGIN_ACCOUNT_WAIT_MAX_SECONDS", 30)
CLIENT_LOGIN_FREE_FAILURES = env_int("CLIENT_LOGIN_FREE_FAILURES", 30)
CLIENT_LOGIN_WINDOW_SECONDS = env_int("CLIENT_LOGIN_WINDOW_SECONDS", 3600)

# H5P: where packages are extracted; empty means a folder next to MEDIA_ROOT ("<MEDIA_ROOT>-h5p"), never
# inside it, since every H5P file is served through a permission check. Size limits count unpacked bytes.
H5P_ROOT = env_str("H5P_ROOT", "")
H5P_MAX_FILE_SIZE = env_int("H5P_MAX_FILE_SIZE", 20 * 1024 * 1024)
H5P_MAX_TOTAL_SIZE = env_int("H5P_MAX_TOTAL_SIZE", 100 * 1024 * 1024)

# Privacy: how long the school keeps pupils' data. The parents' page (/privacy/) and the register of processing
# activities (/privacy/verwerkingsregister/) read these, so what parents are told is what the school set.
# Feed content, photos and H5P results: until the end of the school year (31 July) plus these days.
PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS = env_int("PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS", 0, minimum=0)
# A pupil who leaves the school: the account and everything about it is erased within these days.
PRIVACY_RETENTION_AFTER_LEAVING_DAYS = env_int("PRIVACY_RETENTION_AFTER_LEAVING_DAYS", 30, minimum=0)
# The privacy log and the consent proof of erased pupils (the school's accountability): years.
PRIVACY_PROOF_RETENTION_YEARS = env_int("PRIVACY_PROOF_RETENTION_YEARS", 5, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail's background tasks run inline and log every start and finish; keep that out of the console.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
