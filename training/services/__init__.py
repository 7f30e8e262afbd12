"""Every change of state in training is one named function here (STYLE.md §4).

enrolment.py: enrol, self-study, cancel, the waiting list. sessions.py: a
coordinator's edit, publish and cancel of a session. completion.py: attendance,
the self-study declaration and the quiz. Views, commands and the coordinator
pages all call these; each owns its transaction and queues its emails in it.
"""

from training.services.completion import (
    QuizResult,
    attendance_open,
    declare_self_study,
    mark_attendance,
    quiz_open,
    submit_quiz,
)
from training.services.enrolment import (
    cancel_enrolment,
    check_session_open,
    end_waiting_lists,
    enrol,
    enrol_self_study,
    learner_may_cancel,
    missing_prerequisites,
    promote_waitlist,
    waitlist_position,
)
from training.services.errors import (
    AlreadyEnrolled,
    CourseNotOpen,
    EnrolmentError,
    LearnerNotActive,
    NotAllowedNow,
    PrerequisitesMissing,
    SessionNotOpen,
    WrongFormat,
)
from training.services.sessions import cancel_session, publish_session, update_session

__all__ = [
    "AlreadyEnrolled",
    "CourseNotOpen",
    "EnrolmentError",
    "LearnerNotActive",
    "NotAllowedNow",
    "PrerequisitesMissing",
    "QuizResult",
    "SessionNotOpen",
    "WrongFormat",
    "attendance_open",
    "cancel_enrolment",
    "cancel_session",
    "check_session_open",
    "end_waiting_lists",
    "declare_self_study",
    "enrol",
    "enrol_self_study",
    "learner_may_cancel",
    "mark_attendance",
    "missing_prerequisites",
    "promote_waitlist",
    "publish_session",
    "quiz_open",
    "submit_quiz",
    "update_session",
    "waitlist_position",
]
