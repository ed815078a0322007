"""Settings from the environment with safe development defaults (healthchecks style).

Every variable is listed in docs/settings.md. Values are parsed strictly (doanso.core.envconfig):
a typo such as `DOANSO_DEBUG=flase` stops the start with a message naming the variable. With
`DOANSO_DEBUG=false` (production, what `make prod` runs) the keys must be set, secret and long.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from doanso.core.envconfig import (
    DEV_DATA_KEY,
    DEV_SECRET_KEY,
    cache_config,
    env_bool,
    env_int,
    env_key,
    env_list,
    proxy_ssl_header,
)

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("DOANSO_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Development by default (`make run`); production (`make prod`) sets DOANSO_DEBUG=false and is then
# refused without its own keys.
DEBUG = env_bool("DOANSO_DEBUG", True)
SECRET_KEY = env_key("DOANSO_SECRET_KEY", DEV_SECRET_KEY, DEBUG)
# Key for personal data at rest (CCCD) and keyed lookups; production must set its own. In debug the
# public dev value is used, and `doanso check` says so (doanso.core.checks).
DATA_KEY = env_key("DOANSO_DATA_KEY", DEV_DATA_KEY, DEBUG)
ALLOWED_HOSTS = env_list("DOANSO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DOANSO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_prometheus",
    "ninja",  # serves Swagger UI's files from our static files, never from a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    # UI components (<c-btn>, <c-card>… in web/templates/cotton/): its app config adds the cotton
    # template loader and tag builtins to TEMPLATES, nothing else.
    "django_cotton",
    "doanso.core",
    "doanso.org",
    "doanso.accounts",
    "doanso.members",
    "doanso.privacy",
    "doanso.plans",
    "doanso.reports",
    "doanso.planimport",
    "doanso.dashboard",
    "doanso.todo",
    "doanso.agenda",
    "doanso.places",
    "doanso.credentials",
    "doanso.activities",
    "doanso.learning",
    "doanso.outreach",
    "doanso.ideas",
    "doanso.surveys",
    "doanso.exemplars",
    "doanso.web",
    "doanso.api",
    "doanso.demo",  # seed data: above every product app, imported by none
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "doanso.core.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "doanso.web.csp.CSPMiddleware",  # django-csp's, the common header built once
    "django.contrib.sessions.middleware.SessionMiddleware",
    "doanso.web.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "doanso.api.auth.JsonBodyMiddleware",  # /api/ bodies are JSON or uploads, else 415
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "doanso.accounts.twofactor.TwoFactorMiddleware",  # code step / enrolment (DOANSO_REQUIRE_2FA)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "doanso.urls"
WSGI_APPLICATION = "doanso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'doanso.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_db, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiles each big query for ~1 s before running it: a loss for the short queries of a
    # web app (measured on the national member search, docs/benchmarks.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "doanso.accounts.backends.IdentifierBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Password policy (s19-auth): 8+ characters, 10+ for unit admins, not like the username/e-mail/name,
# not a common password, not all digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "doanso.accounts.passwords.AdminLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password reset links sent by e-mail stay valid this long (Django's default is 3 days).
PASSWORD_RESET_TIMEOUT = env_int("DOANSO_PASSWORD_RESET_TIMEOUT_HOURS", 2, minimum=1) * 3600
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# --- Accounts: login throttling, tokens (s19-auth; docs/decisions/0011-login-lockout.md) ---
# django-axes counts the account a login names (case, spaces, NFC, e-mail or phone folded to the
# username): a username+IP pair locks after DOANSO_LOGIN_FAILURE_LIMIT failures, the username from
# any address after DOANSO_LOGIN_USERNAME_FAILURE_LIMIT, except from an address that logged in
# successfully within DOANSO_LOGIN_KNOWN_ADDRESS_DAYS. Locks last 15 minutes.
AXES_FAILURE_LIMIT = env_int("DOANSO_LOGIN_FAILURE_LIMIT", 5, minimum=1)
DOANSO_LOGIN_USERNAME_FAILURE_LIMIT = env_int("DOANSO_LOGIN_USERNAME_FAILURE_LIMIT", 30, minimum=1)
DOANSO_LOGIN_KNOWN_ADDRESS_DAYS = env_int("DOANSO_LOGIN_KNOWN_ADDRESS_DAYS", 30, minimum=1)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "doanso.accounts.lockout.username_key"
AXES_CLIENT_IP_CALLABLE = "doanso.accounts.lockout.client_ip"
AXES_HANDLER = "doanso.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "doanso.accounts.lockout.lockout_response"
# API tokens: lifetime from issue, idle timeout, and how often last_used_at may be written.
DOANSO_TOKEN_TTL_DAYS = env_int("DOANSO_TOKEN_TTL_DAYS", 90, minimum=1)
DOANSO_TOKEN_IDLE_DAYS = env_int("DOANSO_TOKEN_IDLE_DAYS", 30, minimum=1)
DOANSO_TOKEN_TOUCH_MINUTES = env_int("DOANSO_TOKEN_TOUCH_MINUTES", 5, minimum=1)
# Two-factor (TOTP) sign-in: when true, unit admins must enrol before using the site. Off by
# default so dev and demo logins keep working; production should set it.
DOANSO_REQUIRE_2FA = env_bool("DOANSO_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Đoàn Số"
# Reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For is believed; from any
# other address the header is ignored and REMOTE_ADDR is the client.
DOANSO_TRUSTED_PROXIES = [p for p in os.environ.get("DOANSO_TRUSTED_PROXIES", "").split(",") if p.strip()]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DOANSO_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at every start when it is missing
MEDIA_ROOT = VAR_DIR / "media"
# Static files are served by the app itself (whitenoise): compressed, with hashed names and
# far-future caching in production, where `make prod` runs collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Background tasks: run at once in development; in production a database queue that the worker
# (`doanso db_worker`, a Procfile process) drains.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DOANSO_TASK_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}

# Periodic commands run by `doanso scheduler` (one process per deployment): (cron rule in
# TIME_ZONE, doanso command). Apps add their clean-up commands here.
SCHEDULED_COMMANDS = [
    ("5 * * * *", "reports remind"),
    ("30 0 * * *", "reports sync"),
    ("0 3 * * *", "clearsessions"),
    ("5 3 * * *", "accounts prune-sessions"),
    ("15 3 * * *", "prune_db_task_results --min-age-days 30"),
    ("30 3 * * *", "axes_reset_logs --age 90"),
    ("*/10 * * * *", "imports reap"),
    ("45 * * * *", "imports cleanup"),
    ("20 2 * * *", "partitions maintain"),
    ("* * * * *", "learning close-rounds"),
]

# Cache: one process in development; production takes the database cache (no extra service) or
# Redis, shared by every gunicorn worker.
CACHES = {
    "default": cache_config(os.environ.get("DOANSO_CACHE_URL", "locmem://" if DEBUG else "db://doanso_cache"))
}

# Processes validating a large member file in parallel. 0 (the default): never fork, as a web
# or task process must not; a deployment with a dedicated import worker may raise it.
DOANSO_IMPORT_WORKERS = env_int("DOANSO_IMPORT_WORKERS", 0)

# --- Hostile files and long imports (issue 12; helper "input") ---------------------------------
# A spreadsheet (.xlsx/.ods) whose parts unpack to more than this many MB is refused before it is
# read (a real 250,000-member .xlsx unpacks to about 150 MB).
DOANSO_IMPORT_MAX_UNCOMPRESSED_MB = env_int("DOANSO_IMPORT_MAX_UNCOMPRESSED_MB", 200, minimum=1)
# Uploaded member files are deleted when their import ends; error workbooks (encrypted with the
# data key) and anything left in var/imports/ are deleted this many hours after the import by
# `doanso imports cleanup` (run by the scheduler).
DOANSO_UPLOAD_RETENTION_HOURS = env_int("DOANSO_UPLOAD_RETENTION_HOURS", 24)
# An import pending or silent (no chunk committed) for this many minutes is dead: `doanso imports
# reap` (run by the scheduler and before each import) marks it failed and deletes its files.
DOANSO_IMPORT_STALE_MINUTES = env_int("DOANSO_IMPORT_STALE_MINUTES", 60, minimum=1)
# ------------------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("DOANSO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DOANSO_FROM_EMAIL", "doanso@localhost")

# --- HTTPS and security headers (deployment block) ---------------------------------------------
# Production runs behind a TLS proxy (nginx, Caddy, a load balancer) that sets X-Forwarded-Proto.
# DOANSO_HTTPS (default: on when DEBUG is off) turns on the redirect to https, HSTS and secure
# cookies; /healthz, /readyz and /metrics answer over plain HTTP for probes on the machine.
HTTPS = env_bool("DOANSO_HTTPS", not DEBUG)
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(os.environ.get("DOANSO_PROXY_SSL_HEADER", "X-Forwarded-Proto"))
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env_int("DOANSO_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DOANSO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DOANSO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Dashboard colour bands (a target's progress = actual / target): at or above DOANSO_BAND_DAT it
# is "đạt" (green), at or above DOANSO_BAND_GAN_DAT "gần đạt" (amber), below it "chưa đạt" (red).
DOANSO_BAND_DAT = float(os.environ.get("DOANSO_BAND_DAT", "1.0"))
DOANSO_BAND_GAN_DAT = float(os.environ.get("DOANSO_BAND_GAN_DAT", "0.8"))
# --- Reminders and their chat channels (todo app, issue 11) -------------------------------------
# Days a report may stay overdue before the reminder goes to the admins of the level above.
DOANSO_REMIND_ESCALATE_DAYS = env_int("DOANSO_REMIND_ESCALATE_DAYS", 3, minimum=1)
# Zalo Official Account (OA) API: base URL and the OA access token; no token = channel off.
DOANSO_ZALO_OA_URL = os.environ.get("DOANSO_ZALO_OA_URL", "https://openapi.zalo.me")
DOANSO_ZALO_OA_TOKEN = os.environ.get("DOANSO_ZALO_OA_TOKEN", "")
# Telegram Bot API: base URL and the bot token; no token = channel off.
DOANSO_TELEGRAM_URL = os.environ.get("DOANSO_TELEGRAM_URL", "https://api.telegram.org")
DOANSO_TELEGRAM_BOT_TOKEN = os.environ.get("DOANSO_TELEGRAM_BOT_TOKEN", "")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DOANSO_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts only from our own static files, so no inline
# <script> and no on*= attributes in templates (web/static/web/app.js binds the handlers). htmx
# needs no eval (hx-on is not used). Styles also only from our files: no style="" attribute and no
# <style> element in templates (progress bars are SVG or <progress>), and htmx's own indicator
# <style> is turned off (meta htmx-config in web/base.html; the rules are in app.css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Maps (places): the tile server, e.g. https://tile.example.org/{z}/{x}/{y}.png; empty = no tiles (the
# maps show their markers over a plain background, and the list under them). Its origin is added to
# the CSP's img-src, the only thing the pages load from elsewhere.
DOANSO_MAP_TILES_URL = os.environ.get("DOANSO_MAP_TILES_URL", "").strip()
DOANSO_MAP_ATTRIBUTION = os.environ.get("DOANSO_MAP_ATTRIBUTION", "").strip()
if DOANSO_MAP_TILES_URL:
    from urllib.parse import urlsplit as _urlsplit

    _tiles = _urlsplit(DOANSO_MAP_TILES_URL.replace("{s}", "a"))
    if _tiles.scheme not in ("https", "http") or not _tiles.netloc:
        raise ImproperlyConfigured(f"DOANSO_MAP_TILES_URL={DOANSO_MAP_TILES_URL!r}: write an http(s) URL.")
    _origin = f"{_tiles.scheme}://{DOANSO_MAP_TILES_URL.split('://', 1)[1].split('/', 1)[0]}"
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_origin.replace("{s}", "*"))

# --- Operations: metrics, logs (deployment block) -----------------------------------------------
# /metrics (Prometheus) answers a request carrying `Authorization: Bearer <token>`; without a token
# set, only requests from the machine itself (no proxy in between).
METRICS_TOKEN = os.environ.get("DOANSO_METRICS_TOKEN", "")
PROMETHEUS_EXPORT_MIGRATIONS = False
# Logs: one JSON object per line on stderr (json) or plain text (text, the development default).
# No personal data: query strings are dropped but for harmless keys, runs of 9 to 12 digits (CCCD,
# phone numbers) are masked in every message (doanso.core.logs).
LOG_FORMAT = os.environ.get("DOANSO_LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"DOANSO_LOG_FORMAT={LOG_FORMAT!r}: write json or text.")
LOG_LEVEL = os.environ.get("DOANSO_LOG_LEVEL", "WARNING" if DEBUG else "INFO").upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR"):
    raise ImproperlyConfigured(f"DOANSO_LOG_LEVEL={LOG_LEVEL!r}: write DEBUG, INFO, WARNING or ERROR.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "doanso.core.logs.RedactFilter"}},
    "formatters": {
        "json": {"()": "doanso.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "axes": {"level": "WARNING"},
        # One line per request from RequestLogMiddleware; Django's own request log would repeat it.
        "doanso.request": {"level": "INFO" if not DEBUG else "WARNING"},
        "doanso": {"level": LOG_LEVEL},
        "django.request": {"level": "ERROR"},
    },
}

# ---- Request size (issue 12, API hardening) ------------------------------------------------
# DOANSO_MAX_BODY_BYTES: the largest request body read into memory (JSON bodies, form fields;
# uploaded files are limited separately by the import code). Above it the API answers 413 in
# Vietnamese. Default 2,5 MB — a report or a plan with hundreds of targets needs far less.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DOANSO_MAX_BODY_BYTES", 2_621_440, minimum=1024)
# API bodies are checked (size, multipart, JSON object) before CSRF and axes read them.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1, "doanso.api.middleware.ApiBodyGuard"
)
# --- Read replica (docs/decisions/0012-past-one-machine.md) -------------------------------------
# DATABASE_REPLICA_URL: a PostgreSQL streaming replica of DATABASE_URL (through pgbouncer in
# production). Dashboards and lists may read from it (doanso.core.dbrouter); writes, migrations and
# the reads of a browser that wrote in the last DOANSO_REPLICA_PIN_SECONDS stay on the primary.
# Absent: everything reads from and writes to `default`.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DOANSO_REPLICA_PIN_SECONDS = env_int("DOANSO_REPLICA_PIN_SECONDS", 5)
DATABASE_ROUTERS = ["doanso.core.dbrouter.DoansoRouter"]
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # Tests see the primary's test database through this alias instead of creating another.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    MIDDLEWARE.insert(0, "doanso.core.dbrouter.ReplicaPinMiddleware")
# DOANSO_DB_POOLER=pgbouncer: databases reached through pgbouncer in transaction mode, which cannot
# keep a server-side cursor open across transactions (pgbouncer.ini: see ADR 0012).
DOANSO_DB_POOLER = os.environ.get("DOANSO_DB_POOLER", "")
if DOANSO_DB_POOLER == "pgbouncer":
    for _db in DATABASES.values():
        _db["DISABLE_SERVER_SIDE_CURSORS"] = True
else:
    # Prepared statements on a direct connection, for the hot statements that ask for them
    # (doanso.core.prepared): Django turns psycopg's preparing off (None); a threshold no statement
    # reaches keeps it off for every other one (Django's cursors bind on the client, never prepared).
    for _db in DATABASES.values():
        if _db["ENGINE"] == "django.db.backends.postgresql":
            _db.setdefault("OPTIONS", {}).setdefault("prepare_threshold", 2**31 - 1)

# --- Personal data (issue 12 §5; PDP Law 91/2025/QH15, Decree 356/2025/NĐ-CP) ---------------------
# DOANSO_PRIVACY_DUE_DAYS: days the Union has to complete a data subject's request (export,
# correction, deletion); shown as the request's deadline. Decree 356 (as summarised by law firms):
# answer within 2 working days, complete within 10 to 20 days; 10 is the cautious end (to verify).
DOANSO_PRIVACY_DUE_DAYS = env_int("DOANSO_PRIVACY_DUE_DAYS", 10, minimum=1)
# DOANSO_RETENTION_LEFT_MEMBERS_YEARS: members who left the Union or matured (status date) this
# many years ago are anonymised by `doanso privacy retention --apply` (legal holds are skipped).
DOANSO_RETENTION_LEFT_MEMBERS_YEARS = env_int("DOANSO_RETENTION_LEFT_MEMBERS_YEARS", 10, minimum=1)

# --- Verifiable e-certificates (issue 15 §5; docs/credentials.md) --------------------------------
# DOANSO_CREDENTIALS_BASE_URL: the public address of the site as certificates name it (issuer
# did:web, credential and status list URLs); set it to the real https address before issuing: a
# certificate keeps the address it was signed with.
DOANSO_CREDENTIALS_BASE_URL = os.environ.get("DOANSO_CREDENTIALS_BASE_URL", "http://127.0.0.1:8000")
# DOANSO_CREDENTIALS_VERIFY_PER_MINUTE: anonymous verifications (API and page) per client address
# and minute; each costs a canonicalisation.
DOANSO_CREDENTIALS_VERIFY_PER_MINUTE = env_int("DOANSO_CREDENTIALS_VERIFY_PER_MINUTE", 30, minimum=1)
# --- Online contests (issue 15; helper "learning") ----------------------------------------------
# Entrants of one round from one network address above this are flagged for the organisers.
DOANSO_CONTEST_SAME_SOURCE_LIMIT = env_int("DOANSO_CONTEST_SAME_SOURCE_LIMIT", 20, minimum=1)
# Attempt starts and answer submissions per minute per account (or per address for guests).
DOANSO_CONTEST_RATE_PER_MINUTE = env_int("DOANSO_CONTEST_RATE_PER_MINUTE", 30, minimum=1)
# Largest lesson PDF an organiser may upload (checked before anything is stored).
DOANSO_LESSON_PDF_MAX_BYTES = env_int("DOANSO_LESSON_PDF_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
# --- Outreach: link metadata and the media bank (issue 16; docs/outreach.md) -------------------------
# Link metadata (title, image) is fetched by a background task with a timeout and a size cap, and
# never from private, loopback or link-local addresses unless DOANSO_FETCH_ALLOW_PRIVATE is on (tests
# turn it on for their local server; never in production).
DOANSO_FETCH_ALLOW_PRIVATE = env_bool("DOANSO_FETCH_ALLOW_PRIVATE", False)
DOANSO_FETCH_TIMEOUT = env_int("DOANSO_FETCH_TIMEOUT", 5, minimum=1)
DOANSO_FETCH_MAX_BYTES = env_int("DOANSO_FETCH_MAX_BYTES", 1_000_000, minimum=1024)
# Media bank files: largest upload, largest image (pixels: Pillow's decompression-bomb guard), and the
# storage backend (Django's storage API; e.g. storages.backends.s3.S3Storage with django-storages and
# its AWS_* settings for an S3-compatible store).
DOANSO_MEDIA_MAX_BYTES = env_int("DOANSO_MEDIA_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)
DOANSO_MEDIA_MAX_PIXELS = env_int("DOANSO_MEDIA_MAX_PIXELS", 50_000_000, minimum=1)
STORAGES["media_bank"] = {
    "BACKEND": os.environ.get("DOANSO_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")
}
if os.environ.get("DOANSO_MEDIA_S3_BUCKET"):  # boto3 reads AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY itself
    STORAGES["media_bank"]["OPTIONS"] = {
        "bucket_name": os.environ["DOANSO_MEDIA_S3_BUCKET"],
        "endpoint_url": os.environ.get("DOANSO_MEDIA_S3_ENDPOINT") or None,
        "default_acl": "private",
        "querystring_auth": True,
    }
# DOANSO_MODERATION_HIDE_AFTER: an idea reported by this many people is hidden from the public
# gallery until a moderator decides (Decidim's hiding threshold).
DOANSO_MODERATION_HIDE_AFTER = env_int("DOANSO_MODERATION_HIDE_AFTER", 3, minimum=1)
# --- Activities and check-in (issue 14) -----------------------------------------------------------
# DOANSO_ACTIVITY_QR_SECONDS: how long the activity's on-screen QR stays valid (a photo of it shared
# in a chat stops working after this); DOANSO_CHECKIN_EARLY_MINUTES: how long before the start a
# check-in is accepted (check-ins close at the activity's end).
DOANSO_ACTIVITY_QR_SECONDS = env_int("DOANSO_ACTIVITY_QR_SECONDS", 180, minimum=10)
DOANSO_CHECKIN_EARLY_MINUTES = env_int("DOANSO_CHECKIN_EARLY_MINUTES", 60)
