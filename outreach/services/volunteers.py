"""Changes to the register of volunteer trainers."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from core import audit
from outreach.models import District, VolunteerTrainer


def save_volunteer(
    volunteer: VolunteerTrainer, *, districts: Iterable[District], by
) -> VolunteerTrainer:
    """Add a volunteer to the register or change their entry, with the districts they reach."""
    with transaction.atomic():
        created = volunteer.pk is None
        volunteer.full_clean()
        volunteer.save()
        volunteer.districts.set(districts)
        audit.record(
            by,
            "outreach.add_volunteer" if created else "outreach.change_volunteer",
            volunteer,
        )
    return volunteer
