"""Completion certificates: a one-page A4 PDF issued once, and the public check of a serial."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.models import AuditEvent
from tests.factories import CourseFactory, CourseSessionFactory, EnrolmentFactory, UserFactory
from training.certificates import issue_certificate
from training.models import Certificate, Enrolment

pytestmark = pytest.mark.django_db

A4_POINTS = (595.28, 841.89)  # 210 × 297 mm


@pytest.fixture
def completed(staff_learner):
    course = CourseFactory(title="情報セキュリティ基礎", duration_minutes=90)
    return EnrolmentFactory(
        learner=staff_learner,
        session=CourseSessionFactory(course=course),
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.make_aware(dt.datetime(2026, 6, 12, 15, 0)),
    )


def _download(client, enrolment):
    return client.get(reverse("training:certificate-download", args=[enrolment.pk]))


@override_settings(PUBLIC_BASE_URL="https://tsunagu.example.jp")
def test_the_certificate_is_one_a4_page_with_serial_and_verification_address(
    client, staff_learner, completed
):
    client.force_login(staff_learner)
    response = _download(client, completed)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    certificate = Certificate.objects.get(enrolment=completed)
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS
    text = reader.pages[0].extract_text()
    assert certificate.serial in text
    assert "城山 健" in text and "情報セキュリティ基礎" in text
    assert "2026年6月12日" in text and "1.5時間" in text
    url = f"https://tsunagu.example.jp/training/certificates/{certificate.serial}/"
    assert url in text.replace("\n", "")


def test_what_is_certified_is_copied_at_issue_and_the_serial_never_changes(
    client, staff_learner, completed
):
    client.force_login(staff_learner)
    _download(client, completed)
    first = Certificate.objects.get()
    assert (first.holder_name, first.course_title, first.completed_on, first.hours) == (
        "城山 健",
        "情報セキュリティ基礎",
        dt.date(2026, 6, 12),
        Decimal("1.5"),
    )
    completed.course.title = "情報セキュリティ基礎（改訂）"
    completed.course.save(update_fields=["title"])

    _download(client, completed)
    again = Certificate.objects.get()
    assert again.serial == first.serial and again.course_title == "情報セキュリティ基礎"


def test_a_learner_cannot_download_someone_elses_or_an_unfinished_one(client, completed):
    other = UserFactory()
    client.force_login(other)
    assert _download(client, completed).status_code == 404
    client.force_login(completed.learner)
    unfinished = EnrolmentFactory(learner=completed.learner)
    assert _download(client, unfinished).status_code == 404
    assert not Certificate.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, completed):
    response = _download(client, completed)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_coordinator_prints_anyones_and_it_is_audited(client, coordinator_with_totp, completed):
    client.force_login(coordinator_with_totp)
    assert _download(client, completed).status_code == 200
    event = AuditEvent.objects.get(action="training.download_certificate")
    assert event.actor == coordinator_with_totp
    assert event.detail == {"learner": completed.learner_id}


def test_a_learner_downloading_their_own_is_not_audited(client, staff_learner, completed):
    client.force_login(staff_learner)
    _download(client, completed)
    assert not AuditEvent.objects.filter(action="training.download_certificate").exists()


def test_the_verification_page_shows_name_course_and_date_only(client, completed):
    certificate = issue_certificate(completed)
    response = client.get(reverse("training:certificate-verify", args=[certificate.serial]))

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    assert "本物です" in page
    for shown in ["城山 健", "情報セキュリティ基礎", "2026年6月12日", certificate.serial]:
        assert shown in page
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert main.count("<dd>") == 4  # serial, name, course, date: nothing more
    for hidden in [completed.learner.email, "1.5", "研修時間", "本庁舎", "職員番号"]:
        assert hidden not in main


def test_a_serial_typed_in_lower_case_is_found(client, completed):
    certificate = issue_certificate(completed)
    url = reverse("training:certificate-verify", args=[certificate.serial.lower()])
    assert client.get(url).status_code == 200


def test_a_revoked_certificate_says_it_is_no_longer_valid(client, completed):
    certificate = issue_certificate(completed)
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    response = client.get(reverse("training:certificate-verify", args=[certificate.serial]))
    assert response.status_code == 200
    assert "いまは有効ではありません" in response.content.decode()
    client.force_login(completed.learner)
    assert _download(client, completed).status_code == 404


def test_an_unknown_serial_gets_a_polite_404(client, db):
    response = client.get(reverse("training:certificate-verify", args=["ZZZZZ-99999"]))
    assert response.status_code == 404
    assert "見つかりません" in response.content.decode()


def test_the_english_verification_page_is_in_english(client, completed):
    certificate = issue_certificate(completed)
    response = client.get(f"/en/training/certificates/{certificate.serial}/")
    assert response.status_code == 200
    assert "genuine" in response.content.decode()


@override_settings(REGISTRATION_RATE_LIMIT="2/m")
def test_the_verification_page_is_rate_limited(client, db, rate_limit_window):
    url = reverse("training:certificate-verify", args=["ABCDE-23456"])
    assert [client.get(url).status_code for _ in range(3)] == [404, 404, 429]


def test_two_first_downloads_issue_one_certificate(completed):
    first = issue_certificate(completed)
    second = issue_certificate(Enrolment.objects.get(pk=completed.pk))
    assert first.pk == second.pk and Certificate.objects.count() == 1


def test_an_account_without_a_name_never_shows_its_email_on_the_certificate(client):
    nameless = UserFactory(display_name="", email="no.name@example.jp")
    enrolment = EnrolmentFactory(
        learner=nameless, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )
    certificate = issue_certificate(enrolment)
    page = client.get(reverse("training:certificate-verify", args=[certificate.serial]))
    assert certificate.holder_name == ""
    assert "no.name@example.jp" not in page.content.decode()
