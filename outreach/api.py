"""The classes and registrations API (DESIGN.md "HTTP"), for kiosks, LINE bots and scripts.

Registration goes through the same outreach.services.register() as the web
form and the phone desk. Errors are JSON: {"detail": "...", "errors": {field: [...]}}.

Strict: the schemas are the contract, so what they do not describe is refused
with 400 or 422, never guessed at: unknown fields, strings where booleans or
numbers belong, language codes the site does not speak, text the database
cannot store (core/api_schema.py; a NUL in an address, query or cookie is
refused before, by core.middleware.NulCharacterRefusalMiddleware, with 400).
Each operation lists every status code it answers with, so the OpenAPI
document is complete (tests/outreach/test_api_schema.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import AfterValidator, ConfigDict, StrictBool, StrictInt
from pydantic_core import PydanticCustomError

from core.api_schema import CalendarDate, StoredText, errors
from outreach.models import ClassSession, ConsentMethod, District, Registration
from outreach.services import (
    ClassNotFound,
    Consent,
    RegistrationError,
    cancel_registration,
    register,
)

router = Router(tags=["classes"])

# A registration's messages are sent in one of the site's languages (settings.LANGUAGES).
Language = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]
# Ids are positive 64-bit integers (BigAutoField); nothing else can name a row.
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]
Token = Annotated[StoredText, Path(max_length=64)]


def _agreed(value: bool) -> bool:
    if value is not True:
        raise PydanticCustomError(
            "refused_consent",
            _("申し込むには、個人情報の使い方への同意が必要です（consent: true）。"),
        )
    return value


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
    model_config = ConfigDict(extra="forbid")

    name: StoredText = Field(
        ..., min_length=1, max_length=100, description="the name of the person who will come"
    )
    name_kana: StoredText = Field("", max_length=100)
    phone: StoredText = Field(
        ..., min_length=1, max_length=30, description="090-1234-5678, full-width digits or +81…"
    )
    consent: Annotated[StrictBool, AfterValidator(_agreed)] = Field(
        ...,
        description="must be true: the person agreed that their name and phone number "
        "are used only to tell them about the class",
        json_schema_extra={"const": True},
    )
    district: StoredText | None = Field(
        None, max_length=40, description="district code, e.g. fujino"
    )
    party_size: StrictInt = Field(1, ge=1, le=2)
    needs_loaner_device: StrictBool = False
    language: Language = Field("ja", description="the language of the messages it gets")


class RegistrationOut(Schema):
    id: int
    status: str
    waitlist_position: int | None
    manage_token: str
    class_id: int


class CancelOut(Schema):
    status: str
    promoted: int


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
    district: StoredText | None = Field(
        None, max_length=40, description="district code, e.g. fujino"
    )
    topic: StoredText | None = Field(None, max_length=60, description="topic slug, e.g. line")
    from_: CalendarDate | None = Field(None, alias="from")
    to: CalendarDate | None = None


@router.get("/classes", response={200: list[ClassOut], **errors(400, 422)})
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


@router.get("/classes/{class_id}", response={200: ClassOut, **errors(400, 404, 422)})
def get_class(request, class_id: RowId):
    return _class_out(get_object_or_404(_listed(), pk=class_id))


@router.post(
    "/classes/{class_id}/registrations",
    response={201: RegistrationOut, **errors(400, 404, 409, 422, 429)},
)
def create_registration(request, class_id: RowId, payload: RegistrationIn):
    """Register: 201 confirmed or waitlisted; 409 the same person (phone and name) is
    already registered, or the class is closed; 400 a body that is not JSON; 422 per field."""
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
        # Only the id: register() reads and checks the class under its lock.
        registration = register(
            class_id,
            name=payload.name,
            name_kana=payload.name_kana,
            phone=payload.phone,
            channel=Registration.Channel.WEB,
            party_size=payload.party_size,
            needs_loaner_device=payload.needs_loaner_device,
            district=district,
            language=payload.language,
            consent=Consent(ConsentMethod.API),
        )
    except ValidationError as exc:
        return Status(
            422, {"detail": _("入力に直すところがあります。"), "errors": exc.message_dict}
        )
    except ClassNotFound as exc:
        return Status(404, {"detail": str(exc)})
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
            "class_id": registration.session_id,
        },
    )


@router.delete(
    "/registrations/{manage_token}", response={200: CancelOut, **errors(400, 404, 409, 422)}
)
def delete_registration(request, manage_token: Token):
    """Cancel by the private token; the freed seat goes to the waiting list in order.

    409 once the class has started: nothing is cancelled then.
    """
    registration = get_object_or_404(Registration, manage_token=manage_token)
    try:
        promoted = cancel_registration(registration, reason="本人がAPIで取り消し")
    except RegistrationError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(200, {"status": registration.status, "promoted": len(promoted)})
