"""Tsunagu's one settings module, read from the environment.

Every variable is listed with a comment in .env.example. With DEBUG off (the
default) the production values apply: a SECRET_KEY is required and cookies,
HSTS and the HTTPS redirect are on.
"""

from pathlib import Path

import dj_database_url
from django.conf import locale as django_lang_info
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    email_url,
    env_bool,
    env_currency,
    env_decimal,
    env_int,
    env_list,
    env_office_hours,
    env_quiet_hours,
    env_rate,
    env_reminder_schedule,
    env_str,
    local_government_code_is_valid,
)
from config.security import content_security_policy

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The address Twilio calls back on; webhook signatures are checked against it.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Tsunagu's own apps, first so their templates and translations win.
    "core",
    "outreach",
    "messaging",
    "training",
    "metrics",
    "cms",
    # Wagtail and translation.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "core.users_app.StaffUsersAppConfig",  # wagtail.users with the staff account screens
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Sign-in with TOTP.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work.
    "django_tasks",
    "django_tasks_db",
    "phonenumber_field",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security_headers.SecurityHeadersMiddleware",
    # Before anything looks a value up in the database (sessions first).
    "core.middleware.NulCharacterRefusalMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.CoordinatorTOTPRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# SQLite by default (make run); PostgreSQL in production through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # make run has a web server and a task worker writing at once. WAL lets
    # readers go on during a write, the busy timeout waits instead of failing,
    # and IMMEDIATE takes the write lock at BEGIN so two writers never deadlock
    # upgrading a read lock ("database is locked").
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

# --- Cache and sessions -------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
DATABASE_CACHE_TABLE = "tsunagu_cache"
if REDIS_URL:
    # Shared by every app server: rate limits and sessions must be the same
    # whichever server answers.
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Several sites (or a drill beside the live one) can share one Redis.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "tsunagu"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Without Redis the cache lives in PostgreSQL, which every gunicorn worker and
    # every server shares: a per-process cache (LocMem) would multiply the login
    # and registration limits by the number of workers. Migration core.0005
    # creates the table, so a fresh install has it after `migrate`.
    CACHES = {
        "default": {
            "BACKEND": "core.db_cache.DatabaseCache",
            "LOCATION": DATABASE_CACHE_TABLE,
            "KEY_PREFIX": "tsunagu",
        }
    }

# --- Background work (Tasks API, django-tasks-db's db_worker) ------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Authentication ----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:after-login"
ACCOUNT_ADAPTER = "core.adapters.CityAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = False
# Five wrong passwords in five minutes lock the form for that address.
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Tsunagu")

# --- Sign-in with the city's identity provider -------------------------------------
# OpenID Connect through allauth's socialaccount, set only by the environment; with
# OIDC_SERVER_URL unset there is no button and only password sign-in. The provider's
# verified email finds the account imported from HR (core.adapters); nobody is
# created by signing in, and coordinators still pass TOTP afterwards (allauth.mfa
# runs after every sign-in, core.middleware for those without an authenticator).
INSTALLED_APPS += ["allauth.socialaccount", "allauth.socialaccount.providers.openid_connect"]
OIDC_SERVER_URL = env_str("OIDC_SERVER_URL").rstrip("/")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
# The last part of the redirect URI the city registers: /accounts/oidc/city/login/callback/
OIDC_PROVIDER_ID = "city"
SOCIALACCOUNT_PROVIDERS: dict = {}
if OIDC_SERVER_URL:
    if not (OIDC_CLIENT_ID and OIDC_CLIENT_SECRET):
        raise ImproperlyConfigured("OIDC_SERVER_URL needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET")
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "SCOPE": ["openid", "email", "profile"],
        "APPS": [
            {
                "provider_id": OIDC_PROVIDER_ID,
                "name": "City staff account",  # not shown: the button has its own words
                "client_id": OIDC_CLIENT_ID,
                "secret": OIDC_CLIENT_SECRET,
                "settings": {"server_url": OIDC_SERVER_URL},
            }
        ],
    }
SOCIALACCOUNT_ADAPTER = "core.adapters.CitySocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False

