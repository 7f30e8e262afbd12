"""Changes the figures make: targets set by coordinators, and the record of every export."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from core import audit
from core.fiscal import FiscalYear
from metrics.measures import BY_KEY
from metrics.models import Target


def targets_for(fiscal_year: FiscalYear) -> dict[str, Decimal]:
    """The year's targets by measure key (one query)."""
    return dict(
        Target.objects.filter(fiscal_year=fiscal_year.start_year).values_list("measure", "value")
    )


def set_targets(fiscal_year: FiscalYear, values: dict[str, Decimal | None], *, by) -> int:
    """Set, change or clear (None) the year's targets; returns how many changed.

    Invariant: at most one target per measure and year (a unique constraint), never
    negative (a check constraint; the form says so first); each change is in the
    audit log with the old and the new value.
    """
    changed = {}
    with transaction.atomic():
        current = {
            target.measure: target
            for target in Target.objects.select_for_update().filter(
                fiscal_year=fiscal_year.start_year
            )
        }
        for key, value in values.items():
            if key not in BY_KEY or not BY_KEY[key].available:
                continue
            existing = current.get(key)
            if value is None:
                if existing is not None:
                    existing.delete()
                    changed[key] = [str(existing.value), None]
                continue
            if existing is None:
                Target.objects.create(
                    measure=key, fiscal_year=fiscal_year.start_year, value=value, set_by=by
                )
                changed[key] = [None, str(value)]
            elif existing.value != value:
                changed[key] = [str(existing.value), str(value)]
                existing.value = value
                existing.set_by = by
                existing.save(update_fields=["value", "set_by", "updated_at"])
        if changed:
            audit.record(by, "metrics.targets", fiscal_year=fiscal_year.start_year, changes=changed)
    return len(changed)


def record_export(user, what: str, *, file_format: str, fiscal_year: FiscalYear, **filters) -> None:
    """Every export of the figures is in the audit log: who took which table, how."""
    audit.record(
        user,
        "metrics.export",
        table=what,
        format=file_format,
        fiscal_year=fiscal_year.start_year,
        **{key: value for key, value in filters.items() if value},
    )
