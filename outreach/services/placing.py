"""Taking a place in a class under the class's row lock: both ways, in one module.

The portable way (SQLite, or PostgreSQL with server-side binding) locks, counts
and inserts in three statements; PostgreSQL's fast way sends the same steps as
one string. Both decide with core.capacity.place() (PLACE_SQL is that rule in
SQL, grid-tested against it in tests/outreach/test_registration.py) and both
refuse the same person twice: the same resident, or the same phone with the
same name (outreach/names.py). The partial unique indexes on Registration say
the same thing again, for writes that bypass these functions.
"""

from __future__ import annotations

import contextlib

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from core import capacity
from outreach.models import ClassSession, Registration, Resident
from outreach.names import name_key
from outreach.services.errors import AlreadyRegistered, ClassNotFound, ClassNotOpen

Status = Registration.Status


def lock_session(session_id: int) -> ClassSession:
    # The lock every change to this class's seats queues on. Two requests that
    # both counted "one seat left" without it would both confirm.
    return ClassSession.objects.select_for_update().get(pk=session_id)


def check_open(session: ClassSession, channel: str) -> None:
    """Raise ClassNotOpen unless the class takes registrations on this channel now."""
    now = timezone.now()
    if session.status != ClassSession.Status.PUBLISHED:
        if session.status == ClassSession.Status.CANCELLED:
            raise ClassNotOpen(_("この教室は中止になりました。ほかの日の教室をお選びください。"))
        raise ClassNotOpen()
    # A walk-in is registered at the door while the class runs; everyone else
    # must register before it starts.
    closes_at = session.ends_at if channel == Registration.Channel.WALK_IN else session.starts_at
    if closes_at <= now:
        raise ClassNotOpen(
            _(
                "この教室はすでに始まっているため、申込を受け付けられません。ほかの日の教室をお選びください。"
            )
        )


def same_person(registration: Registration) -> Q:
    """Active registrations of the person `registration` is for: same resident, or phone and name."""
    person = Q(resident_id=registration.resident_id)
    if registration.phone:
        person |= Q(phone=registration.phone, name_key=name_key(registration.name))
    return person & ~Q(status=Status.CANCELLED)


def count_seats(
    session: ClassSession, registration: Registration | None = None
) -> tuple[capacity.Seats, bool]:
    """Seats taken, parties waiting, and whether this person is already active here: one query."""
    aggregates = {
        "taken": Coalesce(Sum("party_size", filter=Q(status=Status.CONFIRMED)), 0),
        "waiting": Count("id", filter=Q(status=Status.WAITLISTED)),
    }
    if registration is not None:
        aggregates["mine"] = Count("id", filter=same_person(registration))
    row = Registration.objects.filter(session=session).aggregate(**aggregates)
    seats = capacity.Seats(capacity=session.capacity, taken=row["taken"], waiting=row["waiting"])
    return seats, bool(row.get("mine"))


def place_locked(registration: Registration, session: ClassSession) -> int:
    """Lock the class, count, decide with core.capacity, insert; return the parties waiting.

    The portable way: three round trips under the lock.
    """
    locked = lock_session(session.pk)
    check_open(locked, registration.channel)  # it may have been cancelled while we waited
    seats, already = count_seats(locked, registration)
    if already:
        raise AlreadyRegistered()
    now = timezone.now()
    registration.session = locked
    registration.status = capacity.place(seats, registration.party_size)
    # Set under the lock, so the waiting list's order is the order in which
    # requests got the lock: true arrival order.
    registration.requested_at = registration.status_changed_at = now
    registration.save(force_insert=True)
    return seats.waiting


def can_place_in_one_round_trip() -> bool:
    # Several statements in one execute() need psycopg's client-side binding,
    # Django's default; with server_side_binding the portable way is used.
    return connection.vendor == "postgresql" and not connection.settings_dict.get(
        "OPTIONS", {}
    ).get("server_side_binding")


