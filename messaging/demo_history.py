"""Demo history of messages: a confirmation and a reminder for the demo's past registrations.

So the figures' message counts and costs have a story: SMS to mobiles, automated
calls to landlines, more calls once the voice menu brings landline users in.
Generated from a fixed seed; idempotent (skipped when the history is there).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from messaging.models import Channel, Message, Purpose
from outreach.demo_history import LANDLINE, MOBILE
from outreach.models import Registration

SEED = 20240402
PROVIDER_PREFIX = "demo-history-"


def seed_history(ctx) -> None:
    if Message.objects.filter(provider_id__startswith=PROVIDER_PREFIX).exists():
        ctx.say("  message history: already there")
        return
    rng = random.Random(SEED)  # noqa: S311 - demo data, the same every run; not a secret
    registrations = (
        Registration.objects.filter(
            session__starts_at__lt=timezone.now(),
            phone__startswith=MOBILE[:9],
        )
        | Registration.objects.filter(
            session__starts_at__lt=timezone.now(), phone__startswith=LANDLINE[:9]
        )
    ).exclude(channel=Registration.Channel.WALK_IN)
    messages, stamps = [], []
    for registration_id, resident_id, phone, status, requested, starts in registrations.values_list(
        "pk", "resident_id", "phone", "status", "requested_at", "session__starts_at"
    ).order_by("pk"):
        channel = Channel.VOICE if str(phone).startswith(LANDLINE[:7]) else Channel.SMS
        moments = [(Purpose.CONFIRMATION, "", requested)]
        if status == Registration.Status.CONFIRMED:
            moments.append((Purpose.REMINDER, "2@10:00", starts - dt.timedelta(days=2)))
        for purpose, occasion, moment in moments:
            roll = rng.random()
            delivered = roll < 0.95
            segments = 1 if channel == Channel.VOICE else rng.choice([1, 1, 2])
            per_unit = Decimal("0.1300") if channel == Channel.VOICE else Decimal("0.0760")
            messages.append(
                Message(
                    registration_id=registration_id,
                    resident_id=resident_id,
                    to=str(phone),
                    channel=channel,
                    purpose=purpose,
                    occasion=occasion,
                    body="（デモの過去のメッセージ）",
                    status=Message.Status.DELIVERED if delivered else Message.Status.UNDELIVERED,
                    due_at=moment,
                    sent_at=moment,
                    delivered_at=moment if delivered else None,
                    attempts=1,
                    segments=segments,
                    price=per_unit * segments if rng.random() < 0.7 else None,
                    price_unit="USD",
                    provider_id=f"{PROVIDER_PREFIX}{registration_id}-{purpose}",
                )
            )
            stamps.append(moment)
    created = Message.objects.bulk_create(messages, batch_size=2000)
    # created_at is set to now on insert; the figures count messages by when they were made.
    for message, moment in zip(created, stamps, strict=True):
        message.created_at = moment
    Message.objects.bulk_update(created, ["created_at"], batch_size=1000)
    ctx.say(f"  message history: {len(created)} messages")
