"""Profile registrations in-process: time per request, queries per request, where the CPU goes.

Drives `Client().post("/api/v1/classes/<id>/registrations", ...)` in a loop
with the bench's production-like settings against an already migrated
PostgreSQL database (DATABASE_URL), and prints the mean time per request, the
queries of one request (CaptureQueriesContext) and the cProfile top functions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> \\
      .venv/bin/python bench/profile_registration.py [--requests 300] [--sort cumulative]

The database must be migrated first (`manage.py migrate` with the same settings).
Registrations it makes are left in a fresh class per run; nothing else is touched.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.classes_settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault(
    "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG"
)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("REGISTRATION_RATE_LIMIT", "100000/m")
os.environ.setdefault("LOG_LEVEL", "WARNING")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=45)
    args = parser.parse_args()

    import django

    django.setup()
    import datetime as dt

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tests.factories import ClassSessionFactory

    session = ClassSessionFactory(
        capacity=40,
        starts_at=timezone.now() + dt.timedelta(days=7),
        ends_at=timezone.now() + dt.timedelta(days=7, hours=2),
    )
    url = f"/api/v1/classes/{session.pk}/registrations"
    client = Client(REMOTE_ADDR="127.0.0.1")
    run = f"{100 + os.getpid() % 900:03d}"  # a mobile number never has 0 after 090-

    def post(n: int):
        response = client.post(
            url,
            {
                "name": f"住民{n}",
                "name_kana": "じゅうみん",
                "phone": f"090-{run}9-{n:04d}",
                "consent": True,
            },
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        return response

    for n in range(20):  # warm imports, connection, caches
        post(n)

    with CaptureQueriesContext(connection) as ctx:
        post(20)
    print(f"queries in one registration request ({len(ctx.captured_queries)}):")
    for q in ctx.captured_queries:
        print(f"  {q['time']}s  {q['sql'][:150]}")

    n0 = 21
    started = time.perf_counter()
    cpu0 = time.process_time()
    for n in range(n0, n0 + args.requests):
        post(n)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu0
    print(
        f"\n{args.requests} sequential requests: {wall / args.requests * 1000:.1f} ms wall, "
        f"{cpu / args.requests * 1000:.1f} ms CPU in this process per request"
    )

    profiler = cProfile.Profile()
    n0 += args.requests
    profiler.enable()
    for n in range(n0, n0 + args.requests):
        post(n)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats(args.sort).print_stats(args.top)
    # Own time by package: where the CPU goes, whatever the call path.
    by_package: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        if "site-packages/" in filename:
            key = filename.split("site-packages/")[1].split("/")[0]
        elif str(ROOT) in filename:
            key = "tsunagu:" + filename.split(str(ROOT) + "/")[1]
        else:
            key = "stdlib/builtins"
        by_package[key] = by_package.get(key, 0.0) + tottime
    print("own time by package, ms per request (under the profiler):")
    for key, total in sorted(by_package.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  {total / args.requests * 1000:7.2f}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
