"""Every change of state in messaging is one named function here.

The exactly-once argument (docs/messaging.md has it in full):

1. At most one Message row exists per (registration, purpose, occasion): a
   unique constraint in the database, so two workers, a repeated
   `send_due_reminders` or a replayed signal can only ever create it once.
2. A worker sends a row only after claiming it: in one transaction it picks
   due rows with SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL; SQLite's
   IMMEDIATE transactions serialise the same step) and marks them `sending`
   with its own claim token and an expiry. No two workers hold the same row.
3. Every later write is conditional on that claim token, so a worker that
   lost its claim can never overwrite another's result.
4. A claim that expired (the worker was killed or hung) is taken again, but
   before sending, the provider is asked whether it already accepted this
   message (backend.find_accepted); only if it did not is the message sent.
"""

import datetime as dt
import functools
import logging
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from messaging import clock, texts
from messaging.backends import BaseBackend, PermanentError, SendResult, TransientError, get_backend
from messaging.models import Channel, InboundMessage, Message, OptOut, Purpose
from messaging.schedule import backoff, in_quiet_hours, next_allowed, reminder_moments

logger = logging.getLogger(__name__)

# Purposes that only make sense while the registration is active and the class is on.
_NEEDS_LIVE_CLASS = {
    Purpose.CONFIRMATION,
    Purpose.WAITLISTED,
    Purpose.REMINDER,
    Purpose.PROMOTION,
    Purpose.CLASS_MOVED,
}
# How long after a class a follow-up may still be planned (a newly deployed
# system must not thank people for classes of last month).
FOLLOW_UP_WINDOW = dt.timedelta(days=2)
# plan_due_messages refreshes the planner's statistics after creating this many.
ANALYZE_AFTER = 1000
# Twilio's "the recipient has replied STOP to this number": treat as an opt-out.
UNSUBSCRIBED_CODE = "21610"


def _channel_for(resident, phone) -> str | None:
    """SMS for mobiles, a voice call for landlines, None when we may not or cannot call."""
    from outreach.phones import contact_channel

    if phone is None or resident is None:
        return None
    preference = resident.contact_preference
    if preference == "none":
        return None
    kind = contact_channel(phone)
    if kind is None:
        return None
    if preference == "voice":
        return Channel.VOICE
    return kind


def _phone_e164(phone) -> str:
    return getattr(phone, "as_e164", None) or str(phone)


def build_message(
    registration, purpose: str, *, occasion: str = "", due_at, position=None, custom=None
):
    """An unsaved Message for one registration, or None when it is not to be sent at all."""
    resident = registration.resident
    channel = _channel_for(resident, registration.phone)
    if channel is None:
        return None
    language = texts.text_language(registration.language)
    body = texts.template_body(purpose, language, channel, custom)
    if not body:
        return None  # e.g. no follow-up by voice: a link cannot be read aloud
    values = texts.registration_values(registration, language, position=position)
    body = texts.fill(body, values)
    return Message(
        registration=registration,
        resident=resident,
        to=_phone_e164(registration.phone),
        channel=channel,
        purpose=purpose,
        occasion=occasion,
        language=language,
        body=body,
        segments=texts.segments(body) if channel == Channel.SMS else 1,
        due_at=due_at,
    )


def queue_message(registration, purpose: str, *, occasion: str = "", position=None, now=None):
    """Queue the one message for (registration, purpose, occasion); return it, or None.

    Invariant: calling this twice (a replayed signal, two app servers) leaves
    one row; the second call returns the existing row unchanged.
    """
    now = now or clock.now()
    message = build_message(
        registration, purpose, occasion=occasion, due_at=next_allowed(now), position=position
    )
    if message is None:
        return None
    # ignore_conflicts: the unique constraint, not a prior read, decides.
    Message.objects.bulk_create([message], ignore_conflicts=True)
    stored = Message.objects.filter(
        registration=registration, purpose=purpose, occasion=occasion, resent_from=None
    ).first()
    _wake_worker()
    return stored