# --- Email (staff only: password resets, training courses) --------------------------
# Residents never get email. EMAIL_URL (smtp://user:pass@host:587?tls=true) sets the
# SMTP settings in one line and wins over the separate EMAIL_* variables.
_EMAIL = email_url("EMAIL_URL")
EMAIL_BACKEND = (
    _EMAIL.get("EMAIL_BACKEND")
    or env_str("EMAIL_BACKEND")
    or (
        "django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend"
    )
)
EMAIL_HOST = _EMAIL.get("EMAIL_HOST") or env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = _EMAIL.get("EMAIL_PORT") or env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = _EMAIL.get("EMAIL_HOST_USER") or env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = _EMAIL.get("EMAIL_HOST_PASSWORD") or env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = _EMAIL.get("EMAIL_USE_TLS", env_bool("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = _EMAIL.get("EMAIL_USE_SSL", env_bool("EMAIL_USE_SSL", False))
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true")
# Seconds one SMTP conversation may take; a hung server must not hold a worker.
EMAIL_TIMEOUT = _EMAIL.get("EMAIL_TIMEOUT") or env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tsunagu@localhost")
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (a staging
# machine that must not send), each email is written to a file in this folder.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or None

# Staff course emails (training.emails): the organizer named in calendar invitations,
# how long a worker holds a claimed email, how often a failing send is tried, and how
# many days before a required course's due date the reminder goes.
TRAINING_ORGANIZER_EMAIL = env_str("TRAINING_ORGANIZER_EMAIL") or DEFAULT_FROM_EMAIL
TRAINING_ORGANIZER_NAME = env_str("TRAINING_ORGANIZER_NAME") or _("職員研修担当")
TRAINING_EMAIL_CLAIM_SECONDS = env_int("TRAINING_EMAIL_CLAIM_SECONDS", 300)
if TRAINING_EMAIL_CLAIM_SECONDS <= EMAIL_TIMEOUT:
    # A send starts only while the worker's claim outlasts the SMTP timeout.
    raise ImproperlyConfigured(
        "TRAINING_EMAIL_CLAIM_SECONDS must be longer than EMAIL_TIMEOUT "
        f"({TRAINING_EMAIL_CLAIM_SECONDS} <= {EMAIL_TIMEOUT})"
    )
TRAINING_EMAIL_MAX_ATTEMPTS = env_int("TRAINING_EMAIL_MAX_ATTEMPTS", 5)
TRAINING_DUE_REMINDER_DAYS = env_int("TRAINING_DUE_REMINDER_DAYS", 14)

# --- Internationalisation ---------------------------------------------------------
LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
# Each language is named in itself, so a reader finds their own in the switcher.
# やさしい日本語 (easy Japanese) is a language of its own for content (short
# sentences, です/ます, hiragana for hard kanji); BCP 47 private use "ja-x-easy"
# keeps lang="ja…" so screen readers and speech read it as Japanese. Brazilian
# Portuguese, because most Portuguese-speaking residents of Kanagawa are Brazilian.
LANGUAGES = [
    ("ja", "日本語"),
    ("ja-x-easy", "やさしい にほんご"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("ko", "한국어"),
    ("vi", "Tiếng Việt"),
    ("pt-br", "Português"),
]
# Django only accepts a language its LANG_INFO knows. Tsunagu's strings come from
# locale/ja_X-easy (to_locale's name for it); Django's own fall back to Japanese.
django_lang_info.LANG_INFO.setdefault(
    "ja-x-easy",
    {
        "bidi": False,
        "code": "ja-x-easy",
        "name": "Easy Japanese",
        "name_local": "やさしい にほんご",
    },
)
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# --- Static and media ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
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

# --- Wagtail ------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Tsunagu"
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
# No Gravatar: it would send a hash of each editor's address to a third party, the city's
# network blocks it anyway, and the Content-Security-Policy allows images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Passwords are reset and changed through allauth, which also guards TOTP.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The admin in Japanese for the city's editors, English for those who choose it in their
# account; Wagtail has no easy-Japanese or Vietnamese of its own, so these two only.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語"), ("en", "English")]
# mp4 and vtt: help videos and their captions (WebVTT).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "csv", "txt", "mp4", "vtt"]

# --- The city ------------------------------------------------------------------------
# Shown on every page; a resident without the web calls this number.
CITY_NAME = env_str("CITY_NAME", _("相模原市"))
DESK_PHONE_NUMBER = env_str("DESK_PHONE_NUMBER", "042-000-0000")
DESK_OPENING_HOURS = env_str("DESK_OPENING_HOURS", _("平日 8時30分〜17時15分"))
PHONENUMBER_DEFAULT_REGION = "JP"
PHONENUMBER_DB_FORMAT = "E164"

# --- Messaging ----------------------------------------------------------------------
SMS_BACKEND = env_str("SMS_BACKEND", "outbox")
if SMS_BACKEND not in {"outbox", "console", "twilio"}:
    raise ImproperlyConfigured(
        f"SMS_BACKEND must be outbox, console or twilio, not {SMS_BACKEND!r}"
    )
TWILIO_ACCOUNT_SID = env_str("TWILIO_ACCOUNT_SID")
TWILIO_AUTH_TOKEN = env_str("TWILIO_AUTH_TOKEN")
TWILIO_FROM_NUMBER = env_str("TWILIO_FROM_NUMBER")
TWILIO_API_BASE_URL = env_str("TWILIO_API_BASE_URL")
# The longest one REST call to Twilio may take before it counts as failed (and is retried).
TWILIO_TIMEOUT_SECONDS = env_int("TWILIO_TIMEOUT_SECONDS", 15)
if SMS_BACKEND == "twilio" and not (
    TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER
):
    raise ImproperlyConfigured(
        "SMS_BACKEND=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER"
    )

# --- Public forms ---------------------------------------------------------------------
REGISTRATION_RATE_LIMIT = env_rate("REGISTRATION_RATE_LIMIT", "10/m")
RATELIMIT_VIEW = "core.views.rate_limited"

# --- Production ------------------------------------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Sent on every response by core.security_headers (django-csp), which says why each
# source is allowed; Wagtail's admin gets its additions there.
CONTENT_SECURITY_POLICY = content_security_policy()
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview sets its own SAMEORIGIN override

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action at INFO; seed_demo would print hundreds.
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        # WeasyPrint (certificates, the yearly report's PDF) logs every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Messaging: reminders, retries, cost, the desk's phone hours ----------------------
# Reminder moments before a class, in Japan time, as "days before@HH:MM" separated by
# commas: the default is two days before at 10:00 and the morning of the class at 08:00.
REMINDER_SCHEDULE = env_reminder_schedule("REMINDER_SCHEDULE", ["2@10:00", "0@08:00"])
# The follow-up with help-article links goes this many hours after a class ends.
FOLLOW_UP_DELAY_HOURS = env_int("FOLLOW_UP_DELAY_HOURS", 3)
# A worker holds a claimed message this long; after it, another worker checks the
# provider and sends only if the provider never accepted it.
MESSAGING_CLAIM_SECONDS = env_int("MESSAGING_CLAIM_SECONDS", 300)
if MESSAGING_CLAIM_SECONDS <= TWILIO_TIMEOUT_SECONDS:
    # A worker starts a send only while its claim outlasts the send's timeout.
    raise ImproperlyConfigured(
        "MESSAGING_CLAIM_SECONDS must be longer than TWILIO_TIMEOUT_SECONDS "
        f"({MESSAGING_CLAIM_SECONDS} <= {TWILIO_TIMEOUT_SECONDS})"
    )
# Transient provider errors (429, 5xx, network) are retried this many times in all.
MESSAGING_MAX_ATTEMPTS = env_int("MESSAGING_MAX_ATTEMPTS", 5)
MESSAGING_BATCH_SIZE = env_int("MESSAGING_BATCH_SIZE", 100)
# Nothing goes out in these hours (Japan time); "off" only on an isolated test site.
MESSAGE_QUIET_HOURS = env_quiet_hours("MESSAGE_QUIET_HOURS", "20:00-08:00")
# Used only where Twilio reports no price: an estimate per SMS segment and per call.
MESSAGE_COST_CURRENCY = env_currency("MESSAGE_COST_CURRENCY", "USD")
SMS_COST_PER_SEGMENT = env_decimal("SMS_COST_PER_SEGMENT", "0.0760")
VOICE_COST_PER_CALL = env_decimal("VOICE_COST_PER_CALL", "0.1300")
# The voice menu's option 0 puts callers through to this number (E.164) in office
# hours: weekdays (0 = Monday) and a time range, e.g. "0-4 08:30-17:15" (an OfficeHours).
DESK_FORWARD_NUMBER = env_str("DESK_FORWARD_NUMBER", "")
DESK_OFFICE_HOURS = env_office_hours("DESK_OFFICE_HOURS", "0-4 08:30-17:15")
if DEBUG and not TWILIO_AUTH_TOKEN:
    # Local only: lets `manage.py twilio_request` sign a test webhook call under make run.
    TWILIO_AUTH_TOKEN = "dev-only-twilio-auth-token"  # noqa: S105

# --- Public pages: whole-page cache for anonymous readers (cms/cache.py) -----------------
# Right after LocaleMiddleware, so a cached page skips sessions, auth, the view and
# Wagtail's routing; it caches only pages whose view marked them free of per-visitor data.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
    "cms.cache.PublicPageCacheMiddleware",
)
# The paths it may serve (after an optional language prefix), each with the query
# parameters that may vary it; a request with any other parameter is not cached.
_LANGUAGE_PREFIX = r"^/(?:[a-z]{2,3}(?:-[a-z0-9]+)*/)?"
PUBLIC_PAGE_CACHE = [(_LANGUAGE_PREFIX + r"help/", ())]
# The class finder and class page show seats left, which must be right on the next visit
# after a registration in every process: only a shared cache (Redis) is purged everywhere
# at once, so with the per-process local-memory cache they are not cached.
CLASS_PAGE_CACHE = [
    (_LANGUAGE_PREFIX + r"classes/$", ("district", "topic", "date_from", "page")),
    (_LANGUAGE_PREFIX + r"classes/[0-9]+/$", ()),
]
if REDIS_URL:
    PUBLIC_PAGE_CACHE += CLASS_PAGE_CACHE
CMS_PAGE_CACHE_SECONDS = env_int("CMS_PAGE_CACHE_SECONDS", 60)

# --- Figures and open data (metrics) ------------------------------------------------------
# 全国地方公共団体コード of the city publishing the open data: five digits and a check digit
# (Sagamihara: 141500). Checked at start-up: a wrong code would mislabel every published file.
LOCAL_GOVERNMENT_CODE = env_str("LOCAL_GOVERNMENT_CODE", "141500")
if not local_government_code_is_valid(LOCAL_GOVERNMENT_CODE):
    raise ImproperlyConfigured(
        "LOCAL_GOVERNMENT_CODE must be the six-digit 全国地方公共団体コード with its check "
        f"digit (e.g. 141500), not {LOCAL_GOVERNMENT_CODE!r}"
    )
# 地方公共団体名 as the open data writes it: prefecture and city (神奈川県相模原市).
LOCAL_GOVERNMENT_NAME = env_str("LOCAL_GOVERNMENT_NAME", "神奈川県相模原市")
# Aggregate cells that count 1 to SMALL_COUNT_THRESHOLD - 1 people are shown as "*", and
# enough other cells with them that no total or difference gives a hidden one away.
SMALL_COUNT_THRESHOLD = env_int("SMALL_COUNT_THRESHOLD", 5)
if SMALL_COUNT_THRESHOLD < 1:
    raise ImproperlyConfigured("SMALL_COUNT_THRESHOLD must be 1 or more (1 suppresses nothing)")
OPEN_DATA_LICENSE = env_str("OPEN_DATA_LICENSE", "CC BY 4.0")
OPEN_DATA_LICENSE_URL = env_str(
    "OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/deed.ja"
)
# Open-data files are the same for everyone: served from the cache for this long at most
# (a change to the classes or a refresh of the figures gives them a new cache key at once).
OPEN_DATA_CACHE_SECONDS = env_int("OPEN_DATA_CACHE_SECONDS", 600)
# The figures are read from summary tables; a dashboard view older than this asks the
# worker to bring them up to date (late attendance syncs, cancellations, edits).
FIGURES_REFRESH_SECONDS = env_int("FIGURES_REFRESH_SECONDS", 300)
