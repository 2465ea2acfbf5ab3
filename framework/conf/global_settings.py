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

# Session and CSRF cookie defaults, used by set_cookie callers in contrib.
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"

# Check ids to silence, e.g. ["urls.W001"].
SILENCED_SYSTEM_CHECKS: list[str] = []

# Extra callables run at ASGI lifespan start-up and shut-down (dotted paths).
STARTUP_HANDLERS: list[str] = []
SHUTDOWN_HANDLERS: list[str] = []

# Emails of people told about errors (used once email exists).
ADMINS: list[tuple[str, str]] = []
