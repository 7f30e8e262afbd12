"""A worker's database steps: claim a batch for itself alone, write its results back.

The rules:

1. A worker sends a row only after claiming it: in one transaction it picks due
   rows with SELECT … FOR UPDATE SKIP LOCKED and marks them `sending` with its
   own claim token and an expiry (`claimed_until`) before it commits. A second
   worker running the same query at the same moment skips the locked rows
   instead of waiting, and once the claim commits no other worker's query
   matches them until the claim expires. No two workers hold the same row.
2. Results are written only where `claim_token` is still this worker's, so a
   worker that lost its claim never overwrites another's result.
3. Expired claims come first (oldest first): their messages waited longest.

Each step has a PostgreSQL fast path and a portable twin, side by side here and
run on the same rows by tests/messaging/test_claim_parity.py:

- the claim: one statement (claim_statement) / two ORM queries and an update;
- the result write: one UPDATE … FROM unnest(arrays) / one UPDATE per row;
- the BatchWriter: a second connection on its own thread / each step in line.
"""

import datetime as dt
import functools
import uuid
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from messaging.models import Message, OptOut
from outreach.models import ClassSession, Registration

# What delivery.why_not_send reads, loaded with the claim itself: whether the
# number is opted out, and the little of its registration and class (building
# the whole related models cost more than the claim itself).
LIVE_CHECK = {
    "opted_out": Exists(OptOut.objects.filter(phone=OuterRef("to"))),
    "registration_status": F("registration__status"),
    "session_status": F("registration__session__status"),
    "session_starts_at": F("registration__session__starts_at"),
}
CLAIM_FIELDS = ("status", "claim_token", "claimed_at", "claimed_until", "updated_at")
# What the claim statement reads back: the rest is what the claim wrote. (Each
# timestamp read costs a few microseconds in Python; four of them per message
# were known already.)
_RETURNED_FIELDS = [f for f in Message._meta.concrete_fields if f.name not in CLAIM_FIELDS]
# The fields a send result writes; results are written once per batch.
RESULT_FIELDS = [
    "status",
    "provider_id",
    "price",
    "price_unit",
    "sent_at",
    "due_at",
    "error_code",
    "error_message",
    "attempts",
    "claim_token",
    "claimed_until",
    "updated_at",
]


# --- Claiming ----------------------------------------------------------------------------


def new_claim() -> dict:
    """The values a claim writes: status `sending`, a fresh token, an expiry."""
    wall = timezone.now()
    return {
        "status": Message.Status.SENDING,
        "claim_token": uuid.uuid4(),
        "claimed_at": wall,
        "claimed_until": wall + dt.timedelta(seconds=settings.MESSAGING_CLAIM_SECONDS),
        "updated_at": wall,
    }


def claim_batch(now, size: int) -> list[Message]:
    """Take up to `size` messages due at `now` for this worker alone (rules 1 and 3)."""
    if connection.vendor == "postgresql":
        return claim_in_one_statement(now, size, new_claim())
    return claim_with_orm(now, size, new_claim())


def claimable():
    """Messages locked as they are read, skipping rows another worker has locked.

    Each carries LIVE_CHECK as annotations. `of=self`: only the message rows
    are locked, not their registration and class.
    """
    return Message.objects.select_for_update(skip_locked=True, of=("self",)).annotate(**LIVE_CHECK)


def claim_with_orm(now, size: int, claim: dict) -> list[Message]:
    """The portable claim (SQLite, where IMMEDIATE transactions serialise the same step)."""
    with transaction.atomic():
        # Two queries, each walking one partial index in order and stopping
        # after `size` rows: one query ORing "queued and due" with "claim
        # expired" is answered by a bitmap scan and sort of the whole queue.
        locked = claimable()
        batch = list(
            locked.stale_claims(claim["claimed_at"]).order_by("claimed_until", "id")[:size]
        )
        if len(batch) < size:
            batch += locked.due(now).order_by("due_at", "id")[: size - len(batch)]
        if not batch:
            return []
        Message.objects.filter(id__in=[m.pk for m in batch]).update(
            attempts=F("attempts") + 1, **claim
        )
    for message in batch:
        message.attempts += 1
        for name, value in claim.items():
            setattr(message, name, value)
    return batch


