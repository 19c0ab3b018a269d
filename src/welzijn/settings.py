"""The one settings module; every difference between machines comes from the environment.

WELZIJN_DEBUG, WELZIJN_SECRET_KEY, WELZIJN_ALLOWED_HOSTS, DATABASE_URL (PostgreSQL when
set, else a SQLite file under var/), WELZIJN_VAR_DIR.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("WELZIJN_VAR_DIR", Path.cwd() / "var"))

DEBUG = os.environ.get("WELZIJN_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("WELZIJN_SECRET_KEY", "insecure-development-key-only-for-local-use")
ALLOWED_HOSTS = os.environ.get("WELZIJN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "welzijn.core",
    "welzijn.registry",
    "welzijn.catalog",
    "welzijn.casework",
    "welzijn.rights",
    "welzijn.synth",
    "welzijn.reporting",
    "welzijn.web",
    "django_htmx",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "welzijn.web.middleware.AccessDeniedAsNotFound",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "welzijn.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "welzijn.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'welzijn.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,  # seconds a writer waits for another one (a screening, say)
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# A session ends after 30 minutes without activity, and when the browser closes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lockout after 5 failed logins for the same username from the same address, for 15 min.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Plausible dates: a registration may lie at most this many years before or after today.
WELZIJN_DATE_PAST_YEARS = int(os.environ.get("WELZIJN_DATE_PAST_YEARS", "30"))
WELZIJN_DATE_FUTURE_YEARS = int(os.environ.get("WELZIJN_DATE_FUTURE_YEARS", "3"))

# Documents attached to dossiers: outside the web root, under random names; at most this size.
WELZIJN_DOCUMENT_ROOT = Path(os.environ.get("WELZIJN_DOCUMENT_ROOT", VAR_DIR / "documents"))
WELZIJN_DOCUMENT_MAX_BYTES = int(os.environ.get("WELZIJN_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))
