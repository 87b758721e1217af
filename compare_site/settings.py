"""Shipboard settings: one file, read from the environment, safe defaults for development."""

from __future__ import annotations

import warnings
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from compare_site.env import (
    database_from_url,
    env_bool,
    env_float,
    env_int,
    env_json_object,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-set-SECRET_KEY-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With DEBUG=false Shipboard needs a long random SECRET_KEY "
        "in the environment."
    )
# --- Production: refuse the published development key outside development ---
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the development key from the source code. With DEBUG=false set a long "
        "random SECRET_KEY of your own, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
# --- end Production ---

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # the sitemap view renders this app's own templates
    "django_htmx",
    "axes",  # the editors' sign-in lockout
    "django_tasks_db",  # django.tasks' database backend and its `db_worker` command
    # The site's own apps, ground floor first (docs/layout.md).
    "core",
    "tools",
    "verdicts",
    "votes",
    "picks",  # head-to-head picks and the rankings fitted from them
    "throttle",
    "comparisons",
    "newsletter",
    "desk",
    "trust",  # methodology, about, corrections, privacy
]

MIDDLEWARE = [
    # First: every database wait in the request, the page cache's included, has a deadline.
    "core.faults.DatabaseDeadlineMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache: the page after a no-JavaScript vote, cached or not, ends the
    # one-shot cookie that says what the vote did (votes/flash.py).
    "votes.flash.ForgetShownOutcomeMiddleware",
    # Readers' cached pages are answered here, before sessions, auth and URL dispatch.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A database that cannot be reached answers the 503 page instead of a 500.
    "core.faults.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # axes asks to be last
]

ROOT_URLCONF = "compare_site.urls"
WSGI_APPLICATION = "compare_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# Seconds any database statement may take (0: no limit): SQLite's busy wait, PostgreSQL's
# statement_timeout and the client-side deadline of core.faults.DatabaseDeadlineMiddleware.
# gunicorn.conf.py refuses to start unless it is well inside the worker timeout.
DATABASE_TIMEOUT = env_float("DATABASE_TIMEOUT", 5.0)
DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL"), DATA_DIR / "shipboard.sqlite3", DATABASE_TIMEOUT
    )
}
if DATABASES["default"]["ENGINE"] == "core.sqlite":
    DATA_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
