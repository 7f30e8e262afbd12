from django.urls import include, path

from training import certificate_views

app_name = "training"

urlpatterns = [
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
