"""The one settings module; every difference between machines comes from the environment.

Production is the default: DEBUG is off unless WELZIJN_DEBUG=1, and without debug the
server refuses to start without WELZIJN_SECRET_KEY. README.md lists every variable.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured


def _flag(name: str, default: bool) -> bool:
    """'1' is on, '0' is off, unset is the default; anything else is a mistake."""
    value = os.environ.get(name, "")
    if value not in ("", "0", "1"):
        raise ImproperlyConfigured(f"{name} moet 0 of 1 zijn, niet {value!r}.")
    return default if value == "" else value == "1"


def _list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} moet een geheel getal zijn, niet {value!r}.") from None


BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("WELZIJN_VAR_DIR", Path.cwd() / "var"))

DEBUG = _flag("WELZIJN_DEBUG", False)
#: Synthetic Ghent, the development and demo data tool: installed only when asked for.
SYNTH = _flag("WELZIJN_SYNTH", False)
SECRET_KEY = os.environ.get("WELZIJN_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "WELZIJN_SECRET_KEY ontbreekt. Zet die omgevingsvariabele op een lange willekeurige "
            "waarde, bijvoorbeeld gemaakt met: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))' "
            "(of start een ontwikkelomgeving met WELZIJN_DEBUG=1)."
        )
    SECRET_KEY = "insecure-development-key-only-for-local-use"
ALLOWED_HOSTS = _list("WELZIJN_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = _list("WELZIJN_CSRF_TRUSTED_ORIGINS")

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
    "welzijn.shelter",
    "welzijn.procedure",
    "welzijn.meldingen",
    "welzijn.activities",
    "welzijn.subsidies",
    "welzijn.volunteering",
    "welzijn.pairedtests",
    "welzijn.activation",
    "welzijn.energy",
    "welzijn.outputs",
    "welzijn.rights",
    "welzijn.rechtencheck",
    "welzijn.subjectrights",
    "welzijn.retention",
    *(["welzijn.synth"] if SYNTH else []),
    "welzijn.reporting",
    "welzijn.api",
    "welzijn.webhooks",
    "welzijn.analytics",
    "welzijn.web",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "welzijn.web.request_middleware.RequestId",
    "django.middleware.security.SecurityMiddleware",
    # Static files leave here, before sessions and users: cacheable, never personal.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "welzijn.web.request_middleware.PermissionsPolicy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "welzijn.web.request_middleware.NoStoreWhenSignedIn",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "welzijn.web.expired_session.ExpiredSession",
    "welzijn.web.middleware.TwoFactorRequired",
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

#: the key of the analytics views' pseudonyms (welzijn.analytics); by default derived from
#: SECRET_KEY, so a new secret key gives every person a new pseudonym
WELZIJN_PSEUDONYM_KEY = os.environ.get("WELZIJN_PSEUDONYM_KEY", "")

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
# `welzijn collectstatic` fills it; WhiteNoise serves it under gunicorn (compressed copies).
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# A session ends after 30 minutes without activity, and when the browser closes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login: 5 failed logins for the same username from the same address lock that pair for
# 15 minutes (axes); `welzijn.web.login_limits` adds a limit per address across usernames
# (password spraying) and one across all addresses, over the same 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "welzijn.web.login_limits.client_ip"
LOGIN_ADDRESS_FAILURE_LIMIT = _int("WELZIJN_LOGIN_ADDRESS_LIMIT", 20)
LOGIN_GLOBAL_FAILURE_LIMIT = _int("WELZIJN_LOGIN_GLOBAL_LIMIT", 200)
# The client's address: REMOTE_ADDR, unless a reverse proxy we trust puts it in a header
# (e.g. HTTP_X_FORWARDED_FOR); then the entry added by the outermost of our COUNT proxies.
TRUSTED_PROXY_HEADER = os.environ.get("WELZIJN_TRUSTED_PROXY_HEADER", "")
TRUSTED_PROXY_COUNT = _int("WELZIJN_TRUSTED_PROXY_COUNT", 1)

# Two-factor authentication (TOTP): required for beheerders, available to everyone.
OTP_TOTP_ISSUER = "welzijn"

# HTTPS: on by default in production; off in debug (runserver speaks plain HTTP).
HTTPS = _flag("WELZIJN_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = _int("WELZIJN_HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("WELZIJN_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("WELZIJN_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is the domain owner's decision, for the whole domain: not ours by default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Behind a reverse proxy that terminates TLS: the header it sets to "https", e.g.
# HTTP_X_FORWARDED_PROTO. Only set it when the proxy always sets or strips that header.
if os.environ.get("WELZIJN_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["WELZIJN_PROXY_SSL_HEADER"], "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# No inline scripts or styles: everything comes from our own static files. The jaaroverzicht
# pages, whose charts carry SVG style attributes, allow inline styles (reporting.views).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "connect-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Logs: one JSON object per line on stderr, with the request id and never personal data
# (see welzijn.core.structured_log).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "welzijn.core.structured_log.RequestContextFilter"}},
    "formatters": {"json": {"()": "welzijn.core.structured_log.JsonLineFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request"],
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("WELZIJN_LOG_LEVEL", "WARNING")},
    # Django's own handlers print plain text in debug and mail admins; ours replace them.
    "loggers": {"django": {"handlers": [], "level": "NOTSET", "propagate": True}},
}

# Plausible dates: a registration may lie at most this many years before or after today.
WELZIJN_DATE_PAST_YEARS = int(os.environ.get("WELZIJN_DATE_PAST_YEARS", "30"))
WELZIJN_DATE_FUTURE_YEARS = int(os.environ.get("WELZIJN_DATE_FUTURE_YEARS", "3"))

# --- Audit trail (welzijn.core.audit_witness) -------------------------------------------
# Signed checkpoints of the audit chain's end go to a witness file outside the database.
# WELZIJN_AUDIT_KEY: HMAC key for the checkpoints; empty: derived from SECRET_KEY.
# WELZIJN_AUDIT_WITNESS: the append-only witness file (default var/audit-witness.jsonl).
# WELZIJN_AUDIT_CHECKPOINT_INTERVAL: seconds between a process's checkpoints (default 60).
AUDIT_KEY = os.environ.get("WELZIJN_AUDIT_KEY", "")
AUDIT_WITNESS_PATH = Path(os.environ.get("WELZIJN_AUDIT_WITNESS", VAR_DIR / "audit-witness.jsonl"))
AUDIT_CHECKPOINT_INTERVAL = int(os.environ.get("WELZIJN_AUDIT_CHECKPOINT_INTERVAL", "60"))
# Documents attached to dossiers: outside the web root, under random names; at most this size.
WELZIJN_DOCUMENT_ROOT = Path(os.environ.get("WELZIJN_DOCUMENT_ROOT", VAR_DIR / "documents"))
WELZIJN_DOCUMENT_MAX_BYTES = int(os.environ.get("WELZIJN_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))
FILE_UPLOAD_HANDLERS = [
    "welzijn.web.upload_limit.UploadSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# One cache for every worker process and server. The API's rate limit per client keeps its
# history there, so it counts all of a client's requests; Django's default, a memory cache
# per process, let a client make its rate once per gunicorn worker. By default the
# database's (its table is made by a migration: nothing more to run); with
# WELZIJN_CACHE_URL=redis://host:6379/0 a Redis server's, which spares the database the
# cache's writes (about six queries an API request).
CACHE_URL = os.environ.get("WELZIJN_CACHE_URL", "")
if not CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "welzijn_cache",
        }
    }
elif CACHE_URL.split("://", 1)[0] in ("redis", "rediss", "unix"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    raise ImproperlyConfigured(
        f"WELZIJN_CACHE_URL moet een Redis-adres zijn (redis://, rediss:// of unix://), "
        f"niet {CACHE_URL!r}."
    )

# --- The REST API (welzijn.api) -----------------------------------------------------------
# Systems call it with a token (ApiClient), users with their session (CSRF on writes).
# WELZIJN_API_RATE: requests per client (or user), e.g. 600/minute.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "welzijn.api.authentication.ApiTokenAuthentication",
        "welzijn.api.authentication.CsrfSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["welzijn.api.permissions.ScopePermission"],
    "DEFAULT_THROTTLE_CLASSES": ["welzijn.api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "client": os.environ.get("WELZIJN_API_RATE", "600/minute"),
        "anon": "60/minute",
    },
    "DEFAULT_PAGINATION_CLASS": "welzijn.api.pagination.Pages",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "welzijn.api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "welzijn.api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "welzijn API",
    "DESCRIPTION": "De API van Welzijn en Samenleving: dezelfde diensten, toegangsregels en "
    "audit als de werkplek. Fouten volgen RFC 9457 (application/problem+json).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # Swagger UI and Redoc from our own static files: no outside resources.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # choice sets that several resources name alike (a trajectory's status, a decision's
    # result): one name each in the schema
    "ENUM_NAME_OVERRIDES": {
        "TrajectoryStatusEnum": "welzijn.casework.models.Trajectory.Status",
        "DecisionResultEnum": "welzijn.casework.models.Decision.Result",
    },
}

# --- Webhooks (welzijn.webhooks): delivered by `welzijn webhooks_deliver` -----------------
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WELZIJN_WEBHOOK_MAX_ATTEMPTS", "8"))
WEBHOOK_BACKOFF_SECONDS = float(os.environ.get("WELZIJN_WEBHOOK_BACKOFF_SECONDS", "30"))
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WELZIJN_WEBHOOK_TIMEOUT_SECONDS", "10"))
# Keys that encrypt the subscriptions' signing secrets (comma-separated; the first
# encrypts, all decrypt); empty: derived from SECRET_KEY (welzijn.webhooks.secrets_box).
WEBHOOK_KEYS = os.environ.get("WELZIJN_WEBHOOK_KEY", "").split(",")
# Receivers on loopback, private or link-local addresses are refused unless this is 1
# (a receiver inside the city's own network); plain http only with it, or in debug.
WEBHOOK_ALLOW_PRIVATE = os.environ.get("WELZIJN_WEBHOOK_ALLOW_PRIVATE", "0") == "1"
