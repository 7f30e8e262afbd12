"""Offline attendance in Chromium: marks survive a reload with the network cut, and sync once.

The network is cut for real: the test's own server is stopped (and started
again on the same port, so the origin, its IndexedDB and its service worker
stay the same). Playwright's set_offline would not cover the service worker's
requests (microsoft/playwright#2311), so it is not used.
"""

import datetime as dt
import json
import os
import socket
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from outreach.models import AttendanceMark, CanDoStatement, Registration, WalkIn
from tests.browser.axe import axe_violations
from tests.browser.conftest import TABLET
from tests.factories import ClassSessionFactory, RegistrationFactory, Role, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _server_thread_class():
    from django.core.servers.basehttp import ServerHandler, WSGIRequestHandler
    from django.test.testcases import LiveServerThread

    class ClosingServerHandler(ServerHandler):
        # Django's test server answers "HTTP/1.1" with no Connection header, so
        # a client keeps the socket for its next request; if the server has
        # closed it meanwhile, that request fails with ECONNRESET (seen under
        # load with Playwright's request client). Saying "close" is honest.
        def cleanup_headers(self):
            super().cleanup_headers()
            self.headers["Connection"] = "close"
            self.request_handler.close_connection = True

    class OneRequestPerConnection(WSGIRequestHandler):
        # The connection closes after each answer, so stopping the server
        # leaves no kept-alive connection that would still answer.

        def handle_one_request(self):
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.send_error(414)
                return
            if not self.parse_request():
                return
            handler = ClosingServerHandler(
                self.rfile, self.wfile, self.get_stderr(), self.get_environ()
            )
            handler.request_handler = self
            handler.run(self.server.get_app())

        def log_message(self, *args):
            pass

    class CuttableServerThread(LiveServerThread):
        def _create_server(self, connections_override=None):
            return self.server_class(
                (self.host, self.port),
                OneRequestPerConnection,
                allow_reuse_address=True,
                connections_override=connections_override,
            )

    return CuttableServerThread


