"""Time rules for messages: quiet hours, reminder moments, the desk's office hours.

All in Japan time (settings.TIME_ZONE is Asia/Tokyo), whatever the server's clock.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from messaging.models import DeskHours

# Nothing is sent in the quiet hours (settings.MESSAGE_QUIET_HOURS, 20:00-08:00 Japan
# time unless the city sets others): a call or a message at night frightens older
# residents and breaks the city's rule for automated contact. A message due in the
# night waits until they end.


def in_quiet_hours(moment: dt.datetime) -> bool:
    hours = settings.MESSAGE_QUIET_HOURS
    return hours is not None and hours.contain(timezone.localtime(moment).time())


def next_allowed(moment: dt.datetime) -> dt.datetime:
    """The moment itself, or the end of the quiet hours it falls in."""
    if not in_quiet_hours(moment):
        return moment
    ends = settings.MESSAGE_QUIET_HOURS.ends
    local = timezone.localtime(moment)
    day = local.date() if local.time() < ends else local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, ends))


def at_local(day: dt.date, hhmm: str) -> dt.datetime:
    hour, minute = (int(p) for p in hhmm.split(":"))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def reminder_moments(starts_at: dt.datetime) -> list[tuple[str, dt.datetime]]:
    """(occasion, moment) for each reminder of a class starting then, earliest first.

    The occasion carries the class's date, so a class moved to another day gets
    its reminders again for the new day.
    """
    day = timezone.localtime(starts_at).date()
    moments = []
    for days_before, hhmm in settings.REMINDER_SCHEDULE:
        moment = next_allowed(at_local(day - dt.timedelta(days=days_before), hhmm))
        if moment < starts_at:
            moments.append((f"{days_before}@{hhmm}/{day.isoformat()}", moment))
    return sorted(moments, key=lambda item: item[1])


def reminder_day(occasion: str) -> tuple[dt.date, dt.date] | None:
    """(the day a reminder was written to go out, its class's day) from its occasion.

    "1@18:00/2030-05-20" → (19 May, 20 May); None for an occasion not of that shape.
    """
    try:
        schedule, class_day = occasion.split("/")
        days_before, hhmm = schedule.split("@")
        day = dt.date.fromisoformat(class_day)
        moment = next_allowed(at_local(day - dt.timedelta(days=int(days_before)), hhmm))
    except ValueError:
        return None
    return timezone.localdate(moment), day


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 2 min, 8 min, 32 min, then hourly: Twilio's 429s clear within minutes."""
    return dt.timedelta(seconds=min(30 * 4 ** max(attempts - 1, 0), 3600))


def desk_is_open(moment: dt.datetime) -> bool:
    """Whether the coordinator desk answers the phone now.

    The hours are the rows coordinators keep in the admin (messaging.models.DeskHours,
    one query per call; the voice menu asks once per press of 0). Closed on Japan's
    national holidays (with substitute holidays) and over the year-end closure,
    29 December to 3 January, as city offices are, unless a dated row opens the desk:
    a caller put through then would ring an empty office instead of leaving a message.
    Without weekday rows, settings.DESK_OFFICE_HOURS (checked at start-up) applies.
    """
    local = timezone.localtime(moment)
    hours = DeskHours.objects.hours_on(local.date())
    return hours is not None and hours[0] <= local.time() < hours[1]
