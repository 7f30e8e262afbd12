"""Backup drill: dump a database, restore it into a new one, and prove the copy works.

    .venv/bin/python scripts/backup_drill.py postgres://postgres@127.0.0.1:5432/tsunagu \\
        [--target tsunagu_drill] [--keep]

1. counts the rows of every table and runs `pg_dump -Fc` in one snapshot (an
   exported snapshot, so a live database can be drilled: the counts are those of
   the dump, whatever is written meanwhile);
2. creates the target database and restores the dump into it (`pg_restore
   --exit-on-error`);
3. runs `manage.py check` and `manage.py migrate --check` (nothing unapplied)
   against the copy, then boots gunicorn on it and asks /healthz;
4. compares the row counts of every table in the copy with the snapshot's.

Prints each step with its time and exits 1 on any failure. Drops the target
database (unless --keep) and deletes the dump file.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
# The environment this runs in (make's .venv, or CI's).
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


class DrillFailed(Exception):
    pass


def server_url(url: str, dbname: str) -> str:
    """The same server and credentials as `url`, another database."""
    base, _, _ = url.rstrip("/").rpartition("/")
    return f"{base}/{dbname}"


def row_counts(conn) -> dict[str, int]:
    tables = conn.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    return {
        name: conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name))
        ).fetchone()[0]
        for (name,) in tables
    }


class Drill:
    def __init__(self, source: str, target: str, keep: bool):
        self.source = source.replace("postgresql://", "postgres://")
        self.target_name = target
        self.target = server_url(self.source, target)
        self.keep = keep
        self.began = time.monotonic()

    def say(self, text: str) -> None:
        print(f"[{time.monotonic() - self.began:5.1f} s] {text}", flush=True)

    def admin(self, statement: sql.Composable) -> None:
        with psycopg.connect(server_url(self.source, "postgres"), autocommit=True) as conn:
            conn.execute(statement)

    def dump(self, path: Path) -> dict[str, int]:
        with psycopg.connect(self.source) as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            counts = row_counts(conn)
            # The snapshot lives as long as this transaction: pg_dump runs inside it.
            done = subprocess.run(
                ["pg_dump", "-Fc", f"--snapshot={snapshot}", "-f", str(path), self.source],
                capture_output=True,
                text=True,
            )
        if done.returncode:
            raise DrillFailed(f"pg_dump failed: {done.stderr.strip()}")
        self.say(
            f"dumped {len(counts)} tables, {sum(counts.values())} rows "
            f"({path.stat().st_size // 1024} KiB)"
        )
        return counts

    def restore(self, path: Path) -> None:
        self.admin(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(self.target_name)
            )
        )
        self.admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.target_name)))
        done = subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", self.target, str(path)],
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise DrillFailed(f"pg_restore failed: {done.stderr.strip()}")
        self.say(f"restored into {self.target_name}")

    def env(self, port: int = 0) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.target,
            DJANGO_SETTINGS_MODULE="scripts.scale_out_settings",
            DEBUG="false",
            SECRET_KEY=os.environ.get("SECRET_KEY")
            or "backup-drill-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
            LOG_LEVEL="WARNING",
            PYTHONWARNINGS="ignore:No directory at",
        )
        env.pop("REDIS_URL", None)  # the copy must not touch the live site's cache
        return env

    def manage(self, *args: str) -> None:
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env(), capture_output=True, text=True
        )
        if done.returncode:
            raise DrillFailed(f"manage.py {' '.join(args)} failed: {done.stdout}{done.stderr}")
        self.say(f"manage.py {' '.join(args)}: ok")

    def boot(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(
            [GUNICORN, "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"]
            + ["--log-level", "warning"],
            cwd=ROOT,
            env=self.env(port),
        )
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                if server.poll() is not None:
                    raise DrillFailed(f"gunicorn exited ({server.returncode}) on the copy")
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    conn.request("GET", "/healthz")
                    response = conn.getresponse()
                    body = json.loads(response.read() or b"{}")
                    conn.close()
                except OSError:
                    time.sleep(0.2)
                    continue
                if response.status == 200 and body.get("database") == "ok":
                    self.say(f"gunicorn on the copy answers /healthz: {body}")
                    return
                raise DrillFailed(f"/healthz on the copy answered {response.status} {body}")
            raise DrillFailed("gunicorn on the copy did not answer /healthz")
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    def compare(self, expected: dict[str, int]) -> None:
        with psycopg.connect(self.target) as conn:
            restored = row_counts(conn)
        differ = sorted(
            f"{name}: {expected.get(name)} → {restored.get(name)}"
            for name in expected.keys() | restored.keys()
            if expected.get(name) != restored.get(name)
        )
        if differ:
            raise DrillFailed("row counts differ: " + "; ".join(differ))
        self.say(f"row counts match in all {len(restored)} tables")

    def run(self) -> int:
        with tempfile.TemporaryDirectory(prefix="tsunagu-drill-") as folder:
            path = Path(folder) / "drill.dump"
            try:
                counts = self.dump(path)
                self.restore(path)
                self.manage("check")
                self.manage("migrate", "--check")
                self.boot()
                self.compare(counts)
            except (DrillFailed, psycopg.Error) as exc:
                self.say(f"RESULT: FAILED: {exc}")
                return 1
            finally:
                if not self.keep:
                    try:
                        self.admin(
                            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                                sql.Identifier(self.target_name)
                            )
                        )
                        self.say(f"dropped {self.target_name}")
                    except psycopg.Error as exc:
                        self.say(f"could not drop {self.target_name}: {exc}")
        self.say("RESULT: ok, the backup restores into a working site")
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="the database to back up: postgres://user@host:port/name")
    parser.add_argument(
        "--target", default="", help="the database to restore into (default: <source>_drill)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the restored database")
    args = parser.parse_args()
    source_name = args.source.rstrip("/").rpartition("/")[2]
    target = args.target or f"{source_name}_drill"
    if target == source_name:
        parser.error("--target must not be the source database: it is dropped and restored")
    return Drill(args.source, target, args.keep).run()


if __name__ == "__main__":
    sys.exit(main())