def _wake_worker() -> None:
    from messaging.tasks import deliver_messages

    def enqueue():
        try:
            deliver_messages.enqueue()
        except Exception:  # a full queue must never break a registration
            logger.exception("could not enqueue message delivery")

    transaction.on_commit(enqueue)


def plan_due_messages(now=None) -> int:
    """Create the reminders and follow-ups that are due at `now`; return how many are new.

    Invariant: idempotent. Only the latest due reminder of each registration is
    created (someone who registers the evening before gets the morning one, not
    a stale "two days before" as well), and none that was due before the
    resident's place was confirmed.
    """
    from outreach.models import ClassSession, Registration

    now = now or clock.now()
    longest = max((days for days, _hhmm in settings.REMINDER_SCHEDULE), default=0)
    upcoming = (
        Registration.objects.confirmed()
        .filter(
            session__status=ClassSession.Status.PUBLISHED,
            session__starts_at__gt=now,
            session__starts_at__lte=now + dt.timedelta(days=longest + 1),
        )
        .select_related("session", "session__topic", "session__venue", "resident")
    )
    new: list[Message] = []
    custom = texts.custom_texts()
    for registration in upcoming.iterator(chunk_size=1000):
        due = [
            (occasion, moment)
            for occasion, moment in reminder_moments(registration.session.starts_at)
            if moment <= now and moment > registration.status_changed_at
        ]
        if due:
            occasion, moment = due[-1]
            message = build_message(
                registration, Purpose.REMINDER, occasion=occasion, due_at=moment, custom=custom
            )
            if message is not None:
                new.append(message)

    delay = dt.timedelta(hours=settings.FOLLOW_UP_DELAY_HOURS)
    finished = (
        Registration.objects.confirmed()
        .filter(
            session__status=ClassSession.Status.PUBLISHED,
            session__ends_at__lte=now - delay,
            session__ends_at__gt=now - delay - FOLLOW_UP_WINDOW,
        )
        .exclude(messages__purpose=Purpose.FOLLOW_UP)
        .select_related("session", "session__topic", "session__venue", "resident")
    )
    for registration in finished.iterator(chunk_size=1000):
        message = build_message(
            registration,
            Purpose.FOLLOW_UP,
            due_at=next_allowed(registration.session.ends_at + delay),
            custom=custom,
        )
        if message is not None:
            new.append(message)

    before = Message.objects.count()
    Message.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    created = Message.objects.count() - before if new else 0
    if created >= ANALYZE_AFTER and connection.vendor == "postgresql":
        # Fresh statistics before the sends: planned against stale ones (a
        # table analyzed when few rows were queued), claim_batch's LIMIT query
        # is answered by a bitmap scan and sort of the whole queue for every
        # batch of 100, not by reading the first rows of its partial index.
        # Autovacuum would notice only after a minute or more, and not at all
        # where it is switched off. ANALYZE samples a fixed number of rows.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Message._meta.db_table)}")
    return created


@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    retrying: int = 0
    failed: int = 0
    recovered: int = 0
    quiet: bool = False
    lines: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.sent + self.skipped + self.retrying + self.failed + self.recovered


def claim_batch(now, size: int) -> list[Message]:
    """Take up to `size` due messages for this worker alone.

    The rows are picked with SKIP LOCKED, so a second worker running the same
    query at the same moment skips them instead of waiting, and marked
    `sending` with a token before the transaction ends: once it commits, no
    other worker's query matches them until the claim expires. Expired claims
    come first (oldest first): their messages waited longest.
    """
    wall = timezone.now()
    claim = {
        "status": Message.Status.SENDING,
        "claim_token": uuid.uuid4(),
        "claimed_at": wall,
        "claimed_until": wall + dt.timedelta(seconds=settings.MESSAGING_CLAIM_SECONDS),
        "updated_at": wall,
    }
    if connection.vendor == "postgresql":
        return _claim_in_one_statement(now, size, claim)
    locked = claimable()
    with transaction.atomic():
        # Two queries, each walking one partial index in order and stopping
        # after `size` rows: one query ORing "queued and due" with "claim
        # expired" is answered by a bitmap scan and sort of the whole queue.
        batch = list(locked.stale_claims(wall).order_by("claimed_until", "id")[:size])
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