class RestartableServer:
    """A live server on a fixed port that a test can stop (no network) and start again."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = None

    def start(self):
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.db import connections

        shared = {
            c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()
        }
        for conn in shared.values():
            conn.inc_thread_sharing()
        self.thread = _server_thread_class()(
            "127.0.0.1", StaticFilesHandler, connections_override=shared, port=self.port
        )
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error

    def stop(self):
        if self.thread is not None:
            self.thread.terminate()
            for conn in self.thread.connections_override.values():
                conn.dec_thread_sharing()
            self.thread = None


@pytest.fixture
def server():
    server = RestartableServer()
    server.start()
    yield server
    server.stop()


def _today_at(hour):
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(hour, 0)))


@pytest.fixture
def class_today():
    trainer = UserFactory(email="trainer@example.jp", display_name="津久井 太郎", role=Role.TRAINER)
    session = ClassSessionFactory(
        lead_trainer=trainer,
        starts_at=_today_at(13),
        ends_at=_today_at(15),
        capacity=8,
        loaner_devices=2,
        title="LINEで家族とやりとり",
    )
    for order, text in enumerate(
        ["LINEでメッセージを送れる", "LINEでビデオ通話ができる", "写真を送れる"]
    ):
        CanDoStatement.objects.create(topic=session.topic, text=text, sort_order=order)
    names = [
        ("相模 一郎", "さがみ いちろう"),
        ("藤野 はる", "ふじの はる"),
        ("津久井 花子", "つくい はなこ"),
        ("城山 正", "しろやま ただし"),
        ("小渕 みどり", "おぶち みどり"),
    ]
    registrations = [
        RegistrationFactory(
            session=session,
            resident__name=name,
            resident__name_kana=kana,
            resident__phone=f"+8190555501{i:02d}",
            needs_loaner_device=i == 1,
            party_size=2 if i == 2 else 1,
            phone_kind="android",
        )
        for i, (name, kana) in enumerate(names)
    ]
    return trainer, session, registrations


def _sign_in(context, server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )


def _tablet(new_page, server, user):
    page = new_page(viewport=TABLET)
    _sign_in(page.context, server, user)
    return page


def _wait_until_kept(page, path):
    """Wait until the service worker holds a copy of `path` (so it opens with no network)."""
    page.wait_for_function(
        """async (path) => {
            const names = await caches.keys();
            for (const name of names) {
                const hit = await (await caches.open(name)).match(path, {ignoreVary: true});
                if (hit) return true;
            }
            return false;
        }""",
        arg=path,
        polling=200,
    )


def _open_class(page, server, session):
    page.goto(f"{server.url}/trainer/")
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    _wait_until_kept(page, f"/trainer/classes/{session.pk}/")
    page.goto(f"{server.url}/trainer/classes/{session.pk}/")
    page.wait_for_selector("#trainer-app[data-ready=true]")


def _row(page, name):
    return page.locator(".person", has_text=name)


def test_the_cuttable_server_says_that_it_closes_each_connection(server):
    # A client that believed the connection stayed open sent its next request
    # down a socket the server had closed, and failed with ECONNRESET.
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as conn:
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while chunk := conn.recv(4096):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower()
    assert head.startswith("http/1.1 200")
    assert "\r\nconnection: close" in head


def test_taking_attendance_online_stores_each_mark_once(new_page, server, class_today):
    trainer, session, registrations = class_today
    page = _tablet(new_page, server, trainer)
    _open_class(page, server, session)
    _row(page, "相模 一郎").get_by_role("button", name="出席", exact=True).click()
    _row(page, "藤野 はる").get_by_role("button", name="遅刻").click()
    page.get_by_role("button", name="未記録の人を全員出席にする").click()
    page.get_by_role("button", name="はい、全員出席にする").click()
    page.get_by_role("button", name="今すぐ送信").click()
    page.wait_for_function("document.querySelector('#sync-status').dataset.waiting === '0'")
    expect_text = page.locator("#sync-status").inner_text()
    assert "すべての記録を送信しました" in expect_text
    assert AttendanceMark.objects.count() == 5
    values = dict(AttendanceMark.objects.values_list("registration__resident__name", "value"))
    assert values["藤野 はる"] == "late"
    assert sum(1 for v in values.values() if v == "present") == 4
    assert (
        _row(page, "藤野 はる").get_by_role("button", name="遅刻").get_attribute("aria-pressed")
        == "true"
    )


def test_the_tablet_works_offline_ready_under_the_content_security_policy(
    new_page, server, class_today
):
    trainer, session, registrations = class_today
    page = new_page(viewport=TABLET, bypass_csp=False)
    _sign_in(page.context, server, trainer)
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
    page.goto(f"{server.url}/trainer/")
    page.wait_for_selector("#trainer-app[data-ready=true]")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(f"{server.url}/trainer/classes/{session.pk}/")
    page.wait_for_selector("#trainer-app[data-ready=true]")
    assert "script-src 'self'" in page.evaluate(
        "fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )
    _row(page, "相模 一郎").get_by_role("button", name="出席", exact=True).click()
    page.get_by_role("button", name="今すぐ送信").click()
    page.wait_for_selector("#sync-status[data-waiting='0']", state="attached")
    assert AttendanceMark.objects.count() == 1
    assert refused == []


def test_a_refused_mark_leaves_the_queue_with_its_reason(new_page, server, class_today):
    trainer, session, registrations = class_today
    page = _tablet(new_page, server, trainer)
    _open_class(page, server, session)
    # The class is handed to another trainer while the page is open.
    session.lead_trainer = UserFactory(role=Role.TRAINER)
    session.save(update_fields=["lead_trainer"])
    _row(page, "相模 一郎").get_by_role("button", name="出席", exact=True).click()
    page.get_by_role("button", name="今すぐ送信").click()
    page.wait_for_function("document.querySelector('#sync-status').dataset.waiting === '0'")
    status = page.locator("#sync-status").inner_text()
    assert "1件の記録は受け付けられませんでした" in status
    assert "担当の講師と補助者だけ" in status
    assert AttendanceMark.objects.count() == 0
    # The page shows what the server holds: the refused mark is not shown as made.
    button = _row(page, "相模 一郎").get_by_role("button", name="出席", exact=True)
    assert button.get_attribute("aria-pressed") == "false"
    # Given back and reloaded, the tablet does not send the refused mark again.
    session.lead_trainer = trainer
    session.save(update_fields=["lead_trainer"])
    sent = []
    page.on("request", lambda r: sent.append(r) if r.url.endswith("/sync") else None)
    page.reload()
    page.wait_for_selector("#trainer-app[data-ready=true]")
    page.get_by_role("button", name="今すぐ送信").click()
    page.wait_for_timeout(500)
    assert sent == []


def test_a_batch_the_server_finds_too_large_is_split_then_dropped_item_by_item(
    new_page, server, class_today
):
    trainer, session, registrations = class_today
    page = _tablet(new_page, server, trainer)
    _open_class(page, server, session)
    sizes = []

    def too_large(route):
        sizes.append(len(json.loads(route.request.post_data)["items"]))
        route.fulfill(status=413, content_type="application/json", body='{"detail": "x"}')

    page.route("**/api/v1/attendance/sync", too_large)
    _row(page, "相模 一郎").get_by_role("button", name="出席", exact=True).click()
    _row(page, "藤野 はる").get_by_role("button", name="遅刻").click()
    _row(page, "城山 正").get_by_role("button", name="欠席", exact=True).click()
    page.get_by_role("button", name="今すぐ送信").click()
    page.wait_for_function("document.querySelector('#sync-status').dataset.waiting === '0'")
    assert "大きすぎて送れません" in page.locator("#sync-status").inner_text()
    assert sizes[0] == 3
    assert sizes.count(1) == 3
    assert len(sizes) < 10


def test_marks_made_with_the_network_cut_survive_a_reload_and_sync_exactly_once(
    new_page, server, class_today
):
    trainer, session, registrations = class_today
    page = _tablet(new_page, server, trainer)
    sent_bodies = []
    page.on(
        "request",
        lambda request: (
            sent_bodies.append(request.post_data)
            if request.url.endswith("/api/v1/attendance/sync")
            else None
        ),
    )
    _open_class(page, server, session)

    # Cut the network for real, and prove it: the server does not answer anyone.
    server.stop()
    with pytest.raises(Exception):  # noqa: B017 - any connection error proves the cut
        page.context.request.get(f"{server.url}/healthz", timeout=3000)
    assert (
        page.evaluate(
            "fetch('/healthz', {cache: 'no-store'}).then(() => 'answered', () => 'failed')"
        )
        == "failed"
    )

    _row(page, "相模 一郎").get_by_role("button", name="出席", exact=True).click()
    _row(page, "藤野 はる").get_by_role("button", name="遅刻").click()
    _row(page, "城山 正").get_by_role("button", name="欠席", exact=True).click()
    _row(page, "相模 一郎").get_by_role("button", name="できることチェック").click()
    dialog = page.locator("#can-do-dialog")
    dialog.get_by_role("group", name="LINEでビデオ通話ができる").first.get_by_role(
        "button", name="まだできない"
    ).click()
    dialog.get_by_role("button", name="閉じる").click()
    page.locator("#wi-name").fill("飛び入り 花子")
    page.locator("#wi-kana").fill("とびいり はなこ")
    page.get_by_role("button", name="当日参加として追加").click()
    # 3 marks + 1 answer + the walk-in + the walk-in's "present"
    page.wait_for_function("document.querySelector('#sync-status').dataset.waiting === '6'")
    assert "送信待ちの記録: 6件" in page.locator("#sync-status").inner_text()

    # A reload with no network: the worker serves the page, IndexedDB the marks.
    page.reload()
    page.wait_for_selector("#trainer-app[data-ready=true]")
    assert "送信待ちの記録: 6件" in page.locator("#sync-status").inner_text()
    assert (
        _row(page, "藤野 はる").get_by_role("button", name="遅刻").get_attribute("aria-pressed")
        == "true"
    )
    assert (
        _row(page, "城山 正")
        .get_by_role("button", name="欠席", exact=True)
        .get_attribute("aria-pressed")
        == "true"
    )
    assert _row(page, "飛び入り 花子").count() == 1
    # A closed browser too: a new tab of the same profile still has them.
    second = page.context.new_page()
    second.goto(f"{server.url}/trainer/classes/{session.pk}/")
    second.wait_for_selector("#trainer-app[data-ready=true]")
    assert "送信待ちの記録: 6件" in second.locator("#sync-status").inner_text()
    second.close()
    assert AttendanceMark.objects.count() == 0

    # The network comes back: everything is sent, and stored once.
    server.start()
    page.get_by_role("button", name="今すぐ送信").click()
    page.wait_for_function("document.querySelector('#sync-status').dataset.waiting === '0'")
    assert AttendanceMark.objects.count() == 5
    assert (
        AttendanceMark.objects.filter(kind="can_do", value="not_yet", phase="before").count() == 1
    )
    walk_in = Registration.objects.get(channel=Registration.Channel.WALK_IN)
    assert walk_in.resident.name == "飛び入り 花子"
    assert AttendanceMark.objects.get(registration=walk_in).value == "present"
    snapshot = sorted(AttendanceMark.objects.values_list("client_uuid", "value"))

    # Replay the very batches the page sent, three times: nothing changes.
    batches = [body for body in sent_bodies if body and json.loads(body)["items"]]
    assert batches
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    for _ in range(3):
        for body in batches:
            response = page.context.request.post(
                f"{server.url}/api/v1/attendance/sync",
                data=body,
                headers={"Content-Type": "application/json", "X-CSRFToken": token},
            )
            assert response.ok
            assert response.json()["stored"] == 0
    assert sorted(AttendanceMark.objects.values_list("client_uuid", "value")) == snapshot
    assert WalkIn.objects.count() == 1
    assert Registration.objects.filter(channel=Registration.Channel.WALK_IN).count() == 1


def test_trainer_pages_have_no_axe_violations_at_tablet_size(new_page, server, class_today):
    trainer, session, registrations = class_today
    page = _tablet(new_page, server, trainer)
    _open_class(page, server, session)
    _row(page, "藤野 はる").get_by_role("button", name="連絡あり欠席").click()
    _row(page, "相模 一郎").get_by_role("button", name="出席", exact=True).click()
    assert axe_violations(page) == []
    _row(page, "相模 一郎").get_by_role("button", name="できることチェック").click()
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    page.goto(f"{server.url}/trainer/")
    page.get_by_text("名簿（5件）").click()
    assert axe_violations(page) == []
    for target in page.locator("button, .button, summary").all():
        if target.is_visible():
            box = target.bounding_box()
            assert box["height"] >= 48, target.inner_text()


def test_the_coordinator_attendance_page_has_no_axe_violations(new_page, server, class_today):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    trainer, session, registrations = class_today
    coordinator = UserFactory(role=Role.COORDINATOR)
    TOTP.activate(coordinator, generate_totp_secret())
    page = new_page(viewport=TABLET)
    _sign_in(page.context, server, coordinator)
    page.goto(f"{server.url}/trainer/classes/{session.pk}/attendance/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("出欠の記録")
    assert axe_violations(page) == []


@pytest.mark.skipif(not os.environ.get("TSUNAGU_SCREENSHOTS"), reason="set TSUNAGU_SCREENSHOTS=1")
def test_screenshots_of_the_trainer_pages(new_page, server, class_today):
    trainer, session, registrations = class_today
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = _tablet(new_page, server, trainer)
    _open_class(page, server, session)
    page.goto(f"{server.url}/trainer/")
    page.screenshot(path=SCREENSHOTS / "attendance-today-tablet.png", full_page=True)
    page.goto(f"{server.url}/trainer/classes/{session.pk}/")
    page.wait_for_selector("#trainer-app[data-ready=true]")
    server.stop()
    _row(page, "相模 一郎").get_by_role("button", name="出席", exact=True).click()
    _row(page, "藤野 はる").get_by_role("button", name="遅刻").click()
    _row(page, "城山 正").get_by_role("button", name="連絡あり欠席").click()
    page.wait_for_function("document.querySelector('#sync-status').dataset.waiting === '2'")
    page.screenshot(path=SCREENSHOTS / "attendance-class-offline-tablet.png", full_page=True)
    _row(page, "相模 一郎").get_by_role("button", name="できることチェック").click()
    page.screenshot(path=SCREENSHOTS / "attendance-can-do-tablet.png")
    server.start()
