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
which staff courses share.

Reasons written to Registration.status_reason are data for coordinators, in
the city's working language (Japanese), not translated per request.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from core import audit, capacity
from outreach.models import ClassSession, Registration, Resident
from outreach.phones import parse_phone
from outreach.signals import class_changed, registration_changed

Status = Registration.Status


class RegistrationError(Exception):
    """A registration that cannot be made or changed; str(exc) is a polite message."""

    default_message = ""

    def __init__(self, message: str | None = None):
        super().__init__(message or str(self.get_default_message()))

    def get_default_message(self) -> str:
        return _("申込を受け付けられませんでした。お手数ですが、お電話でお問い合わせください。")


class AlreadyRegistered(RegistrationError):
    """This phone number already holds an active registration for this class."""

    def get_default_message(self) -> str:
        return _(
            "この電話番号では、この教室にすでに申し込まれています。"
            "内容の確認や取り消しは、受付のときにお知らせしたページからできます。"
        )


class ClassNotOpen(RegistrationError):
    """The class is a draft, cancelled, or already started."""

    def get_default_message(self) -> str:
        return _("この教室は申込を受け付けていません。ほかの日の教室をお選びください。")


# --- helpers used only under the class's lock -----------------------------------------


def _lock_session(session_id: int) -> ClassSession:
    # The lock every change to this class's seats queues on. Two requests that
    # both counted "one seat left" without it would both confirm.
    return ClassSession.objects.select_for_update().get(pk=session_id)


def _count(session: ClassSession, phone: PhoneNumber | None = None) -> tuple[capacity.Seats, bool]:
    """Seats taken, parties waiting and whether `phone` is already active here: one query."""
    aggregates = {
        "taken": Coalesce(Sum("party_size", filter=Q(status=Status.CONFIRMED)), 0),
        "waiting": Count("id", filter=Q(status=Status.WAITLISTED)),
    }
    if phone:
        aggregates["mine"] = Count("id", filter=Q(phone=phone) & ~Q(status=Status.CANCELLED))
    row = Registration.objects.filter(session=session).aggregate(**aggregates)
    seats = capacity.Seats(capacity=session.capacity, taken=row["taken"], waiting=row["waiting"])
    return seats, bool(row.get("mine"))


def _promote_locked(session: ClassSession, *, reason: str) -> list[Registration]:
    """Promote waiting parties that now fit, in order. The caller holds the lock."""
    seats, _mine = _count(session)
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


def _check_open(session: ClassSession, channel: str) -> None:
    now = timezone.now()
    if session.status != ClassSession.Status.PUBLISHED:
        if session.status == ClassSession.Status.CANCELLED:
            raise ClassNotOpen(_("この教室は中止になりました。ほかの日の教室をお選びください。"))
        raise ClassNotOpen()
    # A walk-in is registered at the door while the class runs; everyone else
    # must register before it starts.
    closes_at = session.ends_at if channel == Registration.Channel.WALK_IN else session.starts_at
    if closes_at <= now:
        raise ClassNotOpen(
            _(
                "この教室はすでに始まっているため、申込を受け付けられません。ほかの日の教室をお選びください。"
            )
        )


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


def _find_or_create_resident(
    *, phone, name, name_kana, district, language, age_band, contact_preference
) -> Resident:
    resident = None
    if phone:
        # A returning resident is found by phone, so their history stays in one place.
        resident = Resident.objects.filter(phone=phone).order_by("id").first()
    if resident is None:
        return Resident.objects.create(
            name=name,
            name_kana=name_kana,
            phone=phone,
            district=district,
            language=language or "ja",
            age_band=age_band or "",
            contact_preference=contact_preference or Resident.ContactPreference.AUTO,
            # Every channel asks before calling register(): the web form's
            # checkbox, the desk's read-out statement, the voice menu's prompt.
            consented_at=timezone.now(),
        )
    changed = []
    if district is not None and resident.district_id != district.pk:
        resident.district = district
        changed.append("district")
    if language and resident.language != language:
        resident.language = language
        changed.append("language")
    if age_band and resident.age_band != age_band:
        resident.age_band = age_band
        changed.append("age_band")
    if resident.consented_at is None:
        resident.consented_at = timezone.now()
        changed.append("consented_at")
    if changed:
        resident.save(update_fields=[*changed, "updated_at"])
    return resident


def _place_locked(registration: Registration, session: ClassSession) -> int:
    """Lock the class, count, decide with core.capacity, insert; return the parties waiting.

    The portable way (SQLite, or PostgreSQL with server-side binding): four
    round trips under the lock.
    """
    locked = _lock_session(session.pk)
    _check_open(locked, registration.channel)  # it may have been cancelled while we waited
    seats, already = _count(locked, registration.phone)
    if already:
        raise AlreadyRegistered()
    now = timezone.now()
    registration.session = locked
    registration.status = capacity.place(seats, registration.party_size)
    # Set under the lock, so the waiting list's order is the order in which
    # requests got the lock: true arrival order.
    registration.requested_at = registration.status_changed_at = now
    registration.save(force_insert=True)
    return seats.waiting


