from training.models.courses import Course, CourseSession, QuizChoice, QuizQuestion, SkillArea
from training.models.emails import EmailLog
from training.models.enrolments import Certificate, Enrolment
from training.models.feeds import LearnerCalendarFeed
from training.models.requirements import Requirement

__all__ = [
    "Certificate",
    "Course",
    "CourseSession",
    "EmailLog",
    "Enrolment",
    "LearnerCalendarFeed",
    "QuizChoice",
    "QuizQuestion",
    "Requirement",
    "SkillArea",
]
