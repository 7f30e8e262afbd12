"""The staff-course desk in Chromium: axe-core finds nothing, and tables fit a 1024 px screen."""

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.fiscal import FiscalYear
from core.models import User
from core.roles import Role
from tests.browser.axe import axe_violations
from tests.browser.conftest import TABLET
from tests.factories import (
    CourseSessionFactory,
    DepartmentFactory,
    EnrolmentFactory,
    RequirementFactory,
    UserFactory,
)
from training.models import Enrolment

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TODAY = timezone.localdate()
FY = FiscalYear.of(TODAY)


def _sign_in(page, server_url, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server_url}]
    )


def _coordinator():
    coordinator = User.objects.filter(email="coordinator@example.jp").first() or UserFactory(
        role=Role.COORDINATOR
    )
    if not coordinator.authenticator_set.exists():
        TOTP.activate(coordinator, generate_totp_secret())
    return coordinator


@pytest.fixture
def progress_data(transactional_db):
    requirement = RequirementFactory(
        fiscal_year=FY.start_year, due_date=max(FY.start, TODAY - dt.timedelta(days=1))
    )
    for code, name in [("welfare", "高齢者支援課"), ("tax", "市民税課"), ("roads", "道路計画課")]:
        department = DepartmentFactory(code=code, name=name)
        for n in range(3):
            person = UserFactory(
                department=department, display_name=f"{name} 職員{n}", staff_number=f"{code}{n}"
            )
            if n == 0:
                EnrolmentFactory(
                    learner=person,
                    session=CourseSessionFactory(course=requirement.course),
                    status=Enrolment.Status.COMPLETED,
                    completed_at=timezone.now(),
                )
    return requirement


def _fits_the_width(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize(
    "path",
    [
        "/training/desk/progress/",
        "/training/desk/progress/overdue/",
        "/training/desk/requirements/",
        "/training/desk/",
        "/training/desk/courses/new/",
        "/en/training/desk/progress/",
    ],
)
def test_desk_pages_have_no_axe_violations_and_fit_1024px(
    live_server, progress_data, new_page, path
):
    page = new_page(viewport=TABLET)
    _sign_in(page, live_server.url, _coordinator())
    page.goto(f"{live_server.url}{path}")
    assert page.get_by_role("heading", level=1).is_visible()
    assert axe_violations(page) == []
    assert _fits_the_width(page)


def test_progress_table_reads_in_order_and_its_text_is_18px(live_server, progress_data, new_page):
    page = new_page(viewport=TABLET)
    _sign_in(page, live_server.url, _coordinator())
    page.goto(f"{live_server.url}/training/desk/progress/?sort=done")
    headers = page.locator("table.progress-table tbody th").all_inner_texts()
    assert headers == ["道路計画課", "市民税課", "高齢者支援課"]  # all 33.3 %: then by code
    size = page.evaluate(
        "() => getComputedStyle(document.querySelector('.progress-table td')).fontSize"
    )
    assert size == "18px"


def test_the_certificate_check_page_has_no_axe_violations(live_server, transactional_db, new_page):
    page = new_page()
    page.goto(f"{live_server.url}/training/certificates/ABCDE-23456/")
    assert page.get_by_role("heading", level=1).inner_text() == "修了証の確認"
    assert axe_violations(page) == []


@pytest.mark.skipif(not os.environ.get("TSUNAGU_SCREENSHOTS"), reason="set TSUNAGU_SCREENSHOTS=1")
def test_screenshots_of_the_training_desk(live_server, transactional_db, new_page):
    from tests.conftest import ensure_migration_data

    ensure_migration_data()
    call_command("seed_demo", "--password", "x", stdout=io.StringIO())
    page = new_page(viewport=TABLET)
    _sign_in(page, live_server.url, _coordinator())
    for path, name in [
        ("/training/desk/progress/?sort=done", "training-progress-tablet.png"),
        ("/training/desk/requirements/", "training-requirements-tablet.png"),
        ("/training/desk/", "training-sessions-tablet.png"),
        ("/desk/volunteers/", "volunteers-register-tablet.png"),
    ]:
        page.goto(f"{live_server.url}{path}")
        page.screenshot(path=SCREENSHOTS / name, full_page=True)