def _can_place_in_one_round_trip() -> bool:
    # Several statements in one execute() need psycopg's client-side binding,
    # Django's default; with server_side_binding the portable way is used.
    return connection.vendor == "postgresql" and not connection.settings_dict.get(
        "OPTIONS", {}
    ).get("server_side_binding")


# core.capacity.place() in SQL, for the one-round-trip insert below. It must
# decide exactly as place() does: confirmed only if nobody is waiting and the
# whole party fits (tests/outreach/test_registration.py compares the two).
PLACE_SQL = (
    "CASE WHEN {waiting} = 0 AND {party} <= GREATEST({capacity} - {taken}, 0) "
    "THEN 'confirmed' ELSE 'waitlisted' END"
)


def _place_locked_postgresql(registration: Registration, session: ClassSession) -> int:
    """_place_locked in one round trip to PostgreSQL; return the parties waiting.

    Under a burst the class's lock, not the CPU, limits throughput: whoever
    holds it must not wait for its own process to be scheduled again between
    statements. So the lock, the count and the insert go to the server as one
    string of two statements. Each statement takes its own snapshot (READ
    COMMITTED), so the insert's count sees every registration committed before
    the lock was granted. The decision is PLACE_SQL (core.capacity's rule); the
    arrival time is clock_timestamp() under the lock, so the waiting list's
    order stays the order of getting the lock. If the class closed meanwhile,
    or the phone is already registered here, nothing is inserted and the
    locked row tells which.
    """
    meta = Registration._meta
    quote = connection.ops.quote_name
    table, class_table = quote(meta.db_table), quote(ClassSession._meta.db_table)
    decided = {"id", "status", "requested_at", "status_changed_at"}
    fields = [f for f in meta.concrete_fields if f.attname not in decided]
    columns = ", ".join(quote(f.column) for f in fields)
    values = [f.get_db_prep_save(f.pre_save(registration, True), connection) for f in fields]
    closes = "ends_at" if registration.channel == Registration.Channel.WALK_IN else "starts_at"
    phone = meta.get_field("phone").get_db_prep_save(registration.phone, connection)
    decision = PLACE_SQL.format(
        waiting="counted.waiting",
        party="%s",
        capacity="c.capacity",
        taken="counted.taken",
    )
    sql = f"""
        SELECT status, starts_at, ends_at FROM {class_table} WHERE id = %s FOR UPDATE;
        WITH counted AS (
            SELECT COALESCE(SUM(party_size) FILTER (WHERE status = 'confirmed'), 0) AS taken,
                   COUNT(*) FILTER (WHERE status = 'waitlisted') AS waiting,
                   COUNT(*) FILTER (WHERE phone = %s AND status <> 'cancelled') AS mine,
                   clock_timestamp() AS at
            FROM {table} WHERE session_id = %s
        ), placed AS (
            INSERT INTO {table} ({columns}, status, requested_at, status_changed_at)
            SELECT {", ".join(["%s"] * len(values))}, {decision}, counted.at, counted.at
            FROM counted, {class_table} c
            WHERE c.id = %s AND c.status = 'published' AND c.{closes} > counted.at
              AND counted.mine = 0
            RETURNING id, status, requested_at
        )
        SELECT placed.id, placed.status, placed.requested_at, counted.waiting
        FROM placed, counted
    """  # noqa: S608 (names from the models; values are parameters)
    params = [session.pk, phone, session.pk, *values, registration.party_size, session.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        locked_row = cursor.fetchone()
        cursor.nextset()
        row = cursor.fetchone()
    if locked_row is None:  # the class was deleted while we waited
        raise ClassNotOpen()
    locked_status, starts_at, ends_at = locked_row
    if row is None:
        locked = ClassSession(pk=session.pk, status=locked_status)
        locked.starts_at, locked.ends_at = starts_at, ends_at
        _check_open(locked, registration.channel)  # cancelled or started while we waited
        raise AlreadyRegistered()
    registration.pk, registration.status, registration.requested_at, waiting = row
    registration.status_changed_at = registration.requested_at
    registration._state.adding = False
    return waiting


# --- the services ---------------------------------------------------------------------


def register(
    session: ClassSession,
    *,
    name: str,
    name_kana: str,
    phone,
    channel: str,
    party_size: int = 1,
    needs_loaner_device: bool = False,
    phone_kind: str = "",
    district=None,
    language: str = "ja",
    age_band: str = "",
    contact_preference: str = "auto",
    created_by=None,
    resident: Resident | None = None,
) -> Registration:
    """Register a party of one or two for a class: confirmed if it fits, else waitlisted.

    Invariant: confirmed seats never exceed capacity; a newcomer never overtakes
    the waiting list; one phone holds at most one active registration per class.
    Raises ClassNotOpen, AlreadyRegistered, or ValidationError (per field) for
    bad input. Sends registration_changed(event="confirmed"|"waitlisted") on commit.

    The returned registration carries `arrival_position`: its place on the
    waiting list when it was made (None if confirmed), so the caller can answer
    without another query.
    """
    # Everything that can be checked without the lock is checked here first.
    if party_size not in (1, 2):
        raise ValidationError({"party_size": _("人数は1人か2人でお選びください。")})
    if resident is None and not (name or "").strip():
        raise ValidationError({"name": _("お名前を入力してください。")})
    phone_number = _as_phone(phone if resident is None or phone else resident.phone, channel)
    _check_open(session, channel)

    try:
        with transaction.atomic():
            if resident is None:
                resident = _find_or_create_resident(
                    phone=phone_number,
                    name=name.strip(),
                    name_kana=(name_kana or "").strip(),
                    district=district,
                    language=language,
                    age_band=age_band,
                    contact_preference=contact_preference,
                )
            registration = Registration(
                session=session,
                resident=resident,
                phone=phone_number,
                channel=channel,
                party_size=party_size,
                needs_loaner_device=needs_loaner_device,
                phone_kind=phone_kind or "",
                created_by=created_by,
            )
            # ---- the class's lock is held from here to commit: count, write, nothing else.
            if _can_place_in_one_round_trip():
                waiting = _place_locked_postgresql(registration, session)
            else:
                waiting = _place_locked(registration, session)
            # The place on the waiting list, counted under the lock: those
            # waiting now were all there before this one (requested_at order).
            registration.arrival_position = (
                waiting + 1 if registration.status == Status.WAITLISTED else None
            )
            if created_by is not None:
                audit.record(created_by, "outreach.register", registration, channel=channel)
            _send_on_commit([registration], registration.status)
    except IntegrityError as exc:
        # The partial unique index caught a duplicate the count could not see
        # (a write that bypassed these services).
        raise AlreadyRegistered() from exc
    return registration


def cancel_registration(registration: Registration, *, reason: str, by=None) -> list[Registration]:
    """Cancel one registration and promote from the waiting list; return the promoted.

    Invariant: a freed seat goes to the first waiting party that fits, in order,
    before the lock is released. Cancelling twice changes nothing.
    """
    with transaction.atomic():
        session = _lock_session(registration.session_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            registration.status = current.status
            return []
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
        locked = _lock_session(session.pk)
        if locked.status != ClassSession.Status.PUBLISHED:
            return []
        return _promote_locked(locked, reason=reason)


def cancel_class(session: ClassSession, *, reason: str, by=None) -> None:
    """Cancel a class and every registration in it; class_changed(event="cancelled") on commit.

    Only the class-level signal is sent, so a resident gets one notice of the
    cancellation, not two.
    """
    with transaction.atomic():
        locked = _lock_session(session.pk)
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
        locked = _lock_session(session.pk)
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
        locked = _lock_session(session.pk)
        if locked.status != ClassSession.Status.DRAFT:
            return
        locked.status = ClassSession.Status.PUBLISHED
        locked.sequence += 1
        locked.save(update_fields=["status", "sequence", "updated_at"])
        audit.record(by, "outreach.publish_class", locked)
    session.status, session.sequence = locked.status, locked.sequence


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
    _check_open(to_session, registration.channel)
    with transaction.atomic():
        first, second = sorted([registration.session_id, to_session.pk])
        locks = {pk: _lock_session(pk) for pk in (first, second)}
        old_session, new_session = locks[registration.session_id], locks[to_session.pk]
        _check_open(new_session, registration.channel)
        current = Registration.objects.select_related("resident").get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            raise RegistrationError(_("取り消し済みの申込は移動できません。"))
        seats, already = _count(new_session, current.phone)
        if already:
            raise AlreadyRegistered(_("この方は移動先の教室にすでに申し込まれています。"))
        now = timezone.now()
        current.status = Status.CANCELLED
        current.status_reason = f"移動：教室{new_session.pk}へ"
        current.status_changed_at = now
        current.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
        moved = Registration.objects.create(
            session=new_session,
            resident=current.resident,
            phone=current.phone,
            status=capacity.place(seats, current.party_size),
            channel=current.channel,
            party_size=current.party_size,
            needs_loaner_device=current.needs_loaner_device,
            phone_kind=current.phone_kind,
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
