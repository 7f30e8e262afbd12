"""Throughput of the help pages against a bare Django view, and an article's weight.

    .venv/bin/python bench/pages.py [REQUESTS_PER_URL]

Creates a throwaway PostgreSQL database (tsunagu_bench_pages, or BENCH_DB; PG_BENCH_URL
overrides the server), seeds the demo data, starts gunicorn on 127.0.0.1 with
two sync workers and the Redis cache (REDIS_URL, default redis://127.0.0.1:6379/0,
under a key prefix of the run's own; an empty REDIS_URL= measures the local-memory cache; entries kept 10 minutes, so that a round
does not outlast them), and for each URL sends REQUESTS_PER_URL requests (default
1500, at most 60 s each) from 4 client threads, in BENCH_ROUNDS rounds (default 3)
that alternate the bare view and every page. Prints requests per second, the
ratio to the bare view (target >= 0.5) and its range over the rounds, then the bytes an article page
transfers on first load in Chromium, images excluded (target <= 100 KB).
The class finder is measured when outreach:class-list resolves: /classes/ alone,
then going round every filter combination (district, topic, a date) with each of
its pages, then round every class page.
Drops the database at the end.
"""

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("PG_BENCH_URL", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_DB", "tsunagu_bench_pages")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
TIME_LIMIT = 60.0
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
THREADS = 4


def say(text: str) -> None:
    print(text, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def admin(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def warm(urls: list[str]) -> None:
    """Each address once (at least 50 requests): workers, caches and connections warm."""
    for n in range(max(50, len(urls))):
        urllib.request.urlopen(urls[n % len(urls)], timeout=10).read()


def hammer(urls: list[str], count: int, limit: float) -> tuple[float, int, int]:
    """(seconds, ok, errors) for at most `count` requests or `limit` seconds.

    The requests go round the addresses in turn, as many readers of one page do.
    """
    done = errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + limit

    def worker():
        nonlocal done, errors
        while time.monotonic() < deadline:
            with lock:
                if done + errors >= count:
                    return
                url = urls[(done + errors) % len(urls)]
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    response.read()
                    ok = response.status == 200
            except Exception:
                ok = False
            with lock:
                if ok:
                    done += 1
                else:
                    errors += 1

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - started, done, errors


CLASS_PATHS = """
import datetime as dt, math
from urllib.parse import urlencode
from django.utils import timezone
from outreach.forms import districts_mountainous_first
from outreach.models import ClassSession, Topic
from outreach.views import CLASSES_PER_PAGE
base = ClassSession.objects.published().upcoming()
today = timezone.localdate()
for district in [None, *districts_mountainous_first()]:
    for topic in [None, *Topic.objects.all()]:
        for date_from in [None, today + dt.timedelta(days=14)]:
            query, found = {}, base
            if district:
                query["district"], found = district.pk, found.in_district(district)
            if topic:
                query["topic"], found = topic.pk, found.filter(topic=topic)
            if date_from:
                query["date_from"] = date_from.isoformat()
                start = dt.datetime.combine(date_from, dt.time.min, tzinfo=timezone.get_current_timezone())
                found = found.filter(starts_at__gte=start)
            for page in range(1, max(1, math.ceil(found.count() / CLASSES_PER_PAGE)) + 1):
                print("/classes/?" + urlencode({**query, **({"page": page} if page > 1 else {})}))
for pk in ClassSession.objects.exclude(status=ClassSession.Status.DRAFT).values_list("pk", flat=True):
    print(f"/classes/{pk}/")
"""


def class_finder_paths(env) -> tuple[list[str], list[str]]:
    """Every filter combination of the finder with each of its pages, and every class page."""
    # The shell also says how many names it imported: only the addresses are kept.
    lines = [p for p in manage(env, "shell", "-c", CLASS_PATHS).split() if p.startswith("/")]
    return [p for p in lines if "?" in p], [p for p in lines if "?" not in p]


def page_weight(url: str) -> tuple[int, int]:
    """Bytes transferred (encoded, with headers) on first load, without images; and JS bytes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        types, sizes = {}, {}
        cdp.on("Network.responseReceived", lambda e: types.__setitem__(e["requestId"], e["type"]))
        cdp.on(
            "Network.loadingFinished",
            lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
        )
        page.goto(url, wait_until="networkidle")
        browser.close()
    total = sum(size for rid, size in sizes.items() if types.get(rid) != "Image")
    script = sum(size for rid, size in sizes.items() if types.get(rid) == "Script")
    return total, script


def main() -> None:
    static_root = tempfile.mkdtemp(prefix="tsunagu-bench-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_pages",
        "DATABASE_URL": f"{SERVER}/{DB}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "BENCH_STATIC_ROOT": static_root,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "BENCH_CACHE_PREFIX": f"{DB}-{os.getpid()}",
        "CMS_PAGE_CACHE_SECONDS": "600",
        "PYTHONPATH": str(ROOT),
    }
    say(f"creating the throwaway database {DB} …")
    admin(f"DROP DATABASE IF EXISTS {DB}")
    admin(f"CREATE DATABASE {DB}")
    server = None
    try:
        say("migrating, seeding the demo data and collecting static files …")
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo", "--password", "bench-password-not-used")
        manage(env, "collectstatic", "--noinput")
        has_class_finder = "yes" in manage(
            env,
            "shell",
            "-c",
            "from django.urls import reverse, NoReverseMatch\n"
            "try:\n    reverse('outreach:class-list'); print('yes')\n"
            "except NoReverseMatch:\n    print('no')",
        )
        port = free_port()
        say(f"starting gunicorn on 127.0.0.1:{port} (2 sync workers) …")
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):  # a loaded machine can take a minute to start the workers
            try:
                urllib.request.urlopen(f"{base}/bench/bare/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        urls = {
            "bare Django view": "/bench/bare/",
            "help article (ja)": "/help/phone-scams/",
            "help article (ja-x-easy, furigana)": "/ja-x-easy/help/phone-scams/",
            "help index": "/help/",
        }
        if has_class_finder:
            finder, pages = class_finder_paths(env)
            urls["class finder (/classes/)"] = "/classes/"
            urls[f"class finder, every filter and page ({len(finder)})"] = finder
            urls[f"class page, every class ({len(pages)})"] = pages
        else:
            say("outreach:class-list does not resolve on this branch: class finder not measured")
        sets = {
            name: [base + p for p in ([u] if isinstance(u, str) else u)] for name, u in urls.items()
        }
        for name, addresses in sets.items():
            say(f"  warming {name} ({len(addresses)} addresses) …")
            warm(addresses)
        # Rounds alternate the bare view and every page, so the machine's drift
        # falls on all of them alike; each round's ratio is against its own bare view.
        totals = {name: [0.0, 0, 0] for name in sets}
        ratios: dict[str, list[float]] = {name: [] for name in sets}
        for round_number in range(ROUNDS):
            say(f"  round {round_number + 1} of {ROUNDS} …")
            rates = {}
            for name, addresses in sets.items():
                seconds, done, errors = hammer(addresses, N // ROUNDS, TIME_LIMIT / ROUNDS)
                totals[name][0] += seconds
                totals[name][1] += done
                totals[name][2] += errors
                rates[name] = done / seconds
            for name in sets:
                ratios[name].append(rates[name] / rates["bare Django view"])
        bare = totals["bare Django view"][1] / totals["bare Django view"][0]
        say("")
        say(f"{'page':46} {'req/s':>8} {'ratio':>6} {'rounds':>11} {'ok':>6} {'errors':>6}")
        for name, (seconds, done, errors) in totals.items():
            rate = done / seconds
            spread = f"{min(ratios[name]):.2f}–{max(ratios[name]):.2f}"
            say(f"{name:46} {rate:8.1f} {rate / bare:6.2f} {spread:>11} {done:6d} {errors:6d}")
        total, script = page_weight(base + "/help/phone-scams/")
        say("")
        say(
            f"article page weight in Chromium (first load, no images): {total / 1024:.1f} KB "
            f"(JavaScript {script / 1024:.1f} KB); target <= 100 KB"
        )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        admin(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        say(f"dropped {DB}")


if __name__ == "__main__":
    main()
