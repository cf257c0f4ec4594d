"""A throwaway PostgreSQL server (Debian's `postgresql`, installed by `make postgres`).

initdb and pg_ctl run as the `postgres` user in a folder it owns, on 127.0.0.1 and a free
port; `stop()` stops that server (pg_ctl, by its data folder) and removes the folder.
"""

import glob
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def pg_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def why_not():
    """Why no server can be started here (None if one can)."""
    import os
    import pwd

    if pg_bin() is None:
        return "Debian's postgresql is not installed (make postgres installs it)"
    if os.geteuid() != 0:
        return "starting PostgreSQL as the postgres user needs root"
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "there is no postgres user (make postgres installs the package that makes it)"
    return None


class Postgres:
    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.dir = Path(tempfile.mkdtemp(prefix="tp-pg-"))
        shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"
        self.url = f"postgresql+psycopg://answers@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, *cmd):
        line = " ".join(f"'{c}'" for c in cmd)
        return subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", line], check=True, capture_output=True, text=True)

    def start(self):
        bin_ = pg_bin()
        self._as_postgres(str(bin_ / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "answers")
        options = f"-k {self.dir} -c listen_addresses=127.0.0.1 -p {self.port} -c fsync=on -c max_connections=200"
        self._as_postgres(str(bin_ / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"),
                          "-w", "start")
        return self

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self._as_postgres(str(pg_bin() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)
