"""A throwaway PostgreSQL server for tests and trials
(`python -m devtools.throwaway_postgres start|stop`, from the repository root).

Initialises a data directory, starts the server on 127.0.0.1 on a free port, with its socket
inside the data directory, and prints the libpq environment to use. As root it runs the server
as the `postgres` OS user (initdb refuses root). Trust authentication, loopback only: it is for
throwaway data, never for real data.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

DATABASE = "cx_metrics"
USER = "postgres"


def _bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise SystemExit(f"throwaway_postgres: {name} not found (install the PostgreSQL server)")
    return found


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", USER, "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        program = Path(command[4] if command[0] == "runuser" else command[0]).name
        raise SystemExit(
            f"throwaway_postgres: {program} failed: {(done.stderr or done.stdout).strip()}"
            + (
                f" (the {USER} user must be able to reach the data directory)"
                if os.geteuid() == 0
                else ""
            )
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _client(program: str, env: dict[str, str]) -> list[str]:
    """A client program connected to the server described by env."""
    return [_bin(program), "-h", env["PGHOST"], "-p", env["PGPORT"], "-U", env["PGUSER"]]


def environment(data_dir: Path) -> dict[str, str]:
    port = (data_dir / "cx_port").read_text().strip()
    return {
        "PGHOST": "127.0.0.1",
        "PGPORT": port,
        "PGUSER": environment_user(),
        "PGDATABASE": DATABASE,
        "PGPASSWORD": "",
    }


def start(data_dir: Path) -> dict[str, str]:
    """Initialise (if needed) and start the server; returns the libpq environment."""
    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(data_dir, USER, USER)
    if not (data_dir / "PG_VERSION").exists():
        _initdb(data_dir)
    port = _free_port()
    (data_dir / "cx_port").write_text(str(port))
    _pg_ctl_start(data_dir, port)
    env = environment(data_dir)
    if not _database_exists(env):
        _run([*_client("createdb", env), DATABASE])
    return env


def _initdb(data_dir: Path) -> None:
    """A new cluster: trust authentication, the environment's user as superuser, UTF-8."""
    initdb = [_bin("initdb"), "-D", str(data_dir), "-A", "trust", "-U", environment_user()]
    _run(_as_server_user([*initdb, "-E", "UTF8", "--no-locale"]))


def _pg_ctl_start(data_dir: Path, port: int) -> None:
    """Start on loopback at ``port``, socket in the data directory, no durability (throwaway
    data), and wait for it."""
    options = f"-h 127.0.0.1 -p {port} -k {data_dir} -c fsync=off -c full_page_writes=off"
    pg_ctl = [_bin("pg_ctl"), "-D", str(data_dir), "-l", str(data_dir / "server.log")]
    _run(_as_server_user([*pg_ctl, "-o", options, "-w", "start"]))


def _database_exists(env: dict[str, str]) -> bool:
    """Whether DATABASE exists, asking for up to 10 s while the server starts accepting
    connections (False if it never answers)."""
    query = f"select 1 from pg_database where datname = '{DATABASE}'"
    for _ in range(50):
        done = subprocess.run(
            [*_client("psql", env), "-d", "postgres", "-tAc", query],
            capture_output=True,
            text=True,
        )
        if done.returncode == 0:
            break
        time.sleep(0.2)
    return done.stdout.strip() == "1"


def environment_user() -> str:
    return USER if os.geteuid() == 0 else os.environ.get("USER", USER)


def stop(data_dir: Path) -> None:
    """Stop the server (fast shutdown) and wait for it."""
    _run(
        _as_server_user([_bin("pg_ctl"), "-D", str(data_dir.resolve()), "-m", "fast", "-w", "stop"])
    )


def main(argv: list[str] | None = None) -> int:
    """start|stop [--data-dir DIR]: start prints the server's libpq environment as exports."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m devtools.throwaway_postgres")
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--data-dir", default="build/postgres", help="its data directory")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    if args.action == "stop":
        stop(data_dir)
        print(f"stopped the PostgreSQL server in {data_dir}")
        return 0
    for name, value in start(data_dir).items():
        print(f"export {name}={value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
