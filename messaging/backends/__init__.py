"""Where messages go, chosen by SMS_BACKEND like Django's email backends.

outbox: stored only (the message log is the outbox coordinators see); console:
printed; twilio: sent through Twilio's REST API. What a backend answers is in
messaging.backends.base.
"""

import functools

from django.conf import settings

from messaging.backends.base import (
    BaseBackend,
    PermanentError,
    SendError,
    SendResult,
    TransientError,
)
from messaging.backends.console import ConsoleBackend
from messaging.backends.outbox import OutboxBackend
from messaging.backends.twilio import TwilioBackend

__all__ = [
    "BaseBackend",
    "PermanentError",
    "SendError",
    "SendResult",
    "TransientError",
    "get_backend",
]


@functools.cache
def _backend(name: str, *config) -> BaseBackend:
    # One instance per process and configuration, so the twilio backend keeps
    # its HTTP connection pool between messages (like a database connection).
    if name == "twilio":
        return TwilioBackend(*config)
    if name == "console":
        return ConsoleBackend()
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
