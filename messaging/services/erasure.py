"""Erasing messaging's copies of a resident's personal data (outreach.services.erasure).

A message keeps its channel, purpose, status, segments and price (the cost
figures), and loses its text and recipient. An inbound text or voicemail is
erased when nobody on file still gives its number (a shared landline's other
user keeps theirs), or once it is older than the keeping period.
An opt-out is kept while anyone on file gives its number (that person must stay
unmessaged) and goes with the rest once it is older than the keeping period and
nobody does: with no registration for the number nothing is ever sent to it,
and a person who registers again later gives their consent anew.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from messaging.models import InboundMessage, Message, OptOut
from outreach.models import Registration, Resident

REDACTED = ""
REDACTED_REASON = "個人情報を消去しました"


def redact_messages(
    *,
    residents: list[int],
    registrations: list[int],
    phones: list[str],
    received_before: dt.datetime | None = None,
) -> tuple[int, int]:
    """Erase the text and recipient of these people's messages; return (messages, inbound)."""
    now = timezone.now()
    theirs = Message.objects.filter(
        Q(resident_id__in=residents) | Q(registration_id__in=registrations)
    )
    # Nothing more is sent to a person the city no longer knows.
    theirs.filter(status=Message.Status.QUEUED).update(
        status=Message.Status.SKIPPED, error_message=REDACTED_REASON, updated_at=now
    )
    messages = theirs.exclude(body=REDACTED, to=REDACTED).update(
        body=REDACTED, to=REDACTED, updated_at=now
    )
    inbound_due = Q(from_number__in=phones)
    if received_before is not None:
        inbound_due |= Q(received_at__lt=received_before)
    inbound = (
        InboundMessage.objects.filter(inbound_due)
        .exclude(from_number=REDACTED, body=REDACTED, recording_url=REDACTED)
        .update(from_number=REDACTED, body=REDACTED, recording_url=REDACTED)
    )
    if received_before is not None:
        _forget_old_optouts(received_before)
    return messages, inbound


def _forget_old_optouts(before: dt.datetime) -> int:
    """Opt-outs older than the keeping period for numbers nobody on file gives any more."""
    given = Registration.objects.exclude(phone=None).values("phone")
    on_file = Resident.objects.exclude(phone=None).values("phone")
    deleted, _by_model = (
        OptOut.objects.filter(created_at__lt=before)
        .exclude(phone__in=given)
        .exclude(phone__in=on_file)
        .delete()
    )
    return deleted
