"""Malformed query parameters on desk pages and Twilio webhooks: never a 500.

Every desk page (a GET page without arguments, and the ones about one class,
resident or message) is requested with each bad value of each parameter the
views read; the answer must be the page (the filter form shows its error) or a
400/404, never a server error.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from core.roles import Role
from tests.factories import ClassSessionFactory, RegistrationFactory
from tests.messaging.conftest import twilio_post  # noqa: F401 - a fixture used below

BAD_VALUES = ["abc", "-1", "1.5", "99999999999999999999999", "²"]
PARAMETERS = [
    "page",
    "date",
    "year",
    "month",
    "fiscal_year",
    "sort",
    "status",
    "district",
    "session",
    "resident",
    "registration",
    "topic",
    "q",
    "when",
    "course",
    "area",
    "department",
    "program",
    "format",
    "from",
    "to",
    "week",
    "kind",
]

DESK_PAGES = [
    "outreach:desk-home",
    "outreach:desk-phone",
    "outreach:desk-class-create",
    "outreach:desk-volunteers",
    "outreach:desk-volunteer-create",
    "outreach:desk-callbacks",
    "outreach:desk-my-classes",
    "training:desk-home",
    "training:desk-session-create",
    "training:desk-courses",
    "training:desk-course-create",
    "training:desk-area-create",
    "training:desk-requirements",
    "training:desk-requirement-create",
    "training:desk-requirements-copy",
    "training:desk-progress",
    "training:desk-overdue",
    "messaging_desk:outbox",
    "messaging_desk:inbox",
    "messaging_desk:optouts",
    "messaging_desk:templates",
    "messaging_desk:costs",
    "metrics:dashboard",
    "metrics:targets",
    "metrics:report",
]


@pytest.fixture
def desk_client(coordinator_with_totp):
    """A coordinator who also runs staff courses and reads the figures: every desk page."""
    for role in (Role.FIGURES_VIEWER, Role.INSTRUCTOR):
        coordinator_with_totp.groups.add(Group.objects.get_or_create(name=role)[0])
    client = Client()
    client.force_login(coordinator_with_totp)
    return client


def _desk_urls():
    registration = RegistrationFactory(session=ClassSessionFactory())
    return [reverse(name) for name in DESK_PAGES] + [
        reverse("outreach:desk-roster", args=[registration.session_id]),
        reverse("outreach:desk-roster-print", args=[registration.session_id]),
        reverse("outreach:desk-class-edit", args=[registration.session_id]),
        reverse("outreach:desk-resident", args=[registration.resident_id]),
        reverse("outreach:desk-registration-move", args=[registration.pk]),
        reverse("messaging_desk:class", args=[registration.session_id]),
        reverse("training:desk-progress-export", args=["csv"]),
        reverse("training:desk-overdue-export", args=["csv"]),
        reverse("metrics:export", args=["all", "xlsx"]),
    ]


@pytest.mark.django_db
def test_no_desk_page_answers_a_malformed_query_with_a_server_error(desk_client):
    failures = []
    for url in _desk_urls():
        # Every parameter at once: a view reads only its own, the others are ignored.
        for value in BAD_VALUES:
            try:
                status = desk_client.get(url, dict.fromkeys(PARAMETERS, value)).status_code
            except Exception as exc:  # a crash is what this test looks for
                status = f"{type(exc).__name__}: {exc}"
            if status not in (200, 302, 400, 404, 405):
                failures.append((url, value, status))
    assert failures == [], "\n".join(map(str, failures))


TWILIO_GET_PARAMETERS = ["district", "session", "registration", "again"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/twilio/voice/menu/",
        "/twilio/voice/district/",
        "/twilio/voice/class/",
        "/twilio/voice/register/",
        "/twilio/voice/mine/",
        "/twilio/voice/cancel/",
    ],
)
def test_no_twilio_webhook_answers_a_malformed_query_with_a_server_error(twilio_post, path):  # noqa: F811
    failures = []
    for value in BAD_VALUES:
        query = "?" + urlencode(dict.fromkeys(TWILIO_GET_PARAMETERS, value))
        for digits in ("1", "9", "²"):
            try:
                response = twilio_post(path + query, {"Digits": digits, "From": "+819012345678"})
                status = response.status_code
            except Exception as exc:  # a crash is what this test looks for
                status = f"{type(exc).__name__}: {exc}"
            if status not in (200, 204, 400, 404):
                failures.append((path, query, digits, status))
    assert failures == [], "\n".join(map(str, failures))
