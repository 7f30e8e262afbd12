"""Send every message that is due: reminders, follow-ups, and anything queued.

    python manage.py send_due_reminders                # now (cron, every minute)
    python manage.py send_due_reminders --now 2030-05-20T08:00+09:00   # a demo

Safe to run repeatedly and concurrently: each message goes out exactly once.
With --now, messaging acts as if it were that moment, so a demo shows what
would go out then (with SMS_BACKEND=outbox nothing leaves the machine).
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from messaging import clock
from messaging.services.delivery import deliver_due_messages
from messaging.services.planning import plan_due_messages, plan_missed_registration_messages


def _moment(raw: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise CommandError(
            f"--now must be ISO 8601, e.g. 2030-05-20T08:00+09:00, not {raw!r}"
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # Japan time (TIME_ZONE)
    return moment


class Command(BaseCommand):
    help = "Send the reminders, follow-ups and queued messages that are due (exactly once each)."

    def add_arguments(self, parser):
        parser.add_argument("--now", type=_moment, help="act as if it were this moment (ISO 8601)")
        parser.add_argument("--limit", type=int, default=None, help="send at most this many")

    def handle(self, *args, now=None, limit=None, verbosity=1, **options):
        moment = now or clock.now()
        planned = plan_due_messages(moment)
        self.stdout.write(
            f"{timezone.localtime(moment):%Y-%m-%d %H:%M %Z}: {planned} new reminder(s) or follow-up(s) due"
        )
        missed = plan_missed_registration_messages(moment)
        if missed:
            self.stdout.write(
                f"{missed} registration message(s) planned that the registration's own task missed"
            )

        def progress(report):
            self.stdout.write(
                f"  … {report.handled} handled ({report.sent + report.recovered} sent)"
            )

        report = deliver_due_messages(moment, limit=limit, progress=progress)
        if report.quiet:
            self.stdout.write(
                self.style.WARNING(
                    "Quiet hours (20:00–08:00 Japan time): nothing is sent until 08:00."
                )
            )
            if not report.handled:
                return
        if verbosity > 1 or len(report.lines) <= 50:
            for line in report.lines:
                self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"sent {report.sent}, recovered {report.recovered}, skipped {report.skipped}, "
                f"retrying {report.retrying}, failed {report.failed}"
            )
        )