# core.capacity.place() in SQL, for the one-round-trip insert below. It must
# decide exactly as place() does: confirmed only if nobody is waiting and the
# whole party fits (tests/outreach/test_registration.py compares the two).
PLACE_SQL = (
    "CASE WHEN {waiting} = 0 AND {party} <= GREATEST({capacity} - {taken}, 0) "
    "THEN 'confirmed' ELSE 'waitlisted' END"
)


def _insert_values(instance, fields) -> list:
    return [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]


def place_locked_postgresql(registration: Registration, session: ClassSession) -> int:
    """place_locked in one round trip to PostgreSQL; return the parties waiting.

    Under a burst the class's lock, not the CPU, limits throughput: whoever
    holds it must not wait for its own process to be scheduled again between
    statements. So the lock, the count and the insert go to the server as one
    string of two statements. Each statement takes its own snapshot (READ
    COMMITTED), so the insert's count sees every registration committed before
    the lock was granted. The decision is PLACE_SQL (core.capacity's rule); the
    arrival time is clock_timestamp() under the lock, so the waiting list's
    order stays the order of getting the lock. If the class closed meanwhile,
    or the same person is already registered here, nothing is inserted and the
    locked row tells which.
    """
    meta = Registration._meta
    quote = connection.ops.quote_name
    table, class_table = quote(meta.db_table), quote(ClassSession._meta.db_table)
    decided = {"id", "status", "requested_at", "status_changed_at"}
    fields = [f for f in meta.concrete_fields if f.attname not in decided]
    columns = ", ".join(quote(f.column) for f in fields)
    values = _insert_values(registration, fields)
    closes = "ends_at" if registration.channel == Registration.Channel.WALK_IN else "starts_at"
    phone = meta.get_field("phone").get_db_prep_save(registration.phone, connection)
    decision = PLACE_SQL.format(
        waiting="counted.waiting",
        party="%s",
        capacity="c.capacity",
        taken="counted.taken",
    )
    # The same person as same_person(): this resident, or this phone with this
    # name. A NULL phone compares as unknown, so it never matches by phone.
    sql = f"""
        SELECT status, starts_at, ends_at FROM {class_table} WHERE id = %s FOR UPDATE;
        WITH counted AS (
            SELECT COALESCE(SUM(party_size) FILTER (WHERE status = 'confirmed'), 0) AS taken,
                   COUNT(*) FILTER (WHERE status = 'waitlisted') AS waiting,
                   COUNT(*) FILTER (
                       WHERE status <> 'cancelled'
                         AND (resident_id = %s OR (phone = %s AND name_key = %s))
                   ) AS mine,
                   clock_timestamp() AS at
            FROM {table} WHERE session_id = %s
        ), placed AS (
            INSERT INTO {table} ({columns}, status, requested_at, status_changed_at)
            SELECT {", ".join(["%s"] * len(values))}, {decision}, counted.at, counted.at
            FROM counted, {class_table} c
            WHERE c.id = %s AND c.status = 'published' AND c.{closes} > counted.at
              AND counted.mine = 0
            RETURNING id, status, requested_at
        )
        SELECT placed.id, placed.status, placed.requested_at, counted.waiting
        FROM placed, counted
    """  # noqa: S608 (names from the models; values are parameters)
    params = [
        session.pk,
        registration.resident_id,
        phone,
        name_key(registration.name),
        session.pk,
        *values,
        registration.party_size,
        session.pk,
    ]
    return _run_placing(sql, params, registration, session)


