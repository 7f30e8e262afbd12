from outreach.models.attendance import AttendanceMark, CanDoStatement, WalkIn
from outreach.models.classes import ClassSession, ClassSessionQuerySet, District, Topic, Venue
from outreach.models.feeds import CalendarFeed
from outreach.models.people import (
    AgeBand,
    ConsentMethod,
    Registration,
    RegistrationQuerySet,
    Resident,
    ResidentQuerySet,
    new_manage_token,
)
from outreach.models.volunteers import VolunteerTrainer

__all__ = [
    "AgeBand",
    "ConsentMethod",
    "ResidentQuerySet",
    "AttendanceMark",
    "CanDoStatement",
    "WalkIn",
    "CalendarFeed",
    "ClassSession",
    "ClassSessionQuerySet",
    "District",
    "Registration",
    "RegistrationQuerySet",
    "Resident",
    "Topic",
    "Venue",
    "VolunteerTrainer",
    "new_manage_token",
]
