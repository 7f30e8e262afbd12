"""What other apps may read of messaging: counts and cost of the messages sent.

The yearly figures (metrics) read messaging only through this module, and the
coordinators' monthly cost page uses the same function, so the cost rule (Twilio's
reported price, else the configured estimate) lives in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from messaging.models import Channel, Message

CENT = Decimal("0.01")


@dataclass(frozen=True)
class MessageCost:
    """Messages of one channel created in one month, and what they cost."""

    month: dt.date
    channel: str
    count: int
    segments: int
    priced: int
    reported: Decimal
    estimate: Decimal

    @property
    def unpriced(self) -> int:
        return self.count - self.priced

    @property
    def total(self) -> Decimal:
        return (self.reported + self.estimate).quantize(CENT)

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label)


def channels() -> list[tuple[str, str]]:
    """(value, label) of each way a message is sent: SMS, automated voice call."""
    return list(Channel.choices)


def cost_per_unit() -> dict[str, Decimal]:
    """The configured estimate: per SMS segment, per voice call."""
    return {
        Channel.SMS: Decimal(settings.SMS_COST_PER_SEGMENT),
        Channel.VOICE: Decimal(settings.VOICE_COST_PER_CALL),
    }


def message_costs(
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    district_id: int | None = None,
    topic_id: int | None = None,
) -> list[MessageCost]:
    """Messages per month and channel, newest month first (one query).

    Messages that were skipped or are still waiting are not counted: they cost
    nothing. The cost is Twilio's reported price where it gave one; the rest is
    estimated at the configured price per SMS segment or per call, with the
    segments of unpriced SMS taken as the month's average per message. The
    optional district and topic are those of the class a message was about.
    """
    messages = Message.objects.exclude(status__in=[Message.Status.SKIPPED, Message.Status.QUEUED])
    if start is not None:
        messages = messages.filter(created_at__gte=start)
    if end is not None:
        messages = messages.filter(created_at__lt=end)
    if district_id is not None:
        messages = messages.filter(registration__session__venue__district_id=district_id)
    if topic_id is not None:
        messages = messages.filter(registration__session__topic_id=topic_id)
    rows = (
        messages.annotate(month=TruncMonth("created_at"))
        .values("month", "channel")
        .annotate(
            count=Count("id"),
            segments=Sum("segments"),
            priced=Count("price"),
            reported=Sum("price"),
        )
        .order_by("-month", "channel")
    )
    per_unit = cost_per_unit()
    costs = []
    for row in rows:
        unpriced = row["count"] - row["priced"]
        units = row["segments"] if row["channel"] == Channel.SMS else row["count"]
        estimate = (
            per_unit[row["channel"]] * Decimal(units) * Decimal(unpriced) / Decimal(row["count"])
        )
        month = row["month"]
        if isinstance(month, dt.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        costs.append(
            MessageCost(
                month=month,
                channel=row["channel"],
                count=row["count"],
                segments=row["segments"] or 0,
                priced=row["priced"],
                # Twilio's price as reported (five decimals), summed; only totals are rounded.
                reported=row["reported"] or Decimal("0"),
                estimate=estimate.quantize(CENT),
            )
        )
    return costs
