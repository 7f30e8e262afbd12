"""/api/v1/attendance/: what a trainer's tablet stores, and where it sends marks made offline.

Same-origin only: the session cookie signs the trainer in and the X-CSRFToken
header proves the request comes from Tsunagu's own page (SessionAuth checks it).
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import SessionAuth

from core import access_log
from core.api_schema import errors
from core.permissions import has_any_role
from core.roles import Role
from outreach.rosters import coming_sessions, roster_for
from outreach.services import attendance as service


class TrainerSession(SessionAuth):
    """Signed in (401 otherwise) as a trainer or coordinator (403 otherwise), with CSRF."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None and not has_any_role(user, Role.TRAINER, Role.COORDINATOR):
            raise HttpError(403, _("出欠の記録は講師とコーディネーターだけが使えます。"))
        return user


router = Router(tags=["attendance"], auth=TrainerSession())


class SyncIn(Schema):
    # Items are checked one by one in the service, so one bad item gets its own
    # error instead of failing the whole batch with a 422.
    items: list[Any]


class ItemResultOut(Schema):
    uuid: str
    status: str
    error: str | None = None
    code: str | None = None
    registration: int | None = None


class SyncOut(Schema):
    results: list[ItemResultOut]
    stored: int
    duplicates: int
    errors: int
    received_at: str


def _mark_out(mark) -> dict | None:
    if mark is None:
        return None
    return {"value": mark.value, "made_at": mark.made_at.isoformat(), "uuid": str(mark.client_uuid)}


def roster_json(roster) -> dict:
    session = roster.session
    return {
        "id": session.pk,
        "title": session.display_title,
        "topic": session.topic.display_title,
        "venue": session.venue.display_name,
        "starts_at": timezone.localtime(session.starts_at).isoformat(),
        "ends_at": timezone.localtime(session.ends_at).isoformat(),
        "status": session.status,
        "capacity": session.capacity,
        "expected_people": roster.expected_people,
        "helpers_assigned": roster.helpers_assigned,
        "helpers_needed": roster.helpers_needed,
        "statements": [{"id": s.pk, "text": s.display_text} for s in roster.statements],
        "roster": [
            {
                "registration": line.registration.pk,
                "name": line.registration.name,
                "name_kana": line.registration.name_kana,
                "party_size": line.registration.party_size,
                "needs_loaner_device": line.registration.needs_loaner_device,
                "phone_kind": line.registration.get_phone_kind_display(),
                "phone": line.masked_phone,
                "channel": line.registration.channel,
                "walk_in": str(line.walk_in.client_uuid) if line.walk_in else None,
                "attendance": _mark_out(line.state.attendance),
                "loaner": _mark_out(line.state.loaner),
                "satisfaction": _mark_out(line.state.satisfaction),
                "can_do": [
                    {"statement": statement_id, "phase": phase, **_mark_out(mark)}
                    for (statement_id, phase), mark in sorted(line.state.can_do.items())
                ],
            }
            for line in roster.lines
        ],
    }


@router.get(
    "/today",
    url_name="attendance-today",
    response={200: dict[str, Any], **errors(400, 401, 403)},
    summary="The signed-in trainer's classes today and in the next days",
)
def today(request):
    sessions = coming_sessions(request.auth)
    rosters = roster_for(sessions, show_phone=False)
    access_log.record(request, "api_attendance_today", classes=[r.session.pk for r in rosters])
    return {
        "generated_at": timezone.now().isoformat(),
        "classes": [roster_json(roster) for roster in rosters],
    }


@router.post(
    "/sync",
    url_name="attendance-sync",
    response={200: SyncOut, **errors(400, 401, 403, 413, 422)},
    summary="Store a batch of marks and walk-ins made on a device; replays change nothing",
)
def sync(request, payload: SyncIn):
    if len(payload.items) > service.MAX_BATCH_ITEMS:
        return Status(
            413,
            {"detail": _("一度に送れるのは%(max)d件までです。") % {"max": service.MAX_BATCH_ITEMS}},
        )
    results = service.apply_sync_batch(request.auth, payload.items)
    return {
        "results": [result.as_dict() for result in results],
        "stored": sum(1 for r in results if r.status == "stored"),
        "duplicates": sum(1 for r in results if r.status == "duplicate"),
        "errors": sum(1 for r in results if r.status == "error"),
        "received_at": timezone.now().isoformat(),
    }
