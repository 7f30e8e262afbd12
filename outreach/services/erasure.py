"""Erasing a resident's personal data while keeping the figures (個人情報の消去).

What is erased: the resident's and each of their registrations' name, kana and
phone number, free-text notes about them (a registration's cancellation reason,
the trainer's notes on attendance marks), and, through `personal_data_erased`,
messaging's copies (message bodies and recipients, inbound texts and recordings).
What is kept: district, age band, language, channel, party size, the class, the
status and every attendance mark, so every yearly figure stays the same.

Two ways in, one anonymisation: `purge_personal_data` (daily, for everyone
past the privacy notice's keeping period, Resident.objects.due_for_anonymising)
and `erase_resident` (a coordinator, at once, on the resident's request).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from core import audit
from outreach.models import AttendanceMark, Registration, Resident
from outreach.models.people import retention_cutoff
from outreach.names import name_key
from outreach.services.registration import cancel_registration
from outreach.signals import personal_data_erased

# What an erased name reads as on every page, roster and export (the figures
# read resident ids, never names).
ERASED_NAME = "（削除済み）"
# Residents anonymised per transaction: a first run over years of records
# neither holds its locks for long nor loses everything to one failure.
BATCH = 200


@dataclass
class PurgeReport:
    resident_ids: list[int] = field(default_factory=list)
    registrations: int = 0

    @property
    def residents(self) -> int:
        return len(self.resident_ids)


def _phones_no_longer_held(phones: set[str]) -> list[str]:
    """Of these numbers, those that no resident or registration on file still gives.

    A phone number is not an identity: two people may share a landline, and the
    other one's inbound texts must not be erased with this one's.
    """
    held = set(
        Resident.objects.filter(phone__in=phones, anonymised_at__isnull=True).values_list(
            "phone", flat=True
        )
    ) | set(Registration.objects.filter(phone__in=phones).values_list("phone", flat=True))
    return sorted(str(phone) for phone in phones if phone not in {str(h) for h in held})


def anonymise_residents(
    resident_ids, *, by, reason: str, received_before: dt.datetime | None = None
) -> PurgeReport:
    """Erase the personal data of these residents and their registrations; skip those done.

    Invariant: a resident, their registrations and messaging's copies are erased
    in one transaction, so none is left half erased; running it twice changes
    nothing more (already anonymised residents are skipped under their row lock).
    Each resident gets one audit line (`outreach.anonymise`) with the reason.
    """
    report = PurgeReport()
    now = timezone.now()
    with transaction.atomic():
        residents = list(
            Resident.objects.select_for_update()
            .filter(pk__in=list(resident_ids), anonymised_at__isnull=True)
            .order_by("pk")
        )
        if not residents:
            return report
        ids = [resident.pk for resident in residents]
        registrations = Registration.objects.filter(resident_id__in=ids)
        registration_ids = list(registrations.values_list("pk", flat=True))
        phones = {str(r.phone) for r in residents if r.phone} | {
            str(phone)
            for phone in registrations.exclude(phone=None).values_list("phone", flat=True)
        }
        erased_key = name_key(ERASED_NAME)
        # update() skips NameKeyField.pre_save: the key is written with the name.
        report.registrations = registrations.update(
            name=ERASED_NAME,
            name_kana="",
            name_key=erased_key,
            phone=None,
            status_reason="",
            updated_at=now,
        )
        Resident.objects.filter(pk__in=ids).update(
            name=ERASED_NAME,
            name_kana="",
            name_key=erased_key,
            phone=None,
            contact_preference=Resident.ContactPreference.NONE,
            anonymised_at=now,
            updated_at=now,
        )
        AttendanceMark.objects.filter(registration_id__in=registration_ids).exclude(note="").update(
            note=""
        )
        personal_data_erased.send(
            sender=Resident,
            residents=ids,
            registrations=registration_ids,
            phones=_phones_no_longer_held(phones),
            received_before=received_before,
        )
        for resident in residents:
            audit.record(by, "outreach.anonymise", resident, reason=reason)
        report.resident_ids = ids
    return report


def purge_personal_data(*, today: dt.date | None = None, dry_run: bool = False) -> PurgeReport:
    """Anonymise everyone past the keeping period; with dry_run, only say who that is.

    Idempotent: the anonymised leave Resident.objects.due_for_anonymising.
    Inbound texts and recordings received before the keeping period are erased
    too, whoever sent them.
    """
    due = list(
        Resident.objects.due_for_anonymising(today).order_by("pk").values_list("pk", flat=True)
    )
    if dry_run:
        return PurgeReport(
            resident_ids=due,
            registrations=Registration.objects.filter(resident_id__in=due).count(),
        )
    report = PurgeReport()
    cutoff = retention_cutoff(today)
    for start in range(0, len(due), BATCH):
        done = anonymise_residents(
            due[start : start + BATCH], by=None, reason="retention", received_before=cutoff
        )
        report.resident_ids += done.resident_ids
        report.registrations += done.registrations
    if not due:
        # Nobody is due, yet old inbound messages may be: the period applies to them alone too.
        with transaction.atomic():
            personal_data_erased.send(
                sender=Resident, residents=[], registrations=[], phones=[], received_before=cutoff
            )
    return report


def erase_resident(resident: Resident, *, by, reason: str) -> PurgeReport:
    """Erase a resident at once, on their request (a coordinator, `by`, with `reason`).

    Their places in classes yet to come are cancelled first (the waiting list
    moves up, as for any cancellation), so no reminder is planned for a person
    the city no longer knows.
    """
    upcoming = resident.registrations.active().filter(session__starts_at__gt=timezone.now())
    for registration in upcoming:
        cancel_registration(registration, reason="個人情報の消去の依頼", by=by)
    return anonymise_residents([resident.pk], by=by, reason=reason)
