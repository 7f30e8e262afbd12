"""Attendance: marks and walk-ins from trainers' tablets, and the coordinator's corrections.

The invariants (DESIGN.md "Quality targets", offline attendance):

- A mark is stored once per device-made UUID: replaying a batch, whole or in
  part, any number of times, inserts nothing new (unique constraint plus
  inserts that ignore conflicts, so even two replays racing each other agree).
- Nothing is overwritten: the current state is read from the marks
  (outreach.rosters.current_state), so the history stays.
- A trainer records only for the classes they lead or help with; every item
  that is refused or malformed gets its own polite error, and the rest of the
  batch is still stored. Bad input never raises out of `apply_sync_batch`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from outreach.models import (
    AttendanceMark,
    CanDoStatement,
    ClassSession,
    Registration,
    Resident,
    WalkIn,
)
from outreach.names import name_key
from outreach.phones import parse_phone
from outreach.rosters import current_state
from outreach.services.errors import AlreadyRegistered
from outreach.services.identity import attach_registration
from outreach.services.sync_items import (
    ItemInvalid,
    ItemNotAllowed,
    ItemResult,
    int_field,
    made_at_field,
    text_field,
    uuid_field,
)

# A batch larger than this is refused whole: a tablet never holds that many.
MAX_BATCH_ITEMS = 1000

MARK = "mark"
WALK_IN = "walk_in"


class AttendanceError(Exception):
    """str(exc) is a polite, translated message for the person who tried."""


# --- Phone numbers of walk-ins (read by outreach.phones.parse_phone, as on every form) ---


def walk_in_phone(raw: str) -> tuple[str | None, str]:
    """The walk-in's number in E.164 (or None), and a note for the coordinator.

    A number that can never reach a person (free dial, navi dial, 020) is
    refused with the registration form's reason: a reminder must not go there.
    A number that cannot be read is left out, and the person kept with a note:
    they are in the room, and the coordinator corrects it afterwards.
    """
    if not (raw or "").strip():
        return None, ""
    try:
        return parse_phone(raw).as_e164, ""
    except ValidationError as exc:
        if exc.code == "not_reachable":
            raise AttendanceError(exc.messages[0]) from exc
        return None, _("電話番号を確認してください: %(phone)s") % {"phone": raw[:40]}


# --- Walk-ins ---------------------------------------------------------------------------


def add_walk_in(
    session: ClassSession,
    *,
    client_uuid: uuid.UUID,
    name: str,
    name_kana: str,
    phone: str = "",
    party_size: int = 1,
    needs_loaner_device: bool = False,
    made_at: dt.datetime,
    by=None,
) -> tuple[Registration, bool]:
    """Register someone who came without booking: confirmed, channel walk_in.

    Raises AttendanceError for a phone number that reaches no one (walk_in_phone).
    Invariant: one registration per walk-in UUID, however often it is replayed.
    The capacity rule is not applied: they are already in the room. A phone
    number and name that already hold a place in this class mean the trainer did
    not find them on the roster; the walk-in then points at that registration.
    """
    existing = WalkIn.objects.filter(client_uuid=client_uuid).select_related("registration")
    if found := existing.first():
        return found.registration, False
    e164, reason = walk_in_phone(phone)
    try:
        with transaction.atomic():
            registration = None
            if e164:
                # Someone the trainer did not find on the roster: the same phone
                # AND name. A phone alone may be a spouse's or a daughter's.
                registration = (
                    Registration.objects.active()
                    .filter(session=session, phone=e164, name_key=name_key(name))
                    .first()
                )
            if registration is None:
                # A stand-in resident, merged with one on file by a coordinator
                # later. No consent record: the tablet does not ask for one.
                resident = Resident.objects.create(
                    name=name, name_kana=name_kana, phone=e164, district=session.venue.district
                )
                registration = Registration.objects.create(
                    session=session,
                    resident=resident,
                    name=name,
                    name_kana=name_kana,
                    phone=e164,
                    district=session.venue.district,
                    status=Registration.Status.CONFIRMED,
                    channel=Registration.Channel.WALK_IN,
                    party_size=party_size,
                    needs_loaner_device=needs_loaner_device,
                    requested_at=made_at,
                    status_reason=reason,
                    created_by=by,
                )
            WalkIn.objects.create(
                client_uuid=client_uuid, registration=registration, made_at=made_at, made_by=by
            )
            audit.record(by, "attendance.walk_in", registration, client_uuid=str(client_uuid))
    except IntegrityError:
        # Another replay of the same walk-in won the race: use what it stored.
        found = WalkIn.objects.filter(client_uuid=client_uuid).select_related("registration")
        if found.exists():
            return found.get().registration, False
        raise
    return registration, True


def merge_candidates(walk_in: WalkIn, *, limit: int = 5):
    """Residents on file who may be this walk-in: same phone, or same kana (spaces ignored)."""
    resident = walk_in.registration.resident
    kana = "".join(unicodedata.normalize("NFKC", resident.name_kana).split())
    query = Q(name_kana=resident.name_kana) | Q(name_kana=kana)
    if resident.phone:
        query |= Q(phone=resident.phone)
    return (
        Resident.objects.filter(query).exclude(pk=resident.pk).order_by("name_kana", "id")[:limit]
    )


def merge_walk_in(walk_in: WalkIn, resident: Resident, *, by) -> Registration:
    """Link a walk-in's registration to a resident already on file, and drop the stand-in.

    Invariant: one person still holds at most one active place per class (the
    same-person constraints); the marks stay on the same registration, so
    nothing recorded is lost.
    """
    registration = walk_in.registration
    if registration.resident_id == resident.pk:
        return registration
    with transaction.atomic():
        try:
            registration = attach_registration(
                registration, resident, by=by, action="attendance.walk_in_merged"
            )
        except AlreadyRegistered as exc:
            raise AttendanceError(
                _("この方はこの教室にすでに申し込まれています。名簿の申込を使ってください。")
            ) from exc
        walk_in.merged_at = timezone.now()
        walk_in.save(update_fields=["merged_at"])
    return registration


# --- The sync batch ------------------------------------------------------------------------


class _Batch:
    """Caches what a batch looks up again and again (sessions, permissions, registrations)."""

    def __init__(self, user):
        self.user = user
        self.sessions: dict[int, ClassSession | None] = {}
        self.allowed: dict[int, bool] = {}
        self.registrations: dict[int, Registration | None] = {}
        self.statements: dict[int, CanDoStatement | None] = {}
        self.walk_ins: dict[uuid.UUID, Registration] = {}

    def session(self, item: dict) -> ClassSession:
        session_id = int_field(item.get("session"), "session")
        if session_id not in self.sessions:
            self.sessions[session_id] = (
                ClassSession.objects.select_related("venue__district").filter(pk=session_id).first()
            )
        session = self.sessions[session_id]
        if session is None:
            raise ItemInvalid(_("この教室は見つかりません。"))
        if session_id not in self.allowed:
            self.allowed[session_id] = session.is_visible_to(self.user)
        if not self.allowed[session_id]:
            raise ItemNotAllowed(_("この教室の出欠は、担当の講師と補助者だけが記録できます。"))
        return session

    def registration(self, item: dict, session: ClassSession) -> Registration:
        if item.get("walk_in"):
            walk_in_uuid = uuid_field(item["walk_in"])
            if walk_in_uuid not in self.walk_ins:
                found = WalkIn.objects.filter(client_uuid=walk_in_uuid).select_related(
                    "registration"
                )
                if not found.exists():
                    raise ItemInvalid(
                        _("当日参加の方が見つかりません。先に当日参加を送ってください。")
                    )
                self.walk_ins[walk_in_uuid] = found.get().registration
            registration = self.walk_ins[walk_in_uuid]
        else:
            registration_id = int_field(item.get("registration"), "registration")
            if registration_id not in self.registrations:
                self.registrations[registration_id] = Registration.objects.filter(
                    pk=registration_id
                ).first()
            registration = self.registrations[registration_id]
        if registration is None or registration.session_id != session.pk:
            raise ItemInvalid(_("この教室の名簿にない方です。"))
        return registration

    def statement(self, item: dict, session: ClassSession) -> CanDoStatement:
        statement_id = int_field(item.get("statement"), "statement")
        if statement_id not in self.statements:
            self.statements[statement_id] = CanDoStatement.objects.filter(pk=statement_id).first()
        statement = self.statements[statement_id]
        if statement is None or statement.topic_id != session.topic_id:
            raise ItemInvalid(_("この教室の「できること」の項目ではありません。"))
        return statement


def _walk_in_from_item(batch: _Batch, item: dict, now) -> tuple[Registration, bool]:
    client_uuid = uuid_field(item.get("uuid"))
    session = batch.session(item)
    name = text_field(item, "name", max_length=100, required=True)
    name_kana = text_field(item, "name_kana", max_length=100, required=True)
    phone = text_field(item, "phone", max_length=40)
    party_size = int_field(item.get("party_size", 1), "party_size")
    if party_size not in (1, 2):
        raise ItemInvalid(_("人数は1人か2人です。"))
    registration, created = add_walk_in(
        session,
        client_uuid=client_uuid,
        name=name,
        name_kana=name_kana,
        phone=phone,
        party_size=party_size,
        needs_loaner_device=bool(item.get("needs_loaner_device", False)),
        made_at=made_at_field(item, now),
        by=batch.user,
    )
    batch.walk_ins[client_uuid] = registration
    return registration, created


def _mark_from_item(batch: _Batch, item: dict, now) -> AttendanceMark:
    client_uuid = uuid_field(item.get("uuid"))
    session = batch.session(item)
    registration = batch.registration(item, session)
    kind = item.get("kind")
    value = item.get("value")
    value = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    statement = None
    phase = ""
    Kind = AttendanceMark.Kind
    if kind == Kind.ATTENDANCE:
        allowed = AttendanceMark.Attendance.values
    elif kind == Kind.LOANER:
        allowed = AttendanceMark.Loaner.values
    elif kind == Kind.CAN_DO:
        allowed = AttendanceMark.CanDo.values
        statement = batch.statement(item, session)
    elif kind == Kind.SATISFACTION:
        allowed = ["1", "2", "3", "4", "5"]
    else:
        raise ItemInvalid(_("記録の種類（kind）が正しくありません。"))
    if value not in allowed:
        raise ItemInvalid(_("記録（value）が正しくありません。"))
    if kind in (Kind.CAN_DO, Kind.SATISFACTION):
        phase = item.get("phase") or AttendanceMark.Phase.AFTER
        if phase not in (AttendanceMark.Phase.BEFORE, AttendanceMark.Phase.AFTER):
            raise ItemInvalid(_("時点（phase）は before か after です。"))
    return AttendanceMark(
        client_uuid=client_uuid,
        session=session,
        registration=registration,
        kind=kind,
        value=value,
        statement=statement,
        phase=phase,
        note=text_field(item, "note", max_length=200),
        made_at=made_at_field(item, now),
        made_by=batch.user,
    )


def apply_sync_batch(user, items: list, *, now=None) -> list[ItemResult]:
    """Store a batch from a tablet: walk-ins first, then marks; one result per item, in order.

    Invariant: each UUID is stored at most once whatever is replayed; a refused
    or malformed item does not stop the others and never raises.
    """
    now = now or timezone.now()
    batch = _Batch(user)
    results: list[ItemResult | None] = [None] * len(items)
    # Walk-ins first: marks made offline for a walk-in refer to it by its UUID.
    order = sorted(
        range(len(items)),
        key=lambda i: 0 if isinstance(items[i], dict) and items[i].get("type") == WALK_IN else 1,
    )
    marks: list[tuple[int, AttendanceMark]] = []
    for index in order:
        item = items[index]
        item_uuid = str(item.get("uuid", "")) if isinstance(item, dict) else ""
        try:
            if not isinstance(item, dict):
                raise ItemInvalid(_("記録の形式が正しくありません。"))
            if item.get("type") == WALK_IN:
                registration, created = _walk_in_from_item(batch, item, now)
                results[index] = ItemResult(
                    item_uuid, "stored" if created else "duplicate", registration=registration.pk
                )
            elif item.get("type", MARK) == MARK:
                mark = _mark_from_item(batch, item, now)
                marks.append((index, mark))
                results[index] = ItemResult(item_uuid, "stored", registration=mark.registration_id)
            else:
                raise ItemInvalid(_("記録の形式（type）が正しくありません。"))
        except (ItemInvalid, ItemNotAllowed, AttendanceError) as exc:
            results[index] = ItemResult(
                item_uuid, "error", error=str(exc), code=getattr(exc, "code", "invalid")
            )
        except DatabaseError:
            # add_walk_in writes in a savepoint, so the batch's transaction is intact.
            results[index] = _not_stored(ItemResult(item_uuid, "error"))
    if marks:
        uuids = [mark.client_uuid for _index, mark in marks]
        already = set(
            AttendanceMark.objects.filter(client_uuid__in=uuids).values_list(
                "client_uuid", flat=True
            )
        )
        seen: set[uuid.UUID] = set()
        new_marks = []
        for index, mark in marks:
            if mark.client_uuid in already or mark.client_uuid in seen:
                results[index].status = "duplicate"
            else:
                seen.add(mark.client_uuid)
                new_marks.append(mark)
        _insert_marks(new_marks, {mark.client_uuid: results[index] for index, mark in marks})
    return [result for result in results if result is not None]


def _not_stored(result: ItemResult) -> ItemResult:
    """Turn an item's result into the refusal of what the database would not store."""
    result.status, result.code, result.registration = "error", "invalid", None
    result.error = _("この記録は保存できませんでした。紙の名簿に書いてください。")
    return result


