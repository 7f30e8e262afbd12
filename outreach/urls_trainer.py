"""Trainer pages under /trainer/ (and /en/trainer/); included by outreach/urls.py.

The service worker and the manifest are served from here so that their scope
covers every trainer page in each language.
"""

from django.urls import path

from outreach import views_trainer as views

urlpatterns = [
    path("", views.today, name="trainer-today"),
    path("sw.js", views.service_worker, name="trainer-sw"),
    path("manifest.webmanifest", views.manifest, name="trainer-manifest"),
    path("classes/<int:session_id>/", views.class_roster, name="trainer-class"),
    path(
        "classes/<int:session_id>/attendance/",
        views.coordinator_attendance,
        name="trainer-class-attendance",
    ),
    path(
        "classes/<int:session_id>/walk-ins/<int:walk_in_id>/merge/",
        views.merge_walk_in,
        name="trainer-walk-in-merge",
    ),
]
