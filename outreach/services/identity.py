"""Who a registration is for, the consent it was given with, and the desk's corrections.

DESIGN.md's safety rule: a phone number is not an identity; knowing one reveals
and changes nothing. So:

* what a stranger submits (web form, API, voice menu) never changes a Resident
  already on file: `resident_for` links to one only when phone AND name match
  (outreach/names.py), and then writes nothing on it; otherwise it creates one;
* the voice menu never learns the caller's name, so its registrations carry a
  stand-in name and wait on the desk's call-back list; the desk confirms the
  name (`confirm_registration_name`) or attaches the registration to a resident
  on file (`attach_registration`);
* only a coordinator changes a resident's details (`correct_resident`), with an
  audit line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from outreach.models import ConsentMethod, Registration, Resident
from outreach.names import UNCONFIRMED_NAME, UNCONFIRMED_NAME_KEY
from outreach.services.errors import AlreadyRegistered


@dataclass(frozen=True)
class Consent:
    """A person's agreement to the stated use of their name and phone: how, and when."""

    method: str
    at: dt.datetime = field(default_factory=timezone.now)

    def __post_init__(self):
        if self.method not in ConsentMethod.values or not self.method:
            raise ValueError(f"not a way of giving consent: {self.method!r}")


def resident_for(
    *,
    phone,
    name: str,
    name_kana: str,
    district=None,
    language: str = "ja",
    age_band: str = "",
    consent: Consent | None,
    name_confirmed: bool = True,
) -> Resident:
    """The resident on file with this phone AND this name, unchanged; else a new resident.

    An unconfirmed name (the voice menu's stand-in) never matches anyone: every
    such registration gets a stand-in resident of its own until the desk calls.
    """
    if name_confirmed and phone:
        found = Resident.objects.same_person(phone, name).order_by("id").first()
        if found is not None:
            return found
    resident = new_resident(
        phone=phone,
        name=name,
        name_kana=name_kana,
        district=district,
        language=language,
        age_band=age_band,
        consent=consent,
        name_confirmed=name_confirmed,
    )
    resident.save(force_insert=True)
    return resident


def new_resident(
    *,
    phone,
    name: str,
    name_kana: str,
    district=None,
    language: str = "ja",
    age_band: str = "",
    consent: Consent | None,
    name_confirmed: bool = True,
) -> Resident:
    """The resident a registration makes when nobody on file matches (not saved yet).

    Also what outreach.services.placing writes in its one-statement registration,
    so both ways make the same record.
    """
    return Resident(
        name=name if name_confirmed else UNCONFIRMED_NAME,
        name_kana=name_kana if name_confirmed else "",
        phone=phone or None,
        district=district,
        language=language or "ja",
        age_band=age_band or "",
        consented_at=consent.at if consent else None,
    )


def _is_stand_in_for(resident: Resident, registration: Registration) -> bool:
    """A resident made only to carry this one unconfirmed registration."""
    return (
        resident.name_key == UNCONFIRMED_NAME_KEY
        and not resident.registrations.exclude(pk=registration.pk).exists()
    )


def _locked(registration: Registration) -> Registration:
    # Two coordinators working the call-back list at once must not both move it.
    return (
        Registration.objects.select_for_update().select_related("resident").get(pk=registration.pk)
    )


def _save_person(registration: Registration, fields: list[str]) -> None:
    try:
        with transaction.atomic():
            registration.save(update_fields=[*fields, "updated_at"])
    except IntegrityError as exc:
        # The same-person constraints: this person already holds a place here.
        raise AlreadyRegistered(_("この方は、この教室にすでに申し込まれています。")) from exc


def _drop_if_unused(resident: Resident) -> None:
    # A stand-in left with no registration carries nothing worth keeping but a
    # phone number; personal data not needed is not kept.
    if not resident.registrations.exists():
        resident.delete()


def confirm_registration_name(
    registration: Registration, *, name: str, name_kana: str, by
) -> Registration:
    """Record the name the desk heard on the call-back; the registration is then confirmed.

    The registration moves to the resident on file with its phone and this name
    if there is one; otherwise its own stand-in resident takes the name, or, if
    it points at someone else's record (rows from before names were asked), a
    new resident is made for it. Nobody else's record changes.
    """
    name, name_kana = name.strip(), (name_kana or "").strip()
    with transaction.atomic():
        current = _locked(registration)
        previous = current.resident
        match = None
        if current.phone:
            match = Resident.objects.same_person(current.phone, name).order_by("id").first()
        if match is not None:
            current.resident = match
        elif _is_stand_in_for(previous, current):
            previous.name, previous.name_kana = name, name_kana
            previous.save(update_fields=["name", "name_kana", "name_key", "updated_at"])
        else:
            current.resident = Resident.objects.create(
                name=name,
                name_kana=name_kana,
                phone=current.phone,
                district=current.district,
                language=current.language,
                age_band=current.age_band,
                consented_at=current.consented_at,
            )
        current.name, current.name_kana, current.name_confirmed = name, name_kana, True
        _save_person(current, ["resident", "name", "name_kana", "name_key", "name_confirmed"])
        if current.resident_id != previous.pk and previous.name_key == UNCONFIRMED_NAME_KEY:
            _drop_if_unused(previous)
        audit.record(by, "outreach.confirm_name", current, resident=current.resident_id)
    return current


def attach_registration(
    registration: Registration,
    resident: Resident,
    *,
    by,
    action: str = "outreach.attach_registration",
) -> Registration:
    """Point a registration at a resident on file, whose name it then carries.

    For the desk's call-back list and a trainer's walk-in: the coordinator has
    made sure it is the same person. The registration keeps its own phone (a
    walk-in who gave none takes the resident's). The stand-in it pointed at is
    deleted once nothing points at it.
    """
    with transaction.atomic():
        current = _locked(registration)
        previous = current.resident
        current.resident = resident
        current.name, current.name_kana = resident.name, resident.name_kana
        current.name_confirmed = True
        current.phone = current.phone or resident.phone
        _save_person(
            current, ["resident", "name", "name_kana", "name_key", "name_confirmed", "phone"]
        )
        if previous.pk != resident.pk:
            _drop_if_unused(previous)
        audit.record(by, action, current, resident=resident.pk)
    return current


CORRECTABLE = (
    "name",
    "name_kana",
    "phone",
    "district",
    "age_band",
    "language",
    "contact_preference",
)


def correct_resident(resident: Resident, *, by, **changes) -> list[str]:
    """A coordinator corrects a resident's own details; return the fields changed.

    Registrations keep the names they were made with: a registration's name is
    corrected on its own (confirm_registration_name). The audit line names the
    fields changed, not their values.
    """
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise TypeError(f"correct_resident cannot change {sorted(unknown)}")
    with transaction.atomic():
        current = Resident.objects.select_for_update().get(pk=resident.pk)
        changed = [name for name, value in changes.items() if getattr(current, name) != value]
        if not changed:
            return []
        for name in changed:
            setattr(current, name, changes[name])
        extra = ["name_key"] if "name" in changed else []
        current.save(update_fields=[*changed, *extra, "updated_at"])
        audit.record(by, "outreach.correct_resident", current, changed=changed)
    for name in changed:
        setattr(resident, name, getattr(current, name))
    return changed