def _insert_marks(marks: list[AttendanceMark], results: dict[uuid.UUID, ItemResult]) -> None:
    """Insert checked marks at once; if the database refuses the lot, one by one.

    ignore_conflicts: a replay racing this one may insert the same UUIDs between
    the duplicate check and here; the unique constraint keeps one. Anything else
    the database refuses (a registration deleted meanwhile) fails only its own
    mark, so a tablet is never left resending a batch that can never be stored.
    """
    try:
        with transaction.atomic():
            AttendanceMark.objects.bulk_create(marks, ignore_conflicts=True)
        return
    except DatabaseError:
        pass
    for mark in marks:
        try:
            with transaction.atomic():
                AttendanceMark.objects.bulk_create([mark], ignore_conflicts=True)
        except DatabaseError:
            _not_stored(results[mark.client_uuid])


# --- The coordinator's paper entry ----------------------------------------------------


def record_paper_marks(session: ClassSession, values: dict[int, str], *, by) -> int:
    """Enter a printed sign-in sheet afterwards: one attendance mark per changed person.

    Invariant: submitting the same sheet twice adds nothing the second time
    (only values that differ from the current state become marks).
    """
    now = timezone.now()
    registrations = set(
        Registration.objects.filter(session=session, pk__in=values).values_list("pk", flat=True)
    )
    states = current_state(
        AttendanceMark.objects.filter(session=session, kind=AttendanceMark.Kind.ATTENDANCE)
    )
    new_marks = []
    for registration_id, value in values.items():
        if registration_id not in registrations:
            continue
        if value not in AttendanceMark.Attendance.values:
            continue
        state = states.get(registration_id)
        if (state.attendance_value if state else AttendanceMark.Attendance.UNMARKED) == value:
            continue
        new_marks.append(
            AttendanceMark(
                client_uuid=uuid.uuid4(),
                session=session,
                registration_id=registration_id,
                kind=AttendanceMark.Kind.ATTENDANCE,
                value=value,
                note=_("紙の名簿から入力"),
                made_at=now,
                made_by=by,
            )
        )
    with transaction.atomic():
        AttendanceMark.objects.bulk_create(new_marks)
        if new_marks:
            audit.record(by, "attendance.paper_entry", session, marks=len(new_marks))
    return len(new_marks)
