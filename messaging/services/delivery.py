"""Sending what is due: each message exactly once, never in the quiet hours.

The rules:

1. Only claimed messages are sent (messaging.services.claims), and a send
   starts only while the claim outlasts it: `now + send timeout <
   claimed_until`. A batch whose sends are slow gives the rest of its messages
   back instead of sending them as the claim expires, when another worker
   could take the same message, find nothing at Twilio yet, and send it too.
2. A message whose claim expired once (attempts > 1) may already have reached
   the provider: the provider is asked first (backend.find_accepted), and only
   if it never accepted the message is it sent.
3. Nothing goes out in the quiet hours (20:00–08:00 Japan time): the clock is
   read before every batch, so a run that starts at 19:59 stops at 20:00 and
   gives back what it claimed.
4. A message whose registration was cancelled, whose class was cancelled or
   has started (reminders), or whose number opted out, is skipped with the
   reason; transient errors are retried with back-off up to
   MESSAGING_MAX_ATTEMPTS; other errors fail the message.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from messaging import clock, texts
from messaging.backends import BaseBackend, PermanentError, SendResult, TransientError, get_backend
from messaging.models import Message, OptOut, Purpose
from messaging.schedule import backoff, in_quiet_hours, next_allowed, reminder_day
from messaging.services.claims import BatchWriter, record_result, release
from messaging.services.optouts import PROVIDER_UNSUBSCRIBED_CODE, opt_out

# Purposes that only make sense while the registration is active and the class is on.
NEEDS_LIVE_CLASS = {
    Purpose.CONFIRMATION,
    Purpose.WAITLISTED,
    Purpose.REMINDER,
    Purpose.PROMOTION,
    Purpose.CLASS_MOVED,
}


@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    retrying: int = 0
    failed: int = 0
    recovered: int = 0
    # The run stopped (or never started) because the quiet hours had begun.
    quiet: bool = False
    lines: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.sent + self.skipped + self.retrying + self.failed + self.recovered


def why_not_send(message: Message, now) -> str:
    """The reason a claimed message must not go out (rule 4), or ""."""
    if message.opted_out:
        return _("配信停止の番号です")
    if message.purpose in NEEDS_LIVE_CLASS and message.registration_id is not None:
        if message.registration_status == "cancelled":
            return _("申込が取り消されました")
        if message.session_status == "cancelled":
            return _("教室が中止になりました")
        if message.purpose == Purpose.REMINDER and message.session_starts_at <= now:
            return _("教室がもう始まっています")
        if message.purpose == Purpose.REMINDER and says_another_day(message, now):
            return _("お知らせの日が過ぎました")
    return ""


def says_another_day(message: Message, now) -> bool:
    """A reminder written as 「明日」 that retries have pushed into its class's own day.

    Its text was fixed when it was planned (texts.relative_day); sent a day late it
    would name the wrong day, and the class-day reminder is planned anyway.
    """
    days = reminder_day(message.occasion)
    day_words = texts.RELATIVE_DAYS.get(message.language)
    if days is None or day_words is None:
        return False
    written_on, class_day = days
    relative = (class_day - written_on).days in day_words
    return relative and timezone.localdate(now) != written_on


def _sent(message: Message, result: SendResult, now) -> None:
    record_result(
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
        record_result(
            message, status=Message.Status.FAILED, error_code=exc.code, error_message=exc.message
        )
        report.failed += 1
        return
    record_result(
        message,
        status=Message.Status.QUEUED,
        due_at=next_allowed(now + backoff(message.attempts)),
        error_code=exc.code,
        error_message=exc.message,
    )
    report.retrying += 1


def send_claimed(message: Message, backend: BaseBackend, now, report: DeliveryReport) -> None:
    """Send one claimed message, or record why it was not sent (rules 2 and 4)."""
    reason = why_not_send(message, now)
    if reason:
        record_result(message, status=Message.Status.SKIPPED, error_message=reason)
        report.skipped += 1
        return
    if backend.can_be_ambiguous and message.attempts > 1:
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
        record_result(
            message, status=Message.Status.FAILED, error_code=exc.code, error_message=exc.message
        )
        if exc.code == PROVIDER_UNSUBSCRIBED_CODE:
            opt_out(message.to, source=OptOut.Source.PROVIDER)
        report.failed += 1
        return
    _sent(message, result, now)
    report.sent += 1


def claim_outlasts_send(message: Message, backend: BaseBackend) -> bool:
    """Rule 1: the send would end before the claim expires (by the wall clock)."""
    return timezone.now() + dt.timedelta(seconds=backend.send_timeout) < message.claimed_until


def deliver_due_messages(
    now=None, *, limit: int | None = None, progress: Callable[[DeliveryReport], None] | None = None
) -> DeliveryReport:
    """Send every message due at `now`, each exactly once; safe to run concurrently.

    Without `now` the run follows messaging's clock, read again before every
    batch for the quiet hours (rule 3); with `now` (a demo's `--now`) the whole
    run happens at that moment. On PostgreSQL the next batch is claimed, and
    the last one's results written, on a second connection while this batch
    is sent (claims.BatchWriter).
    """
    fixed = now is not None
    now = now or clock.now()
    report = DeliveryReport()

    def quiet() -> bool:
        return in_quiet_hours(now if fixed else clock.now())

    if quiet():
        report.quiet = True
        return report
    backend = get_backend()
    size = settings.MESSAGING_BATCH_SIZE
    # Translated once per run: get_purpose_display() per message cost a
    # catalogue lookup each time (a tenth of a millisecond, per message).
    labels = {value: str(label) for value, label in Purpose.choices}

    def wanted(claimed_now: int = 0) -> int:
        return size if limit is None else min(size, limit - report.handled - claimed_now)

    with BatchWriter() as writer:
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
            if quiet():
                report.quiet = True
                break  # leaving the writer gives this batch back, unsent
            # The next batch is claimed ahead, so that the claim overlaps these
            # sends; a claim lasts long enough for both (rule 1).
            next_batch, claimed_after_writes = writer.claim(now, wanted(len(batch))), False
            token = batch[0].claim_token  # before record_result clears it on each message
            for message in batch:
                if not claim_outlasts_send(message, backend):
                    release(message)
                    continue
                send_claimed(message, backend, now, report)
                report.lines.append(
                    f"{labels.get(message.purpose, message.purpose)} → {message.to}: {message.status}"
                )
            # A worker killed before this write leaves its messages claimed; the
            # next worker asks Twilio about them (rule 2) before sending, so none
            # goes out twice.
            writer.flush(batch, token)
            if progress:
                progress(report)
    return report
