"""The coordinators' desk for staff courses, under /training/desk/ (included by training.urls)."""

from django.urls import path

from training.desk import courses, progress, requirements, sessions

urlpatterns = [
    path("", sessions.desk_home, name="desk-home"),
    path("sessions/new/", sessions.session_create, name="desk-session-create"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="desk-session-edit"),
    path("sessions/<int:pk>/publish/", sessions.session_publish, name="desk-session-publish"),
    path("courses/", courses.course_list, name="desk-courses"),
    path("courses/new/", courses.course_create, name="desk-course-create"),
    path("courses/<int:pk>/edit/", courses.course_edit, name="desk-course-edit"),
    path("areas/new/", courses.area_create, name="desk-area-create"),
    path("areas/<int:pk>/edit/", courses.area_edit, name="desk-area-edit"),
    path("requirements/", requirements.requirement_list, name="desk-requirements"),
    path("requirements/new/", requirements.requirement_create, name="desk-requirement-create"),
    path(
        "requirements/<int:pk>/edit/",
        requirements.requirement_edit,
        name="desk-requirement-edit",
    ),
    path(
        "requirements/<int:pk>/delete/",
        requirements.requirement_delete,
        name="desk-requirement-delete",
    ),
    path("requirements/copy/", requirements.requirements_copy, name="desk-requirements-copy"),
    path("progress/", progress.progress_page, name="desk-progress"),
    path("progress/export.<str:fmt>", progress.progress_export, name="desk-progress-export"),
    path("progress/overdue/", progress.overdue_page, name="desk-overdue"),
    path(
        "progress/overdue/export.<str:fmt>",
        progress.overdue_export,
        name="desk-overdue-export",
    ),
]