def claimable():
    """Messages locked as they are read, skipping rows another worker has locked.

    Each carries what _why_not_send reads as annotations: whether the number
    is opted out, and the little of its registration and class (building the
    whole related models cost more than the claim itself). `of=self`: only
    the message rows are locked.
    """
    return Message.objects.select_for_update(skip_locked=True, of=("self",)).annotate(**_LIVE_CHECK)


_LIVE_CHECK = {
    "opted_out": Exists(OptOut.objects.filter(phone=OuterRef("to"))),
    "registration_status": F("registration__status"),
    "session_status": F("registration__session__status"),
    "session_starts_at": F("registration__session__starts_at"),
}


@functools.cache
def claim_statement() -> str:
    """claim_batch on PostgreSQL: pick, lock, mark and read a batch in one statement.

    The same two index walks as the ORM path (expired claims; queued and due,
    each in index order with a LIMIT), but one round trip instead of four, and
    no query to compile per batch. Returns the batch's place, the message
    columns claim_batch did not set itself, and what _why_not_send reads.
    """
    from outreach.models import ClassSession, Registration

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


_CLAIM_FIELDS = ("status", "claim_token", "claimed_at", "claimed_until", "updated_at")
# What the claim statement reads back: the rest is what claim_batch wrote. (Each
# timestamp read costs a few microseconds in Python; four of them per message
# were known already.)
_RETURNED_FIELDS = [f for f in Message._meta.concrete_fields if f.name not in _CLAIM_FIELDS]


def _claim_in_one_statement(now, size: int, claim: dict) -> list[Message]:
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
        for name, value in zip(_LIVE_CHECK, row[1 + returned :], strict=True):
            setattr(message, name, value)
        batch.append(message)
    return batch


# The fields a send result writes; results are written once per batch (below).
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


def _finish(message: Message, **changes) -> None:
    """Record a result on the message; _flush writes it while the claim is still ours."""
    changes.setdefault("claim_token", None)
    changes.setdefault("claimed_until", None)
    changes["updated_at"] = timezone.now()
    for name, value in changes.items():
        setattr(message, name, value)


def _flush(messages: list[Message], token) -> None:
    if not messages:
        return
    # `AND claim_token = …`: only rows still claimed by this worker are written,
    # so a worker that lost its claim never overwrites another's result.
    fields = [Message._meta.get_field(name) for name in RESULT_FIELDS]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The values go as they are: psycopg adapts str, int, Decimal, UUID
            # and aware datetimes itself, and Django's per-field preparation
            # (twelve calls per message) cost more than the write.
            rows = [[getattr(m, f.attname) for f in fields] + [m.pk, token] for m in messages]
            _flush_postgresql(cursor, fields, rows)
        else:
            token_value = Message._meta.get_field("claim_token").get_db_prep_save(token, connection)
            rows = [
                [f.get_db_prep_save(getattr(m, f.attname), connection) for f in fields]
                + [m.pk, token_value]
                for m in messages
            ]
            _flush_rowwise(cursor, fields, rows)


def _flush_rowwise(cursor, fields, rows) -> None:
    # One parameterised UPDATE per message (SQLite runs in this process: a
    # statement costs microseconds; bulk_update's CASE expressions cost more).
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = (
        f"UPDATE {quote(Message._meta.db_table)} SET {assignments} "  # noqa: S608 (names from the model)
        f"WHERE {quote('id')} = %s AND {quote('claim_token')} = %s"
    )
    cursor.executemany(sql, rows)


