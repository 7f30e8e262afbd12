"""The classes and registrations API (DESIGN.md "HTTP"), for kiosks, LINE bots and scripts.

Registration goes through the same outreach.services.register() as the web
form and the phone desk. Errors are JSON: {"detail": "...", "errors": {field: [...]}}.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from ninja import Field, Query, Router, Schema, Status

from outreach.models import ClassSession, District, Registration
from outreach.services import (
    AlreadyRegistered,
    RegistrationError,
    cancel_registration,
    register,
)

router = Router(tags=["classes"])


class VenueOut(Schema):
    name: str
    district: str
    mountainous: bool
    address: str
    map_url: str


class ClassOut(Schema):
    id: int
    title: str
    topic: str
    level: str
    venue: VenueOut
    start: dt.datetime
    end: dt.datetime
    capacity: int
    seats_left: int
    waitlist_length: int
    status: str


class RegistrationIn(Schema):
    name: str = Field(..., max_length=100)
    name_kana: str = Field("", max_length=100)
    phone: str = Field(..., max_length=30, description="090-1234-5678, full-width digits or +81…")
    district: str | None = Field(None, description="district code, e.g. fujino")
    party_size: int = 1
    needs_loaner_device: bool = False
    language: str = Field("ja", max_length=12)


class RegistrationOut(Schema):
    id: int
    status: str
    waitlist_position: int | None
    manage_token: str
    class_id: int


class CancelOut(Schema):
    status: str
    promoted: int


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _class_out(session: ClassSession) -> dict:
    venue = session.venue
    return {
        "id": session.pk,
        "title": session.display_title,
        "topic": session.topic.slug,
        "level": session.topic.level,
        "venue": {
            "name": venue.display_name,
            "district": venue.district.code,
            "mountainous": venue.district.is_mountainous,
            "address": venue.address,
            "map_url": venue.map_url,
        },
        # ISO 8601 with the +09:00 offset people expect, not UTC "Z".
        "start": timezone.localtime(session.starts_at),
        "end": timezone.localtime(session.ends_at),
        "capacity": session.capacity,
        "seats_left": session.seats_left,
        "waitlist_length": session.waitlist_length,
        "status": session.status,
    }


def _listed():
    return (
        ClassSession.objects.exclude(status=ClassSession.Status.DRAFT)
        .with_related()
        .with_seats_left()
    )


class ClassFilters(Schema):
    district: str | None = Field(None, description="district code, e.g. fujino")
    topic: str | None = Field(None, description="topic slug, e.g. line")
    from_: dt.date | None = Field(None, alias="from")
    to: dt.date | None = None


@router.get("/classes", response=list[ClassOut])
def list_classes(request, filters: Query[ClassFilters]):
    """Published, upcoming classes (or from `from` to `to`, inclusive, Asia/Tokyo dates)."""
    district, topic, from_, to = filters.district, filters.topic, filters.from_, filters.to
    sessions = _listed().published()
    if from_ is None:
        sessions = sessions.upcoming()
    else:
        sessions = sessions.filter(starts_at__date__gte=from_)
    if to is not None:
        sessions = sessions.filter(starts_at__date__lte=to)
    if district:
        sessions = sessions.filter(venue__district__code=district)
    if topic:
        sessions = sessions.filter(topic__slug=topic)
    return [_class_out(s) for s in sessions[:500]]


@router.get("/classes/{class_id}", response={200: ClassOut, 404: ErrorOut})
def get_class(request, class_id: int):
    return _class_out(get_object_or_404(_listed(), pk=class_id))


@router.post(
    "/classes/{class_id}/registrations",
    response={201: RegistrationOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
)
def create_registration(request, class_id: int, payload: RegistrationIn):
    """Register: 201 confirmed or waitlisted; 409 same phone already here; 422 per field."""
    if is_ratelimited(
        request,
        group="outreach.register",
        key="ip",
        rate=settings.REGISTRATION_RATE_LIMIT,
        method="POST",
        increment=True,
    ):
        return Status(
            429,
            {
                "detail": _(
                    "短い時間に何度も送信されました。少し待ってから、もう一度お試しください。"
                )
            },
        )
    # Only what register() checks before it takes the class's lock.
    session = get_object_or_404(
        ClassSession.objects.only("id", "status", "starts_at", "ends_at"), pk=class_id
    )
    district = None
    if payload.district:
        district = District.objects.filter(code=payload.district).first()
        if district is None:
            return Status(
                422,
                {
                    "detail": _("入力に直すところがあります。"),
                    "errors": {"district": [_("この地区は見つかりません。")]},
                },
            )
    try:
        registration = register(
            session,
            name=payload.name,
            name_kana=payload.name_kana,
            phone=payload.phone,
            channel=Registration.Channel.WEB,
            party_size=payload.party_size,
            needs_loaner_device=payload.needs_loaner_device,
            district=district,
            language=payload.language,
        )
    except ValidationError as exc:
        return Status(
            422, {"detail": _("入力に直すところがあります。"), "errors": exc.message_dict}
        )
    except AlreadyRegistered as exc:
        return Status(409, {"detail": str(exc)})
    except RegistrationError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(
        201,
        {
            "id": registration.pk,
            "status": registration.status,
            # Counted under the class's lock by register(): no second query.
            "waitlist_position": registration.arrival_position,
            "manage_token": registration.manage_token,
            "class_id": session.pk,
        },
    )


@router.delete("/registrations/{manage_token}", response={200: CancelOut, 404: ErrorOut})
def delete_registration(request, manage_token: str):
    """Cancel by the private token; the freed seat goes to the waiting list in order."""
    registration = get_object_or_404(Registration, manage_token=manage_token)
    promoted = cancel_registration(registration, reason="本人がAPIで取り消し")
    return Status(200, {"status": registration.status, "promoted": len(promoted)})
