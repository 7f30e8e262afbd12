"""Email backends that fail on purpose, for the delivery tests (EMAIL_BACKEND by dotted path)."""

import smtplib

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """Refuses while `failures` has entries (the next one is raised), then delivers to mail.outbox."""

    failures: list[Exception] = []

    def send_messages(self, messages):
        if FlakyBackend.failures:
            raise FlakyBackend.failures.pop(0)
        return super().send_messages(messages)


def disconnected() -> Exception:
    return smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def refused(address: str) -> Exception:
    return smtplib.SMTPRecipientsRefused({address: (550, b"5.1.1 User unknown")})


__all__ = ["FlakyBackend", "disconnected", "mail", "refused"]
