"""The figures pages: who may see them, what a bad address gets, and nothing personal anywhere."""

import pytest
from django.urls import reverse

from core.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/desk/figures/"


@pytest.fixture
def viewer_client(client, figures_viewer):
    client.force_login(figures_viewer)
    return client


@pytest.fixture
def coordinator_client(client, coordinator_with_totp):
    client.force_login(coordinator_with_totp)
    return client


def test_a_figures_viewer_lands_on_the_figures_after_signing_in(viewer_client):
    response = viewer_client.get(reverse("core:after-login"))
    assert response.url == reverse("metrics:dashboard") == DASHBOARD


def test_the_dashboard_shows_last_years_measures_with_their_definitions(viewer_client, world):
    response = viewer_client.get(DASHBOARD, {"year": world.year.start_year})
    body = response.content.decode()
    assert response.status_code == 200
    assert world.year.wareki_label in body
    assert "参加した人（実人数）" in body
    assert "同じ人が何回来ても1人と数えます" in body
    assert body.count("<svg") == 9
    assert "職員の必修研修の修了率" in body


def test_coordinators_see_the_figures_too_and_the_link_to_set_targets(coordinator_client, world):
    body = coordinator_client.get(DASHBOARD).content.decode()
    assert reverse("metrics:targets") in body


def test_trainers_and_staff_learners_may_not_see_the_figures(client, trainer, staff_learner):
    for user in (trainer, staff_learner):
        client.force_login(user)
        assert client.get(DASHBOARD).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "1999"}, "その年度の集計はありません"),
        ({"year": "abc"}, "その年度の集計はありません"),
        ({"district": "atlantis"}, "その地区は見つかりません"),
        ({"topic": "time-travel"}, "その講座は見つかりません"),
    ],
)
def test_an_unknown_year_district_or_topic_gets_the_form_with_a_polite_error(
    viewer_client, world, query, message
):
    response = viewer_client.get(DASHBOARD, query)
    assert response.status_code == 404
    assert message in response.content.decode()
    assert 'name="year"' in response.content.decode()


def test_an_unknown_export_is_a_404(viewer_client, world):
    assert viewer_client.get(DASHBOARD + "export/nothing.csv").status_code == 404
    assert viewer_client.get(DASHBOARD + "export/districts.pdf").status_code == 404
    assert viewer_client.get(DASHBOARD + "export/all.csv").status_code == 404


def test_the_dashboards_query_count_does_not_grow_with_the_data(
    viewer_client, world, django_assert_num_queries
):
    """Guards an N+1 over classes, registrations, districts or topics on the figures page.

    25: session, user, roles, refresh state, years, districts, topics; targets; five for
    both years' totals (people by attribute, registrations, repeaters, classes, messages);
    four per year for required staff courses (training.progress: requirements, staff,
    completions, open enrolments); and the cuts that need their own grouping (months,
    topics, channels, can-do).
    """
    from metrics.refresh import refresh_figures
    from tests.factories import (
        ClassSessionFactory,
        DepartmentFactory,
        RegistrationFactory,
        RequirementFactory,
    )

    for year in (world.year, world.year.previous):
        RequirementFactory(fiscal_year=year.start_year, due_date=year.end)
    UserFactory(department=DepartmentFactory(code="welfare"))
    query = {"year": world.year.start_year}
    viewer_client.get(DASHBOARD, query)
    with django_assert_num_queries(25) as small:
        assert viewer_client.get(DASHBOARD, query).status_code == 200
    a = world.classes["A"]
    for _ in range(5):
        session = ClassSessionFactory(topic=a.topic, venue=a.venue, starts_at=a.starts_at)
        for _ in range(4):
            RegistrationFactory(session=session)
        UserFactory(department=DepartmentFactory(code="welfare"))
    refresh_figures()
    with django_assert_num_queries(len(small.captured_queries)):
        assert viewer_client.get(DASHBOARD, query).status_code == 200


def test_a_coordinator_without_the_viewer_role_is_not_needed_for_targets(client, world):
    viewer = UserFactory(role=Role.FIGURES_VIEWER)
    client.force_login(viewer)
    assert client.get(reverse("metrics:targets")).status_code == 403