def _flush_postgresql(cursor, fields, rows) -> None:
    # One UPDATE for the whole batch, its values passed as one array per
    # column: a hundred single-row UPDATEs were a hundred round trips, and a
    # VALUES list of 1,300 placeholders took as long to build and parse. Either
    # cost more per message than all the rest of the pipeline's own work.
    #
    # The commit does not wait for its WAL flush (synchronous_commit off, this
    # transaction only). If the database server crashed within the next fraction
    # of a second and lost these results, the rows would still be durably
    # claimed (claim_batch commits synchronously): once the claims expire, the
    # next worker asks Twilio (find_accepted) and records what it finds,
    # exactly as after a killed worker. No message can go out twice this way.
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
    cursor.execute("SET LOCAL synchronous_commit TO OFF")
    cursor.execute(sql, [list(column) for column in zip(*rows, strict=True)])


def _why_not_send(message: Message, now) -> str:
    if message.opted_out:
        return _("配信停止の番号です")
    if message.purpose in _NEEDS_LIVE_CLASS and message.registration_id is not None:
        if message.registration_status == "cancelled":
            return _("申込が取り消されました")
        if message.session_status == "cancelled":
            return _("教室が中止になりました")
        if message.purpose == Purpose.REMINDER and message.session_starts_at <= now:
            return _("教室がもう始まっています")
    return ""


def _sent(message: Message, result: SendResult, now) -> None:
    _finish(
        message,
        status=Message.Status.SENT,
        provider_id=result.provider_id,
        price=result.price,
        price_unit=result.price_unit,
        sent_at=now,
        error_code="",
        error_message="",
    )


def _retry_later(message: Message, exc: TransientError, now, report: DeliveryReport) -> None:
    if message.attempts >= settings.MESSAGING_MAX_ATTEMPTS:
        _finish(
            message, status=Message.Status.FAILED, error_code=exc.code, error_message=exc.message
        )
        report.failed += 1
        return
    _finish(
        message,
        status=Message.Status.QUEUED,
        due_at=next_allowed(now + backoff(message.attempts)),
        error_code=exc.code,
        error_message=exc.message,
    )
    report.retrying += 1


def send_claimed(message: Message, backend: BaseBackend, now, report):
    """Send one claimed message, or record why it was not sent."""
    reason = _why_not_send(message, now)
    if reason:
        _finish(message, status=Message.Status.SKIPPED, error_message=reason)
        report.skipped += 1
        return
    if backend.can_be_ambiguous and message.attempts > 1:
        # A previous attempt may have reached the provider (crash, timeout):
        # ask before sending again.
        known = set(
            Message.objects.filter(to=message.to)
            .exclude(provider_id="")
            .values_list("provider_id", flat=True)
        )
        try:
            found = backend.find_accepted(message, known)
        except TransientError as exc:
            _retry_later(message, exc, now, report)
            return
        if found is not None:
            _sent(message, found, now)
            report.recovered += 1
            return
    try:
        result = backend.send(message)
    except TransientError as exc:
        _retry_later(message, exc, now, report)
        return
    except PermanentError as exc:
        _finish(
            message, status=Message.Status.FAILED, error_code=exc.code, error_message=exc.message
        )
        if exc.code == UNSUBSCRIBED_CODE:
            opt_out(message.to, source=OptOut.Source.PROVIDER)
        report.failed += 1
        return
    _sent(message, result, now)
    report.sent += 1


def _release(message: Message) -> None:
    """Give back a claimed message that was not tried: queued again, as it was."""
    _finish(message, status=Message.Status.QUEUED, attempts=message.attempts - 1)


def _claim_outlasts_send(message: Message, backend: BaseBackend) -> bool:
    # A send may only start if it will end before the claim expires: after
    # that, another worker may take the message, find nothing at Twilio yet,
    # and send it too. The rest of a batch whose sends are slow
    # is given back instead.
    return timezone.now() + dt.timedelta(seconds=backend.send_timeout) < message.claimed_until


