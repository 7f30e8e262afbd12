"""The two ways of registering a person found by phone and name keep the same rules.

On PostgreSQL the web form and the API find (or make) the resident, lock the
class, count and write the place in one string of statements
(placing.place_person_postgresql); elsewhere, and for the desk, resident_for()
and place_locked() do it step by step. Each test runs both ways.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outreach.models import Registration, Resident
from outreach.services import (
    AlreadyRegistered,
    ClassNotFound,
    ClassNotOpen,
    cancel_class,
    register,
)
from tests.factories import ClassSessionFactory, ResidentFactory, consent

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[True, False], ids=["one-string", "step-by-step"])
def one_string(request, monkeypatch):
    if request.param and connection.vendor != "postgresql":
        pytest.skip("the one-string registration runs only on PostgreSQL")
    monkeypatch.setattr(
        "outreach.services.registration.can_place_in_one_round_trip", lambda: request.param
    )
    return request.param


def _web(session, name="相模 一郎", phone="042-700-1234", **kwargs):
    return register(
        session, name=name, name_kana="", phone=phone, channel="web", consent=consent(), **kwargs
    )


def test_the_resident_on_file_with_this_phone_and_name_is_linked_and_unchanged(one_string):
    on_file = ResidentFactory(name="相模一郎", phone="+81427001234", language="en")
    registration = _web(ClassSessionFactory(), language="ko")
    assert registration.resident_id == on_file.pk
    assert Resident.objects.count() == 1
    on_file.refresh_from_db()
    assert on_file.language == "en"  # what a stranger submits changes nothing on file


def test_a_newcomer_gets_one_new_resident_with_what_was_given(one_string):
    ResidentFactory(name="相模 花子", phone="+81427001234")  # same line, another person
    registration = _web(ClassSessionFactory(), language="vi", age_band="75to84")
    made = Resident.objects.get(pk=registration.resident_id)
    assert (made.name, made.name_key, str(made.phone)) == ("相模 一郎", "相模一郎", "+81427001234")
    assert (made.language, made.age_band) == ("vi", "75to84")
    assert made.consented_at is not None
    assert Resident.objects.count() == 2


def test_a_refused_registration_leaves_no_resident_behind(one_string):
    session = ClassSessionFactory(capacity=3)
    _web(session)
    with pytest.raises(AlreadyRegistered):
        _web(session, name="相模一郎")
    closed = ClassSessionFactory()
    stale = type(closed).objects.get(pk=closed.pk)
    cancel_class(closed, reason="台風")
    with pytest.raises(ClassNotOpen):
        _web(stale, name="津久井 太郎", phone="042-784-0000")
    assert list(Resident.objects.values_list("name", flat=True)) == ["相模 一郎"]
    assert Registration.objects.filter(session=closed).count() == 0


def test_by_the_class_id_alone_the_class_is_checked_the_same_either_way(one_string):
    """The API passes only the id: a missing class, a cancelled one and an open one
    are told apart as when the class was read first, and nobody is left behind."""
    open_class, cancelled = ClassSessionFactory(capacity=1), ClassSessionFactory()
    cancel_class(cancelled, reason="台風")
    assert _web(open_class.pk).status == "confirmed"
    assert _web(open_class.pk, name="相模 花子").status == "waitlisted"
    with pytest.raises(ClassNotFound, match="見つかりません"):
        _web(cancelled.pk + 1000, name="津久井 太郎", phone="042-784-0000")
    with pytest.raises(ClassNotOpen, match="中止"):
        _web(cancelled.pk, name="津久井 太郎", phone="042-784-0000")
    assert sorted(Resident.objects.values_list("name", flat=True)) == ["相模 一郎", "相模 花子"]


def test_the_waiting_list_position_is_the_same_either_way(one_string):
    session = ClassSessionFactory(capacity=1)
    first = _web(session)
    second = _web(session, name="相模 花子")
    third = _web(session, name="相模 祖母", party_size=2)
    assert [r.status for r in (first, second, third)] == ["confirmed", "waitlisted", "waitlisted"]
    assert (first.arrival_position, second.arrival_position, third.arrival_position) == (
        None,
        1,
        2,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_web_registration_is_one_round_trip_to_postgresql(monkeypatch):
    """No BEGIN, no resident lookup of its own, no COMMIT: one string, committed as a whole.
    (The messages it announces are planned by messaging, counted elsewhere.)"""
    if connection.vendor != "postgresql":
        pytest.skip("the one-string registration runs only on PostgreSQL")
    monkeypatch.setattr("outreach.services.registration._send_on_commit", lambda *a: None)
    session = ClassSessionFactory(capacity=5)
    with CaptureQueriesContext(connection) as queries:
        registration = _web(session)
    assert len(queries) == 1, [q["sql"][:80] for q in queries]
    assert Registration.objects.get(pk=registration.pk).resident.name == "相模 一郎"
    with CaptureQueriesContext(connection) as queries:  # by the id alone, as the API does
        registration = _web(session.pk, name="相模 花子")
    assert len(queries) == 1, [q["sql"][:80] for q in queries]
    assert registration.status == "confirmed"
