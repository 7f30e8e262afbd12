"""Trainer pages and the coordinator's attendance page."""

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from outreach.models import AttendanceMark, CanDoStatement
from outreach.services import attendance as service
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory


def _today_at(hour: int):
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(hour, 0)))


@pytest.fixture
def session(trainer):
    return ClassSessionFactory(
        lead_trainer=trainer, starts_at=_today_at(13), ends_at=_today_at(15), capacity=10
    )


@pytest.fixture
def signed_in(trainer):
    client = Client()
    client.force_login(trainer)
    return client


def test_a_trainer_lands_on_the_today_page_after_signing_in(signed_in):
    assert signed_in.get("/me/")["Location"] == "/trainer/"


def test_the_today_page_shows_own_classes_with_masked_phones_and_helpers_needed(
    signed_in, other_trainer, session
):
    registration = RegistrationFactory(
        session=session, resident__phone="+819012345678", party_size=2, needs_loaner_device=True
    )
    for _ in range(3):
        RegistrationFactory(session=session)
    someone_elses = ClassSessionFactory(lead_trainer=other_trainer, title="よその教室")
    page = signed_in.get("/trainer/").content.decode()
    assert registration.resident.name in page
    assert "090-****-5678" in page
    assert "+819012345678" not in page and "1234-5678" not in page
    assert "必要2人" in page  # 5 people: one helper per four attendees
    assert "1人不足" not in page and "2人不足" in page
    assert someone_elses.title not in page


def test_the_today_page_runs_a_fixed_number_of_queries(
    signed_in, trainer, django_assert_max_num_queries
):
    """Guards the N+1 of registrations, marks, helpers and statements per class on the card list."""
    for day in range(4):
        session = ClassSessionFactory(
            lead_trainer=trainer, starts_at=_today_at(10) + dt.timedelta(days=day)
        )
        CanDoStatement.objects.create(topic=session.topic, text=f"できること{day}")
        for registration in [RegistrationFactory(session=session) for _ in range(5)]:
            service.apply_sync_batch(
                trainer,
                [
                    {
                        "uuid": str(uuid.uuid4()),
                        "session": session.pk,
                        "registration": registration.pk,
                        "kind": "attendance",
                        "value": "present",
                        "made_at": timezone.now().isoformat(),
                    }
                ],
            )
    with django_assert_max_num_queries(12):
        assert signed_in.get("/trainer/").status_code == 200


def test_the_class_page_is_only_for_its_trainers(other_trainer, session):
    client = Client()
    client.force_login(other_trainer)
    assert client.get(f"/trainer/classes/{session.pk}/").status_code == 403
    session.helpers.add(other_trainer)
    assert client.get(f"/trainer/classes/{session.pk}/").status_code == 200


def test_the_class_page_carries_the_roster_and_the_can_do_statements(signed_in, session):
    CanDoStatement.objects.create(topic=session.topic, text="LINEでビデオ通話ができる")
    RegistrationFactory(session=session, resident__name="山田 花子")
    page = signed_in.get(f"/trainer/classes/{session.pk}/").content.decode()
    assert "山田 花子" in page
    assert "LINEでビデオ通話ができる" in page
    assert 'id="attendance-state"' in page
    assert "manifest.webmanifest" in page


def test_signed_out_people_are_sent_to_sign_in(session):
    response = Client().get(f"/trainer/classes/{session.pk}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_service_worker_is_served_under_the_trainer_scope(client):
    response = client.get("/trainer/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    assert '"/static/js/attendance.js"' in body
    assert 'var TODAY = "/trainer/"' in body


def test_the_manifest_makes_the_today_page_installable(client):
    data = client.get("/trainer/manifest.webmanifest").json()
    assert data["start_url"] == "/trainer/"
    assert data["scope"] == "/trainer/"
    assert data["display"] == "standalone"
    assert data["icons"]


def test_the_coordinator_sees_every_mark_with_its_history_and_can_do_answers(
    coordinator_with_totp, trainer, session
):
    statement = CanDoStatement.objects.create(topic=session.topic, text="写真を送れる")
    registration = RegistrationFactory(session=session, resident__phone="+819012345678")

    def item(**fields):
        return {
            "uuid": str(uuid.uuid4()),
            "session": session.pk,
            "registration": registration.pk,
            "made_at": timezone.now().isoformat(),
            **fields,
        }

    service.apply_sync_batch(
        trainer,
        [
            item(kind="attendance", value="absent"),
            item(kind="attendance", value="late"),
            item(kind="can_do", value="not_yet", statement=statement.pk, phase="before"),
            item(kind="can_do", value="yes", statement=statement.pk, phase="after"),
            item(kind="satisfaction", value="4", phase="after"),
        ],
    )
    client = Client()
    client.force_login(coordinator_with_totp)
    page = client.get(f"/trainer/classes/{session.pk}/attendance/").content.decode()
    assert "+819012345678" in page  # the coordinator sees the number in full
    assert "まだできない → できる" in page
    assert "記録の履歴（5件）" in page
    assert '<option value="late" selected>' in page


def test_trainers_cannot_open_the_coordinator_page(signed_in, session):
    assert signed_in.get(f"/trainer/classes/{session.pk}/attendance/").status_code == 403


def test_the_paper_sheet_is_entered_once_however_often_it_is_saved(coordinator_with_totp, session):
    people = [RegistrationFactory(session=session) for _ in range(3)]
    client = Client()
    client.force_login(coordinator_with_totp)
    form = {
        f"attendance-{people[0].pk}": "present",
        f"attendance-{people[1].pk}": "absent",
        f"attendance-{people[2].pk}": "unmarked",
        "attendance-999999": "present",
        "attendance-x": "present",
        f"attendance-{people[2].pk}0": "bogus",
    }
    url = f"/trainer/classes/{session.pk}/attendance/"
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302
    assert AttendanceMark.objects.count() == 2
    assert set(AttendanceMark.objects.values_list("value", flat=True)) == {"present", "absent"}


def test_a_coordinator_merges_a_walk_in_from_the_page(coordinator_with_totp, trainer, session):
    known = ResidentFactory(name="既存 花子", name_kana="きそん はなこ")
    registration, _ = service.add_walk_in(
        session,
        client_uuid=uuid.uuid4(),
        name="既存 花子",
        name_kana="きそん はなこ",
        made_at=timezone.now(),
        by=trainer,
    )
    client = Client()
    client.force_login(coordinator_with_totp)
    page = client.get(f"/trainer/classes/{session.pk}/attendance/").content.decode()
    assert "この方と統合する" in page
    walk_in = registration.walk_ins.get()
    url = f"/trainer/classes/{session.pk}/walk-ins/{walk_in.pk}/merge/"
    assert client.post(url, {"resident": "abc"}).status_code == 302
    assert client.post(url, {"resident": known.pk}).status_code == 302
    registration.refresh_from_db()
    assert registration.resident == known
