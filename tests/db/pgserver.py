"""A throwaway PostgreSQL server for the test session.

Finds ``initdb`` and ``pg_ctl`` on PATH or under /usr/lib/postgresql/*/bin,
creates a cluster in a temporary directory (trust auth, fsync off), starts it
on 127.0.0.1 and a free port, and removes everything on :meth:`stop`. initdb
refuses to run as root, so as root the server runs as the ``postgres`` system
user through ``runuser`` (the Debian ``postgresql`` package creates it).

Each pytest-xdist worker starts its own server: simpler than sharing one, and
a crashed worker cannot take the others' database down.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PostgresServer", "find_bindir", "start_server"]

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in "
    "/usr/lib/postgresql/*/bin; install them with `apt-get install postgresql`."
)


def find_bindir() -> Path | None:
    """Return the directory holding initdb and pg_ctl, or None."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(os.path.realpath(initdb)).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
    )
    for directory in reversed(candidates):
        path = Path(directory)
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            return path
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One temporary cluster; :meth:`start` it, read ``port``, :meth:`stop` it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="framework-pg-"))
        self.datadir = self.root / "data"
        self.logfile = self.root / "server.log"
        self.user = "postgres"
        self._prefix: list[str] = []
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError(
                    "Running as root needs a 'postgres' system user to run the "
                    "server; install the postgresql package or run as non-root."
                ) from None
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        command = [*self._prefix, *args]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.root)
        if result.returncode != 0:
            log = self.logfile.read_text() if self.logfile.exists() else ""
            raise RuntimeError(
                f"{' '.join(command)} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}{log}"
            )

    def start(self) -> None:
        """Create the cluster and start the server (waits until it accepts)."""
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-U",
            self.user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.root} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=100"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-l",
            str(self.logfile),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        """Stop the server and delete its files (safe to call twice)."""
        if self.datadir.exists():
            try:
                self._run(
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.datadir),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                )
            except RuntimeError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)

    def settings(self, name: str) -> dict[str, object]:
        """Return a ``DATABASES`` entry for database ``name`` on this server."""
        return {
            "ENGINE": "framework.db.backends.postgresql",
            "NAME": name,
            "USER": self.user,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
        }


def start_server() -> PostgresServer:
    """Start a server, or raise RuntimeError saying what is missing."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError(INSTALL_HINT)
    server = PostgresServer(bindir)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    return server
