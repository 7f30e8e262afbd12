from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.models import User


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account (only with DEBUG on)."

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default="coordinator@example.jp")

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on: it reads a TOTP secret.")
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import (
            format_hotp_value,
            hotp_value,
            yield_hotp_counters_from_time,
        )
        from allauth.mfa.utils import decrypt

        user = User.objects.filter(email=email).first()
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{email} has no TOTP authenticator.")
        secret = decrypt(authenticator.data["secret"])
        counters = list(yield_hotp_counters_from_time())
        counter = counters[len(counters) // 2]  # the middle one is now
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
