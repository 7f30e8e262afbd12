"""factory-boy factories for the whole suite. Add an app's factories here, grouped by app."""

import datetime as dt
import uuid

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from core.fiscal import FiscalYear
from core.models import Department, User
from core.roles import Role
from outreach.models import (
    AttendanceMark,
    CanDoStatement,
    ClassSession,
    ConsentMethod,
    District,
    Registration,
    Resident,
    Topic,
    Venue,
)
from outreach.services import Consent
from training.models import (
    Course,
    CourseSession,
    Enrolment,
    QuizChoice,
    QuizQuestion,
    Requirement,
    SkillArea,
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


class CanDoStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CanDoStatement

    topic = factory.SubFactory(TopicFactory)
    text = factory.Sequence(lambda n: f"スマホでできること{n}")


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
    # 090-1xxx-xxxx: a real mobile range (090-0… is not allocated, and is refused).
    phone = factory.Sequence(lambda n: f"+81901{n:07d}")
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


# --- training (staff ICT-skill courses) ---------------------------------------------


class SkillAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"分野{n}")
    name_en = factory.Sequence(lambda n: f"Area {n}")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"course-{n}")
    title = factory.Sequence(lambda n: f"研修{n}")
    title_en = factory.Sequence(lambda n: f"Course {n}")
    skill_area = factory.SubFactory(SkillAreaFactory)
    level = Course.Level.BASIC
    format = Course.Format.IN_PERSON
    duration_minutes = 90


class CourseSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseSession

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(_next_week_at_ten)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=90))
    room = "本庁舎 第1会議室"
    capacity = 20
    status = CourseSession.Status.PUBLISHED


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    learner = factory.SubFactory(UserFactory, role=Role.STAFF_LEARNER)
    session = factory.SubFactory(CourseSessionFactory)
    course = factory.LazyAttribute(lambda o: o.session.course if o.session else None)
    status = Enrolment.Status.CONFIRMED


class QuizQuestionFactory(factory.django.DjangoModelFactory):
    """A question with three choices, the first one correct (`choices=False` for none)."""

    class Meta:
        model = QuizQuestion
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory, requires_quiz=True)
    text = factory.Sequence(lambda n: f"問題{n}")
    text_en = factory.Sequence(lambda n: f"Question {n}")
    sort_order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def choices(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for n, correct in enumerate((True, False, False)):
            QuizChoice.objects.create(
                question=self,
                text=f"選択肢{n}",
                text_en=f"Choice {n}",
                is_correct=correct,
                sort_order=n,
            )


def answers_for(course, *, correct: int) -> dict[int, int]:
    """Quiz answers (question id -> choice id) with the first `correct` questions right."""
    answers = {}
    for n, question in enumerate(course.questions.prefetch_related("choices")):
        choices = list(question.choices.all())
        right = next(c for c in choices if c.is_correct)
        wrong = next(c for c in choices if not c.is_correct)
        answers[question.pk] = (right if n < correct else wrong).pk
    return answers


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    fiscal_year = factory.LazyFunction(lambda: FiscalYear.current().start_year)
    course = factory.SubFactory(CourseFactory)
    audience = Requirement.Audience.EVERYONE
    due_date = factory.LazyAttribute(lambda o: dt.date(o.fiscal_year + 1, 3, 31))


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
