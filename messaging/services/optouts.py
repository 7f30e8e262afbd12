"""STOP and START: a number that opted out gets nothing until it opts back in.

The rule: one OptOut row per number, whoever asked (the resident by SMS, the
desk, or Twilio reporting that the recipient replied STOP to it). Messages
already queued are not deleted: delivery skips them when it comes to them, so
the log shows why they never went.
"""

from messaging.models import OptOut

# Twilio's "the recipient has replied STOP to this number": treated as an opt-out.
PROVIDER_UNSUBSCRIBED_CODE = "21610"


def opt_out(phone: str, *, source: str, by=None, note: str = "") -> bool:
    """Stop all messages to a number; return True if it was not opted out before."""
    _obj, created = OptOut.objects.get_or_create(
        phone=phone, defaults={"source": source, "created_by": by, "note": note[:200]}
    )
    return created


def opt_in(phone: str) -> bool:
    """Messages to the number may go again (START); True if it had been opted out."""
    deleted, _detail = OptOut.objects.filter(phone=phone).delete()
    return bool(deleted)
