"""Typed readers for environment variables that fail loudly, naming the variable."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"Environment variable {name} must be true or false, not {value!r}.")


def env_int(name, default, *, minimum=None):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"Environment variable {name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"Environment variable {name} must be at least {minimum}, not {number}.")
    return number


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name, default_sqlite_path):
    """Parse DATABASE_URL; without it, a SQLite file tuned for several concurrent writers."""
    value = os.environ.get(name)
    if not value:
        return sqlite_database(default_sqlite_path)
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"Environment variable {name} is not a valid database URL: {error}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"Environment variable {name} names an unknown database scheme.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return sqlite_database(config["NAME"])
    if config["ENGINE"] == "django.db.backends.postgresql":
        return postgres_pool(config)
    return config


def postgres_pool(config):
    # Under ASGI every request runs in a thread of its own, so connections kept per thread (CONN_MAX_AGE)
    # pile up until PostgreSQL refuses with "too many clients". A pool per worker process bounds them:
    # workers x DATABASE_POOL_MAX_SIZE must stay below the server's max_connections. A request that waits
    # DATABASE_POOL_TIMEOUT seconds for a free connection gets a 503 (oefenfeed.overload). Django requires
    # CONN_MAX_AGE 0 with a pool: closing a connection returns it to the pool.
    max_size = env_int("DATABASE_POOL_MAX_SIZE", 8, minimum=1)
    timeout = env_int("DATABASE_POOL_TIMEOUT", 10, minimum=1)
    pool = {"min_size": min(2, max_size), "max_size": max_size, "timeout": timeout}
    return {**config, "CONN_MAX_AGE": 0, "OPTIONS": {**config.get("OPTIONS", {}), "pool": pool}}


def sqlite_database(path):
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the start
    # of a transaction so two writers queue (busy timeout) instead of failing with "database is locked".
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        },
    }


def env_redis_url(name):
    value = os.environ.get(name)
    if not value:
        return None
    if not value.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"Environment variable {name} must start with redis://, rediss:// or unix://.")
    return value