def _run_placing(sql: str, params: list, registration: Registration, session: ClassSession) -> int:
    """Send a placing string (the locked class's row, then the placed row) and read it.

    The placed row is (id, status, requested_at, parties waiting[, resident_id]);
    none means the class closed meanwhile, or the same person is already here.
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        locked_row = cursor.fetchone()
        cursor.nextset()
        row = cursor.fetchone()
    if locked_row is None:  # no such class, or it was deleted while we waited
        raise ClassNotFound()
    if row is None:
        locked = ClassSession(pk=session.pk, status=locked_row[0])
        locked.starts_at, locked.ends_at = locked_row[1], locked_row[2]
        check_open(locked, registration.channel)  # cancelled or started while we waited
        raise AlreadyRegistered()
    registration.pk, registration.status, registration.requested_at, waiting = row[:4]
    if len(row) > 4:
        registration.resident_id = row[4]
    registration.status_changed_at = registration.requested_at
    registration._state.adding = False
    return waiting


def one_string_transaction():
    """The transaction around one string of statements sent in one round trip.

    In autocommit PostgreSQL runs a string of several statements as one implicit
    transaction (all or nothing, locks held to its end), so no BEGIN and COMMIT
    round trips are needed; inside a caller's transaction a savepoint keeps a
    refused insert from spoiling the caller's work.
    """
    return transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()


def place_person_postgresql(
    registration: Registration, session: ClassSession, newcomer: Resident
) -> int:
    """place_locked_postgresql for a person found by phone and name, in one round trip.

    The resident with this phone and name (identity.resident_for's rule) is found,
    or `newcomer` inserted, in the same statement that counts and places, and only
    when a place is taken: a refused registration leaves no resident behind. Run
    it under one_string_transaction(). Returns the parties waiting, as
    place_locked_postgresql does, and sets registration.resident_id.
    """
    quote = connection.ops.quote_name
    meta, person_meta = Registration._meta, Resident._meta
    table, class_table = quote(meta.db_table), quote(ClassSession._meta.db_table)
    person_table = quote(person_meta.db_table)
    decided = {"id", "status", "requested_at", "status_changed_at", "resident_id"}
    fields = [f for f in meta.concrete_fields if f.attname not in decided]
    person_fields = [f for f in person_meta.concrete_fields if f.attname != "id"]
    values = _insert_values(registration, fields)
    person_values = _insert_values(newcomer, person_fields)
    closes = "ends_at" if registration.channel == Registration.Channel.WALK_IN else "starts_at"
    phone = meta.get_field("phone").get_db_prep_save(registration.phone, connection)
    key = name_key(registration.name)
    decision = PLACE_SQL.format(
        waiting="counted.waiting", party="%s", capacity="opening.capacity", taken="counted.taken"
    )
    sql = f"""
        SELECT status, starts_at, ends_at FROM {class_table} WHERE id = %s FOR UPDATE;
        WITH found AS (
            SELECT id FROM {person_table} WHERE phone = %s AND name_key = %s ORDER BY id LIMIT 1
        ), counted AS (
            SELECT COALESCE(SUM(party_size) FILTER (WHERE status = 'confirmed'), 0) AS taken,
                   COUNT(*) FILTER (WHERE status = 'waitlisted') AS waiting,
                   COUNT(*) FILTER (
                       WHERE status <> 'cancelled'
                         AND (resident_id IN (SELECT id FROM found)
                              OR (phone = %s AND name_key = %s))
                   ) AS mine,
                   clock_timestamp() AS at
            FROM {table} WHERE session_id = %s
        ), opening AS (
            SELECT c.capacity FROM {class_table} c, counted
            WHERE c.id = %s AND c.status = 'published' AND c.{closes} > counted.at
              AND counted.mine = 0
        ), made AS (
            INSERT INTO {person_table} ({", ".join(quote(f.column) for f in person_fields)})
            SELECT {", ".join(["%s"] * len(person_values))} FROM opening
            WHERE NOT EXISTS (SELECT 1 FROM found)
            RETURNING id
        ), person AS (
            SELECT id FROM found UNION ALL SELECT id FROM made
        ), placed AS (
            INSERT INTO {table} ({", ".join(quote(f.column) for f in fields)},
                                 resident_id, status, requested_at, status_changed_at)
            SELECT {", ".join(["%s"] * len(values))}, person.id, {decision}, counted.at, counted.at
            FROM counted, opening, person
            RETURNING id, status, requested_at, resident_id
        )
        SELECT placed.id, placed.status, placed.requested_at, counted.waiting, placed.resident_id
        FROM placed, counted
    """  # noqa: S608 (names from the models; values are parameters)
    params = [
        session.pk,
        phone,
        key,
        phone,
        key,
        session.pk,
        session.pk,
        *person_values,
        *values,
        registration.party_size,
    ]
    return _run_placing(sql, params, registration, session)