LOCAL_FILE_STORAGE = "django.core.files.storage.FileSystemStorage"
STORAGES = {
    # Uploads: a local folder by default (MEDIA_ROOT: mount one shared volume into every
    # container), or any Django storage named by STORAGE_BACKEND with its keyword arguments
    # as a JSON object in STORAGE_OPTIONS (object storage shared by any number of containers).
    "default": {
        "BACKEND": env_str("STORAGE_BACKEND", LOCAL_FILE_STORAGE),
        "OPTIONS": env_json_object("STORAGE_OPTIONS"),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Before `collectstatic` has run (development, tests) WhiteNoise has no STATIC_ROOT to read;
# the finders serve the files instead, so its warning is noise.
WHITENOISE_USE_FINDERS = DEBUG
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

SITE_NAME = "Shipboard"

# Security headers. Public pages carry no inline script or style, so the policy is strict.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Cache and rate limits ---
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # RedisCache that answers "miss" instead of raising while Redis is unreachable,
            # so pages keep coming from the database (core/cache.py).
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "shipboard"),
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_SOCKET_TIMEOUT", 0.5),
                "socket_timeout": env_float("REDIS_SOCKET_TIMEOUT", 0.5),
                "retry_after": env_float("REDIS_RETRY_AFTER", 5.0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole public pages are cached (core/pagecache.py) unless PAGE_CACHE=false; a copy
# lives at most PAGE_CACHE_SECONDS, though any change it shows makes it unreachable at once.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Counters must be shared by every worker: the cache only when it is Redis, else the database.
RATE_LIMIT_STORE = "cache" if REDIS_URL else "database"
# Written as operators write them ("30/m", "100/5m", "0" for none); the throttle app reads
# them and refuses to start on one it cannot read.
RATE_LIMITS = {
    "vote": env_str("VOTE_RATE_LIMIT", "30/m"),
    "newsletter": env_str("NEWSLETTER_RATE_LIMIT", "5/m"),
    "verify": env_str("VERIFY_RATE_LIMIT", "5/m"),
}
# How many proxies in front of the app append to X-Forwarded-For (0: trust REMOTE_ADDR only).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# X-Forwarded-Proto says "this arrived over HTTPS" only when a proxy we trust set it; from a
# direct client it is just a header anyone can send (it would turn on HSTS and https URLs).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT > 0 else None
# Votes counted per network (/24, /64) per tool per day, and picks per pair per day (one rule,
# votes/caps.py); later ones are held for an editor.
VOTE_NETWORK_DAILY_CAP = env_int("VOTE_NETWORK_DAILY_CAP", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler (DEBUG only) would print each line a second time
        # beside the root's: configured here, the "django" logger keeps only the root's.
        # Configuring it resets its children, so runserver's request log is set up again.
        "django": {"level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
    },
}

# --- Production: deployment, headers, faults ---
# Django serves uploads itself (core/media.py) only when they are local files behind
# a local MEDIA_URL; with object storage the storage's own URLs are used instead.
SERVE_MEDIA = env_bool(
    "SERVE_MEDIA",
    STORAGES["default"]["BACKEND"] == LOCAL_FILE_STORAGE and MEDIA_URL.startswith("/"),
)
# Origins allowed to POST when a proxy changes the scheme or host, e.g. https://shipboard.example.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# A CSRF failure gets the site's 403 page telling the reader to reload and try again.
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Load balancers and the container's HEALTHCHECK probe over plain HTTP: never redirect them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# --- end Production ---

# --- Mail ---
# Django 6.1 configures mail through MAILERS (the EMAIL_* settings are deprecated); operators
# still write Django's familiar names in the environment and they are mapped here.
# EMAIL_HOST unset: readable mail on the terminal in development (DEBUG), and in production SMTP to
# localhost:25, Django's own default: a local MTA (postfix, an SMTP sidecar) relays it, and
# `check --deploy` stays clean because nothing development-only reaches production.
_email_host = env_str("EMAIL_HOST")
_email_use_tls = env_bool("EMAIL_USE_TLS", False)
if _email_host or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host or "localhost",
                "port": env_int("EMAIL_PORT", 587 if _email_use_tls else 25),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": _email_use_tls,
                # A mail server that stops answering must not hang a worker for ever.
                "timeout": env_int("EMAIL_TIMEOUT", 10),
            },
        }
    }
else:
    # Development: each message printed decoded (whole links a person can click) and kept
    # under data/mail/, listed for staff at /admin/desk/mail/ (core/devmail.py).
    MAILERS = {
        "default": {
            "BACKEND": "core.devmail.ReadableMailBackend",
            "OPTIONS": {"directory": str(DATA_DIR / "mail")},
        }
    }
# The public address of the site, for links in e-mails (no request to take it from). In
# production it defaults to https:// and the first real host in ALLOWED_HOSTS.
_named_hosts = [host.lstrip(".") for host in ALLOWED_HOSTS if host.lstrip(".") not in {"", "*"}]
_public_host = next(
    (host for host in _named_hosts if host not in {"localhost", "127.0.0.1", "[::1]"}),
    # Only loopback names (a local production-mode run, a benchmark): links point there.
    _named_hosts[0] if _named_hosts else "",
)
SITE_URL = env_str(
    "SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else (f"https://{_public_host}" if _public_host else ""),
).rstrip("/")
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", f"Shipboard <newsletter@{_public_host or 'localhost'}>"
)

