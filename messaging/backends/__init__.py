"""Where messages go, chosen by SMS_BACKEND like Django's email backends.

outbox: stored only (the message log is the outbox coordinators see); console:
printed; twilio: sent through Twilio's REST API. Every backend answers send()
with a SendResult, or raises TransientError (try again later) or
PermanentError (never retry).
"""

import functools
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings


@dataclass
class SendResult:
    provider_id: str
    status: str = "sent"
    price: Decimal | None = None
    price_unit: str = ""


class SendError(Exception):
    def __init__(self, code: str, message: str = ""):
        super().__init__(f"{code}: {message}" if message else code)
        self.code = str(code)
        self.message = message[:300]


class TransientError(SendError):
    """Rate limits, provider outages, timeouts: retried with back-off."""


class PermanentError(SendError):
    """Invalid or unreachable numbers, opted-out recipients: not retried."""


class BaseBackend:
    # Whether a send can have reached the provider without this process knowing
    # (a crash or timeout after the request left): then find_accepted is asked first.
    can_be_ambiguous = False
    # The longest a send() can take; a worker starts a send only while its claim
    # on the message outlasts this (messaging.services.deliver_due_messages).
    send_timeout: float = 0

    def send(self, message) -> SendResult:
        raise NotImplementedError

    def find_accepted(self, message, known_ids: set[str]) -> SendResult | None:
        """After a crash: the provider's record of this message, if it accepted it."""
        return None


@functools.cache
def _backend(name: str, *config) -> BaseBackend:
    # One instance per process and configuration, so the twilio backend keeps
    # its HTTP connection pool between messages (like a database connection).
    if name == "twilio":
        from messaging.backends.twilio import TwilioBackend

        return TwilioBackend(*config)
    if name == "console":
        from messaging.backends.console import ConsoleBackend

        return ConsoleBackend()
    from messaging.backends.outbox import OutboxBackend

    return OutboxBackend()


def get_backend() -> BaseBackend:
    name = settings.SMS_BACKEND
    if name == "twilio":
        return _backend(
            name,
            settings.TWILIO_ACCOUNT_SID,
            settings.TWILIO_AUTH_TOKEN,
            settings.TWILIO_FROM_NUMBER,
            settings.TWILIO_API_BASE_URL,
            settings.PUBLIC_BASE_URL,
            settings.TWILIO_TIMEOUT_SECONDS,
        )
    return _backend(name)
