from django.urls import include, path

from outreach import desk, desk_people, desk_privacy, desk_volunteers, views

app_name = "outreach"

urlpatterns = [
    # Residents
    path("classes/", views.class_list, name="class-list"),
    path("classes/<int:pk>/", views.class_detail, name="class-detail"),
    path("classes/<int:pk>/register/", views.class_register, name="class-register"),
    path("classes/<int:pk>/calendar.ics", views.class_calendar, name="class-calendar"),
    path("r/<str:token>/", views.registration_manage, name="registration-manage"),
    path("r/<str:token>/cancel/", views.registration_cancel, name="registration-cancel"),
    path("calendar/<str:token>.ics", views.trainer_feed, name="trainer-feed"),
    # Coordinator desk (and trainers' own rosters)
    path("desk/", desk.desk_home, name="desk-home"),
    path("desk/attendance/", desk.attendance_history, name="desk-attendance"),
    path("desk/phone/", desk.phone_registration, name="desk-phone"),
    path("desk/classes/new/", desk.class_create, name="desk-class-create"),
    path("desk/classes/<int:pk>/", desk.roster, name="desk-roster"),
    path("desk/classes/<int:pk>/edit/", desk.class_edit, name="desk-class-edit"),
    path("desk/classes/<int:pk>/print/", desk.roster_print, name="desk-roster-print"),
    path("desk/classes/<int:pk>/cancel/", desk.class_cancel, name="desk-class-cancel"),
    path("desk/classes/<int:pk>/publish/", desk.class_publish, name="desk-class-publish"),
    path(
        "desk/registrations/<int:pk>/cancel/",
        desk.registration_cancel,
        name="desk-registration-cancel",
    ),
    path(
        "desk/registrations/<int:pk>/move/", desk.registration_move, name="desk-registration-move"
    ),
    path("desk/volunteers/", desk_volunteers.volunteer_list, name="desk-volunteers"),
    path("desk/volunteers/new/", desk_volunteers.volunteer_create, name="desk-volunteer-create"),
    path(
        "desk/volunteers/<int:pk>/edit/",
        desk_volunteers.volunteer_edit,
        name="desk-volunteer-edit",
    ),
    path("desk/callbacks/", desk_people.callbacks, name="desk-callbacks"),
    path(
        "desk/callbacks/<int:pk>/confirm/",
        desk_people.callback_confirm,
        name="desk-callback-confirm",
    ),
    path(
        "desk/callbacks/<int:pk>/attach/", desk_people.callback_attach, name="desk-callback-attach"
    ),
    path("desk/residents/<int:pk>/", desk_people.resident_edit, name="desk-resident"),
    path(
        "desk/residents/<int:pk>/record/",
        desk_privacy.resident_export,
        name="desk-resident-record",
    ),
    path("desk/residents/<int:pk>/erase/", desk_privacy.resident_erase, name="desk-resident-erase"),
    path("desk/mine/", desk.my_classes, name="desk-my-classes"),
    path("desk/mine/feed/", desk.rotate_feed, name="desk-rotate-feed"),
    # Trainer pages (attendance), owned by the attendance area.
    path("trainer/", include("outreach.urls_trainer")),
]
