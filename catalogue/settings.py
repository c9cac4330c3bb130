"""Settings for the catalogue, read from the environment.

Safe defaults for a laptop: SQLite in the project folder, debug off. Production
sets ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` and, for PostgreSQL,
``DATABASE_URL``. See the README's "Configuration" section.
"""

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import csp.constants as csp
import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_flag(name, default=False):
    """Read a yes/no environment variable; anything but 1/true/yes/on is no."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG", default=False)

MISSING_SECRET_KEY = (
    "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off the catalogue refuses to start "
    "without a secret key: set DJANGO_SECRET_KEY to 50 or more random characters "
    "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
    "or set DJANGO_DEBUG=1 on a development machine."
)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    # A fixed key is fine for local development only: debug is on.
    SECRET_KEY = "django-insecure-development-only-key-never-used-with-debug-off"
# With debug off and no key, SECRET_KEY stays empty: the system check
# `catalogue.E001` stops `check`, `runserver` and `migrate`, the WSGI and ASGI
# entry points refuse to start, and Django raises if anything tries to sign
# with it. Commands that sign nothing (`loadstories --dry-run`) still run.

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "catalogue.apps.AdminConfig",  # django.contrib.admin, discovered with the URLs (see its docstring)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "catalogue.apps.CatalogueConfig",
    "profiles",
    "profiles.jobs",
]

MIDDLEWARE = [
    # First: it sees the final response (security headers included) and answers
    # an anonymous hit before any other middleware works (catalogue/middleware/pagecache.py).
    "catalogue.middleware.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "catalogue.middleware.limits.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "catalogue.middleware.ratelimit.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed sign-ins (the public form and the admin's) before the usual backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "catalogue.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "catalogue.wsgi.application"
ASGI_APPLICATION = "catalogue.asgi.application"

# Database: SQLite file by default, any dj-database-url URL otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes; IMMEDIATE takes the
    # write lock at BEGIN so two writers queue on the busy timeout instead of
    # failing with "database is locked" halfway through a transaction.
    # Connections are kept (CONN_MAX_AGE, as for PostgreSQL): opening one and
    # running the PRAGMAs below on every request was a measurable share of a page.
    SQLITE_TIMEOUT = int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "30"))
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_TIMEOUT,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            # Checkpoint (and fsync) every ~40 MB of WAL rather than every 4 MB:
            # an import commits once per story, and checkpoints dominated its time.
            "PRAGMA wal_autocheckpoint=10000;"
            "PRAGMA foreign_keys=ON;"
            f"PRAGMA busy_timeout={SQLITE_TIMEOUT * 1000};"
        ),
    }

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

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Static files: whitenoise serves them, compressed and hashed outside debug.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded images are served by the application itself (random file names,
# validated by Pillow); a deployment with a front proxy can turn this off.
SERVE_MEDIA = env_flag("DJANGO_SERVE_MEDIA", default=True)

# Caches: one cache shared by every process (gunicorn's workers, runserver and a
# command-line `loadstories`), so the catalogue version an import bumps reaches
# every page at once. Redis when REDIS_URL names one; otherwise files under
# CATALOGUE_CACHE_DIR (one machine). Never a per-process local-memory cache: an
# import's invalidation would not reach the server.
# Keys carry the database's identity (or CATALOGUE_CACHE_KEY_PREFIX): two catalogues (a
# benchmark's, a test's) sharing one cache folder or Redis never read each other's pages.
CACHE_DIR = Path(os.environ.get("CATALOGUE_CACHE_DIR", str(BASE_DIR / ".cache")))
CACHE_KEY_PREFIX = os.environ.get("CATALOGUE_CACHE_KEY_PREFIX") or (
    hashlib.blake2b(
        repr([DATABASES["default"].get(part) for part in ("ENGINE", "HOST", "PORT", "NAME")]).encode(), digest_size=6
    ).hexdigest()
)
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
    # Rate-limit counters (catalogue.middleware.ratelimit) under a key prefix of their own.
    CACHES["ratelimit"] = {**CACHES["default"], "KEY_PREFIX": "ratelimit"}
else:
    CACHES = {
        "default": {
            "BACKEND": "catalogue.filecache.FileCache",
            "LOCATION": str(CACHE_DIR),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        # Rate-limit counters in a folder of their own, so that a flood of cached pages
        # can never evict them (an increment in files is not atomic: a burst of
        # simultaneous requests may be undercounted by a few).
        "ratelimit": {
            "BACKEND": "catalogue.filecache.FileCache",
            "LOCATION": os.environ.get("CATALOGUE_RATE_LIMIT_DIR", str(BASE_DIR / ".ratelimit")),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
RATE_LIMIT_CACHE = "ratelimit"
# Cached aggregates and pages are dropped when a record changes (profiles/caching.py);
# the timeout bounds what bulk writes, which send no signals, can leave stale.
CATALOGUE_CACHE_SECONDS = int(os.environ.get("CATALOGUE_CACHE_SECONDS", "300"))

# Security: strict by default outside debug, so `check --deploy` is clean.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_flag("DJANGO_BEHIND_TLS_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): our own origin only, no inline script at
# all; inline styles only with the per-response nonce (the story page's
# highlight rules, the admin's few extra rules). JSON-LD blocks are data that no
# browser executes, so script-src does not apply to them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF, csp.NONCE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}

# The client address, for rate limits and sign-in lockouts alike: the connection's
# own (REMOTE_ADDR) unless a proxy in front passes it on in a header, e.g.
# CATALOGUE_CLIENT_IP_HEADER=X-Forwarded-For (then the proxy's last entry counts).
# Behind a proxy, leaving this unset makes every visitor one address.
CLIENT_IP_HEADER = os.environ.get("CATALOGUE_CLIENT_IP_HEADER", "REMOTE_ADDR")

# Sign-in lockout (django-axes): 5 failures for one username from one address
# lock that pair for 15 minutes; a success clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("CATALOGUE_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CATALOGUE_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "catalogue.middleware.ratelimit.locked_out"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "catalogue.middleware.ratelimit.client_ip"  # the address CLIENT_IP_HEADER names

# Rate limits (catalogue.middleware.ratelimit) on POSTs, as (requests, seconds) per key;
# "username" counts one name from one address.
RATE_LIMITS = {
    "sign-in": {"views": ["login", "admin:login"], "ip": (30, 300), "username": (10, 300)},
    "tagging": {
        "views": [
            "profiles:artist-detail",
            "profiles:work-detail",
            "profiles:artist-tag-remove",
            "profiles:work-tag-remove",
        ],
        "ip": (60, 600),
        "user": (30, 600),
    },
}

# The query parameters the public pages read. The page cache
# (catalogue.middleware.pagecache) stores a page only when its address has no
# other: every made-up parameter would otherwise store one more copy of the same
# page. A parameter a page reads but this list lacks costs speed, not correctness.
PAGE_CACHE_QUERY_PARAMETERS = frozenset(
    {"q", "sort", "page", "p", "city", "born", "country", "discipline", "tag", "kind", "artist", "year"}
)

# Uploads: images are at most 10 MB; requests carrying more are refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Any request body over 12 MB (an image and its form) and any query string over
# 2 KB are refused before they are read (catalogue.middleware.limits).
MAX_REQUEST_BYTES = 12 * 1024 * 1024
MAX_QUERY_STRING_BYTES = 2048

# The importer's limits (see `manage.py loadstories --help`).
STORY_MAX_BYTES = int(os.environ.get("CATALOGUE_STORY_MAX_BYTES", str(1024 * 1024)))
SEEDS_DIR = BASE_DIR / "seeds"
# History of every record (django-simple-history and profiles/history.py). On by default;
# CATALOGUE_HISTORY=0 exists for bench/bench_import.py to measure what history costs an import.
SIMPLE_HISTORY_ENABLED = env_flag("CATALOGUE_HISTORY", default=True)

TAGGIT_CASE_INSENSITIVE = True

# --- Open data: the read API (profiles/api) and the dumps (profiles/exporting) --------------
# Django REST framework with drf-spectacular for the OpenAPI schema; Swagger UI's files come
# from drf-spectacular-sidecar and whitenoise serves them, so the docs page needs no CDN.
# The API is public and read-only: no sessions (so no CSRF), JSON only, every request counted
# against RATE_LIMITS["api"]; django-cors-headers lets any origin read it (GET, HEAD, OPTIONS).
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar", "corsheaders"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware"), "corsheaders.middleware.CorsMiddleware"
)
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["profiles.api.throttling.CatalogueRateThrottle"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "The catalogue's read API",
    "DESCRIPTION": (
        "Artists, cities, exhibitions, works, stories and tags of a catalogue of fictional artists. "
        "Lists take the same filters and search as the pages and are paged with a cursor (`next`). "
        "Every record links to its page and its story; every fact carries its evidence span and confidence."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None},
    # The FilterSets' method filters (city, discipline, tag) take slugs: the "string" it warns it falls back
    # to is right. Quiet, and out of `check --deploy`; tests/test_api_schema.py checks the schema instead.
    "DISABLE_ERRORS_AND_WARNINGS": True,
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
RATE_LIMITS["api"] = {"views": [], "ip": (int(os.environ.get("CATALOGUE_API_REQUESTS_PER_MINUTE", "300")), 60)}
# Dumps made by the downloads page, one per format and catalogue version.
DOWNLOADS_DIR = Path(os.environ.get("CATALOGUE_DOWNLOADS_DIR", BASE_DIR / ".downloads"))
# --- end of open data ------------------------------------------------------------------------

# The Celery app (broker, queue) that import jobs and dumps are sent through: profiles/jobs/tasks.py
# imports it with the tasks, so processes that send none never import Celery (catalogue/__init__.py).
CELERY_APP_MODULE = "catalogue.celery"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Email and joining (profiles/accounts.py) -------------------------------------------
# Sign-up confirmations and password resets are printed on the console (the server's
# standard output) unless an SMTP server is named: DJANGO_EMAIL_HOST turns SMTP on, and
# DJANGO_EMAIL_BACKEND may name any other Django email backend.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("DJANGO_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_USE_TLS = env_flag("DJANGO_EMAIL_USE_TLS")
EMAIL_USE_SSL = env_flag("DJANGO_EMAIL_USE_SSL")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT") or (465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "The catalogue <catalogue@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Confirmation and password-reset links work once, for CATALOGUE_LINK_HOURS hours.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("CATALOGUE_LINK_HOURS", "72")) * 3600
# Sign-up, new confirmation links and password resets send email: a few an hour per client address.
RATE_LIMITS["accounts"] = {
    "views": ["signup", "signup-resend", "password_reset"],
    "ip": (int(os.environ.get("CATALOGUE_ACCOUNT_EMAILS_PER_HOUR", "10")), 3600),
}
