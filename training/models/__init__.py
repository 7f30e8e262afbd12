from training.models.courses import Course, CourseSession, QuizChoice, QuizQuestion, SkillArea
from training.models.enrolments import Certificate, Enrolment
from training.models.requirements import Requirement

__all__ = [
    "Certificate",
    "Course",
    "CourseSession",
    "Enrolment",
    "QuizChoice",
    "QuizQuestion",
    "Requirement",
    "SkillArea",
]
