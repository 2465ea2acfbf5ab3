"""Settings for the framework's own test suite."""

SECRET_KEY = "test-secret-key-that-is-long-enough-for-the-checks-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "tests.urlconf"
TEMPLATES = [
    {
        "BACKEND": "framework.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {},
    }
]
USE_TZ = True
