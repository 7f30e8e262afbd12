"""The one place messaging reads the time, so a demo (`send_due_reminders --now`)
and the tests can ask "what is due at this moment?" without touching the clock."""

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.now()
