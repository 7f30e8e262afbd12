"""The figures for one fiscal year over a city's five years of data, against raw SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python bench/figures.py

Generates on PostgreSQL, with COPY: 50,000 residents, 20,000 classes over five
fiscal years, 200,000 registrations and 1,000,000 attendance marks (the latest
mark wins; a tenth of people have a corrected mark). Then, in the same run:

- the full refresh of the summary tables (metrics.refresh), and an incremental
  one after late edits (marks synced late, cancellations);
- the dashboard page for last fiscal year through Django's test client (the
  whole request: filters, figures, charts, template), its query count, and the
  figures alone without the page;
- one hand-written SQL statement computing the same headline figures straight
  from outreach's tables (latest mark per registration by DISTINCT ON);

and prints the median of each, the ratio dashboard / raw SQL (target <= 3) and
whether the two give the same numbers. Uses a throwaway database.
"""

import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

RESIDENTS = 50_000
CLASSES_PER_YEAR = 4_000
REGISTRATIONS_PER_CLASS = 10
MARKS = 1_000_000
YEARS = 5
REPEAT = 7
SEED = 7


def say(text: str) -> None:
    print(text, flush=True)


def copy(table: str, columns: list[str], rows, every: int = 200_000) -> int:
    """COPY rows into a table, printing progress; returns the number of rows."""
    started, count = time.monotonic(), 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as stream:
            for row in rows:
                stream.write_row(row)
                count += 1
                if count % every == 0:
                    say(f"    {table}: {count:,} rows …")
        if "id" in columns:
            # The table names are this module's own constants, never input.
            sql = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608, E501
            cursor.execute(sql)
    say(f"  {table}: {count:,} rows in {time.monotonic() - started:.1f} s")
    return count


