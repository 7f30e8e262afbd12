import secrets

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from core.demo import DEMO_ACCOUNTS, DEMO_TOTP_SECRET, SeedContext


class Command(BaseCommand):
    help = (
        "Load the demo data: districts, venues, topics, classes, registrations, help "
        "articles and one account per role. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for the demo accounts (default: a new random one, printed).",
        )

    def handle(self, *args, password=None, **options):
        given = bool(password)
        password = password or secrets.token_urlsafe(12)
        ctx = SeedContext(stdout=self.stdout, password=password, password_given=given)
        # Each app with a demo module adds its own data, in INSTALLED_APPS order
        # (core's accounts first, outreach's classes before cms's articles).
        for app_config in apps.get_app_configs():
            if not module_has_submodule(app_config.module, "demo"):
                continue
            module = __import__(f"{app_config.name}.demo", fromlist=["seed"])
            self.stdout.write(f"Seeding {app_config.label}…")
            with transaction.atomic():
                module.seed(ctx)

        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.print_sign_ins(
            password if (given or ctx.created.get("accounts")) else None,
        )

    def print_sign_ins(self, password: str | None) -> None:
        """The accounts and where to sign in: the address this demo is served at
        (`make run PORT=8123` sets PUBLIC_BASE_URL to it)."""
        self.stdout.write(f"Demo sign-ins ({settings.PUBLIC_BASE_URL}/accounts/login/):")
        shown = password or "(unchanged; use --password to set)"
        for email, _name, role, _dept in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<14} {email:<26} password: {shown}")
        self.stdout.write(
            f"  The coordinator signs in with TOTP: add secret {DEMO_TOTP_SECRET} to an "
            "authenticator app, or run `python manage.py demo_totp`."
        )
