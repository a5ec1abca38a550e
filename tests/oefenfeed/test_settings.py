"""Settings read the environment and stop start-up with the variable's name when a value is wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from oefenfeed import env

ROOT = Path(__file__).resolve().parents[2]


def test_a_malformed_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "misschien")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env.env_bool("DEBUG")


def test_a_malformed_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("PUPIL_LOGIN_MAX_FAILURES", "vijf")
    with pytest.raises(ImproperlyConfigured, match="PUPIL_LOGIN_MAX_FAILURES"):
        env.env_int("PUPIL_LOGIN_MAX_FAILURES", 5)


def test_a_malformed_database_url_names_the_variable(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "nonsense://x")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.env_database("DATABASE_URL", "/tmp/x.sqlite3")


def test_a_redis_url_must_look_like_one(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "localhost:6379")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        env.env_redis_url("REDIS_URL")


def test_without_database_url_sqlite_is_tuned_for_concurrent_writers(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.env_database("DATABASE_URL", "/tmp/x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_a_postgres_url_is_parsed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    config = env.env_database("DATABASE_URL", "/tmp/x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "test"


def test_postgres_connections_come_from_a_bounded_pool(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    monkeypatch.delenv("DATABASE_POOL_MAX_SIZE", raising=False)
    monkeypatch.delenv("DATABASE_POOL_TIMEOUT", raising=False)
    config = env.env_database("DATABASE_URL", "/tmp/x.sqlite3")
    # Django refuses a pool with persistent connections; a pooled connection goes back at request end.
    assert config["CONN_MAX_AGE"] == 0
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 8, "timeout": 10}


def test_the_pool_size_and_timeout_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    monkeypatch.setenv("DATABASE_POOL_MAX_SIZE", "20")
    monkeypatch.setenv("DATABASE_POOL_TIMEOUT", "3")
    assert env.env_database("DATABASE_URL", "/tmp/x.sqlite3")["OPTIONS"]["pool"] == {
        "min_size": 2,
        "max_size": 20,
        "timeout": 3,
    }
    monkeypatch.setenv("DATABASE_POOL_MAX_SIZE", "1")
    assert env.env_database("DATABASE_URL", "/tmp/x.sqlite3")["OPTIONS"]["pool"]["min_size"] == 1


@pytest.mark.parametrize(
    ("name", "value"),
    [("DATABASE_POOL_MAX_SIZE", "acht"), ("DATABASE_POOL_MAX_SIZE", "0"), ("DATABASE_POOL_TIMEOUT", "-1")],
)
def test_a_bad_pool_setting_names_the_variable(monkeypatch, name, value):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        env.env_database("DATABASE_URL", "/tmp/x.sqlite3")


def test_sqlite_gets_no_pool(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/x.sqlite3")
    assert "pool" not in env.env_database("DATABASE_URL", "/tmp/x.sqlite3")["OPTIONS"]


def test_the_overload_middleware_is_installed(settings):
    assert "oefenfeed.overload.OverloadMiddleware" in settings.MIDDLEWARE


def run_check(extra_env, *args):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "oefenfeed.settings.production", **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_check({"ALLOWED_HOSTS": "oefenfeed.example"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_with_a_bad_debug_value():
    result = run_check({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "oefenfeed.example", "DEBUG": "soms"})
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = run_check({"SECRET_KEY": "k3y-" + "x7Qz" * 15, "ALLOWED_HOSTS": "oefenfeed.example"}, "--deploy")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_suite_runs_with_the_test_settings(settings):
    # `make` exports the dev settings for `make run`; the suite must not inherit them (media in var/).
    assert settings.ENVIRONMENT == "test"


def test_the_redis_channel_layer_never_times_out_an_idle_websocket():
    """redis-py 8 reads with a 5 s timeout by default; channels_redis blocks 5 s for a message, so every idle
    feed socket died after 5 seconds. The layer's connection must wait without a read timeout."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CHANNEL_LAYERS['default']['CONFIG']['hosts'])"
    )
    environment = {
        **os.environ,
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "DJANGO_SETTINGS_MODULE": "oefenfeed.settings.test",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "site"), str(ROOT)]),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, cwd=ROOT, check=True
    )
    assert "'socket_timeout': None" in result.stdout
