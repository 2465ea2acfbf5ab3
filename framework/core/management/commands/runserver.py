"""``runserver``: the development server, uvicorn with autoreload and static files.

The server imports :func:`make_application` by name (uvicorn's ``factory``
mode) so that the reloader's child process can build a fresh application
after every code change. Everything the child needs travels in environment
variables: the settings module and whether to serve static files.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import uvicorn

import framework
from framework.apps import apps
from framework.conf import ENVIRONMENT_VARIABLE, settings
from framework.contrib.staticfiles.handlers import ASGIApp, StaticFilesHandler
from framework.core.asgi import get_asgi_application
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.utils.module_loading import import_string

__all__ = ["APP_FACTORY", "Address", "Command", "make_application", "parse_address"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
APP_FACTORY = "framework.core.management.commands.runserver:make_application"
STATICFILES_APP = "framework.contrib.staticfiles"
# "1"/"0": tells make_application (maybe in the reloader's child) to serve static.
SERVE_STATIC_ENV = "FRAMEWORK_RUNSERVER_STATIC"
# Files whose change restarts the server (needs watchfiles; else *.py only).
RELOAD_INCLUDES = ["*.py", "*.html"]

_ADDRPORT = re.compile(r"^(?:(?P<host>\[[^\]]*\]|[^:\[\]]+):)?(?P<port>\d+)$")
_HOSTNAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.\-]*[A-Za-z0-9])?$")
_FORMAT_HINT = "Use a port (8000) or address:port (127.0.0.1:8000, [::1]:8000)."


@dataclass(frozen=True)
class Address:
    """Where to listen."""

    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def parse_address(value: str | None) -> Address:
    """Parse ``"8001"``, ``"0.0.0.0:8000"`` or ``"[::1]:8000"``."""
    if not value:
        return Address(DEFAULT_HOST, DEFAULT_PORT)
    match = _ADDRPORT.match(value.strip())
    if match is None:
        raise CommandError(
            f"{value!r} is not a valid port or address:port. {_FORMAT_HINT}"
        )
    port = int(match["port"])
    if not 0 < port < 65536:
        raise CommandError(f"Port {port} is out of range (1-65535). {_FORMAT_HINT}")
    return Address(_parse_host(match["host"], value), port)


def _parse_host(host: str | None, value: str) -> str:
    if host is None:
        return DEFAULT_HOST
    if host.startswith("["):
        try:
            return str(ipaddress.IPv6Address(host[1:-1]))
        except ValueError:
            raise CommandError(
                f"{host!r} is not a valid IPv6 address. {_FORMAT_HINT}"
            ) from None
    if host == "0":
        return "0.0.0.0"
    if not _HOSTNAME.match(host):
        raise CommandError(f"{host!r} is not a valid host name. {_FORMAT_HINT}")
    return host


def make_application() -> ASGIApp:
    """Build the application the development server runs (uvicorn factory)."""
    if settings.ASGI_APPLICATION:
        application: ASGIApp = import_string(settings.ASGI_APPLICATION)
    else:
        application = get_asgi_application()
    flag = os.environ.get(SERVE_STATIC_ENV)
    if flag is None:
        serve = bool(settings.DEBUG) and apps.is_installed(STATICFILES_APP)
    else:
        serve = flag == "1"
    return StaticFilesHandler(application) if serve else application


class Command(BaseCommand):
    help = (
        "Start the development server (uvicorn) with automatic reloading and "
        "static files. Not for production."
    )
    # Checks run inside handle() so the summary line can be shown.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "addrport", nargs="?", help="Port or address:port (default 127.0.0.1:8000)."
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="use_reloader",
            help="Do not restart the server when code changes.",
        )
        parser.add_argument(
            "--nostatic",
            action="store_true",
            help="Do not serve static files, even with DEBUG on.",
        )
        parser.add_argument(
            "--insecure",
            action="store_true",
            help="Serve static files even with DEBUG off.",
        )
        parser.add_argument(
            "--skip-checks", action="store_true", help="Skip the system checks."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        address = parse_address(options["addrport"])
        module = _export_settings_module()
        if not options["skip_checks"]:
            self.stdout.write("Performing system checks...\n")
            self.check(display_num_errors=True)
        serve_static = _should_serve_static(options["nostatic"], options["insecure"])
        os.environ[SERVE_STATIC_ENV] = "1" if serve_static else "0"
        self.stdout.write(self.banner(address, module))
        self.stdout.flush()
        run(address, reload=options["use_reloader"])

    def banner(self, address: Address, module: str) -> str:
        """Return the start-up text: version, settings, URL and a warning."""
        return "\n".join(
            [
                datetime.now().strftime("%B %d, %Y - %X"),
                f"Framework version {framework.__version__}, using settings {module!r}",
                f"Starting development server at {address.url}",
                "Quit the server with CONTROL-C.",
                "",
                self.style.WARNING(
                    "WARNING: This is a development server. Do not use it in "
                    "production; use gunicorn or uvicorn with your project's "
                    "wsgi.py or asgi.py instead."
                ),
            ]
        )


def _export_settings_module() -> str:
    """Put the settings module in os.environ so the reloader's child finds it."""
    module = settings.SETTINGS_MODULE
    if not module:
        raise CommandError(
            "runserver needs a settings module the server process can import. "
            f"Set {ENVIRONMENT_VARIABLE} or pass --settings."
        )
    os.environ[ENVIRONMENT_VARIABLE] = module
    return str(module)


def _should_serve_static(nostatic: bool, insecure: bool) -> bool:
    if nostatic or not apps.is_installed(STATICFILES_APP):
        return False
    return bool(settings.DEBUG) or insecure


def run(address: Address, reload: bool) -> None:
    """Serve :data:`APP_FACTORY` with uvicorn until interrupted."""
    options: dict[str, Any] = {}
    if reload:
        options["reload_dirs"] = [str(Path.cwd())]
        # Without watchfiles uvicorn polls *.py only and warns about includes.
        if importlib.util.find_spec("watchfiles") is not None:
            options["reload_includes"] = RELOAD_INCLUDES
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=address.host,
        port=address.port,
        reload=reload,
        lifespan="on",
        access_log=True,
        log_level="info",
        **options,
    )
