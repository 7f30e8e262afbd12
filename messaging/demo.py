"""Demo data for messaging: the default texts as editable rows, and a few outbox examples."""

import datetime as dt

from django.utils import timezone

from messaging import texts
from messaging.demo_history import seed_history
from messaging.models import Message, MessageTemplate
from messaging.services.planning import build_message
from messaging.tasks import ensure_tick
from outreach.models import Registration


def seed(ctx) -> None:
    for (purpose, language, channel), body in texts.DEFAULT_TEXTS.items():
        _obj, created = MessageTemplate.objects.get_or_create(
            purpose=purpose, language=language, channel=channel, defaults={"body": body}
        )
        ctx.count("message texts", created)

    # A few confirmations for demo registrations, as if sent when they were made.
    made = 0
    for registration in (
        Registration.objects.active()
        .exclude(phone=None)
        .select_related("resident", "session", "session__venue", "session__topic")
        .order_by("id")[:5]
    ):
        purpose = "confirmation" if registration.status == "confirmed" else "waitlisted"
        message = build_message(
            registration, purpose, due_at=timezone.now() - dt.timedelta(hours=1), position=1
        )
        if message is None:
            continue
        message.status = Message.Status.DELIVERED
        message.provider_id = f"outbox-demo-{registration.pk}"
        message.sent_at = message.delivered_at = message.due_at
        made += len(Message.objects.bulk_create([message], ignore_conflicts=True))
    ctx.count("outbox examples", bool(made))
    ctx.say(
        f"  messaging: {MessageTemplate.objects.count()} message texts, "
        f"{Message.objects.count()} messages in the outbox"
    )

    seed_history(ctx)  # messages of the past fiscal years, for the figures

    ensure_tick()  # reminders go out once a minute under make run's worker
