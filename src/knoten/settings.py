"""Knoten's settings.

Every setting a user may change comes from a ``KNOTEN_*`` environment variable read
through the small typed helpers in :mod:`knoten.core.config`. The defaults make a fresh
checkout work with no configuration at all: SQLite in the user's data folder, a secret
key generated on first start and kept beside the database.
"""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONE, SELF

from knoten.core.config import (
    database_config,
    env_bool,
    env_choice,
    env_list,
    env_positive_int,
    env_str,
    load_or_create_secret_key,
    resolve_data_dir,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = resolve_data_dir()

SECRET_KEY = load_or_create_secret_key(DATA_DIR)
DEBUG = env_bool("KNOTEN_DEBUG", False)
ALLOWED_HOSTS = env_list("KNOTEN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",  # the job queue's table (knoten.jobs; docs/jobs.md)
    "knoten.core",
    "knoten.jobs",
    "knoten.people",
    "knoten.journal",
    "knoten.search",
    "knoten.upkeep",
    "knoten.profiles",
    "knoten.graph",
    "knoten.expertise",
    "knoten.imports",
    "knoten.mailbox",
    "knoten.dedupe",
    "knoten.exports",
    "knoten.reciprocity",
    "knoten.web",
    "knoten.api",
    "ninja",  # serves the API docs page's script and style itself (no CDN)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "knoten.web.middleware.BusyDatabaseMiddleware",
]

# A strict Content-Security-Policy (django-csp): every page loads only what the app
# itself serves; no inline script or style, no other host, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Signing in: every page needs it (LoginRequiredMiddleware); `knoten serve` prints a
# one-time link, `knoten password` sets a password for the login page.
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"
SESSION_COOKIE_AGE = env_positive_int("KNOTEN_SESSION_DAYS", 14) * 24 * 60 * 60
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Served over HTTPS (behind a proxy that terminates TLS, say): cookies only go over it.
HTTPS = env_bool("KNOTEN_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS

# Security headers (SecurityMiddleware, XFrameOptionsMiddleware); the strict
# Content-Security-Policy comes from knoten.web.middleware.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "knoten.urls"
WSGI_APPLICATION = "knoten.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "knoten.web.context.links",
            ],
        },
    },
]

# Default database engine is SQLite, in the data folder, so that one command starts a
# working app. KNOTEN_DATABASE_URL=postgres://… switches a team server to PostgreSQL.
DATABASES = {"default": database_config(env_str("KNOTEN_DATABASE_URL", ""), DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Long jobs (large imports …) run off the request path: queued in the database
# (django-tasks' database backend), run by the worker `knoten serve` starts, or by
# `knoten jobs work` on a team server. An uploaded file of this many KB or more becomes
# a job; a smaller one is imported while the request waits. See docs/jobs.md.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOBS_BACKGROUND_BYTES = env_positive_int("KNOTEN_BACKGROUND_KB", 256) * 1024

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["knoten.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("KNOTEN_TIME_ZONE", "Europe/Berlin")

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

# Phone numbers without a country code are read as numbers of this region.
KNOTEN_DEFAULT_REGION = env_str("KNOTEN_DEFAULT_REGION", "DE").upper()
# An amount written without a currency ("5000") is in this currency.
KNOTEN_CURRENCY = env_str("KNOTEN_CURRENCY", "EUR").upper()
# Drafts are written in this language to persons without one of their own ("de" or "en").
KNOTEN_LANGUAGE = env_str("KNOTEN_LANGUAGE", "de").lower()
# A person's photo (from a vCard's PHOTO) is kept up to this many bytes; a bigger one is left out.
KNOTEN_PHOTO_MAX_BYTES = env_positive_int("KNOTEN_PHOTO_MAX_BYTES", 512 * 1024)

# What an import takes (knoten.core.limits): the largest file, in bytes (an upload of
# contacts, a mailbox, a calendar), and the most characters of one text of an imported
# record (a note, a custom field); a larger one is refused, naming the file or record.
KNOTEN_IMPORT_MAX_BYTES = env_positive_int("KNOTEN_IMPORT_MAX_BYTES", 50 * 2**20)
KNOTEN_IMPORT_MAX_TEXT = env_positive_int("KNOTEN_IMPORT_MAX_TEXT", 100_000)

# The give-and-take signals (knoten.reciprocity.signals), each threshold a setting.
KNOTEN_SIGNALS = {
    # The period the signals look back on, in months.
    "months": env_positive_int("KNOTEN_SIGNAL_MONTHS", 12),
    # "You keep giving to X": this many favours or recommendations given, none back.
    "only_giving": env_positive_int("KNOTEN_SIGNAL_ONLY_GIVING", 3),
    # "X has done you three favours": this many received, none given back.
    "only_taking": env_positive_int("KNOTEN_SIGNAL_ONLY_TAKING", 3),
    # "X recommended you and was never thanked": this many days without thanks.
    "thanks_days": env_positive_int("KNOTEN_SIGNAL_THANKS_DAYS", 14),
    # "You have not been the beneficiary this year": fewer recommendations than this.
    "beneficiary_per_year": env_positive_int("KNOTEN_SIGNAL_BENEFICIARY_PER_YEAR", 1),
    # "A time-eater": a channel that took this many hours in the period and brought nothing.
    "time_eater_hours": env_positive_int("KNOTEN_SIGNAL_TIME_EATER_HOURS", 20),
}

# The address the web app is reached at, for links in what is read outside it (the mail
# digest, the calendar feed's address): "https://knoten.example.org".
KNOTEN_BASE_URL = env_str("KNOTEN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Mail (the digest, drafts sent through a server): KNOTEN_SMTP_HOST names the server; without
# it no mail is configured. KNOTEN_SMTP_TLS: starttls (the default, port 587), ssl or none.
EMAIL_HOST = env_str("KNOTEN_SMTP_HOST", "").strip()
KNOTEN_MAIL_CONFIGURED = bool(EMAIL_HOST)
EMAIL_PORT = env_positive_int("KNOTEN_SMTP_PORT", 587)
EMAIL_HOST_USER = env_str("KNOTEN_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("KNOTEN_SMTP_PASSWORD", "")
KNOTEN_SMTP_TLS = env_choice("KNOTEN_SMTP_TLS", ("starttls", "ssl", "none"), "starttls")
EMAIL_USE_TLS = KNOTEN_SMTP_TLS == "starttls"
EMAIL_USE_SSL = KNOTEN_SMTP_TLS == "ssl"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("KNOTEN_MAIL_FROM", "") or "knoten@localhost"
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KNOTEN_LOG_LEVEL", "WARNING")},
}
