from django.urls import path

from metrics import views

app_name = "metrics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("targets/", views.targets, name="targets"),
    path("report/", views.report_page, name="report"),
    path("export/<slug:key>.<str:file_format>", views.export, name="export"),
]
