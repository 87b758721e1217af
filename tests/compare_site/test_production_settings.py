"""Production settings, each loaded in a fresh process exactly as a container would load them."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from compare_site.env import env_float, env_json_object
from tests.compare_site.production import (
    base_environment,
    manage,
    settings_in_subprocess,
    strong_secret_key,
)


def production(**extra: str) -> dict[str, str]:
    """Exactly the three variables production needs, plus `extra`."""
    required = {
        "DEBUG": "false",
        "SECRET_KEY": strong_secret_key(),
        "ALLOWED_HOSTS": "shipboard.example",
    }
    return base_environment(**{**required, **extra})


def test_check_deploy_reports_nothing_under_production_settings():
    result = manage(production(), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_check_deploy_catches_a_short_secret_key():
    env = production(SECRET_KEY="too-short")
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_missing_secret_key_stops_start_up_with_a_clear_message():
    env = production()
    del env["SECRET_KEY"]
    result = manage(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" in result.stderr  # ImproperlyConfigured: start-up really stops


def test_development_secret_key_is_refused_in_production():
    from compare_site.settings import _DEV_SECRET_KEY

    result = manage(production(SECRET_KEY=_DEV_SECRET_KEY), "check")
    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr


def test_production_turns_on_https_hsts_and_secure_cookies():
    settings = settings_in_subprocess(
        production(),
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "X_FRAME_OPTIONS",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY",
        "STORAGES",
    )
    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["X_FRAME_OPTIONS"] == "DENY"
    assert settings["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    # WhiteNoise's compressed, hashed files, its own storage class.
    assert settings["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_environment_turns_ssl_redirect_and_preload_off():
    settings = settings_in_subprocess(
        production(SECURE_SSL_REDIRECT="false", SECURE_HSTS_PRELOAD="false"),
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_PRELOAD",
    )
    assert settings == {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_PRELOAD": False}


def test_csrf_trusted_origins_come_from_the_environment():
    settings = settings_in_subprocess(
        production(CSRF_TRUSTED_ORIGINS="https://shipboard.example, https://www.shipboard.example"),
        "CSRF_TRUSTED_ORIGINS",
    )
    assert settings["CSRF_TRUSTED_ORIGINS"] == [
        "https://shipboard.example",
        "https://www.shipboard.example",
    ]


def test_media_storage_defaults_to_a_local_folder_served_by_the_app(tmp_path):
    settings = settings_in_subprocess(
        production(MEDIA_ROOT=str(tmp_path)), "STORAGES", "MEDIA_ROOT", "SERVE_MEDIA"
    )
    assert settings["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {},
    }
    assert settings["MEDIA_ROOT"] == str(tmp_path)
    assert settings["SERVE_MEDIA"] is True


def test_media_storage_backend_and_options_come_from_the_environment():
    options = {"location": "shared", "base_url": "https://media.shipboard.example/"}
    settings = settings_in_subprocess(
        production(
            STORAGE_BACKEND="django.core.files.storage.InMemoryStorage",
            STORAGE_OPTIONS=json.dumps(options),
        ),
        "STORAGES",
        "SERVE_MEDIA",
    )
    assert settings["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.InMemoryStorage",
        "OPTIONS": options,
    }
    assert settings["SERVE_MEDIA"] is False


def test_redis_url_selects_the_degrading_cache_with_short_timeouts():
    settings = settings_in_subprocess(
        production(REDIS_URL="redis://127.0.0.1:6379/7"), "CACHES", "RATE_LIMIT_STORE"
    )
    cache = settings["CACHES"]["default"]
    assert cache["BACKEND"] == "core.cache.DegradingRedisCache"
    assert cache["OPTIONS"]["socket_connect_timeout"] <= 1
    assert cache["OPTIONS"]["socket_timeout"] <= 1
    assert settings["RATE_LIMIT_STORE"] == "cache"


def test_storage_options_must_be_a_json_object(monkeypatch):
    monkeypatch.setenv("STORAGE_OPTIONS", "[1, 2]")
    with pytest.raises(ImproperlyConfigured, match="STORAGE_OPTIONS must be a JSON object"):
        env_json_object("STORAGE_OPTIONS")
    monkeypatch.setenv("STORAGE_OPTIONS", "{bucket: x}")
    with pytest.raises(ImproperlyConfigured, match="STORAGE_OPTIONS must be a JSON object"):
        env_json_object("STORAGE_OPTIONS")
    monkeypatch.delenv("STORAGE_OPTIONS")
    assert env_json_object("STORAGE_OPTIONS") == {}


def test_env_float_rejects_words(monkeypatch):
    monkeypatch.setenv("REDIS_SOCKET_TIMEOUT", "fast")
    with pytest.raises(ImproperlyConfigured, match="REDIS_SOCKET_TIMEOUT must be a number"):
        env_float("REDIS_SOCKET_TIMEOUT", 0.5)


def test_forwarded_proto_is_ignored_when_no_proxy_is_trusted():
    """A direct client's X-Forwarded-Proto must not make its request https (HSTS, canonical)."""
    settings = settings_in_subprocess(production(), "SECURE_PROXY_SSL_HEADER")
    assert settings["SECURE_PROXY_SSL_HEADER"] is None


def test_forwarded_proto_is_honoured_behind_a_trusted_proxy():
    settings = settings_in_subprocess(
        production(TRUSTED_PROXY_COUNT="1"), "SECURE_PROXY_SSL_HEADER"
    )
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
