"""Settings from the environment with safe development defaults (healthchecks style)."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("DOANSO_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in ("1", "true", "yes", "on")


DEBUG = env_bool("DOANSO_DEBUG", True)
SECRET_KEY = os.environ.get("DOANSO_SECRET_KEY", "dev-only-insecure-secret-key-change-me")
# Key for personal data at rest (CCCD) and keyed lookups; production must set its own.
DATA_KEY = os.environ.get("DOANSO_DATA_KEY", "dev-only-data-key-change-me")
ALLOWED_HOSTS = os.environ.get("DOANSO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DOANSO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "doanso.core",
    "doanso.org",
    "doanso.accounts",
    "doanso.members",
    "doanso.plans",
    "doanso.reports",
    "doanso.planimport",
    "doanso.dashboard",
    "doanso.web",
    "doanso.api",
    "doanso.demo",  # seed data: above every product app, imported by none
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
PASSWORD_RESET_TIMEOUT = int(os.environ.get("DOANSO_PASSWORD_RESET_TIMEOUT_HOURS", "2")) * 3600
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# --- Accounts: login throttling, tokens (s19-auth; docs/decisions/0011-login-lockout.md) ---
# django-axes counts the account a login names (case, spaces, NFC, e-mail or phone folded to the
# username): a username+IP pair locks after DOANSO_LOGIN_FAILURE_LIMIT failures, the username from
# any address after DOANSO_LOGIN_USERNAME_FAILURE_LIMIT, except from an address that logged in
# successfully within DOANSO_LOGIN_KNOWN_ADDRESS_DAYS. Locks last 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("DOANSO_LOGIN_FAILURE_LIMIT", "5"))
DOANSO_LOGIN_USERNAME_FAILURE_LIMIT = int(os.environ.get("DOANSO_LOGIN_USERNAME_FAILURE_LIMIT", "30"))
DOANSO_LOGIN_KNOWN_ADDRESS_DAYS = int(os.environ.get("DOANSO_LOGIN_KNOWN_ADDRESS_DAYS", "30"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "doanso.accounts.lockout.username_key"
AXES_CLIENT_IP_CALLABLE = "doanso.accounts.lockout.client_ip"
AXES_HANDLER = "doanso.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "doanso.accounts.lockout.lockout_response"
# API tokens: lifetime from issue, idle timeout, and how often last_used_at may be written.
DOANSO_TOKEN_TTL_DAYS = int(os.environ.get("DOANSO_TOKEN_TTL_DAYS", "90"))
DOANSO_TOKEN_IDLE_DAYS = int(os.environ.get("DOANSO_TOKEN_IDLE_DAYS", "30"))
DOANSO_TOKEN_TOUCH_MINUTES = int(os.environ.get("DOANSO_TOKEN_TOUCH_MINUTES", "5"))
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
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("DOANSO_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Processes validating a large member file in parallel. 0 (the default): never fork, as a web
# or task process must not; a deployment with a dedicated import worker may raise it.
DOANSO_IMPORT_WORKERS = int(os.environ.get("DOANSO_IMPORT_WORKERS", "0"))
EMAIL_BACKEND = os.environ.get("DOANSO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DOANSO_FROM_EMAIL", "doanso@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DOANSO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"axes": {"handlers": ["console"], "level": "WARNING"}},
}