def deliver_due_messages(
    now=None, *, limit: int | None = None, progress: Callable[[DeliveryReport], None] | None = None
) -> DeliveryReport:
    """Send every message due at `now`, each exactly once; safe to run concurrently.

    Nothing goes out in the quiet hours (20:00–08:00 Japan time). On
    PostgreSQL the next batch is claimed, and the last one's results written,
    on a second connection while this batch is sent (see _BatchWriter).
    """
    now = now or clock.now()
    report = DeliveryReport()
    if in_quiet_hours(now):
        report.quiet = True
        return report
    backend = get_backend()
    size = settings.MESSAGING_BATCH_SIZE
    # Translated once per run: get_purpose_display() per message cost a
    # catalogue lookup each time (a tenth of a millisecond, per message).
    labels = {value: str(label) for value, label in Purpose.choices}

    def wanted(claimed_now: int = 0) -> int:
        return size if limit is None else min(size, limit - report.handled - claimed_now)

    with _BatchWriter() as writer:
        next_batch = writer.claim(now, wanted())
        # The run ends at an empty claim made after every result was written:
        # a claim made ahead cannot see the messages its batch gives back.
        claimed_after_writes = True
        while True:
            batch = next_batch.result()
            if not batch:
                if claimed_after_writes:
                    break
                next_batch, claimed_after_writes = writer.claim(now, wanted()), True
                continue
            # The next batch is claimed ahead, so that the claim overlaps these
            # sends; a claim lasts long enough for both (_claim_outlasts_send).
            next_batch, claimed_after_writes = writer.claim(now, wanted(len(batch))), False
            token = batch[0].claim_token  # before _finish clears it on each message
            for message in batch:
                if not _claim_outlasts_send(message, backend):
                    _release(message)
                    continue
                send_claimed(message, backend, now, report)
                report.lines.append(
                    f"{labels.get(message.purpose, message.purpose)} → {message.to}: {message.status}"
                )
            # A worker killed before this write leaves its messages claimed; the
            # next worker asks Twilio about them (find_accepted) before sending,
            # so none goes out twice.
            writer.flush(batch, token)
            if progress:
                progress(report)
    return report


def _close_connection() -> None:
    connection.close()


class _BatchWriter:
    """Claims and result writes for deliver_due_messages, off the sending thread.

    A batch's sends take a hundred or more round trips to Twilio; its claim
    and its result write are two statements that each keep PostgreSQL busy
    for several milliseconds. On PostgreSQL they run, in order, on one
    thread with its own connection, so the database works while this thread
    waits for Twilio. Inside a transaction (the tests' own, or a caller's) a
    second connection could not see its rows, and SQLite serialises writers
    anyway: there, each step runs at once on this connection.

    Leaving the block waits for every write, gives back a batch claimed ahead
    but not sent, and raises what a background step raised.
    """

    def __init__(self):
        self._thread = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="messaging-db")
        self._steps: list[Future] = []
        self._unsent: Future | None = None

    def claim(self, now, size: int) -> Future:
        if size <= 0:
            self._unsent = self._run(list)
        else:
            self._unsent = self._run(claim_batch, now, size)
        return self._unsent

    def flush(self, batch: list[Message], token) -> None:
        self._steps.append(self._run(_flush, batch, token))
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
            if unsent:  # claimed ahead; the run ended before sending it
                token = unsent[0].claim_token  # before _release clears it
                for message in unsent:
                    _release(message)
                self.flush(unsent, token)
            for step in self._steps:
                step.result()
        finally:
            if self._thread is not None:
                # The thread's own connection (connection.close here would be this one's).
                self._thread.submit(_close_connection).result()
                self._thread.shutdown()


def resend(message: Message, *, by) -> Message:
    """A coordinator's resend: a new row (resent_from set) queued now.

    Invariant: the original stays as it was, so the log shows both; the
    per-purpose uniqueness does not apply to resends, which are deliberate.
    """
    from core.audit import record

    with transaction.atomic():
        copy = Message.objects.create(
            registration=message.registration,
            resident=message.resident,
            to=message.to,
            channel=message.channel,
            purpose=message.purpose,
            occasion=message.occasion,
            language=message.language,
            body=message.body,
            segments=message.segments,
            due_at=next_allowed(clock.now()),
            resent_from=message,
        )
        record(by, "messaging.resend", copy, original=message.pk)
        _wake_worker()
    return copy