@functools.cache
def claim_statement() -> str:
    """The claim on PostgreSQL: pick, lock, mark and read a batch in one statement.

    The same two index walks as claim_with_orm (expired claims; queued and
    due, each in index order with a LIMIT), but one round trip instead of
    four, and no query to compile per batch. Returns the batch's place, the
    message columns the claim did not set itself, and LIVE_CHECK's values.
    """
    quote = connection.ops.quote_name
    table = quote(Message._meta.db_table)
    columns = ", ".join(f"m.{quote(f.column)}" for f in _RETURNED_FIELDS)
    registration_fk = quote(Message._meta.get_field("registration").column)
    session_fk = quote(Registration._meta.get_field("session").column)
    # One LIMIT per half, then the union cut to `size`: a LIMIT computed from the
    # first half would not be a constant, and the planner would then expect to
    # read a tenth of the queue and sort it rather than walk the index.
    return f"""
        WITH stale AS (
            SELECT id, {registration_fk}, 0 AS part, claimed_until AS place FROM {table}
            WHERE status = '{Message.Status.SENDING}' AND claimed_until < %(wall)s
            ORDER BY claimed_until, id LIMIT %(size)s FOR UPDATE SKIP LOCKED
        ), due AS (
            SELECT id, {registration_fk}, 1 AS part, due_at AS place FROM {table}
            WHERE status = '{Message.Status.QUEUED}' AND due_at <= %(now)s
            ORDER BY due_at, id LIMIT %(size)s FOR UPDATE SKIP LOCKED
        ), picked AS (
            SELECT id, {registration_fk}, row_number() OVER (ORDER BY part, place, id) AS rank
            FROM (SELECT * FROM stale UNION ALL SELECT * FROM due) AS both_halves
            ORDER BY rank LIMIT %(size)s
        )
        UPDATE {table} AS m SET
            status = %(status)s, claim_token = %(claim_token)s, claimed_at = %(claimed_at)s,
            claimed_until = %(claimed_until)s, updated_at = %(updated_at)s,
            attempts = m.attempts + 1
        FROM picked
        LEFT JOIN {quote(Registration._meta.db_table)} AS r ON r.id = picked.{registration_fk}
        LEFT JOIN {quote(ClassSession._meta.db_table)} AS s ON s.id = r.{session_fk}
        WHERE m.id = picked.id
        RETURNING picked.rank, {columns},
            EXISTS (SELECT 1 FROM {quote(OptOut._meta.db_table)} AS o WHERE o.phone = m.{quote("to")}),
            r.status, s.status, s.starts_at
    """  # noqa: S608 (names from the models)


def claim_in_one_statement(now, size: int, claim: dict) -> list[Message]:
    """The PostgreSQL claim: claim_statement, and the messages built from what it returns."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            claim_statement(), {"now": now, "wall": claim["claimed_at"], "size": size, **claim}
        )
        rows = cursor.fetchall()
    rows.sort(key=lambda row: row[0])  # RETURNING comes in no particular order
    returned = len(_RETURNED_FIELDS)
    batch = []
    for row in rows:
        values = iter(row[1 : 1 + returned])
        message = Message.from_db(
            connection.alias,
            None,
            [
                claim[f.name] if f.name in claim else next(values)
                for f in Message._meta.concrete_fields
            ],
        )
        for name, value in zip(LIVE_CHECK, row[1 + returned :], strict=True):
            setattr(message, name, value)
        batch.append(message)
    return batch


# --- Results ---------------------------------------------------------------------------


def record_result(message: Message, **changes) -> None:
    """Note a result on the claimed message; write_results stores it while the claim is ours."""
    changes.setdefault("claim_token", None)
    changes.setdefault("claimed_until", None)
    changes["updated_at"] = timezone.now()
    for name, value in changes.items():
        setattr(message, name, value)


def release(message: Message) -> None:
    """Give back a claimed message that was not tried: queued again, the attempt uncounted."""
    record_result(message, status=Message.Status.QUEUED, attempts=message.attempts - 1)


def write_results(messages: list[Message], token) -> None:
    """Store the batch's results where `claim_token = token` still holds (rule 2)."""
    if not messages:
        return
    if connection.vendor == "postgresql":
        write_results_unnest(messages, token)
    else:
        write_results_rowwise(messages, token)


def _result_fields():
    return [Message._meta.get_field(name) for name in RESULT_FIELDS]


