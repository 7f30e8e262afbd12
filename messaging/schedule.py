"""Time rules for messages: quiet hours, reminder moments, the desk's office hours.

All in Japan time (settings.TIME_ZONE is Asia/Tokyo), whatever the server's clock.
"""

import datetime as dt

import holidays
from django.conf import settings
from django.utils import timezone

# Nothing is sent between 20:00 and 08:00 Japan time: a call or a message at
# night frightens older residents and breaks the city's rule for automated
# contact. A message due in the night waits until 08:00.
QUIET_FROM = dt.time(20, 0)
QUIET_UNTIL = dt.time(8, 0)


def in_quiet_hours(moment: dt.datetime) -> bool:
    local = timezone.localtime(moment).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def next_allowed(moment: dt.datetime) -> dt.datetime:
    """The moment itself, or the next 08:00 if it falls in the quiet hours."""
    if not in_quiet_hours(moment):
        return moment
    local = timezone.localtime(moment)
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, QUIET_UNTIL))


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


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 2 min, 8 min, 32 min, then hourly: Twilio's 429s clear within minutes."""
    return dt.timedelta(seconds=min(30 * 4 ** max(attempts - 1, 0), 3600))


def desk_is_open(moment: dt.datetime) -> bool:
    """Whether the coordinator desk answers the phone now (DESK_OFFICE_HOURS).

    Closed on Japan's national holidays (with substitute holidays) and over the
    year-end closure, 29 December to 3 January, as city offices are: a caller
    put through then would ring an empty office instead of leaving a message.
    The hours were checked at start-up (config.env.env_office_hours).
    """
    hours = settings.DESK_OFFICE_HOURS
    local = timezone.localtime(moment)
    if office_closed_on(local.date()):
        return False
    return (
        hours.first_day <= local.weekday() <= hours.last_day
        and hours.opens <= local.time() < hours.closes
    )


def office_closed_on(day: dt.date) -> bool:
    """A national holiday, or the city offices' year-end closure (12/29–1/3)."""
    if (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3):
        return True
    return day in holidays.country_holidays("JP", years=day.year)
