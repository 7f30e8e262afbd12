"""Anonymise residents past the privacy notice's keeping period.

    python manage.py purge_personal_data --dry-run            # who would be, by id
    python manage.py purge_personal_data                      # cron: nightly
    python manage.py purge_personal_data --today 2027-04-01   # as if it were that day

Idempotent: a second run finds nobody. Names are never printed, only ids.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from outreach.services.erasure import purge_personal_data
from outreach.tasks import ensure_daily_purge

IDS_SHOWN = 200


class Command(BaseCommand):
    help = "Anonymise residents whose keeping period has ended (--dry-run to only list them)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="change nothing; list ids")
        parser.add_argument("--today", help="the day to decide for (YYYY-MM-DD); default today")

    def handle(self, *args, dry_run=False, today=None, **options):
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today must be YYYY-MM-DD, not {today!r}") from exc
        report = purge_personal_data(today=day, dry_run=dry_run)
        verb = "would anonymise" if dry_run else "anonymised"
        self.stdout.write(
            f"{verb} {report.residents} residents and {report.registrations} registrations"
        )
        if report.resident_ids:
            shown = ", ".join(str(pk) for pk in report.resident_ids[:IDS_SHOWN])
            more = len(report.resident_ids) - IDS_SHOWN
            self.stdout.write(
                f"resident ids: {shown}" + (f" (and {more} more)" if more > 0 else "")
            )
        if not dry_run and ensure_daily_purge():
            self.stdout.write("the next nightly purge is queued for the task worker")
