from django.urls import include, path

from training import certificate_views
from training.views import calendars, instructor, learner

app_name = "training"

urlpatterns = [
    # Staff learners
    path("", learner.my_learning, name="my-learning"),
    path("courses/", learner.catalogue, name="catalogue"),
    path("courses/<int:pk>/", learner.course_detail, name="course"),
    path("courses/<int:pk>/self-study/", learner.start_self_study, name="self-study-start"),
    path("sessions/<int:pk>/enrol/", learner.enrol_in_session, name="enrol"),
    path("enrolments/<int:pk>/", learner.enrolment_detail, name="enrolment"),
    path("enrolments/<int:pk>/cancel/", learner.enrolment_cancel, name="enrolment-cancel"),
    path("enrolments/<int:pk>/declare/", learner.declare, name="enrolment-declare"),
    path("enrolments/<int:pk>/quiz/", learner.quiz, name="enrolment-quiz"),
    # Calendars
    path("sessions/<int:pk>/calendar.ics", calendars.session_calendar, name="session-calendar"),
    path("calendar/<str:token>.ics", calendars.learner_feed, name="learner-feed"),
    path("calendar/", calendars.rotate_feed, name="learner-feed-rotate"),
    # Instructors (and coordinators)
    path("instructor/", instructor.sessions, name="instructor-home"),
    path("instructor/sessions/<int:pk>/", instructor.roster, name="instructor-roster"),
    path(
        "instructor/enrolments/<int:pk>/attendance/",
        instructor.mark,
        name="instructor-mark",
    ),
    path(
        "instructor/sessions/<int:pk>/cancel/",
        instructor.session_cancel,
        name="instructor-session-cancel",
    ),
    # Coordinators' desk: planning, requirements, progress and exports.
    path("desk/", include("training.desk.urls")),
    # Certificates: the learner's own download, and the public check of a serial.
    path(
        "my/certificates/<int:pk>.pdf",
        certificate_views.certificate_download,
        name="certificate-download",
    ),
    path(
        "certificates/<str:serial>/",
        certificate_views.certificate_verify,
        name="certificate-verify",
    ),
]