def generate(now: dt.datetime):
    from core.fiscal import FiscalYear
    from outreach.models import CanDoStatement, District, Topic, Venue

    rng = random.Random(SEED)
    districts = [
        District.objects.create(
            code=f"d{n}",
            ward="緑区" if n < 6 else "中央区",
            name=f"地区{n}",
            name_kana="ちく",
            is_mountainous=n < 4,
            flyer_number=n + 1,
        )
        for n in range(20)
    ]
    venues = [
        Venue.objects.create(name=f"会場{n}", district=districts[n % 20], address="相模原市")
        for n in range(40)
    ]
    topics = [
        Topic.objects.create(slug=f"t{n}", title=f"講座{n}", level="basic" if n < 5 else "applied")
        for n in range(10)
    ]
    statements = {
        topic.pk: [
            CanDoStatement.objects.create(topic=topic, text=f"できること{topic.pk}-{k}").pk
            for k in range(3)
        ]
        for topic in topics
    }
    stamp = now - dt.timedelta(days=30)  # written long before the refreshes below
    say("  residents …")
    copy(
        "outreach_resident",
        [
            "id",
            "name",
            "name_kana",
            "phone",
            "district_id",
            "age_band",
            "language",
            "contact_preference",
            "created_at",
            "updated_at",
        ],
        (
            (
                n,
                f"住民{n}",
                "じゅうみん",
                f"+8180{n:08d}",
                districts[n % 20].pk,
                rng.choice(["60s", "70s", "80plus", ""]),
                "ja",
                "auto",
                stamp,
                stamp,
            )
            for n in range(1, RESIDENTS + 1)
        ),
    )
    first = FiscalYear.of(now).previous.previous.previous.previous
    classes = []
    for year in range(YEARS):
        fiscal = FiscalYear(first.start_year + year)
        span = (fiscal.end - fiscal.start).days
        for n in range(CLASSES_PER_YEAR):
            day = fiscal.start + dt.timedelta(days=(n * span) // CLASSES_PER_YEAR)
            starts = dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC) - dt.timedelta(hours=9)
            classes.append((len(classes) + 1, starts, venues[n % 40].pk, topics[n % 10].pk))
    say("  classes …")
    copy(
        "outreach_classsession",
        [
            "id",
            "topic_id",
            "venue_id",
            "title",
            "starts_at",
            "ends_at",
            "capacity",
            "loaner_devices",
            "notes",
            "status",
            "cancellation_reason",
            "sequence",
            "created_at",
            "updated_at",
        ],
        (
            (
                pk,
                topic,
                venue,
                "",
                starts,
                starts + dt.timedelta(hours=2),
                12,
                0,
                "",
                "cancelled" if pk % 50 == 0 else "published",
                "",
                0,
                stamp,
                stamp,
            )
            for pk, starts, venue, topic in classes
        ),
    )
    registrations = []
    for pk, starts, _venue, topic in classes:
        people = rng.sample(range(1, RESIDENTS + 1), REGISTRATIONS_PER_CLASS)
        for n, resident in enumerate(people):
            status = (
                "waitlisted"
                if n >= 11
                else rng.choices(["confirmed", "cancelled", "waitlisted"], weights=[86, 9, 5])[0]
            )
            registrations.append((len(registrations) + 1, pk, resident, status, starts, topic))
    say("  registrations …")
    copy(
        "outreach_registration",
        [
            "id",
            "session_id",
            "resident_id",
            "phone",
            "status",
            "channel",
            "party_size",
            "needs_loaner_device",
            "phone_kind",
            "requested_at",
            "manage_token",
            "status_reason",
            "status_changed_at",
            "created_at",
            "updated_at",
        ],
        (
            (
                pk,
                session,
                resident,
                f"+8180{resident:08d}",
                status,
                rng.choice(["web", "desk", "voice", "walk_in"]),
                2 if pk % 13 == 0 else 1,
                False,
                "",
                starts - dt.timedelta(days=7),
                f"bench{pk}",
                "",
                starts - dt.timedelta(days=7),
                stamp,
                stamp,
            )
            for pk, session, resident, status, starts, _topic in registrations
        ),
    )

    def marks():
        made = 0
        for pk, session, _resident, status, starts, topic in registrations:
            if status != "confirmed":
                continue
            value = rng.choices(["present", "late", "absent", "excused"], [80, 6, 8, 6])[0]
            rows = [("attendance", value, None, "", 5)]
            if rng.random() < 0.1:  # a correction made later on the tablet or on paper
                rows.append(("attendance", rng.choice(["present", "absent"]), None, "", 40))
            if value in ("present", "late"):
                rows.append(("satisfaction", rng.choice("34555"), None, "after", 110))
                # Two can-do statements each, a third for some: about a million marks in all.
                asked = 3 if rng.random() < 0.3 else 2
                for statement in statements[topic][:asked]:
                    rows.append(
                        ("can_do", rng.choice(["not_yet", "with_help"]), statement, "before", 6)
                    )
                    rows.append(
                        ("can_do", rng.choice(["with_help", "yes"]), statement, "after", 100)
                    )
            for kind, value, statement, phase, minutes in rows:
                if made == MARKS:
                    return
                made += 1
                yield (
                    uuid.UUID(int=rng.getrandbits(128)),
                    session,
                    pk,
                    kind,
                    value,
                    statement,
                    phase,
                    "",
                    starts + dt.timedelta(minutes=minutes),
                    stamp,
                )

    say("  attendance marks …")
    count = copy(
        "outreach_attendancemark",
        [
            "client_uuid",
            "session_id",
            "registration_id",
            "kind",
            "value",
            "statement_id",
            "phase",
            "note",
            "made_at",
            "received_at",
        ],
        marks(),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return count


RAW_SQL = """
WITH year_classes AS (
    SELECT id, capacity, status = 'published' AND starts_at < %(now)s AS held
    FROM outreach_classsession WHERE starts_at >= %(start)s AND starts_at < %(end)s
),
latest AS (
    SELECT DISTINCT ON (m.registration_id, m.kind, m.statement_id, m.phase)
           m.registration_id, m.kind, m.value
    FROM outreach_attendancemark m JOIN year_classes c ON c.id = m.session_id
    WHERE m.kind IN ('attendance', 'satisfaction')
    ORDER BY m.registration_id, m.kind, m.statement_id, m.phase, m.made_at DESC,
             m.client_uuid DESC
),
registrations AS (
    SELECT r.resident_id, r.party_size, r.status, c.held,
           a.value AS attendance, s.value AS satisfaction
    FROM outreach_registration r JOIN year_classes c ON c.id = r.session_id
    LEFT JOIN latest a ON a.registration_id = r.id AND a.kind = 'attendance'
    LEFT JOIN latest s ON s.registration_id = r.id AND s.kind = 'satisfaction'
)
SELECT
    COUNT(DISTINCT resident_id) FILTER (
        WHERE held AND status = 'confirmed' AND attendance IN ('present', 'late')),
    (SELECT COUNT(*) FROM year_classes WHERE held),
    SUM(party_size) FILTER (WHERE held AND status = 'confirmed' AND attendance IN ('present', 'late')),
    SUM(party_size) FILTER (WHERE held AND status = 'confirmed'),
    (SELECT SUM(capacity) FROM year_classes WHERE held),
    COUNT(*) FILTER (WHERE held AND status = 'confirmed' AND attendance = 'absent'),
    COUNT(*) FILTER (WHERE held AND status = 'confirmed' AND attendance IS NOT NULL
                     AND attendance <> 'unmarked'),
    COUNT(*) FILTER (WHERE held AND satisfaction IS NOT NULL),
    COUNT(*) FILTER (WHERE held AND satisfaction::int >= 4),
    COUNT(*) FILTER (WHERE status <> 'cancelled')
FROM registrations
"""
NAMES = [
    "people_reached",
    "classes_held",
    "attendees",
    "confirmed_seats",
    "capacity_held",
    "no_shows",
    "recorded",
    "satisfaction_answers",
    "satisfied",
    "registrations",
]


def interleaved(functions: dict, rounds: int = REPEAT) -> dict[str, float]:
    """Median seconds of each function, measured in alternating rounds after a warm-up.

    The machine is shared: its speed drifts within a minute. Running the contenders
    one after another in each round lets the drift fall on all of them alike.
    """
    for function in functions.values():
        function()  # warm the caches once, as a second visitor would find them
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            started = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def measure(now: dt.datetime) -> None:
    from django.test import Client

    from core.fiscal import FiscalYear
    from core.roles import Role
    from metrics import dashboard
    from metrics.figures import Filters, year_totals
    from metrics.refresh import refresh_figures
    from tests.conftest import ensure_migration_data
    from tests.factories import UserFactory

    say("full refresh of the summary tables …")
    report = refresh_figures(full=True, progress=lambda text: None)
    say(
        f"  {report.classes:,} classes, {report.registrations:,} registrations "
        f"in {report.seconds:.1f} s"
    )

    year = FiscalYear.of(now).previous
    start, end = year.bounds()
    params = {"start": start, "end": end, "now": now}

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, params)
            return dict(zip(NAMES, cursor.fetchone(), strict=True))

    ensure_migration_data()
    viewer = UserFactory(role=Role.FIGURES_VIEWER)
    client = Client()
    client.force_login(viewer)
    url = f"/desk/figures/?year={year.start_year}"

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    say(
        f"timing {year.label} ({year}): raw SQL, figures alone, dashboard page, "
        f"median of {REPEAT} alternating rounds …"
    )
    medians = interleaved(
        {
            "raw": raw,
            "figures": lambda: dashboard.build(Filters(year), now=now),
            "page": page,
        }
    )
    raw_seconds, figures_seconds, page_seconds = (medians[k] for k in ("raw", "figures", "page"))
    raw_figures = raw()
    with CaptureQueriesContext(connection) as queries:
        page()
    totals = year_totals(Filters(year), now=now)
    ours = {name: getattr(totals, name) for name in NAMES}
    raw_figures = {name: int(value or 0) for name, value in raw_figures.items()}
    say(f"  raw SQL aggregate        {raw_seconds * 1000:8.1f} ms")
    say(f"  figures (summary tables) {figures_seconds * 1000:8.1f} ms")
    say(f"  dashboard page           {page_seconds * 1000:8.1f} ms, {len(queries)} queries")
    say(f"  ratio dashboard / raw SQL: {page_seconds / raw_seconds:.2f} (target <= 3)")
    say(f"  same figures: {'yes' if ours == raw_figures else 'NO'}")
    if ours != raw_figures:
        for name in NAMES:
            say(f"    {name}: ours {ours[name]}, raw {raw_figures[name]}")

    say("late edits: 5,000 marks synced late, 500 cancellations …")
    from outreach.models import AttendanceMark, Registration

    last_year_regs = list(
        Registration.objects.filter(
            session__starts_at__gte=start, session__starts_at__lt=end, status="confirmed"
        ).values_list("pk", "session_id")[:5500]
    )
    AttendanceMark.objects.bulk_create(
        AttendanceMark(
            client_uuid=uuid.uuid4(),
            session_id=session,
            registration_id=pk,
            kind="attendance",
            value="present",
            made_at=now - dt.timedelta(days=1),
        )
        for pk, session in last_year_regs[:5000]
    )
    Registration.objects.filter(pk__in=[pk for pk, _ in last_year_regs[5000:]]).update(
        status="cancelled", updated_at=now
    )
    report = refresh_figures()
    say(f"  incremental refresh: {report.classes:,} classes rewritten in {report.seconds:.1f} s")
    after = year_totals(Filters(year), now=now)
    check = dict(zip(NAMES, raw_after(params), strict=True))
    same = all(getattr(after, name) == int(check[name] or 0) for name in NAMES)
    say(f"  same figures after the late edits: {'yes' if same else 'NO'}")


def raw_after(params):
    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL, params)
        return cursor.fetchone()


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench/figures.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    setup_test_environment()
    say(f"load average before: {os.getloadavg()[0]:.2f}")
    connection.settings_dict["TEST"]["NAME"] = connection.settings_dict["NAME"] + "_figures_bench"
    say("creating a throwaway database and migrating …")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.utils import timezone

        now = timezone.now()
        started = time.monotonic()
        say(
            f"generating {RESIDENTS:,} residents, {CLASSES_PER_YEAR * YEARS:,} classes, "
            f"{CLASSES_PER_YEAR * YEARS * REGISTRATIONS_PER_CLASS:,} registrations, "
            f"{MARKS:,} marks …"
        )
        marks = generate(now)
        say(f"  generated in {time.monotonic() - started:.1f} s ({marks:,} marks)")
        measure(now)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    say(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
