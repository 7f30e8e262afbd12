"""A burst of concurrent registrations for one class, on gunicorn and PostgreSQL.

Creates a throwaway database, serves the site with gunicorn on 127.0.0.1, fires
BURST registrations at one class through the JSON API at once (CONCURRENCY at a
time), then the same number of requests at a bare Django view in the same run.
Then the peer shape at a second class: PEER registrations, each on its own
thread and its own new connection, all released at once by a barrier, and the
bare view in the same shape. Prints registrations per second, p50/p99 latency,
confirmed seats against capacity (must be equal) and the ratio to the bare view
for each shape. Drops the database.

    .venv/bin/python bench/registration.py [--burst 500] [--concurrency 64] \\
        [--peer 300] [--workers 4] [--threads 1]

Needs PostgreSQL at BENCH_PG (default postgres://postgres@127.0.0.1:5432). On a
machine others share, give the run its own BENCH_DB (the database it creates and
drops, default tsunagu_bench_classes) and BENCH_PORT (default: any free port).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB_NAME = os.environ.get("BENCH_DB", "tsunagu_bench_classes")
CAPACITY = 40
REQUEST_TIMEOUT = 15  # seconds per request
TOTAL_TIMEOUT = 480  # seconds for the whole run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", f"{PG}/postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql],
        check=True,
        capture_output=True,
    )


def _env(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{DB_NAME}",
        DJANGO_SETTINGS_MODULE="bench.classes_settings",
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        # The burst comes from one address: lift the per-address limit for the run.
        REGISTRATION_RATE_LIMIT="100000/m",
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
    )
    return env


def _request(
    port: int, method: str, path: str, body: dict | None = None
) -> tuple[int, float, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    started = time.perf_counter()
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        return response.status, time.perf_counter() - started, payload
    finally:
        conn.close()


def _burst(port: int, jobs: list[tuple[str, str, dict | None]], concurrency: int):
    start = threading.Barrier(min(concurrency, len(jobs)))
    local = threading.local()

    def run(job):
        if not getattr(local, "ready", False):
            local.ready = True
            start.wait()
        return _request(port, *job)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(run, jobs))
    return results, time.perf_counter() - began


def _peer_burst(port: int, jobs: list[tuple[str, str, dict | None]]):
    """The peer shape: one thread and one fresh connection per request, all released at once.

    Each thread opens its connection only after the barrier, so connection setup is
    part of what is measured, as when many phones press the button at the same moment.
    """
    start = threading.Barrier(len(jobs) + 1)
    results: list = [None] * len(jobs)

    def run(index, job):
        start.wait()
        try:
            results[index] = _request(port, *job)
        except OSError as exc:
            results[index] = (0, time.perf_counter() - began, str(exc).encode())

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began


def _report(name: str, results, elapsed: float) -> float:
    latencies = sorted(r[1] for r in results)
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    rps = len(results) / elapsed
    print(
        f"{name}: {len(results)} requests in {elapsed:.2f} s = {rps:.0f} req/s, "
        f"p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms"
    )
    return rps


def _registration_jobs(class_id: int, count: int) -> list[tuple[str, str, dict]]:
    return [
        (
            "POST",
            f"/api/v1/classes/{class_id}/registrations",
            {
                "name": f"住民{n}",
                "name_kana": "じゅうみん",
                "phone": f"090-2{n // 10000:03d}-{n % 10000:04d}",
                "consent": True,
            },
        )
        for n in range(count)
    ]


def _measure(port: int, class_id: int, count: int, burst) -> bool:
    """Registrations, then the bare view in the same shape; True if every seat is right."""
    results, elapsed = burst(_registration_jobs(class_id, count))
    statuses: dict[int, int] = {}
    for status, _latency, _body in results:
        statuses[status] = statuses.get(status, 0) + 1
    reg_rps = _report("  registrations", results, elapsed)
    print(f"    statuses: {dict(sorted(statuses.items()))}")
    detail = json.loads(_request(port, "GET", f"/api/v1/classes/{class_id}")[2])
    confirmed = detail["capacity"] - detail["seats_left"]
    print(
        f"    confirmed seats {confirmed} / capacity {detail['capacity']}, "
        f"waitlisted {detail['waitlist_length']}"
    )
    bare_results, bare_elapsed = burst([("GET", "/bench/bare/", None)] * count)
    bare_rps = _report("  bare Django view", bare_results, bare_elapsed)
    print(f"  ratio registrations / bare view: {reg_rps / bare_rps:.2f}", flush=True)
    return confirmed == detail["capacity"] and statuses.get(201, 0) == count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=64)
    # 4 sync workers = 2 per core: while one waits for PostgreSQL (a commit's
    # WAL flush), the other runs. The bare view is served by the same server.
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--threads", type=int, default=1, help="gunicorn threads per worker (>1: gthread)"
    )
    parser.add_argument(
        "--peer",
        type=int,
        default=300,
        help="then the peer shape: this many at once, a thread and a connection each (0: skip)",
    )
    args = parser.parse_args()
    signal.alarm(TOTAL_TIMEOUT)  # bounded in time, whatever happens

    port = int(os.environ.get("BENCH_PORT") or _free_port())
    env = _env(port)
    print(f"creating database {DB_NAME} and migrating …", flush=True)
    _psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    _psql(f'CREATE DATABASE "{DB_NAME}"')
    server = None
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        setup = (
            "import datetime as dt; from django.utils import timezone; "
            "from tests.factories import ClassSessionFactory; "
            "when = timezone.now() + dt.timedelta(days=7); "
            "ids = [ClassSessionFactory(capacity="
            f"{CAPACITY}, starts_at=when, ends_at=when + dt.timedelta(hours=2)).pk "
            "for _ in range(2)]; print(*ids)"
        )
        out = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", setup],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        class_id, peer_class_id = map(int, out.stdout.strip().splitlines()[-1].split())
        print(
            f"starting gunicorn ({args.workers} workers x {args.threads} threads) "
            f"on 127.0.0.1:{port} …",
            flush=True,
        )
        server = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi",
                "-w",
                str(args.workers),
                "--threads",
                str(args.threads),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(600):  # a loaded machine can take a minute to start the workers
            try:
                if _request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            print("gunicorn did not start", file=sys.stderr)
            return 1
        # Warm every worker's connection and imports, on both endpoints.
        for _ in range(16):
            _request(port, "GET", "/bench/bare/")
            _request(port, "GET", f"/api/v1/classes/{class_id}")

        print(f"burst: {args.burst} registrations, {args.concurrency} at a time …", flush=True)
        ok = _measure(
            port,
            class_id,
            args.burst,
            lambda jobs: _burst(port, jobs, args.concurrency),
        )
        if args.peer:
            print(
                f"peer shape: {args.peer} registrations, one thread and one new connection "
                "each, released at once …",
                flush=True,
            )
            ok = _measure(port, peer_class_id, args.peer, lambda jobs: _peer_burst(port, jobs))
        print(
            "RESULT:", "ok" if ok else "FAILED (confirmed must equal capacity, every request 201)"
        )
        return 0 if ok else 1
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        _psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        print(f"dropped database {DB_NAME}")


if __name__ == "__main__":
    sys.exit(main())
