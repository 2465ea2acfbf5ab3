"""Every setting's default, one comment each.

A project's settings module overrides these by defining the same UPPER_CASE name.
"""

from __future__ import annotations

from typing import Any

# Debug mode: technical error pages and relaxed host checks. Never on in production.
DEBUG = False

# Signs sessions, CSRF tokens and anything else signed. Required; keep it secret.
SECRET_KEY = ""
# Older keys still accepted when verifying signatures, so a key can be rotated.
SECRET_KEY_FALLBACKS: list[str] = []

# Host names this site answers for: "*" matches all, ".example.com" that domain
# and its subdomains.
ALLOWED_HOSTS: list[str] = []

# Dotted paths of the apps in this project, in order of precedence.
INSTALLED_APPS: list[str] = []

# Dotted paths of middleware factories, outermost first.
MIDDLEWARE: list[str] = []

# Dotted path of the module that defines ``urlpatterns``.
ROOT_URLCONF: str | None = None

# Redirect GET requests for a URL without a trailing slash to the URL with one.
APPEND_SLASH = True

# Template engines: a list of {"BACKEND", "DIRS", "APP_DIRS", "OPTIONS"} dicts.
TEMPLATES: list[dict[str, Any]] = []

# Database connections by alias; "default" is required once the ORM is used.
DATABASES: dict[str, dict[str, Any]] = {}

# The primary key field type used when a model does not declare one.
DEFAULT_AUTO_FIELD = "framework.db.models.BigAutoField"

# URL prefix for static files, and extra folders to find them in.
STATIC_URL: str | None = "static/"
STATIC_ROOT: str | None = None
STATICFILES_DIRS: list[str] = []

# URL prefix and folder for user-uploaded files.
MEDIA_URL = ""
MEDIA_ROOT = ""

# Language of the site and the time zone for display and storage.
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_TZ = True

# Charset assumed for request bodies and query strings that declare none.
# Responses are UTF-8 unless their content type names another charset.
DEFAULT_CHARSET = "utf-8"

# Dotted path of the project's WSGI application, for reference: gunicorn is
# pointed at it on its command line (gunicorn mysite.wsgi:application).
WSGI_APPLICATION: str | None = None
# Dotted path of the ASGI application that ``runserver`` serves; when unset,
# runserver builds the default one with get_asgi_application().
ASGI_APPLICATION: str | None = None

# Largest request body read into memory, in bytes; None disables the check.
DATA_UPLOAD_MAX_MEMORY_SIZE: int | None = 2621440
# Most form fields (and query parameters) accepted in one request.
DATA_UPLOAD_MAX_NUMBER_FIELDS: int | None = 1000
# Most uploaded files accepted in one request.
DATA_UPLOAD_MAX_NUMBER_FILES: int | None = 100
# Uploads larger than this are spooled to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
# Folder for spooled uploads; None means the system temporary folder.
FILE_UPLOAD_TEMP_DIR: str | None = None

# Header and value that mark a request as HTTPS behind a proxy, e.g.
# ("HTTP_X_FORWARDED_PROTO", "https"). Only set it when the proxy strips the header.
SECURE_PROXY_SSL_HEADER: tuple[str, str] | None = None
# Trust X-Forwarded-Host when building the host. Only behind a proxy that sets it.
USE_X_FORWARDED_HOST = False
USE_X_FORWARDED_PORT = False

# Logging: a dictConfig dict merged over the framework's defaults.
LOGGING_CONFIG: str | None = "logging.config.dictConfig"
LOGGING: dict[str, Any] = {}


# Check ids to silence, e.g. ["urls.W001"].
SILENCED_SYSTEM_CHECKS: list[str] = []

# Extra callables run at ASGI lifespan start-up and shut-down (dotted paths).
STARTUP_HANDLERS: list[str] = []
SHUTDOWN_HANDLERS: list[str] = []

# Emails of people told about errors (used once email exists).
ADMINS: list[tuple[str, str]] = []

# ---------------------------------------------------------------------------
# Sessions (framework.contrib.sessions)
# ---------------------------------------------------------------------------
# Storage: ".db" (default), ".signed_cookies" or ".cache" under
# framework.contrib.sessions.backends.
SESSION_ENGINE = "framework.contrib.sessions.backends.db"
# Cookie that carries the session key (or, for signed_cookies, the data).
SESSION_COOKIE_NAME = "sessionid"
# Session lifetime in seconds (two weeks).
SESSION_COOKIE_AGE = 60 * 60 * 24 * 7 * 2
SESSION_COOKIE_DOMAIN: str | None = None
SESSION_COOKIE_PATH = "/"
# Send the session cookie over HTTPS only; turn on in production.
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE: str | None = "Lax"
# End the session when the browser closes instead of after SESSION_COOKIE_AGE.
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
# Save the session (and refresh its expiry) on every request, not only on change.
SESSION_SAVE_EVERY_REQUEST = False
# Cache used by the cache session backend.
SESSION_CACHE_ALIAS = "default"

# ---------------------------------------------------------------------------
# Authentication (framework.contrib.auth)
# ---------------------------------------------------------------------------
# The user model, as "app_label.ModelName".
AUTH_USER_MODEL = "auth.User"
# Backends tried in order by authenticate().
AUTHENTICATION_BACKENDS = ["framework.contrib.auth.backends.ModelBackend"]
# Where login_required sends anonymous users, and where login/logout go next.
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/accounts/profile/"
LOGOUT_REDIRECT_URL: str | None = None
# Password hashers; the first hashes new passwords, the rest verify old hashes.
PASSWORD_HASHERS = [
    "framework.contrib.auth.hashers.PBKDF2PasswordHasher",
    "framework.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "framework.contrib.auth.hashers.Argon2PasswordHasher",
    "framework.contrib.auth.hashers.ScryptPasswordHasher",
]
# Validators run on new passwords (the generated project turns on four).
AUTH_PASSWORD_VALIDATORS: list[dict[str, Any]] = []
# Seconds a password-reset link stays valid (three days).
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

