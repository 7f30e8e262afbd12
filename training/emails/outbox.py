"""Write the email rows of a change, in the change's own transaction, and wake the sender.

A row written here commits or rolls back with the enrolment it is about, so
a committed change always has its email and a rolled-back one never does. The
unique constraints of EmailLog make a second write of the same email a no-op.
The sender is woken on commit (emails_queued; training.tasks listens); if that
wake is lost (the process dies first), the next delivery, the daily check or
cron's `send_training_emails` sends the row.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from training.models import EmailLog, Enrolment
from training.signals import emails_queued


def announce(
    kind: str,
    enrolments: Iterable[Enrolment],
    *,
    occasion: str = "",
    detail: dict | None = None,
    details: dict[int, dict] | None = None,
) -> int:
    """Queue one `kind` email to each enrolment's learner; return the rows written.

    `detail` is stored on every row, `details` per enrolment id (a waiting-list place).
    """
    rows = [
        EmailLog(
            kind=kind,
            enrolment=enrolment,
            learner=enrolment.learner,
            recipient=enrolment.learner.email,
            occasion=occasion,
            detail={**(detail or {}), **(details or {}).get(enrolment.pk, {})},
        )
        for enrolment in enrolments
        if enrolment.learner.email
    ]
    if not rows:
        return 0
    EmailLog.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(lambda: emails_queued.send(sender=EmailLog))
    return len(rows)
