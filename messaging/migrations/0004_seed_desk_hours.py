"""The desk's weekly hours as rows, from DESK_OFFICE_HOURS: an install keeps the hours
it was configured with, and coordinators change them in the admin from then on."""

from django.conf import settings
from django.db import migrations


def seed_from_setting(apps, schema_editor):
    DeskHours = apps.get_model("messaging", "DeskHours")
    if DeskHours.objects.exists():
        return
    hours = settings.DESK_OFFICE_HOURS
    DeskHours.objects.bulk_create(
        DeskHours(weekday=day, opens=hours.opens, closes=hours.closes)
        if hours.first_day <= day <= hours.last_day
        else DeskHours(weekday=day, is_closed=True)
        for day in range(7)
    )


def remove_weekly_rows(apps, schema_editor):
    apps.get_model("messaging", "DeskHours").objects.filter(weekday__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0003_desk_hours"),
    ]

    operations = [
        migrations.RunPython(seed_from_setting, remove_weekly_rows),
    ]
