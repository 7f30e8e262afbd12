"""Coordinator pages: outbox, inbox, opt-outs, texts, monthly counts, per-class status."""

from decimal import Decimal

import pytest

from messaging.models import InboundMessage, Message, MessageTemplate, OptOut, Purpose
from messaging.services import delivery, inbox, planning
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, coordinator_with_totp):
    client.force_login(coordinator_with_totp)
    return client


def _messages(n, clock):
    session = ClassSessionFactory()
    for _ in range(n):
        planning.queue_message(RegistrationFactory(session=session), Purpose.CONFIRMATION)
    delivery.deliver_due_messages()
    return session


def test_trainers_cannot_see_the_outbox(client, trainer):
    client.force_login(trainer)
    assert client.get("/desk/messages/").status_code == 403


def test_the_outbox_lists_messages_in_a_fixed_number_of_queries(
    desk, clock, django_assert_max_num_queries
):
    """Guards the N+1 of reading each message's resident and class per row."""
    _messages(3, clock)
    with django_assert_max_num_queries(12) as few:
        assert desk.get("/desk/messages/").status_code == 200
    _messages(20, clock)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = desk.get("/desk/messages/")
    assert response.status_code == 200
    assert response.content.decode().count("送信済み") >= 20


def test_a_failed_message_can_be_resent_once_more(desk, clock, django_capture_on_commit_callbacks):
    _messages(1, clock)
    message = Message.objects.get()
    Message.objects.filter(pk=message.pk).update(status="failed", error_code="30003")
    with django_capture_on_commit_callbacks(execute=True):
        # On commit the worker is woken and sends it (immediate task backend).
        response = desk.post(f"/desk/messages/{message.pk}/resend/")
    assert response.status_code == 302
    copy = Message.objects.exclude(pk=message.pk).get()
    assert copy.resent_from_id == message.pk and copy.status == Message.Status.SENT


def test_the_inbox_shows_texts_and_they_can_be_marked_handled(desk):
    item = inbox.record_inbound(
        kind="sms", from_number="+819011112222", provider_id="SM9", body="質問です"
    )
    assert "質問です" in desk.get("/desk/messages/inbox/").content.decode()
    desk.post(f"/desk/messages/inbox/{item.pk}/handled/")
    item.refresh_from_db()
    assert item.handled_at is not None


def test_coordinators_can_stop_and_restart_messages_to_a_number(desk):
    response = desk.post(
        "/desk/messages/opt-outs/", {"phone": "090-1111-2222", "note": "窓口で依頼"}
    )
    assert response.status_code == 302
    row = OptOut.objects.get()
    assert row.phone == "+819011112222" and row.source == "desk"
    desk.post(f"/desk/messages/opt-outs/{row.pk}/remove/")
    assert not OptOut.objects.exists()


def test_a_bad_phone_number_gets_a_message_not_an_error(desk):
    response = desk.post("/desk/messages/opt-outs/", {"phone": "abc"})
    assert response.status_code == 200
    assert not OptOut.objects.exists()


def test_coordinators_edit_a_text_and_the_next_message_uses_it(desk, clock):
    url = "/desk/messages/texts/confirmation/ja/sms/"
    assert "受けつけました" in desk.get(url).content.decode()
    desk.post(url, {"body": "{name}さん 受付 OK {date}"})
    assert MessageTemplate.objects.get().body == "{name}さん 受付 OK {date}"
    registration = RegistrationFactory(resident=ResidentFactory(name="山田"))
    message = planning.queue_message(registration, Purpose.CONFIRMATION)
    assert message.body.startswith("山田さん 受付 OK ")


def test_the_placeholders_are_explained_in_the_coordinators_language(desk):
    url = "/desk/messages/texts/confirmation/ja/sms/"
    assert "<dd>始まる時間</dd>" in desk.get(url).content.decode()
    english = desk.get(f"/en{url}").content.decode()
    assert "<dd>The time it starts</dd>" in english and "始まる時間" not in english


def test_a_text_with_an_unknown_placeholder_is_refused(desk):
    response = desk.post("/desk/messages/texts/confirmation/ja/sms/", {"body": "{nmae}さん"})
    assert response.status_code == 200
    assert "{nmae}" in response.content.decode()
    assert not MessageTemplate.objects.exists()


def test_monthly_counts_use_twilios_price_or_the_estimate(desk, clock, settings):
    settings.SMS_COST_PER_SEGMENT = Decimal("0.0800")
    _messages(2, clock)
    Message.objects.filter(pk=Message.objects.first().pk).update(price="0.0750", price_unit="USD")
    page = desk.get("/desk/messages/costs/").content.decode()
    assert "0.0750" in page  # reported
    assert "0.08" in page or "0.16" in page  # estimate for the unpriced one


def test_the_class_page_shows_delivery_status_per_roster_line(
    desk, clock, django_assert_max_num_queries
):
    """Guards the N+1 of looking up each roster line's messages one by one."""
    session = _messages(5, clock)
    with django_assert_max_num_queries(12):
        response = desk.get(f"/desk/messages/class/{session.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count("送信済み") == 5


def test_inbox_ignores_a_retried_webhook():
    inbox.record_inbound(kind="sms", from_number="+81", provider_id="SMa", body="x")
    inbox.record_inbound(kind="sms", from_number="+81", provider_id="SMa", body="x")
    assert InboundMessage.objects.count() == 1


def test_coordinators_see_and_edit_the_texts_of_every_language(desk, clock):
    page = desk.get("/desk/messages/texts/").content.decode()
    for name in ("简体中文", "한국어", "Tiếng Việt", "Português"):
        assert name in page
    assert "/desk/messages/texts/reminder/vi/sms/" in page
    url = "/desk/messages/texts/confirmation/vi/sms/"
    assert "quý vị đã đăng ký" in desk.get(url).content.decode()
    desk.post(url, {"body": "{name}: đã đăng ký {date}"})
    registration = RegistrationFactory(resident=ResidentFactory(name="Lan", language="vi"))
    message = planning.queue_message(registration, Purpose.CONFIRMATION)
    assert message.language == "vi"
    assert message.body.startswith("Lan: đã đăng ký ")
