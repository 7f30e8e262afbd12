"""Send the email log's due rows, each once, with any number of workers at once.

A worker claims a batch of rows in one short transaction (SELECT … FOR UPDATE
SKIP LOCKED on PostgreSQL; SQLite's IMMEDIATE transaction serialises claims):
the rows become "sending" with a claim token and a deadline, so no other
worker takes them. Only then does it talk to the SMTP server, and it writes
the outcome only if its token is still on the row. A retry of the task, or a
second worker, finds nothing left to claim.

The one window left: a worker that dies after the SMTP server accepted an
email and before it wrote "sent". When its claim runs out another worker
sends that email again. SMTP has no way to ask whether a message was
accepted, so an email is repeated rather than lost; an invitation repeated
carries the same UID and SEQUENCE, so the calendar still shows one event.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from training.emails import compose
from training.emails.reminders import stale_reason
from training.models import EmailLog

logger = logging.getLogger(__name__)

BATCH_SIZE = 20
# Minutes before the next try after a transient failure (the server busy or down).
RETRY_DELAYS_MINUTES = (1, 5, 15, 60)

Status = EmailLog.Status


@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    retrying: int = 0
    failed: int = 0
    released: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.sent + self.skipped + self.retrying + self.failed


def claim_batch(now: dt.datetime, size: int = BATCH_SIZE) -> list[EmailLog]:
    """Take up to `size` due rows for this worker alone; return them with what composing needs."""
    token = uuid.uuid4()
    with transaction.atomic():
        ids = list(
            EmailLog.objects.due(now)
            .order_by("next_attempt_at", "id")
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)[:size]
        )
        if not ids:
            return []
        EmailLog.objects.filter(pk__in=ids).update(
            status=Status.SENDING,
            claim=token,
            claimed_until=now + dt.timedelta(seconds=settings.TRAINING_EMAIL_CLAIM_SECONDS),
            attempts=F("attempts") + 1,
            updated_at=now,
        )
    return list(
        EmailLog.objects.filter(pk__in=ids, claim=token)
        .select_related(
            "learner",
            "enrolment__course",
            "enrolment__session__course",
            "enrolment__session__instructor",
            "requirement__course",
            "requirement__skill_area",
        )
        .order_by("next_attempt_at", "id")
    )


def _finish(row: EmailLog, status: str, *, error: str = "", retry_at=None) -> bool:
    """Write the outcome if this worker's claim still holds the row; False if it was lost."""
    values = {
        "status": status,
        "claim": None,
        "claimed_until": None,
        "last_error": error[:300],
        "updated_at": timezone.now(),
    }
    if status == Status.SENT:
        values["sent_at"] = timezone.now()
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    return bool(EmailLog.objects.filter(pk=row.pk, claim=row.claim).update(**values))


def _is_permanent(exc: Exception) -> bool:
    """The server refused the address or the message itself: trying again cannot help."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused):
        return True
    return isinstance(exc, smtplib.SMTPResponseException) and 500 <= exc.smtp_code < 600


def _failed(row: EmailLog, exc: Exception, now: dt.datetime, report: DeliveryReport) -> None:
    error = f"{exc.__class__.__name__}: {exc}"
    if _is_permanent(exc) or row.attempts >= settings.TRAINING_EMAIL_MAX_ATTEMPTS:
        _finish(row, Status.FAILED, error=error)
        report.failed += 1
        report.lines.append(f"failed #{row.pk} {row.kind} → {row.recipient}: {error}")
        logger.error("training email %s to %s failed: %s", row.pk, row.recipient, error)
        return
    delay = RETRY_DELAYS_MINUTES[min(row.attempts, len(RETRY_DELAYS_MINUTES)) - 1]
    _finish(row, Status.PENDING, error=error, retry_at=now + dt.timedelta(minutes=delay))
    report.retrying += 1
    report.lines.append(f"retry #{row.pk} {row.kind} → {row.recipient} in {delay} min: {error}")


def _deliver_one(row: EmailLog, connection, now: dt.datetime, report: DeliveryReport) -> None:
    reason, extra = stale_reason(row)
    if reason:
        _finish(row, Status.SKIPPED, error=reason)
        report.skipped += 1
        report.lines.append(f"skipped #{row.pk} {row.kind} → {row.recipient}: {reason}")
        return
    try:
        message = compose.build(row, extra)
    except Exception as exc:  # a template or data fault: retrying will not mend it
        logger.exception("could not compose training email %s", row.pk)
        _finish(row, Status.FAILED, error=f"compose: {exc!r}")
        report.failed += 1
        return
    try:
        sent = connection.send_messages([message])
    except (smtplib.SMTPException, OSError) as exc:
        # The next send opens a fresh connection; this one may be broken.
        connection.close()
        _failed(row, exc, now, report)
        return
    if sent != 1:
        _failed(row, RuntimeError("the backend reported no email sent"), now, report)
        return
    if _finish(row, Status.SENT):
        report.sent += 1
        report.lines.append(f"sent #{row.pk} {row.kind} → {row.recipient}")


def deliver_due_emails(
    now: dt.datetime | None = None, *, limit: int | None = None
) -> DeliveryReport:
    """Send every due row (claiming in batches) and return what happened to each."""
    report = DeliveryReport()
    connection = get_connection()
    while limit is None or report.handled < limit:
        moment = now or timezone.now()
        size = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - report.handled)
        batch = claim_batch(moment, size)
        if not batch:
            break
        try:
            connection.open()
        except (smtplib.SMTPException, OSError) as exc:
            for row in batch:
                _failed(row, exc, moment, report)
            break
        try:
            for row in batch:
                # Start a send only while the claim outlasts it; otherwise give the
                # row back, or another worker could take it over mid-send.
                if (
                    timezone.now() + dt.timedelta(seconds=settings.EMAIL_TIMEOUT)
                    >= row.claimed_until
                ):
                    _finish(row, Status.PENDING, retry_at=timezone.now())
                    report.released += 1
                    continue
                _deliver_one(row, connection, moment, report)
        finally:
            connection.close()
    return report


def next_due_at() -> dt.datetime | None:
    """When a row next becomes due (a retry, or a claim that runs out); None if nothing waits."""
    times = EmailLog.objects.aggregate(
        pending=Min("next_attempt_at", filter=Q(status=Status.PENDING)),
        claimed=Min("claimed_until", filter=Q(status=Status.SENDING)),
    )
    waiting = [at for at in times.values() if at is not None]
    return min(waiting) if waiting else None