def write_results_rowwise(messages: list[Message], token) -> None:
    """The portable write: one parameterised UPDATE per message.

    SQLite runs in this process, so a statement costs microseconds there;
    bulk_update's CASE expressions cost more.
    """
    fields = _result_fields()
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = (
        f"UPDATE {quote(Message._meta.db_table)} SET {assignments} "  # noqa: S608 (names from the model)
        f"WHERE {quote('id')} = %s AND {quote('claim_token')} = %s"
    )
    token_value = Message._meta.get_field("claim_token").get_db_prep_save(token, connection)
    rows = [
        [f.get_db_prep_save(getattr(m, f.attname), connection) for f in fields]
        + [m.pk, token_value]
        for m in messages
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def write_results_unnest(messages: list[Message], token) -> None:
    """The PostgreSQL write: one UPDATE for the batch, its values one array per column.

    A hundred single-row UPDATEs were a hundred round trips, and a VALUES list
    of 1,300 placeholders took as long to build and parse: either cost more
    per message than all the rest of the pipeline's own work. The values go as
    they are: psycopg adapts str, int, Decimal, UUID and aware datetimes
    itself, and Django's per-field preparation (twelve calls per message) cost
    more than the write.

    The commit does not wait for its WAL flush (synchronous_commit off, this
    transaction only). If the database server crashed within the next fraction
    of a second and lost these results, the rows would still be durably claimed
    (the claim commits synchronously): once the claims expire, the next worker
    asks Twilio (find_accepted) and records what it finds, exactly as after a
    killed worker. No message can go out twice this way.
    """
    fields = _result_fields()
    quote = connection.ops.quote_name
    names = [f.column for f in fields] + ["id", "expected_token"]
    casts = [f.db_type(connection) for f in fields] + ["bigint", "uuid"]
    arrays = ", ".join(f"%s::{cast}[]" for cast in casts)
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields)
    table = quote(Message._meta.db_table)
    sql = (
        f"UPDATE {table} SET {assignments} "  # noqa: S608 (names and types from the model)
        f"FROM unnest({arrays}) AS v({', '.join(quote(n) for n in names)}) "
        f"WHERE {table}.{quote('id')} = v.{quote('id')} "
        f"AND {table}.{quote('claim_token')} = v.{quote('expected_token')}"
    )
    rows = [[getattr(m, f.attname) for f in fields] + [m.pk, token] for m in messages]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(sql, [list(column) for column in zip(*rows, strict=True)])


# --- The second connection ---------------------------------------------------------------


def _close_connection() -> None:
    connection.close()


class BatchWriter:
    """Claims and result writes for a delivery run, off the sending thread where it helps.

    A batch's sends take a hundred or more round trips to Twilio; its claim
    and its result write are two statements that each keep PostgreSQL busy
    for several milliseconds. With `background` (the default on PostgreSQL
    outside a transaction) they run, in order, on one thread with its own
    connection, so the database works while the sending thread waits for
    Twilio; psycopg releases the GIL while it waits. Inside a transaction (the
    tests' own, or a caller's) a second connection could not see its rows,
    and SQLite serialises writers anyway: there, each step runs at once on
    this connection.

    Leaving the block waits for every write, gives back a batch claimed but
    not handed out for sending, and raises what a background step raised.
    """

    def __init__(self, background: bool | None = None):
        if background is None:
            background = connection.vendor == "postgresql" and not connection.in_atomic_block
        self._thread = None
        if background:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="messaging-db")
        self._steps: list[Future] = []
        self._unsent: Future | None = None

    def claim(self, now, size: int) -> Future:
        """The next batch (a Future); it counts as unsent until the next claim."""
        if size <= 0:
            self._unsent = self._run(list)
        else:
            self._unsent = self._run(claim_batch, now, size)
        return self._unsent

    def flush(self, batch: list[Message], token) -> None:
        self._steps.append(self._run(write_results, batch, token))
        # Surface a failed write now rather than after the whole run.
        while self._steps and self._steps[0].done():
            self._steps.pop(0).result()

    def _run(self, step, *args) -> Future:
        if self._thread is not None:
            return self._thread.submit(step, *args)
        done = Future()
        try:
            done.set_result(step(*args))
        except Exception as exc:
            done.set_exception(exc)
        return done

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        try:
            unsent = self._unsent.result() if self._unsent is not None else []
            if unsent:  # claimed, but the run ended before sending it
                token = unsent[0].claim_token  # before release clears it
                for message in unsent:
                    release(message)
                self.flush(unsent, token)
            for step in self._steps:
                step.result()
        finally:
            if self._thread is not None:
                # The thread's own connection (connection.close here would be this one's).
                self._thread.submit(_close_connection).result()
                self._thread.shutdown()
