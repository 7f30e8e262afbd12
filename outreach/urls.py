from django.urls import include, path

app_name = "outreach"

urlpatterns: list = [
    path("trainer/", include("outreach.urls_trainer")),
]
