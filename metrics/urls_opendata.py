from django.urls import path

from metrics import views_opendata

app_name = "opendata"

urlpatterns = [
    path("events.csv", views_opendata.events_csv, name="events"),
    path("figures.csv", views_opendata.figures_csv, name="figures"),
]
