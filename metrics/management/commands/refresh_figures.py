from django.core.management.base import BaseCommand

from metrics.refresh import refresh_figures


class Command(BaseCommand):
    help = (
        "Bring the figures' summary tables up to date: the classes changed since the last "
        "refresh, or every class with --full. Safe to run at any time and from cron; runs "
        "take turns."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--full", action="store_true", help="Rebuild from every class (e.g. nightly)."
        )

    def handle(self, *args, full=False, **options):
        report = refresh_figures(full=full, progress=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Full' if report.full else 'Incremental'} refresh: {report.classes} classes, "
                f"{report.registrations} registrations rewritten, {report.removed_classes} "
                f"removed, in {report.seconds:.1f} s."
            )
        )
