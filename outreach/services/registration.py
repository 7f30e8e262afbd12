"""Registering for a class, cancelling, the waiting list, and changing or cancelling a class.

Every function here owns its transaction. The one invariant they all keep:

    For every class, the seats held by confirmed registrations never exceed
    its capacity, and the waiting list is served strictly in arrival order.

They keep it by taking the class's row lock (SELECT ... FOR UPDATE on
PostgreSQL; on SQLite the IMMEDIATE transaction already serialises writers)
before counting seats, and writing the result before the lock is released. The
lock is held only for the count and the write: validation, finding the
resident, messages (signals sent on commit) and calendars happen outside it, so
a burst of registrations for one popular class queues for milliseconds, not for
the length of a whole request.

The numbers themselves (who fits, who is promoted) are decided by core.capacity,
which staff courses share; the count and the insert under the lock are in
placing.py, who the registration is for in identity.py.

Reasons written to Registration.status_reason are data for coordinators, in
the city's working language (Japanese), not translated per request.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from core import audit, capacity
from outreach.models import ClassSession, Registration, Resident
from outreach.names import UNCONFIRMED_NAME
from outreach.phones import parse_phone
from outreach.services.errors import (
    AlreadyRegistered,
    CancellationClosed,
    ClassNotFound,
    RegistrationError,
)
from outreach.services.identity import Consent, new_resident, resident_for
from outreach.services.placing import (
    can_place_in_one_round_trip,
    check_open,
    count_seats,
    lock_session,
    one_string_transaction,
    place_locked,
    place_locked_postgresql,
    place_person_postgresql,
)
from outreach.signals import class_changed, registration_changed

Status = Registration.Status


# --- helpers used only under the class's lock -----------------------------------------


def _promote_locked(session: ClassSession, *, reason: str) -> list[Registration]:
    """Promote waiting parties that now fit, in order. The caller holds the lock."""
    seats, _mine = count_seats(session)
    if seats.waiting == 0 or seats.left == 0:
        return []
    waiting = list(
        Registration.objects.filter(session=session, status=Status.WAITLISTED).order_by(
            "requested_at", "id"
        )
    )
    # Waiting parties do not hold seats, so the list is counted from scratch here.
    plan = capacity.promotions(capacity.Seats(session.capacity, seats.taken), waiting)
    if not plan.promoted:
        return []
    now = timezone.now()
    reason = reason[:200]
    Registration.objects.filter(pk__in=[r.pk for r in plan.promoted]).update(
        status=Status.CONFIRMED,
        status_reason=reason,
        status_changed_at=now,
        promoted_at=now,
        updated_at=now,
    )
    for registration in plan.promoted:
        registration.status = Status.CONFIRMED
        registration.status_reason = reason
        registration.status_changed_at = now
        registration.promoted_at = now
        registration.session = session
    _send_on_commit(plan.promoted, "promoted")
    return plan.promoted


def _send_on_commit(registrations: list[Registration], event: str) -> None:
    for registration in registrations:
        transaction.on_commit(
            lambda r=registration: registration_changed.send(
                sender=Registration, registration=r, event=event
            )
        )


def _open_class(class_id: int, channel: str) -> ClassSession:
    session = (
        ClassSession.objects.only("id", "status", "starts_at", "ends_at")
        .filter(pk=class_id)
        .first()
    )
    if session is None:
        raise ClassNotFound()
    check_open(session, channel)
    return session


def _as_phone(phone, channel: str) -> PhoneNumber | None:
    if phone is None or phone == "":
        if channel == Registration.Channel.WALK_IN:
            return None  # a walk-in may give no phone at all
        raise ValidationError({"phone": _("電話番号を入力してください。")})
    if isinstance(phone, PhoneNumber) and phone.is_valid():
        return phone
    try:
        return parse_phone(str(phone))
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc


# --- the services ---------------------------------------------------------------------


def register(
    session: ClassSession | int,
    *,
    name: str,
    name_kana: str,
    phone,
    channel: str,
    consent: Consent | None,
    party_size: int = 1,
    needs_loaner_device: bool = False,
    phone_kind: str = "",
    district=None,
    language: str | None = None,
    age_band: str = "",
    created_by=None,
    resident: Resident | None = None,
    name_confirmed: bool = True,
) -> Registration:
    """Register a party of one or two for a class: confirmed if it fits, else waitlisted.

    Invariant: confirmed seats never exceed capacity; a newcomer never overtakes
    the waiting list; one person (the same resident, or the same phone and name)
    holds at most one active registration per class. Nobody is registered without
    a consent record (`consent`: how and when they agreed to the stated use).

    The registration keeps what was given for it: name, kana, phone, language,
    district, age band. A resident already on file is never changed: `resident`
    is the one the desk chose, otherwise identity.resident_for() links to the
    resident with this phone and name or creates one. `name_confirmed=False`
    (the voice menu) registers under a stand-in name for the desk to confirm.

    `session` may be only the class's id (the API): then a missing class raises
    ClassNotFound, and the class is read and checked under its lock, with no query
    before it. Raises ClassNotOpen, AlreadyRegistered, or ValidationError (per
    field) for bad input. Sends registration_changed(event="confirmed"|"waitlisted") on commit.

    The returned registration carries `arrival_position`: its place on the
    waiting list when it was made (None if confirmed), so the caller can answer
    without another query.
    """
    # Everything that can be checked without the lock is checked here first.
    if consent is None:
        raise ValidationError({"consent": _("申し込むには、個人情報の使い方への同意が必要です。")})
    if party_size not in (1, 2):
        raise ValidationError({"party_size": _("人数は1人か2人でお選びください。")})
    if resident is not None:
        name, name_kana = resident.name, resident.name_kana
        district = district if district is not None else resident.district
        language = language or resident.language
        age_band = age_band or resident.age_band
        phone = phone or resident.phone
    elif not name_confirmed:
        name, name_kana = UNCONFIRMED_NAME, ""
    name, name_kana = (name or "").strip(), (name_kana or "").strip()
    if not name:
        raise ValidationError({"name": _("お名前を入力してください。")})
    phone_number = _as_phone(phone, channel)
    finds_person = resident is None and name_confirmed and phone_number is not None
    # The public web form and the API: the person found or made, the class locked,
    # checked, counted and the place written, in one round trip.
    one_round_trip = finds_person and created_by is None and can_place_in_one_round_trip()
    if isinstance(session, ClassSession):
        check_open(session, channel)
    elif one_round_trip:
        session = ClassSession(pk=session)  # only its id: the string checks it, under the lock
    else:
        session = _open_class(session, channel)

    registration = Registration(
        session=session,
        resident=resident,
        name=name,
        name_kana=name_kana,
        name_confirmed=name_confirmed,
        phone=phone_number,
        language=language or "ja",
        district=district,
        age_band=age_band or "",
        consented_at=consent.at,
        consent_method=consent.method,
        channel=channel,
        party_size=party_size,
        needs_loaner_device=needs_loaner_device,
        phone_kind=phone_kind or "",
        created_by=created_by,
    )
    person = {
        "phone": phone_number,
        "name": name,
        "name_kana": name_kana,
        "district": district,
        "language": language or "ja",
        "age_band": age_band,
        "consent": consent,
        "name_confirmed": name_confirmed,
    }
    try:
        if one_round_trip:
            with one_string_transaction():
                waiting = place_person_postgresql(registration, session, new_resident(**person))
        else:
            with transaction.atomic():
                if resident is None:
                    registration.resident = resident_for(**person)
                # ---- the class's lock is held from here to commit: count, write, nothing else.
                if can_place_in_one_round_trip():
                    waiting = place_locked_postgresql(registration, session)
                else:
                    waiting = place_locked(registration, session)
                if created_by is not None:
                    audit.record(created_by, "outreach.register", registration, channel=channel)
    except IntegrityError as exc:
        # A same-person index caught a duplicate the count could not see (a
        # write that bypassed these services).
        raise AlreadyRegistered() from exc
    # The place on the waiting list, counted under the lock: those waiting now
    # were all there before this one (requested_at order).
    registration.arrival_position = (
        waiting + 1 if registration.status == Status.WAITLISTED else None
    )
    # After commit (at once when the string committed on its own).
    _send_on_commit([registration], registration.status)
    return registration


def _check_cancellable(session: ClassSession, by) -> None:
    # Residents cancel only before the class starts: after that the seat can go
    # to nobody, and the trainer's roster and attendance are what count. The
    # desk (`by`, a coordinator) may still put its records right.
    if by is None and session.starts_at <= timezone.now():
        raise CancellationClosed()


def cancel_registration(registration: Registration, *, reason: str, by=None) -> list[Registration]:
    """Cancel one registration and promote from the waiting list; return the promoted.

    Invariant: a freed seat goes to the first waiting party that fits, in order,
    before the lock is released. Cancelling twice changes nothing. Without `by`
    (the resident themselves) it raises CancellationClosed once the class has started.
    """
    with transaction.atomic():
        session = lock_session(registration.session_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            registration.status = current.status
            return []
        _check_cancellable(session, by)
        now = timezone.now()
        current.status = Status.CANCELLED
        current.status_reason = (reason or "")[:200]
        current.status_changed_at = now
        current.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
        if by is not None:
            audit.record(by, "outreach.cancel_registration", current, reason=reason)
        _send_on_commit([current], "cancelled")
        # Even a waitlisted cancellation can unblock the list: a couple at its
        # head leaving lets the single person behind them into a free seat.
        promoted = _promote_locked(session, reason=f"繰り上げ：申込{current.pk}の取り消し")
    for field in ("status", "status_reason", "status_changed_at"):
        setattr(registration, field, getattr(current, field))
    return promoted


def promote_waitlist(session: ClassSession, *, reason: str) -> list[Registration]:
    """Confirm waiting parties that fit now, in arrival order; record `reason` on each."""
    with transaction.atomic():
        locked = lock_session(session.pk)
        if locked.status != ClassSession.Status.PUBLISHED:
            return []
        return _promote_locked(locked, reason=reason)


def cancel_class(session: ClassSession, *, reason: str, by=None) -> None:
    """Cancel a class and every registration in it; class_changed(event="cancelled") on commit.

    Only the class-level signal is sent, so a resident gets one notice of the
    cancellation, not two.
    """
    with transaction.atomic():
        locked = lock_session(session.pk)
        if locked.status == ClassSession.Status.CANCELLED:
            return
        now = timezone.now()
        locked.status = ClassSession.Status.CANCELLED
        locked.cancellation_reason = (reason or "")[:200]
        locked.sequence += 1
        locked.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
        Registration.objects.filter(session=locked).active().update(
            status=Status.CANCELLED,
            status_reason=f"教室の中止：{reason}"[:200],
            status_changed_at=now,
            updated_at=now,
        )
        audit.record(by, "outreach.cancel_class", locked, reason=reason)
        transaction.on_commit(
            lambda: class_changed.send(sender=ClassSession, session=locked, event="cancelled")
        )
    for field in ("status", "cancellation_reason", "sequence"):
        setattr(session, field, getattr(locked, field))


# Changes a calendar or a registered resident must notice.
_MOVING_FIELDS = {"starts_at", "ends_at", "venue", "venue_id"}
_EDITABLE_FIELDS = {
    "topic",
    "venue",
    "title",
    "starts_at",
    "ends_at",
    "capacity",
    "loaner_devices",
    "lead_trainer",
    "notes",
}


def update_class(session: ClassSession, *, by=None, **changes) -> list[Registration]:
    """Change a class's details; raise SEQUENCE; promote from the waiting list if capacity grew.

    Returns the promoted registrations. Sends class_changed(event="moved") on
    commit when a published class changes time or place.
    """
    unknown = set(changes) - _EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"update_class cannot change {sorted(unknown)}")
    with transaction.atomic():
        locked = lock_session(session.pk)
        changed = [name for name, value in changes.items() if getattr(locked, name) != value]
        if not changed:
            return []
        old_capacity = locked.capacity
        for name in changed:
            setattr(locked, name, changes[name])
        locked.sequence += 1
        locked.save(update_fields=[*changed, "sequence", "updated_at"])
        audit.record(by, "outreach.update_class", locked, changed=changed)
        promoted: list[Registration] = []
        if locked.status == ClassSession.Status.PUBLISHED:
            if locked.capacity > old_capacity:
                promoted = _promote_locked(
                    locked, reason=f"繰り上げ：定員を{old_capacity}人から{locked.capacity}人に変更"
                )
            if _MOVING_FIELDS & set(changed):
                transaction.on_commit(
                    lambda: class_changed.send(sender=ClassSession, session=locked, event="moved")
                )
    for name in [*changed, "sequence"]:
        setattr(session, name, getattr(locked, name))
    return promoted


def publish_class(session: ClassSession, *, by=None) -> None:
    """Open a draft class for registration (raises SEQUENCE so calendars refresh)."""
    with transaction.atomic():
        locked = lock_session(session.pk)
        if locked.status != ClassSession.Status.DRAFT:
            return
        locked.status = ClassSession.Status.PUBLISHED
        locked.sequence += 1
        locked.save(update_fields=["status", "sequence", "updated_at"])
        audit.record(by, "outreach.publish_class", locked)
    session.status, session.sequence = locked.status, locked.sequence


# What a registration was given with, and so keeps when the desk moves it to another class.
_CARRIED_ON_MOVE = (
    "resident",
    "name",
    "name_kana",
    "name_confirmed",
    "phone",
    "language",
    "district",
    "age_band",
    "consented_at",
    "consent_method",
    "channel",
    "party_size",
    "needs_loaner_device",
    "phone_kind",
)


def move_registration(
    registration: Registration, to_session: ClassSession, *, by=None
) -> Registration:
    """Move a person to another class: a new registration there, the old one cancelled.

    Invariant: the same as register() in the new class and cancel_registration()
    in the old one, in one transaction. Both classes are locked in id order so
    two moves in opposite directions cannot deadlock.
    """
    if to_session.pk == registration.session_id:
        raise RegistrationError(_("同じ教室には移動できません。"))
    check_open(to_session, registration.channel)
    with transaction.atomic():
        first, second = sorted([registration.session_id, to_session.pk])
        locks = {pk: lock_session(pk) for pk in (first, second)}
        old_session, new_session = locks[registration.session_id], locks[to_session.pk]
        check_open(new_session, registration.channel)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            raise RegistrationError(_("取り消し済みの申込は移動できません。"))
        seats, already = count_seats(new_session, current)
        if already:
            raise AlreadyRegistered(_("この方は移動先の教室にすでに申し込まれています。"))
        now = timezone.now()
        current.status = Status.CANCELLED
        current.status_reason = f"移動：教室{new_session.pk}へ"
        current.status_changed_at = now
        current.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
        moved = Registration.objects.create(
            session=new_session,
            **{name: getattr(current, name) for name in _CARRIED_ON_MOVE},
            status=capacity.place(seats, current.party_size),
            requested_at=now,
            status_changed_at=now,
            status_reason=f"移動：教室{old_session.pk}から",
            created_by=by,
        )
        audit.record(by, "outreach.move_registration", moved, from_registration=current.pk)
        # The resident hears about the new class only; the old place is not
        # announced as a cancellation, which would alarm them.
        _send_on_commit([moved], moved.status)
        _promote_locked(old_session, reason=f"繰り上げ：申込{current.pk}の移動")
    registration.status = current.status
    return moved


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None unless the registration is waitlisted."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = (
        Registration.objects.filter(session_id=registration.session_id, status=Status.WAITLISTED)
        .filter(
            Q(requested_at__lt=registration.requested_at)
            | Q(requested_at=registration.requested_at, id__lt=registration.pk)
        )
        .count()
    )
    return ahead + 1
