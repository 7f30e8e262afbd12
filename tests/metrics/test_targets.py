"""Coordinators set a target per measure and year; the dashboard compares against it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import AuditEvent
from metrics.models import Target

pytestmark = pytest.mark.django_db

TARGETS = "/desk/figures/targets/"


@pytest.fixture
def desk(client, coordinator_with_totp):
    client.force_login(coordinator_with_totp)
    return client


def test_a_coordinator_sets_a_target_and_it_is_in_the_audit_log(desk, world):
    year = world.year.start_year
    response = desk.post(f"{TARGETS}?year={year}", {"residents_reached": "1200"})
    assert response.status_code == 302
    target = Target.objects.get(measure="residents_reached", fiscal_year=year)
    assert target.value == Decimal("1200")
    event = AuditEvent.objects.get(action="metrics.targets")
    assert event.detail["changes"] == {"residents_reached": [None, "1200"]}


def test_the_dashboard_shows_the_target_its_progress_and_the_years_pace(
    desk, world, no_suppression
):
    year = world.year.start_year
    Target.objects.create(measure="residents_reached", fiscal_year=year, value=8)
    body = desk.get(reverse("metrics:dashboard"), {"year": year}).content.decode()
    # Last year is over: the pace is the whole target; 4 of 8 is 50%, behind.
    assert "8人" in body and "50%" in body
    assert "目安に届いていません" in body


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "0以上の数を入力してください。"),
        ("abc", "数字で入力してください"),
        ("千二百", "数字で入力してください"),
    ],
)
def test_a_negative_or_non_numeric_target_is_a_form_error_and_nothing_is_saved(
    desk, world, value, message
):
    Target.objects.create(measure="classes_held", fiscal_year=world.year.start_year, value=50)
    response = desk.post(
        f"{TARGETS}?year={world.year.start_year}",
        {"residents_reached": value, "classes_held": "60"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and 'aria-invalid="true"' in body
    assert Target.objects.get(measure="classes_held").value == 50
    assert not Target.objects.filter(measure="residents_reached").exists()


def test_a_percentage_target_above_100_is_refused(desk, world):
    response = desk.post(f"{TARGETS}?year={world.year.start_year}", {"fill_rate": "120"})
    assert response.status_code == 400
    assert "100以下の数を入力してください" in response.content.decode()


def test_a_blank_field_clears_the_target(desk, world):
    Target.objects.create(measure="classes_held", fiscal_year=world.year.start_year, value=50)
    desk.post(f"{TARGETS}?year={world.year.start_year}", {"classes_held": ""})
    assert not Target.objects.exists()


def test_a_bad_year_in_the_address_is_a_polite_404(desk):
    response = desk.get(TARGETS, {"year": "next"})
    assert response.status_code == 404
    assert "年度は西暦の4けたで指定してください" in response.content.decode()


def test_figures_viewers_cannot_set_targets(client, figures_viewer, world):
    client.force_login(figures_viewer)
    assert client.get(TARGETS).status_code == 403
    assert client.post(TARGETS, {"residents_reached": "1"}).status_code == 403
    assert not Target.objects.exists()
    assert (
        reverse("metrics:targets") not in client.get(reverse("metrics:dashboard")).content.decode()
    )
