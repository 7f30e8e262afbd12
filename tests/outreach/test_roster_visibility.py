"""Which classes' rosters a person may see: one rule (ClassSessionQuerySet.visible_to), the
same answer on the desk's roster, the tablet's class page, its offline copy and its sync."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from outreach.models import ClassSession
from tests.factories import ClassSessionFactory, RegistrationFactory, UserFactory
from tests.outreach.test_attendance import _mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(trainer):
    return ClassSessionFactory(
        lead_trainer=trainer, starts_at=timezone.now() + dt.timedelta(hours=2)
    )


@pytest.fixture
def helper(session):
    user = UserFactory(email="helper@example.jp", role=Role.TRAINER)
    session.helpers.add(user)
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sees(user, session) -> dict[str, bool]:
    """What each entry point answers this user about this class."""
    client = _client(user)
    registration = RegistrationFactory(session=session)
    roster = client.get(reverse("outreach:desk-roster", args=[session.pk]))
    page = client.get(f"/trainer/classes/{session.pk}/")
    today = client.get("/api/v1/attendance/today")
    sync = client.post(
        "/api/v1/attendance/sync",
        {"items": [_mark(registration)]},
        content_type="application/json",
    )
    assert roster.status_code in (200, 403)
    assert page.status_code in (200, 403)
    assert today.status_code == 200 and sync.status_code == 200
    return {
        "queryset": ClassSession.objects.visible_to(user).filter(pk=session.pk).exists(),
        "desk roster": roster.status_code == 200,
        "class page": page.status_code == 200,
        "tablet copy": session.pk in [c["id"] for c in today.json()["classes"]],
        "sync": sync.json()["results"][0]["status"] == "stored",
    }


def test_the_lead_trainer_sees_their_class_everywhere(trainer, session):
    assert set(_sees(trainer, session).values()) == {True}


def test_a_helper_sees_the_class_they_help_at_everywhere(helper, session):
    assert set(_sees(helper, session).values()) == {True}


def test_another_trainer_sees_the_class_nowhere(other_trainer, session):
    assert set(_sees(other_trainer, session).values()) == {False}


def test_a_coordinator_sees_every_class_everywhere(coordinator_with_totp, session):
    assert set(_sees(coordinator_with_totp, session).values()) == {True}


def test_the_rule_lists_each_class_once_for_a_trainer_who_leads_and_helps(trainer, session):
    session.helpers.add(trainer)
    ClassSessionFactory()  # someone else's
    assert list(ClassSession.objects.visible_to(trainer)) == [session]
