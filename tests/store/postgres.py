"""A throwaway PostgreSQL cluster for tests: Debian's server binaries, a temp folder, a loopback port.

``initdb`` refuses to run as root, and CI runs as root: there the cluster is made and run as the
``postgres`` system user (which Debian's ``postgresql`` package creates) through ``runuser``, in a folder
that user owns. Durability is switched off (no fsync): the cluster lives for one test session.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

BINARIES_HINT = "apt-get install postgresql (Debian puts the server in /usr/lib/postgresql/<version>/bin)"


def find_bindir() -> Path | None:
    """``$MARSAD_PG_BINDIR``, else the newest /usr/lib/postgresql/<version>/bin, else ``initdb`` on PATH."""
    if explicit := os.environ.get("MARSAD_PG_BINDIR"):
        return Path(explicit) if (Path(explicit) / "initdb").is_file() else None
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if versions:
        return Path(versions[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresCluster:
    """A cluster started in a temp folder; ``url()`` gives a fresh empty database each call."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.user = "postgres" if os.geteuid() == 0 else None
        # As root, the cluster's folder must be one the postgres user can reach: /tmp, not $TMPDIR.
        self.root = Path(tempfile.mkdtemp(prefix="marsad-pg-", dir="/tmp" if self.user else None))
        self.data = self.root / "data"
        self.port = _free_port()
        self.server_url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        self._admin: sa.Engine | None = None

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, timeout=120, check=False)
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace")
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {message}")

    def start(self) -> PostgresCluster:
        if self.user is not None:
            try:
                record = pwd.getpwnam(self.user)
            except KeyError:
                raise RuntimeError("initdb refuses root and there is no postgres user to run it") from None
            os.chown(self.root, record.pw_uid, record.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        self._admin = sa.create_engine(self.server_url, isolation_level="AUTOCOMMIT")
        deadline = time.monotonic() + 30
        while True:
            try:
                with self._admin.connect() as connection:
                    connection.execute(sa.text("SELECT 1"))
                return self
            except sa.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def url(self) -> str:
        """A new empty database on the cluster."""
        assert self._admin is not None, "start() the cluster first"
        name = f"t_{uuid.uuid4().hex[:12]}"
        with self._admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        return self.server_url.rsplit("/", 1)[0] + f"/{name}"

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.dispose()
        with contextlib.suppress(RuntimeError):  # never started: nothing to stop
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