def opt_out(phone: str, *, source: str, by=None, note: str = "") -> bool:
    """Stop all messages to a number; return True if it was not opted out before.

    Invariant: one row per number; messages already queued are skipped at send time.
    """
    _obj, created = OptOut.objects.get_or_create(
        phone=phone, defaults={"source": source, "created_by": by, "note": note[:200]}
    )
    return created


def opt_in(phone: str) -> bool:
    """Messages to the number may go again (START); True if it had been opted out."""
    deleted, _detail = OptOut.objects.filter(phone=phone).delete()
    return bool(deleted)


def record_status(
    provider_id: str, status: str, *, error_code: str = "", price=None, price_unit="", duration=None
) -> Message | None:
    """Apply a status callback from Twilio to the message it is about.

    Invariant: a message never moves backwards (callbacks may arrive out of
    order, and Twilio retries them): `sent` after `delivered` changes nothing.
    """
    mapped = {
        # messages
        "accepted": Message.Status.SENT,
        "queued": Message.Status.SENT,
        "sending": Message.Status.SENT,
        "sent": Message.Status.SENT,
        "delivered": Message.Status.DELIVERED,
        "read": Message.Status.DELIVERED,
        "undelivered": Message.Status.UNDELIVERED,
        "failed": Message.Status.FAILED,
        # calls
        "initiated": Message.Status.SENT,
        "ringing": Message.Status.SENT,
        "in-progress": Message.Status.SENT,
        "completed": Message.Status.DELIVERED,
        "busy": Message.Status.UNDELIVERED,
        "no-answer": Message.Status.UNDELIVERED,
        "canceled": Message.Status.UNDELIVERED,
    }.get(status)
    if mapped is None or not provider_id:
        return None
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(provider_id=provider_id).first()
        if message is None:
            return None
        fields = []
        if Message.RANK[mapped] > Message.RANK[message.status] or (
            mapped != message.status and message.status == Message.Status.SENT
        ):
            message.status = mapped
            fields.append("status")
            if mapped == Message.Status.DELIVERED:
                message.delivered_at = timezone.now()
                fields.append("delivered_at")
        if error_code and error_code != message.error_code:
            message.error_code = error_code[:20]
            fields.append("error_code")
        price_value = _decimal(price)
        if price_value is not None:
            message.price = price_value
            message.price_unit = (price_unit or "")[:3]
            fields += ["price", "price_unit"]
        if fields:
            message.save(update_fields=[*fields, "updated_at"])
    if error_code == UNSUBSCRIBED_CODE:
        opt_out(message.to, source=OptOut.Source.PROVIDER)
    return message


def _decimal(raw):
    from decimal import Decimal, InvalidOperation

    if raw in (None, ""):
        return None
    try:
        return abs(Decimal(str(raw)))
    except InvalidOperation:
        return None


def record_inbound(
    *,
    kind: str,
    from_number: str,
    provider_id: str,
    body: str = "",
    recording_url: str = "",
    recording_seconds=None,
) -> InboundMessage:
    """Keep an incoming SMS or voicemail for the inbox; a retried webhook is kept once."""
    inbound, _created = InboundMessage.objects.get_or_create(
        provider_id=provider_id,
        defaults={
            "kind": kind,
            "from_number": from_number[:20],
            "body": body,
            "recording_url": recording_url,
            "recording_seconds": recording_seconds,
        },
    )
    return inbound


def mark_handled(inbound: InboundMessage, *, by) -> None:
    inbound.handled_at = timezone.now()
    inbound.handled_by = by
    inbound.save(update_fields=["handled_at", "handled_by"])


def skip_pending(
    messages: Iterable[Message] | None = None, *, registration=None, reason: str
) -> int:
    """Mark messages not yet claimed as skipped (the registration was cancelled)."""
    qs = Message.objects.filter(status=Message.Status.QUEUED)
    if registration is not None:
        qs = qs.filter(registration=registration)
    return qs.update(
        status=Message.Status.SKIPPED, error_message=reason[:300], updated_at=timezone.now()
    )
