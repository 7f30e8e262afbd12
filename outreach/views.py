"""Resident pages: find a class, read about it, register, and manage the registration.

No account: the private manage link (a long random token) is the resident's key.
Everything works without JavaScript.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from core.views import rate_limited
from outreach import calendar
from outreach.forms import ClassFilterForm, RegistrationForm, validation_messages
from outreach.models import CalendarFeed, ClassSession, Registration
from outreach.services import RegistrationError, cancel_registration, register, waitlist_position

CLASSES_PER_PAGE = 20


def _private(response: HttpResponse) -> HttpResponse:
    # A manage page is reached by a secret link: never cached, indexed, or leaked as a referrer.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    # same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on
    # the cancel form and CSRF refuses it. The token still never leaves the site.
    response["Referrer-Policy"] = "same-origin"
    return response


def class_list(request):
    """The class finder: by district (mountainous first), topic and date, with seats left.

    This page and the class page are served whole from the public page cache to
    anonymous visitors (settings.PUBLIC_PAGE_CACHE); outreach's change signals purge it.
    """
    form = ClassFilterForm(request.GET or None)
    sessions = ClassSession.objects.published().upcoming().with_related().with_seats_left()
    if form.is_valid():
        data = form.cleaned_data
        if data["district"]:
            sessions = sessions.in_district(data["district"])
        if data["topic"]:
            sessions = sessions.filter(topic=data["topic"])
        if data["date_from"]:
            start = dt.datetime.combine(
                data["date_from"], dt.time.min, tzinfo=timezone.get_current_timezone()
            )
            sessions = sessions.filter(starts_at__gte=start)
    page = Paginator(sessions, CLASSES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    response = render(
        request,
        "outreach/class_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
    # Only the filters and pages a link can lead to are kept (a mistyped date or page
    # number is answered, not stored), so strangers cannot fill the cache.
    response.page_cacheable = (not form.is_bound or form.is_valid()) and request.GET.get(
        "page", str(page.number)
    ) == str(page.number)
    return response


def class_detail(request, pk: int):
    session = get_object_or_404(
        ClassSession.objects.exclude(status=ClassSession.Status.DRAFT)
        .with_related()
        .with_seats_left(),
        pk=pk,
    )
    response = render(
        request,
        "outreach/class_detail.html",
        {"session": session, "is_open": _is_open(session)},
    )
    # The register button is a link to the form: the page holds nothing of one visitor.
    response.page_cacheable = True
    return response


def _is_open(session: ClassSession) -> bool:
    return session.status == ClassSession.Status.PUBLISHED and session.starts_at > timezone.now()


@require_http_methods(["GET", "POST"])
@ratelimit(
    key="ip",
    rate=lambda group, request: settings.REGISTRATION_RATE_LIMIT,
    method="POST",
    block=False,
)
def class_register(request, pk: int):
    if getattr(request, "limited", False):
        # The polite 429 page, not the 403 that a blocked django-ratelimit view raises.
        return rate_limited(request)
    session = get_object_or_404(
        ClassSession.objects.published().with_related().with_seats_left(), pk=pk
    )
    if not _is_open(session):
        return redirect("outreach:class-detail", pk=pk)
    form = RegistrationForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            registration = register(
                session,
                channel=Registration.Channel.WEB,
                language=(get_language() or "ja")[:12],
                **form.registration_kwargs(),
            )
        except ValidationError as exc:
            for field, messages in validation_messages(exc).items():
                for message in messages:
                    form.add_error(
                        None if field == "__all__" or field not in form.fields else field, message
                    )
        except RegistrationError as exc:
            error = str(exc)
        else:
            return redirect("outreach:registration-manage", token=registration.manage_token)
    return render(
        request,
        "outreach/class_register.html",
        {"session": session, "form": form, "error": error},
        status=200 if not (form.errors or error) else 400,
    )


def _registration(token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related(
            "resident", "session", "session__topic", "session__venue", "session__venue__district"
        ),
        manage_token=token,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def registration_manage(request, token: str):
    """The private page: what happens next, the place on the waiting list, and cancelling.

    A POST cancels; the only form that sends one is the cancel page's
    (registration_cancel), so a single tap never cancels by mistake.
    """
    registration = _registration(token)
    error = ""
    if request.method == "POST":
        try:
            cancel_registration(registration, reason="本人がウェブで取り消し")
        except RegistrationError as exc:
            error = str(exc)
        else:
            return redirect("outreach:registration-manage", token=token)
    response = render(
        request,
        "outreach/registration_manage.html",
        {
            "registration": registration,
            "session": registration.session,
            "position": waitlist_position(registration),
            "error": error,
            "can_cancel": registration.resident_may_cancel(),
        },
        status=409 if error else 200,
    )
    return _private(response)


@never_cache
@require_GET
def registration_cancel(request, token: str):
    """Asks once more, on a page of its own, before a resident cancels (works without JavaScript).

    Its "cancel" button posts to the manage page; "keep" is a link back to it.
    Nothing changes on a GET, so a link preview or a prefetch cancels nothing.
    """
    registration = _registration(token)
    if not registration.resident_may_cancel():
        return redirect("outreach:registration-manage", token=token)
    response = render(
        request,
        "outreach/registration_cancel.html",
        {"registration": registration, "session": registration.session},
    )
    return _private(response)


def class_calendar(request, pk: int):
    session = get_object_or_404(
        ClassSession.objects.exclude(status=ClassSession.Status.DRAFT).with_related(), pk=pk
    )
    body = calendar.calendar_for([session], name=session.display_title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="class-{session.pk}.ics"'
    return response


def trainer_feed(request, token: str):
    """A trainer's own classes, at a secret address their calendar app polls."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    since = timezone.now() - dt.timedelta(days=30)
    sessions = (
        ClassSession.objects.exclude(status=ClassSession.Status.DRAFT)
        .led_or_helped_by(feed.user)
        .filter(starts_at__gte=since)
        .with_related()
    )
    body = calendar.calendar_for(sessions, name=_("担当するスマホ教室"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    return _private(response)
