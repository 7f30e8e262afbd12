from outreach.models.attendance import AttendanceMark, CanDoStatement, WalkIn
from outreach.models.classes import ClassSession, ClassSessionQuerySet, District, Topic, Venue
from outreach.models.people import Registration, RegistrationQuerySet, Resident, new_manage_token

__all__ = [
    "AttendanceMark",
    "CanDoStatement",
    "WalkIn",
    "ClassSession",
    "ClassSessionQuerySet",
    "District",
    "Registration",
    "RegistrationQuerySet",
    "Resident",
    "Topic",
    "Venue",
    "new_manage_token",
]
