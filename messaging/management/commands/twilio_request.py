"""Make a signed request to a Twilio webhook, as Twilio would, and print the answer.

    python manage.py twilio_request /twilio/voice/ From=+81427001234
    python manage.py twilio_request /twilio/voice/menu/ From=+81427001234 Digits=1
    python manage.py twilio_request /twilio/sms/ From=+819011112222 Body=STOP MessageSid=SM1

Signs with TWILIO_AUTH_TOKEN against PUBLIC_BASE_URL (under make run, DEBUG's
local token) and runs the request in this process: for trying the voice menu
without a phone.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from twilio.request_validator import RequestValidator


class Command(BaseCommand):
    help = "POST a signed test request to a /twilio/ webhook and print the TwiML answer."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("params", nargs="*", help="Name=value form fields")

    def handle(self, path, params, **options):
        if not settings.TWILIO_AUTH_TOKEN:
            raise CommandError("Set TWILIO_AUTH_TOKEN (or DEBUG=true for the local token).")
        data = dict(p.split("=", 1) for p in params if "=" in p)
        url = settings.PUBLIC_BASE_URL + path
        signature = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(url, data)
        host = url.split("/")[2]
        response = Client(HTTP_HOST=host).post(path, data, HTTP_X_TWILIO_SIGNATURE=signature)
        self.stdout.write(f"HTTP {response.status_code}")
        self.stdout.write(response.content.decode())
