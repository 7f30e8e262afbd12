"""The due-date reminder, and whether a queued email still says something true.

Two weeks (TRAINING_DUE_REMINDER_DAYS) before a required course's due date,
everyone it applies to who has not done it gets one reminder, as progress()
sees them: "not yet" or "enrolled" (the email says where they are). A day the
check does not run (a stopped worker, a holiday without cron) only delays the
reminder; it is still sent on any later day before the due date. The unique
constraint on (kind, requirement, recipient) keeps it to one per person.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from core.fiscal import FiscalYear
from training.models import EmailLog, Enrolment, Requirement
from training.progress import RequirementProgress, RequirementStatus, progress

Kind = EmailLog.Kind


def plan_due_date_reminders(today: dt.date | None = None) -> int:
    """Queue the reminder for every requirement due within the window; return the new rows."""
    today = today or timezone.localdate()
    until = today + dt.timedelta(days=settings.TRAINING_DUE_REMINDER_DAYS)
    due_soon = Requirement.objects.filter(due_date__gte=today, due_date__lte=until)
    years = sorted(set(due_soon.values_list("fiscal_year", flat=True)))
    rows = []
    for year in years:
        for row in progress(FiscalYear(year), today=today):
            if row.status == RequirementStatus.DONE or not row.learner.email:
                continue
            if not today <= row.requirement.due_date <= until:
                continue
            rows.append(
                EmailLog(
                    kind=Kind.DUE_REMINDER,
                    requirement=row.requirement,
                    learner=row.learner,
                    recipient=row.learner.email,
                    detail={"status": row.status},
                )
            )
    if not rows:
        return 0
    reminders = EmailLog.objects.filter(kind=Kind.DUE_REMINDER, requirement__in=due_soon)
    before = reminders.count()
    EmailLog.objects.bulk_create(rows, ignore_conflicts=True)
    return reminders.count() - before


def _current_progress(row: EmailLog) -> RequirementProgress | None:
    requirement = row.requirement
    rows = progress(FiscalYear(requirement.fiscal_year), learners=[row.learner])
    return next((p for p in rows if p.requirement.pk == requirement.pk), None)


def stale_reason(row: EmailLog) -> tuple[str, dict]:
    """Why a queued email should no longer go (empty if it should), and what it needs to say.

    Between queueing and sending a learner may have cancelled, been promoted,
    or completed the course; an email about the old state would mislead them.
    """
    if not row.learner.is_active:
        return "the account is no longer active", {}
    if row.kind == Kind.DUE_REMINDER:
        current = _current_progress(row)
        if current is None:
            return "the requirement no longer applies", {}
        if current.status == RequirementStatus.DONE:
            return "done before the reminder went out", {}
        if timezone.localdate() > row.requirement.due_date:
            return "the due date has passed", {}
        return "", {"progress": current}
    enrolment = row.enrolment
    if row.kind in (Kind.CONFIRMED, Kind.PROMOTED, Kind.SESSION_CHANGED):
        if enrolment.status not in Enrolment.SEAT_HOLDING:
            return "the seat is no longer held", {}
        if enrolment.session.ends_at <= timezone.now():
            return "the session is over", {}
    if row.kind == Kind.WAITLISTED and enrolment.status != Enrolment.Status.WAITLISTED:
        return "no longer on the waiting list", {}
    if (
        row.kind == Kind.SESSION_CHANGED
        and EmailLog.objects.filter(
            kind=Kind.SESSION_CHANGED, enrolment=enrolment, id__gt=row.pk
        ).exists()
    ):
        return "a later change notice carries the same invitation", {}
    return "", {}