# --- Tasks ---
# django.tasks with django-tasks-db: a task is a row in the database and `manage.py db_worker`
# runs it (`make run` and the container's entry point start one beside the site), so work
# such as a sign-up's confirmation mail never happens inside the request, and what is queued
# while no worker runs goes out when one starts. TASKS_BACKEND may name another backend.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# --- Head-to-head picks and rankings (picks/) ---
# A tool is ranked in its category once it has this many picks for or against it that chose
# one of the pair, inside the group connected by wins both ways (picks/rankings.py).
PICKS_RANKING_MIN_PICKS = env_int("PICKS_RANKING_MIN_PICKS", 30)
# Bootstrap refits behind each rank range ("2nd–4th").
PICKS_BOOTSTRAP_SAMPLES = env_int("PICKS_BOOTSTRAP_SAMPLES", 200)
# A category's ranking is refitted at most once in this many seconds after picks arrive.
PICKS_FIT_INTERVAL_SECONDS = env_int("PICKS_FIT_INTERVAL_SECONDS", 300)

# --- Browse, search and share ---
# How long a drawn share image is kept; its key changes whenever the data drawn on it does.
SHARE_IMAGE_CACHE_SECONDS = env_int("SHARE_IMAGE_CACHE_SECONDS", 7 * 24 * 3600)
# Optional TrueType font for share images (more alphabets); else Pillow's bundled font.
SHARE_IMAGE_FONT = env_str("SHARE_IMAGE_FONT")

# --- Figures ---
# The small-sample rule (core/figures.py): below these a figure is a count in words, never a
# percentage; at or above, the percentage with its n (and, for votes, the 95% interval).
PANEL_MINIMUM_VERDICTS = env_int("PANEL_MINIMUM_VERDICTS", 3)
COMMUNITY_MINIMUM_VOTES = env_int("COMMUNITY_MINIMUM_VOTES", 10)
if PANEL_MINIMUM_VERDICTS < 1 or COMMUNITY_MINIMUM_VOTES < 1:
    raise ImproperlyConfigured(
        "PANEL_MINIMUM_VERDICTS and COMMUNITY_MINIMUM_VOTES must be at least 1: a share of "
        "nothing is not a figure."
    )

# --- Editors' desk ---
# desk: the Editors group, the Markdown preview and sign-in lockout; axes: the lockout itself.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in while locked out
    "django.contrib.auth.backends.ModelBackend",
]
# Failures for one account from one address lock that pair only (an attacker hammering an
# editor's account cannot lock the editor out elsewhere); failures from one address across
# accounts (password spraying) lock the address at a separate, higher count (desk/lockout.py).
ADMIN_LOCKOUT_FAILURES = env_int("ADMIN_LOCKOUT_FAILURES", 5)
ADMIN_LOCKOUT_ADDRESS_FAILURES = env_int("ADMIN_LOCKOUT_ADDRESS_FAILURES", 30)
ADMIN_LOCKOUT_MINUTES = env_int("ADMIN_LOCKOUT_MINUTES", 15)
if min(ADMIN_LOCKOUT_FAILURES, ADMIN_LOCKOUT_ADDRESS_FAILURES, ADMIN_LOCKOUT_MINUTES) < 1:
    raise ImproperlyConfigured(
        "ADMIN_LOCKOUT_FAILURES, ADMIN_LOCKOUT_ADDRESS_FAILURES and ADMIN_LOCKOUT_MINUTES must be "
        "at least 1: a lockout always lifts by itself, never a permanent lock that needs a shell."
    )
AXES_FAILURE_LIMIT = ADMIN_LOCKOUT_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=ADMIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # the account at that address
AXES_HANDLER = "desk.lockout.PairAndAddressLockout"  # adds the per-address limit
AXES_RESET_ON_SUCCESS = True
# Failures while locked out do not extend the lock: it ends on time, whatever an attacker does.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No raw IPs: axes stores an HMAC pseudonym (desk/lockout.py); successful sign-ins are not logged.
AXES_CLIENT_IP_CALLABLE = "desk.lockout.client_pseudonym"
AXES_DISABLE_ACCESS_LOG = True
# No "AXES: BEGIN" banner on every manage.py command, and lockout log lines name only the
# lockout parameters (account, address pseudonym), not the user agent as well.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "desk.lockout.locked_out"
