"""Coordinator pages, included by the lead at desk/messages/ (translated URLs)."""

from django.urls import path

from messaging import views_desk

app_name = "messaging_desk"

urlpatterns = [
    path("", views_desk.outbox, name="outbox"),
    path("<int:pk>/resend/", views_desk.resend, name="resend"),
    path("inbox/", views_desk.inbox, name="inbox"),
    path("inbox/<int:pk>/handled/", views_desk.inbox_handled, name="inbox-handled"),
    path("opt-outs/", views_desk.optouts, name="optouts"),
    path("opt-outs/<int:pk>/remove/", views_desk.optout_remove, name="optout-remove"),
    path("texts/", views_desk.template_list, name="templates"),
    path(
        "texts/<str:purpose>/<str:language>/<str:channel>/",
        views_desk.template_edit,
        name="template-edit",
    ),
    path("costs/", views_desk.costs, name="costs"),
    path("class/<int:session_id>/", views_desk.class_messages, name="class"),
]
