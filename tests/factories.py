"""factory-boy factories for the whole suite. Add an app's factories here, grouped by app."""

import datetime as dt
import uuid

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from core.models import Department, User
from core.roles import Role
from outreach.models import (
    AttendanceMark,
    CanDoStatement,
    ClassSession,
    District,
    Registration,
    Resident,
    Topic,
    Venue,
)

TEST_PASSWORD = "correct horse battery staple"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept{n}")
    name = factory.Sequence(lambda n: f"部署{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.jp")
    display_name = factory.Sequence(lambda n: f"職員 {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])
        if create:
            self.save()


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"district{n}")
    ward = "緑区"
    ward_en = "Midori"
    name = factory.Sequence(lambda n: f"地区{n}")
    name_kana = "ちく"
    name_en = factory.Sequence(lambda n: f"District {n}")
    is_mountainous = False
    flyer_number = factory.Sequence(lambda n: 50 + n)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"公民館{n}")
    name_en = factory.Sequence(lambda n: f"Community Hall {n}")
    district = factory.SubFactory(DistrictFactory)
    address = "相模原市緑区1-1"
    latitude = "35.600000"
    longitude = "139.300000"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    title = factory.Sequence(lambda n: f"講座{n}")
    title_en = factory.Sequence(lambda n: f"Topic {n}")
    level = Topic.Level.BASIC


def _next_week_at_ten():
    day = timezone.localdate() + dt.timedelta(days=7)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


class ClassSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassSession

    topic = factory.SubFactory(TopicFactory)
    venue = factory.SubFactory(VenueFactory)
    starts_at = factory.LazyFunction(_next_week_at_ten)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    capacity = 10
    status = ClassSession.Status.PUBLISHED


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    name = factory.Sequence(lambda n: f"相模 太郎{n}")
    name_kana = factory.Sequence(lambda n: f"さがみ たろう{n}")
    # 090-0000-0000 upwards: mobile numbers (SMS) that never reach a real person.
    phone = factory.Sequence(lambda n: f"+8190{n:08d}")
    district = factory.SubFactory(DistrictFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(ClassSessionFactory)
    resident = factory.SubFactory(ResidentFactory)
    phone = factory.LazyAttribute(lambda o: o.resident.phone)
    status = Registration.Status.CONFIRMED
    channel = Registration.Channel.WEB


class CanDoStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CanDoStatement

    topic = factory.SubFactory(TopicFactory)
    text = factory.Sequence(lambda n: f"できること{n}")


class AttendanceMarkFactory(factory.django.DjangoModelFactory):
    """A mark as a tablet makes it; `made_at` defaults to the class's start."""

    class Meta:
        model = AttendanceMark

    client_uuid = factory.LazyFunction(uuid.uuid4)
    registration = factory.SubFactory(RegistrationFactory)
    session = factory.LazyAttribute(lambda o: o.registration.session)
    kind = AttendanceMark.Kind.ATTENDANCE
    value = AttendanceMark.Attendance.PRESENT
    made_at = factory.LazyAttribute(lambda o: o.session.starts_at)


__all__ = ["Role", "TEST_PASSWORD"]
