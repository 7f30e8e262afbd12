"""The desk calls a voice-menu caller back and confirms the name, in a real browser."""

import pytest
from django.test import Client

from core.roles import Role
from outreach.models import Registration
from outreach.services import register
from tests.browser.axe import axe_violations
from tests.browser.conftest import DESKTOP
from tests.factories import ClassSessionFactory, ResidentFactory, UserFactory, consent

pytestmark = pytest.mark.browser


@pytest.fixture
def coordinator_page(transactional_db, live_server, new_page):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    coordinator = UserFactory(role=Role.COORDINATOR)
    TOTP.activate(coordinator, generate_totp_secret())
    client = Client()
    client.force_login(coordinator)
    page = new_page(viewport=DESKTOP)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_the_desk_confirms_a_callers_name_from_the_call_back_list(live_server, coordinator_page):
    page = coordinator_page
    ResidentFactory(name="津久井 一郎", name_kana="つくい いちろう", phone="+81427001234")
    registration = register(
        ClassSessionFactory(title="スマホの基本"),
        name="",
        name_kana="",
        phone="042-700-1234",
        channel="voice",
        consent=consent("voice_keypad"),
        name_confirmed=False,
    )
    page.goto(f"{live_server.url}/desk/callbacks/")
    assert page.get_by_role("heading", name="042-700-1234").is_visible()
    assert page.get_by_text("津久井 一郎（つくい いちろう）").is_visible()
    assert axe_violations(page) == []
    for button in page.get_by_role("button").all():
        if button.is_visible():
            assert button.bounding_box()["height"] >= 48, button.inner_text()

    page.get_by_label("お名前").fill("津久井 花子")
    page.get_by_label("ふりがな").fill("つくい はなこ")
    page.get_by_role("button", name="お名前を確認した").click()
    assert page.get_by_text("津久井 花子さんのお名前を確認しました。").is_visible()
    assert page.get_by_text("お名前の確認が必要な申込はありません。").is_visible()
    assert axe_violations(page) == []
    registration.refresh_from_db()
    assert (registration.name, registration.name_confirmed) == ("津久井 花子", True)
    assert Registration.objects.awaiting_name().count() == 0


def test_the_phone_desk_with_a_chosen_resident_is_axe_clean(live_server, coordinator_page):
    page = coordinator_page
    resident = ResidentFactory(name="城山 トメ", name_kana="しろやま とめ", phone="+81427001234")
    ClassSessionFactory()
    page.goto(f"{live_server.url}/desk/phone/?q=042-700-1234")
    page.get_by_role("link", name="城山 トメ（しろやま とめ）").click()
    assert page.get_by_role("heading", name="受け付ける方").is_visible()
    assert page.get_by_label("電話で使い方を読み上げ、口頭で同意").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="この方の登録内容を直す").click()
    assert page.url.endswith(f"/desk/residents/{resident.pk}/")
    assert axe_violations(page) == []
