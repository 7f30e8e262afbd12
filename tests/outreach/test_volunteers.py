"""The register of volunteer trainers, and choosing helpers for a class from it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from core.roles import Role
from outreach.forms import ClassSessionForm
from outreach.models import VolunteerTrainer
from tests.factories import (
    ClassSessionFactory,
    CourseFactory,
    CourseSessionFactory,
    DistrictFactory,
    EnrolmentFactory,
    UserFactory,
    VenueFactory,
)
from training.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, coordinator_with_totp):
    client.force_login(coordinator_with_totp)
    return client


@pytest.fixture
def fujino():
    return DistrictFactory(code="fujino", name="藤野", name_en="Fujino", is_mountainous=True)


def _volunteer(name, districts=(), **fields):
    user = UserFactory(display_name=name, role=Role.TRAINER)
    volunteer = VolunteerTrainer.objects.create(user=user, **fields)
    volunteer.districts.set(districts)
    return volunteer


def _trainer_course_done(user, day=dt.date(2026, 6, 20)):
    EnrolmentFactory(
        learner=user,
        session=CourseSessionFactory(
            course=CourseFactory(qualifies_trainers=True, title="推進委員 養成研修")
        ),
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.make_aware(dt.datetime.combine(day, dt.time(15))),
    )


def test_a_coordinator_adds_a_volunteer_with_the_districts_they_reach(desk, fujino):
    account = UserFactory(display_name="尾崎 和夫", role=Role.TRAINER)
    response = desk.post(
        reverse("outreach:desk-volunteer-create"),
        {
            "user": account.pk,
            "kind": "digital_promotion",
            "certification_number": "DP-14-0123",
            "certified_on": "2025-06-01",
            "districts": [fujino.pk],
            "weekdays": "on",
            "mornings": "on",
            "availability_note": "車で行けます",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    volunteer = VolunteerTrainer.objects.get(user=account)
    assert list(volunteer.districts.all()) == [fujino]
    assert volunteer.availability == ["平日", "午前"]
    assert AuditEvent.objects.filter(action="outreach.add_volunteer").exists()


def test_only_trainer_accounts_not_yet_registered_are_offered(desk, staff_learner):
    registered = _volunteer("登録済み")
    free = UserFactory(display_name="未登録の講師", role=Role.TRAINER)
    response = desk.get(reverse("outreach:desk-volunteer-create"))
    offered = list(response.context["form"].fields["user"].queryset)
    assert free in offered
    assert registered.user not in offered and staff_learner not in offered


def test_a_bad_date_is_a_form_error(desk):
    account = UserFactory(role=Role.TRAINER)
    response = desk.post(
        reverse("outreach:desk-volunteer-create"),
        {"user": account.pk, "kind": "other", "certified_on": "2025-02-30"},
    )
    assert response.status_code == 400
    assert "certified_on" in response.context["form"].errors


def test_the_register_shows_the_trainer_course_read_from_training(desk, fujino):
    volunteer = _volunteer("尾崎 和夫", [fujino], certification_number="DP-14-0123")
    _trainer_course_done(volunteer.user)
    _volunteer("長谷川 里美", [DistrictFactory()])

    response = desk.get(reverse("outreach:desk-volunteers"), {"district": fujino.pk})

    assert response.status_code == 200
    [shown] = response.context["volunteers"]
    assert shown == volunteer
    page = response.content.decode()
    assert "推進委員 養成研修（2026-06-20）" in page and "DP-14-0123" in page


def test_the_register_query_count_does_not_grow(desk, fujino, django_assert_max_num_queries):
    """Guards the N+1 of account, districts and trainer course per volunteer."""
    for n in range(2):
        _trainer_course_done(_volunteer(f"ボランティア{n}", [fujino]).user)
    url = reverse("outreach:desk-volunteers")
    assert desk.get(url).status_code == 200
    with django_assert_max_num_queries(30) as few:
        assert desk.get(url).status_code == 200
    for n in range(8):
        _trainer_course_done(_volunteer(f"追加{n}", [fujino, DistrictFactory()]).user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = desk.get(url)
    assert response.status_code == 200 and len(response.context["volunteers"]) == 10


@pytest.mark.parametrize("persona", ["trainer", "staff_learner", "instructor"])
def test_only_coordinators_see_the_register(client, request, persona):
    volunteer = _volunteer("尾崎 和夫")
    client.force_login(request.getfixturevalue(persona))
    for url in [
        reverse("outreach:desk-volunteers"),
        reverse("outreach:desk-volunteer-create"),
        reverse("outreach:desk-volunteer-edit", args=[volunteer.pk]),
    ]:
        assert client.get(url).status_code == 403


def test_helpers_who_reach_the_class_district_come_first_with_their_qualification(fujino):
    near = _volunteer(
        "わ 近くの人",
        [fujino],
        certification_number="DP-1",
        certified_on=dt.date(2025, 6, 1),
    )
    _trainer_course_done(near.user)
    far = _volunteer("あ 遠くの人", [DistrictFactory(name="中央")])
    staff_trainer = UserFactory(display_name="い 市の講師", role=Role.TRAINER)
    session = ClassSessionFactory(venue=VenueFactory(district=fujino))

    form = ClassSessionForm(instance=session)
    choices = [(value.instance, label) for value, label in form.fields["helpers"].choices]

    assert [user for user, _label in choices] == [
        near.user,
        far.user,
        staff_trainer,
    ]
    label = choices[0][1]
    assert "藤野に行けます" in label and "地区：藤野" in label
    assert "認定番号DP-1（2025-06-01認定）" in label
    assert "推進委員 養成研修 2026-06-20修了" in label
    assert choices[2][1] == "い 市の講師"


def test_an_inactive_volunteer_is_offered_only_where_already_helping(fujino):
    resting = _volunteer("休止中の人", [fujino], is_active=False)
    session = ClassSessionFactory(venue=VenueFactory(district=fujino))
    assert resting.user not in ClassSessionForm(instance=session).fields["helpers"].queryset
    session.helpers.add(resting.user)
    assert resting.user in ClassSessionForm(instance=session).fields["helpers"].queryset


def test_a_new_class_orders_helpers_by_the_venue_chosen(fujino):
    near = _volunteer("わ 近くの人", [fujino])
    _volunteer("あ 遠くの人", [])
    venue = VenueFactory(district=fujino)
    form = ClassSessionForm(data={"venue": str(venue.pk)})
    assert list(form.fields["helpers"].queryset)[0] == near.user
    garbled = ClassSessionForm(data={"venue": "not-a-number"})
    assert garbled.fields["helpers"].district is None