# ---------------------------------------------------------------------------
# Email (framework.core.mail)
# ---------------------------------------------------------------------------
EMAIL_BACKEND = "framework.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "localhost"
EMAIL_PORT = 25
EMAIL_HOST_USER = ""
EMAIL_HOST_PASSWORD = ""
EMAIL_USE_TLS = False
EMAIL_USE_SSL = False
EMAIL_TIMEOUT: int | None = None
# Folder for the file-based email backend.
EMAIL_FILE_PATH: str | None = None
# Sender of automatic emails (password reset) and of error reports.
DEFAULT_FROM_EMAIL = "webmaster@localhost"
SERVER_EMAIL = "root@localhost"
EMAIL_SUBJECT_PREFIX = "[Framework] "

# ---------------------------------------------------------------------------
# CSRF (framework.middleware.csrf)
# ---------------------------------------------------------------------------
CSRF_COOKIE_NAME = "csrftoken"
# Age of the CSRF cookie in seconds (one year); None for a browser-session cookie.
CSRF_COOKIE_AGE: int | None = 60 * 60 * 24 * 365
CSRF_COOKIE_DOMAIN: str | None = None
CSRF_COOKIE_PATH = "/"
CSRF_COOKIE_SECURE = False
# False so JavaScript (fetch, HTMX) can read the token; the secret is masked anyway.
CSRF_COOKIE_HTTPONLY = False
CSRF_COOKIE_SAMESITE: str | None = "Lax"
# Header that carries the token for AJAX requests (the HTTP header X-CSRFToken).
CSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN"
# Keep the CSRF secret in the session instead of a cookie.
CSRF_USE_SESSIONS = False
# Origins allowed to POST besides this host, e.g. ["https://*.example.com"].
CSRF_TRUSTED_ORIGINS: list[str] = []
# View that answers a failed CSRF check (403).
CSRF_FAILURE_VIEW = "framework.views.csrf.csrf_failure"

# ---------------------------------------------------------------------------
# Security headers (framework.middleware.security, clickjacking, csp)
# ---------------------------------------------------------------------------
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY: str | None = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY: str | None = "same-origin"
# Redirect plain HTTP to HTTPS (behind a proxy, also set SECURE_PROXY_SSL_HEADER).
SECURE_SSL_REDIRECT = False
SECURE_SSL_HOST: str | None = None
# Paths (regexes) never redirected to HTTPS, e.g. a health check.
SECURE_REDIRECT_EXEMPT: list[str] = []
# X-Frame-Options value: "DENY" or "SAMEORIGIN".
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy directives, e.g. {"default-src": ["'self'"]}; {} sends none.
SECURE_CSP: dict[str, Any] = {}
# The same, sent as Content-Security-Policy-Report-Only.
SECURE_CSP_REPORT_ONLY: dict[str, Any] = {}

# ---------------------------------------------------------------------------
# CORS (framework.middleware.cors); off until origins are listed
# ---------------------------------------------------------------------------
CORS_ALLOWED_ORIGINS: list[str] = []
CORS_ALLOWED_ORIGIN_REGEXES: list[str] = []
CORS_ALLOW_ALL_ORIGINS = False
CORS_ALLOW_METHODS = ["DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT"]
CORS_ALLOW_HEADERS = [
    "accept",
    "authorization",
    "content-type",
    "user-agent",
    "x-csrftoken",
    "x-requested-with",
]
CORS_EXPOSE_HEADERS: list[str] = []
CORS_ALLOW_CREDENTIALS = False
# Seconds browsers may cache a preflight answer.
CORS_PREFLIGHT_MAX_AGE = 86400
# Only paths matching this regex get CORS headers.
CORS_URLS_REGEX = r"^.*$"

# ---------------------------------------------------------------------------
# Cache (framework.core.cache)
# ---------------------------------------------------------------------------
CACHES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "framework.core.cache.backends.locmem.LocMemCache"}
}
# Cache used by cache_page and the cache middleware, and their default timeout.
CACHE_MIDDLEWARE_ALIAS = "default"
CACHE_MIDDLEWARE_SECONDS = 600
CACHE_MIDDLEWARE_KEY_PREFIX = ""

# ---------------------------------------------------------------------------
# Messages (framework.contrib.messages)
# ---------------------------------------------------------------------------
MESSAGE_STORAGE = "framework.contrib.messages.storage.fallback.FallbackStorage"
# Least important level stored (INFO = 20; DEBUG = 10 is dropped by default).
MESSAGE_LEVEL = 20
# Extra CSS class per level, e.g. {40: "danger"}.
MESSAGE_TAGS: dict[int, str] = {}

# ---------------------------------------------------------------------------
# Static and media files (framework.contrib.staticfiles, framework.core.files)
# ---------------------------------------------------------------------------
# Storage backends: "default" for uploads (MEDIA_ROOT), "staticfiles" for collected
# static files (ManifestStaticFilesStorage gives content-hashed names).
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "framework.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "framework.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Permissions of uploaded files and the folders created for them.
FILE_UPLOAD_PERMISSIONS: int | None = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS: int | None = None
