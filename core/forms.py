"""Form pieces the apps' desks share."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def combine_day_and_times(form, data: dict) -> None:
    """A day and two times of day (the form's date, start_time, end_time) as aware datetimes.

    Sets data["starts_at"] and data["ends_at"] in the current time zone, and
    adds an error to end_time when the end is not after the start.
    """
    if not (data.get("date") and data.get("start_time") and data.get("end_time")):
        return
    tz = timezone.get_current_timezone()
    starts = dt.datetime.combine(data["date"], data["start_time"], tzinfo=tz)
    ends = dt.datetime.combine(data["date"], data["end_time"], tzinfo=tz)
    if ends <= starts:
        form.add_error("end_time", _("終了時刻は開始時刻より後にしてください。"))
    data["starts_at"], data["ends_at"] = starts, ends
