"""Queue the due-date reminders and send every training email that is due.

    python manage.py send_training_emails                      # cron: daily at 08:00, or more often
    python manage.py send_training_emails --today 2026-09-16   # as if it were that day

Safe to run repeatedly and at the same time as db_worker: each email goes out
once (training.emails.delivery). With db_worker it also queues the next
morning's check, so running it once after a deployment starts the daily cycle.
"""

import argparse
import datetime as dt

from django.core.management.base import BaseCommand

from training.emails import delivery, reminders
from training.tasks import ensure_daily_check


def _day(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        # argparse turns this into a one-line "error: argument --today: …", not a traceback.
        raise argparse.ArgumentTypeError(f"a date like 2026-09-16, not {raw!r}") from None


class Command(BaseCommand):
    help = "Queue due-date reminders for required courses and send due staff-course emails."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=_day, help="plan reminders as if it were this day")
        parser.add_argument("--limit", type=int, default=None, help="send at most this many")

    def handle(self, *args, today=None, limit=None, verbosity=1, **options):
        planned = reminders.plan_due_date_reminders(today)
        self.stdout.write(f"{planned} due-date reminder(s) queued")
        report = delivery.deliver_due_emails(limit=limit)
        if verbosity > 1 or len(report.lines) <= 50:
            for line in report.lines:
                self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"sent {report.sent}, skipped {report.skipped}, retrying {report.retrying}, "
                f"failed {report.failed}"
            )
        )
        if ensure_daily_check():
            self.stdout.write("the next daily check is queued for the task worker")
