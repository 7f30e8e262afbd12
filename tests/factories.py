"""factory-boy factories for the whole suite. Add an app's factories here, grouped by app."""

import datetime as dt

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from core.models import Department, User
from core.roles import Role
from outreach.models import (
    ClassSession,
    ConsentMethod,
    District,
    Registration,
    Resident,
    Topic,
    Venue,
)
from outreach.services import Consent

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
    """A registration as register() makes one: the resident's name, phone and consent."""

    class Meta:
        model = Registration

    session = factory.SubFactory(ClassSessionFactory)
    resident = factory.SubFactory(ResidentFactory)
    name = factory.LazyAttribute(lambda o: o.resident.name)
    name_kana = factory.LazyAttribute(lambda o: o.resident.name_kana)
    phone = factory.LazyAttribute(lambda o: o.resident.phone)
    language = factory.LazyAttribute(lambda o: o.resident.language)
    status = Registration.Status.CONFIRMED
    channel = Registration.Channel.WEB
    consented_at = factory.LazyFunction(timezone.now)
    consent_method = ConsentMethod.WEB_FORM


def consent(method: str = ConsentMethod.WEB_FORM) -> Consent:
    """A consent record as a channel makes it (the web form's ticked box by default)."""
    return Consent(method)


__all__ = ["Role", "TEST_PASSWORD"]
