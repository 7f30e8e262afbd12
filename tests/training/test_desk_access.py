"""Only coordinators reach the staff-course desk: learners and instructors get 403 everywhere."""

import pytest
from django.urls import reverse

from tests.factories import CourseSessionFactory, RequirementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_urls():
    session = CourseSessionFactory()
    requirement = RequirementFactory(course=session.course)
    area = session.course.skill_area
    get = [
        reverse("training:desk-home"),
        reverse("training:desk-session-create"),
        reverse("training:desk-session-edit", args=[session.pk]),
        reverse("training:desk-courses"),
        reverse("training:desk-course-create"),
        reverse("training:desk-course-edit", args=[session.course.pk]),
        reverse("training:desk-area-create"),
        reverse("training:desk-area-edit", args=[area.pk]),
        reverse("training:desk-requirements"),
        reverse("training:desk-requirement-create"),
        reverse("training:desk-requirement-edit", args=[requirement.pk]),
        reverse("training:desk-progress"),
        reverse("training:desk-progress-export", args=["csv"]),
        reverse("training:desk-progress-export", args=["xlsx"]),
        reverse("training:desk-overdue"),
        reverse("training:desk-overdue-export", args=["csv"]),
        reverse("training:desk-overdue-export", args=["xlsx"]),
    ]
    post = [
        reverse("training:desk-session-publish", args=[session.pk]),
        reverse("training:desk-requirement-delete", args=[requirement.pk]),
        reverse("training:desk-requirements-copy"),
    ]
    return get, post


@pytest.mark.parametrize("persona", ["staff_learner", "instructor", "trainer"])
def test_learners_instructors_and_trainers_get_403_on_every_desk_page(
    client, request, persona, desk_urls
):
    client.force_login(request.getfixturevalue(persona))
    get, post = desk_urls
    for url in get:
        assert client.get(url).status_code == 403, url
    for url in post:
        assert client.post(url).status_code == 403, url


def test_signed_out_visitors_are_sent_to_sign_in(client, desk_urls):
    get, post = desk_urls
    for url in get + post:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_coordinator_opens_every_desk_page(desk, desk_urls):
    get, _post = desk_urls
    for url in get:
        assert desk.get(url).status_code == 200, url
