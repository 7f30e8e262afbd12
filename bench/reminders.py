"""10,000 due reminders through the twilio backend to a local fake Twilio API.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagu_messaging .venv/bin/python bench/reminders.py [N]

Prints the pipeline's messages per second (claiming with SKIP LOCKED, sending
with the real twilio client, recording each result), the bare twilio client's
rate against the same fake API in the same run, their ratio (target >= 0.8),
and the number of duplicates (must be 0). The two are measured in ten
alternating rounds of N/10 messages each, so that the machine's drift in speed
falls on both alike. Uses a throwaway test database.
"""

import datetime as dt
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.messaging.fake_twilio import ACCOUNT_SID, AUTH_TOKEN  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
ROUNDS = 10
FROM = "+815012345678"


def say(text: str) -> None:
    print(text, flush=True)


def main() -> None:
    setup_test_environment()
    say(f"creating a throwaway {connection.vendor} database and migrating …")
    if connection.vendor != "sqlite":
        # Its own name, so it never collides with the test suite's database.
        connection.settings_dict["TEST"]["NAME"] = connection.settings_dict["NAME"] + "_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    # The fake API runs in its own process, as Twilio would: in this process
    # its threads would compete with the client for the GIL.
    fake = subprocess.Popen(
        [sys.executable, "-m", "tests.messaging.fake_twilio"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        run(fake.stdout.readline().strip())
    finally:
        fake.kill()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(base_url: str) -> None:
    from messaging.backends import _backend
    from messaging.backends.twilio import make_client
    from messaging.models import Message
    from messaging.services.delivery import deliver_due_messages
    from messaging.services.planning import plan_due_messages
    from outreach.models import ClassSession, District, Registration, Resident, Topic, Venue

    settings.SMS_BACKEND = "twilio"
    settings.TWILIO_ACCOUNT_SID = ACCOUNT_SID
    settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN
    settings.TWILIO_FROM_NUMBER = FROM
    settings.TWILIO_API_BASE_URL = base_url
    _backend.cache_clear()

    # One class tomorrow afternoon with N confirmed residents on mobiles.
    now = dt.datetime(2030, 5, 20, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    district = District.objects.create(
        code="bench", ward="緑区", name="藤野", name_kana="ふじの", flyer_number=99
    )
    venue = Venue.objects.create(name="藤野公民館", district=district, address="相模原市緑区")
    topic = Topic.objects.create(slug="basics", title="スマホの基本", level="basic")
    session = ClassSession.objects.create(
        topic=topic,
        venue=venue,
        starts_at=now + dt.timedelta(hours=5),
        ends_at=now + dt.timedelta(hours=7),
        capacity=N,
        status="published",
    )
    say(f"creating {N} residents and registrations …")
    residents = Resident.objects.bulk_create(
        [
            Resident(name=f"住民{i}", name_kana="じゅうみん", phone=f"+81901{i:07d}")
            for i in range(N)
        ],
        batch_size=2000,
    )
    Registration.objects.bulk_create(
        [
            Registration(
                session=session,
                resident=r,
                phone=r.phone,
                status="confirmed",
                channel="web",
                status_changed_at=now - dt.timedelta(days=5),
            )
            for r in residents
        ],
        batch_size=2000,
    )
    started = time.perf_counter()
    planned = plan_due_messages(now)
    say(f"planned {planned} reminders in {time.perf_counter() - started:.1f} s")
    sample_body = Message.objects.first().body

    # The two are measured in alternating rounds (bare, ours, ours, bare, …):
    # this machine's speed drifts by ±15 % over tens of seconds, and measuring
    # one after the other put the drift into the ratio.
    client = make_client(ACCOUNT_SID, AUTH_TOKEN, base_url)
    rounds = ROUNDS if N >= ROUNDS * 100 else 1
    per_round = [N // rounds + (1 if r < N % rounds else 0) for r in range(rounds)]
    bare_seconds, our_seconds, ratios = 0.0, 0.0, []
    sent = 0
    say(f"{N} messages each, bare twilio client and Tsunagu's pipeline, in {rounds} rounds …")

    def bare_round(count: int, offset: int) -> float:
        started = time.perf_counter()
        for i in range(offset, offset + count):
            client.messages.create(to=f"+8191{i:08d}", from_=FROM, body=sample_body)
        return time.perf_counter() - started

    def our_round(count: int) -> tuple[float, int]:
        started = time.perf_counter()
        report = deliver_due_messages(now, limit=count)
        return time.perf_counter() - started, report.sent

    offset = 0
    for r, count in enumerate(per_round):
        if r % 2 == 0:
            bare = bare_round(count, offset)
            ours, done = our_round(count)
        else:
            ours, done = our_round(count)
            bare = bare_round(count, offset)
        offset += count
        sent += done
        bare_seconds += bare
        our_seconds += ours
        ratios.append((done / ours) / (count / bare))
        say(
            f"  round {r + 1}: bare {count / bare:.0f}/s, pipeline {done / ours:.0f}/s, ratio {ratios[-1]:.2f}"
        )
    bare = N / bare_seconds
    ours = sent / our_seconds

    # The fake API records every recipient: the bare client's are +8191…, ours +8190….
    received = client.http_client.session.get(f"{base_url}/_fake/recipients").json()["to"]
    received = [to for to in received if to.startswith("+8190")]
    duplicates = sum(count - 1 for count in Counter(received).values() if count > 1)
    recorded = Message.objects.filter(status="sent").count()
    say("")
    say(f"database:                {connection.vendor}")
    say(
        f"messages sent:           {sent} (recorded as sent: {recorded}, at the fake API: {len(received)})"
    )
    say(f"pipeline:                {ours:.0f} messages/s")
    say(f"bare twilio client:      {bare:.0f} messages/s")
    say(f"ratio:                   {ours / bare:.2f} (target >= 0.80)")
    say(f"ratio per round:         {min(ratios):.2f} to {max(ratios):.2f}")
    say(f"duplicates:              {duplicates} (must be 0)")
    if duplicates or sent != N or recorded != N:
        sys.exit(1)


if __name__ == "__main__":
    main()
